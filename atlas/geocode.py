"""Turn a place name as people type it into one row of the gazetteer — or say honestly that it cannot.

:class:`Geocoder` builds its indexes once from a gazetteer table (see :mod:`atlas.gazetteer`):

* every name of every row (local, German, English, Polish, Ukrainian and alternate names, plus the
  German and Polish transcriptions of the Cyrillic name) under its search key, under the key of its
  core without administrative words (Landkreis, powiat, громада …) and under its phonetic skeleton;
* the admin1 units (Länder, voivodeships, oblasts) under every name and code people use for them.

:meth:`Geocoder.resolve` looks a name up tier by tier — the whole name; the name without its
affixes as the name of a unit (Долинська громада) or of a plain place (Долинська); the same sound;
for Ukrainian hromadas and raions the settlement they are named after; a qualifier without brackets
("Neustadt Holstein") or a town's title in front ("Klingenstadt Solingen"); last the names one typo away
("Landshtu"), then a fuzzy match (never after the Polish "w": "Urząd Miejski w Nowym Targu" is looked up as
the nominatives of its locative) — keeps
the candidates the country, admin1 and kind allow ("Altenstadt, Hessen" and "Altenstadt (Hessen)" give
admin1 too; "Oldenburg (Landkreis)" the kind), and decides:

* one candidate, or one clearly ahead — the kind asked for, the qualifier that fits ("(Oder)",
  "am Main"), the spelling typed exactly (Fürth, not Furth), the place whose own name it is
  (Slowjansk, not a town with that old name; Oleksandrivka, typed as the villages' romanised own name,
  not Donetsk's old one), a town when "Stadt"/"miasto"/"м." says so, all candidates within a few
  kilometres of each other, one settlement 3 times larger than the rest (Chernivtsi the city, not the
  village; not when a municipality is asked for and the larger one is a city; never among hromadas or
  raions of one name), of Ukrainian namesakes the one a hromada is centred on; a qualifier naming the
  district or hromada ("Taufkirchen (Landkreis München)", "(pow. olsztyński)", "(Horlivskyi Raion)") keeps
  the candidates inside it, one naming a river or area may be abbreviated ("a.d. Weinstr.") → ``matched``;
* several that cannot be told apart → ``ambiguous`` with the candidates;
* nothing → ``unmatched``.

It never guesses silently: every answer carries a ``reason`` saying how it was reached.
Measured (tests/test_geocode_accuracy.py, 2026-11-26): generated list A (679 endpoints) 98.1 % right,
0.1 % wrong (with admin1 99.0 % / 0 %, without 96.6 % / 0.4 %); list B (683, half without admin1) 97.2 % /
0.4 % (with admin1 99.0 % / 0 %, without 95.7 % / 0.8 %); 220 hand-typed endpoints all right; 911 of the
912 record ends matched (some through geodata/record_hints.csv), the other (P0006 Altenstadt) is a name
two Bavarian municipalities bear, as the record's note says.
"""

from __future__ import annotations

import bisect
import csv
import gc
import hashlib
import math
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from atlas import GEODATA_DIR, diskcache
from atlas.normalise import kind_hint, qualifier_texts, qualifier_words, search_key, strip_affixes
from atlas.translit import has_cyrillic, phonetic_key, to_german, to_latin_national, to_polish

__all__ = ["Candidate", "Geocoder", "Match", "admin1_aliases"]

ADMIN1_FILE = "geonames_admin1_de_pl_ua.csv"

# Fuzzy matching is the last resort: only keys this similar (rapidfuzz ratio, 0–100) count; every
# candidate within FUZZY_MARGIN of the best is weighed. Tuned on one-letter typos (deleted, swapped,
# replaced) of the 567 longer names of tests/data/eval_endpoints.csv: threshold 85 → 80 % right,
# 1.4 % wrong; 88 → 71 % / 1.2 %; 90 → 66 % / 1.1 %; 95 → 28 % / 0.5 % (the rest abstains).
FUZZY_THRESHOLD = 88.0
INDEX_FILES_KEPT = 4  # name-index files of older gazetteers or code kept in the cache folder
FUZZY_MARGIN = 4.0
# Before that, the places one typo away (a letter left out, added, changed, or two swapped: OSA distance 1)
# from a name of at least TYPO_MIN_LENGTH letters, among the keys rapidfuzz finds down to TYPO_CUTOFF (a swap
# costs two in its ratio: "Landshtu" is 88 from Landshut and 94 from Landstuhl). 2026-11-26, one random typo
# in each of the 7,578 names of 7 or more letters on thirteen generated lists: 72.2 -> 83.5 % right, 1.30 ->
# 1.06 % wrong on five of them (half of admin1 missing), 84.3 % / 0.94 % on eight drawn by default. Letting
# no size decide among typo matches: 80.5 % / 0.72 % (more right answers lost than wrong ones saved).
TYPO_CUTOFF = 75.0
TYPO_MIN_LENGTH = 6
# Same-named candidates closer than this to the best one are one place for the user's purpose.
SAME_PLACE_KM = {"city": 8.0, "municipality": 8.0, "district": 20.0, "region": 60.0}
# A place wins over same-named ones when it is this many times larger (Chernivtsi city vs a village,
# Józefów the town of 18,000 vs the village of 1,800) and has at least MIN_DOMINANT_POPULATION people; when a
# municipality was asked for and the larger one is a city, only at KIND_CONFLICT_DOMINANCE ("Fürth,
# Gemeinde" is the one in the Odenwald, not the city 13 times its size). Sizes decide between settlements
# only, never between Ukrainian hromadas or raions of one name (see _decide). 2026-11-26, eighteen lists
# drawn that day (12,294 endpoints) and ten others as a check (6,825), with the units left out:
# factor 5 and 5,000 people 97.23 % right / 0.17 % wrong (check 96.89 / 0.19), 3 and 3,000 97.63 / 0.19
# (check 97.36 / 0.22), 2 and 3,000 97.84 / 0.28 (check 97.52 / 0.37, one list at 0.73 %), 1.5 more right
# still but wrong on the check lists up to 0.73 % on three. 3 keeps "by far" honest: a town twice the size
# of its namesake is not clearly the one meant.
POPULATION_DOMINANCE = 3.0
KIND_CONFLICT_DOMINANCE = 15.0
MIN_DOMINANT_POPULATION = 3000
# The place spelled exactly as typed (Fürth, not Furth) wins unless another is this many times larger.
SPELLING_DOMINANCE = 15.0
# Of Ukrainian namesakes the one a hromada is centred on wins, unless another is this many times larger
# (one Нове, 940 people, centres a hromada; another Нове has 8,533). Fifteen generated lists, 10,238
# endpoints: 0.61 -> 0.51 % wrong, 97.33 -> 97.40 % right. Factors 2 to 5 gave 0.47-0.50 % wrong but put
# list B over 1 % (one Molodizhne, 7,597 people, whose namesake has 44,000), 10 gave 0.55 %.
CENTRE_YIELD = 7.0
# A foreign place's Cyrillic label (GeoNames) yields to a Ukrainian town this many times larger that bears the
# typed text as its Russian name (see _decide). None of the 19,119 endpoints of 28 generated lists changes.
CYRILLIC_LABEL_YIELD = 10.0
# Ukrainian units of government: hromadas and raions (see POPULATION_DOMINANCE).
_UNIT_PREFIXES = ("ua-hromada:", "ua-raion:")
# District rows that are a town (kreisfreie Stadt, Stadtkreis, miasto na prawach powiatu) answer "city" too.
_TOWN_DISTRICT = re.compile(r"^(kreisfreie stadt|stadtkreis|powiat miasto) ", re.IGNORECASE)

_KIND_ORDER = ("city", "municipality", "district", "region")
_COMPATIBLE_KINDS = {
    "city": ("municipality",),
    "municipality": ("city",),
    "district": ("city",),
    "region": (),
}
# Admin1 units users mix up: Kyiv city lies inside Kyiv oblast, Sevastopol inside Crimea, Berlin
# boroughs are written with "Berlin" or "Brandenburg" rarely — only the first two are merged.
_ADMIN1_GROUPS = ({"UA-30", "UA-32"}, {"UA-40", "UA-43"})

# What Ukrainians call their oblasts in speech and news (Львівщина, Одещина, Прикарпаття), and the Russian
# names still found in older lists (Львовская область). The Latin spellings of both come from the
# transcriptions (Lvivshchyna, Lwiwschtschyna, Lvovskaya share a sound). Facts of usage, compiled here.
_UA_REGION_NAMES: dict[str, tuple[str, ...]] = {
    "UA-05": ("Вінниччина", "Винницкая"), "UA-07": ("Волинь", "Волынская"), "UA-09": ("Луганщина", "Луганская"),
    "UA-12": ("Дніпропетровщина", "Дніпрощина", "Днепропетровская"), "UA-14": ("Донеччина", "Донецкая"),
    "UA-18": ("Житомирщина", "Житомирская"), "UA-21": ("Закарпатская",), "UA-23": ("Запоріжчина", "Запорожская"),
    "UA-26": ("Івано-Франківщина", "Прикарпаття", "Prykarpattia", "Ивано-Франковская"),
    "UA-32": ("Київщина", "Киевская"), "UA-35": ("Кіровоградщина", "Кропивниччина", "Кировоградская"),
    "UA-46": ("Львівщина", "Львовская"), "UA-48": ("Миколаївщина", "Николаевская"), "UA-51": ("Одещина", "Одесская"),
    "UA-53": ("Полтавщина", "Полтавская"), "UA-56": ("Рівненщина", "Ровенская"), "UA-59": ("Сумщина", "Сумская"),
    "UA-61": ("Тернопільщина", "Тернопольская"), "UA-63": ("Харківщина", "Слобожанщина", "Харьковская"),
    "UA-65": ("Херсонщина", "Херсонская"), "UA-68": ("Хмельниччина", "Хмельницкая"),
    "UA-71": ("Черкащина", "Черкасская"), "UA-74": ("Чернігівщина", "Черниговская"), "UA-77": ("Черновицкая",),
}

_COUNTRY_WORDS = {
    "de": "DE", "deu": "DE", "ger": "DE", "germany": "DE", "deutschland": "DE", "niemcy": "DE", "nimechchyna": "DE",
    "pl": "PL", "pol": "PL", "poland": "PL", "polen": "PL", "polska": "PL", "polshcha": "PL",
    "ua": "UA", "ukr": "UA", "ukraine": "UA", "ukraina": "UA", "ukrajina": "UA", "ukrajine": "UA",
}

# Names of admin1 units beyond the GeoNames table: German and English short forms, the letter codes
# of ISO 3166-2:PL (since 2023), common German abbreviations. Facts, compiled for this project.
_ADMIN1_EXTRA: dict[str, tuple[str, ...]] = {
    "DE-BW": ("BW", "BaWü", "Ba-Wü"), "DE-BY": ("BY", "Freistaat Bayern"), "DE-HB": ("HB",),
    "DE-HH": ("HH",), "DE-HE": ("HE",), "DE-NI": ("NI", "Nds"), "DE-NW": ("NW", "NRW"),
    "DE-RP": ("RP", "RLP"), "DE-SL": (), "DE-SH": ("SH",), "DE-BB": ("BB",),
    "DE-MV": ("MV", "Meck-Pomm", "Mecklenburg"), "DE-SN": ("SN", "Freistaat Sachsen"),
    "DE-ST": ("ST", "LSA"), "DE-TH": ("TH", "Freistaat Thüringen", "Thuringen"), "DE-BE": ("BE",),
    "PL-02": ("DS", "Niederschlesien", "Lower Silesia", "Dolny Śląsk"),
    "PL-04": ("KP", "Kujawien-Pommern", "Kuyavia-Pomerania"),
    "PL-10": ("LD", "Lodsch", "Łódź"), "PL-06": ("LU", "Lublin", "Lubelszczyzna"), "PL-08": ("LB", "Lebus", "Lubusz"),
    "PL-12": ("MA", "Kleinpolen", "Lesser Poland", "Małopolska"),
    "PL-14": ("MZ", "Masowien", "Masovia", "Mazowsze"), "PL-16": ("OP", "Oppeln", "Opole"),
    "PL-18": ("PK", "Karpatenvorland", "Vorkarpaten", "Subcarpathia", "Podkarpacie"),
    "PL-20": ("PD", "Podlachien", "Podlasien", "Podlasie"), "PL-22": ("PM", "Pommern", "Pomerania", "Pomorze"),
    "PL-24": ("SL", "Schlesien", "Silesia", "Śląsk"), "PL-26": ("SK", "Heiligkreuz", "Holy Cross"),
    "PL-28": ("WN", "Ermland-Masuren", "Warmia-Masuria", "Warmia and Masuria"),
    "PL-30": ("WP", "Großpolen", "Greater Poland", "Wielkopolska"),
    "PL-32": ("ZP", "Westpommern", "West Pomerania"),
    "UA-07": ("Wolhynien", "Volhynia", "Wolyn"), "UA-21": ("Transkarpatien", "Transcarpathia", "Закарпаття"),
    "UA-30": ("Kiew", "Kiev", "Kijów", "Stadt Kyjiw", "Kyiv City", "місто Київ", "м. Київ"),
    "UA-32": ("Oblast Kiew", "Kiev Oblast", "Kyivska"), "UA-43": ("Krim", "Crimea", "Krym", "Крим"),
    "UA-46": ("Lemberg", "Lwów", "Lvov"), "UA-51": ("Odessa",), "UA-63": ("Charkow", "Kharkov"),
    "UA-12": ("Dnipro", "Dnepropetrovsk"), "UA-35": ("Kropywnyzkyj", "Kropyvnytskyi"),
    "UA-05": ("Winniza", "Vinnytsya"), "UA-77": ("Czernowitz", "Bukowina"),
}


@dataclass(frozen=True)
class Candidate:
    """One gazetteer row the geocoder considered."""

    municipality_id: str
    name: str
    kind: str
    country: str
    admin1_code: str
    district_name: str
    lat: float
    lon: float
    population: int

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.district_name, self.admin1_code) if part)
        return f"{self.name} ({self.kind}, {where}) [{self.municipality_id}]"


@dataclass(frozen=True)
class Match:
    """The answer for one name: ``matched`` (with id and coordinates), ``ambiguous`` or ``unmatched``."""

    status: str
    municipality_id: str | None
    lat: float | None
    lon: float | None
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    reason: str = ""

    @property
    def matched(self) -> bool:
        return self.status == "matched"


def polish_nominatives(text: str) -> list[str]:
    """The names a Polish locative can come from ("Nowym Targu" -> "Nowy Targ", "Krośnie" -> "Krośno",
    "Krosno"), most likely first; the text itself is not among them. Spelling rules only: a name no rule
    reaches gives nothing useful, and the caller then says so."""
    words = text.split()
    if not words:
        return []

    def nouns(word: str) -> list[str]:
        out: list[str] = []
        lower = word.casefold()
        for ending, nominative in _LOCATIVE_NOUN_ENDINGS:
            if lower.endswith(ending) and len(word) > len(ending) + 1:
                stem = word[: len(word) - len(ending)]
                out.append(stem + nominative)
                # the consonant before -e softens in the locative: Krosno -> Krośnie, Gniezno -> Gnieźnie
                last = len(stem) - 1
                if stem[last] in _SOFTENED:
                    out.append(stem[:last] + _SOFTENED[stem[last]] + nominative)
                elif last > 0 and stem[last - 1] in _SOFTENED:
                    out.append(stem[: last - 1] + _SOFTENED[stem[last - 1]] + stem[last] + nominative)
        return out

    def adjectives(word: str) -> list[str]:
        lower = word.casefold()
        out = [word[: len(word) - len(ending)] + nominative for ending, nominative in _LOCATIVE_ADJECTIVE_ENDINGS
               if lower.endswith(ending) and len(word) > len(ending) + 2]
        return [*out, word]

    if len(words) == 1:
        names = nouns(words[0]) + adjectives(words[0])[:-1]  # Końskich -> Końskie: an adjective as a name
        if words[0].casefold().endswith("ymstoku"):  # Białymstoku -> Białystok: adjective and noun in one word
            names.append(words[0][:-7] + "ystok")
    else:
        # each word may be a noun or an adjective: "Nowym Targu", "Białej Podlaskiej", "Tomaszowie Lubelskim"
        names = [""]
        for word in words:
            forms = list(dict.fromkeys([*adjectives(word), *nouns(word)]))
            names = [f"{head} {form}".strip() for head in names for form in forms][:200]
    if "-" in text and " " not in text:
        # Kędzierzynie-Koźlu -> Kędzierzyn-Koźle: both parts are declined
        parts = [[part, *nouns(part)] for part in text.split("-")]
        joined = [""]
        for forms in parts:
            joined = [f"{head}-{form}" if head else form for head in joined for form in forms][:200]
        names += joined
    return [name for name in dict.fromkeys(names) if name != text]


def admin1_aliases(table: pd.DataFrame, extra: bool = True) -> dict[str, set[str]]:
    """Map every search key of every admin1 name and code to the ISO 3166-2 code(s) it names.

    ``table`` is ``geodata/geonames_admin1_de_pl_ua.csv`` (country, geonames_admin1_code,
    name_local, name_de, name_en, iso_3166_2). ``extra`` adds the short forms, letter codes and
    historic names of this module (some are also city names: "Lublin", "Kiew").
    """
    aliases: dict[str, set[str]] = {}

    def add(text: str, code: str) -> None:
        is_code = len(text) <= 3 or any(char.isdigit() for char in text)
        for variant in _variants(text):
            keys = (_compact(variant),) if is_code else (_compact(variant), phonetic_key(variant))
            for key in keys:
                if key:
                    aliases.setdefault(key, set()).add(code)

    for row in table.to_dict("records"):
        code = row["iso_3166_2"]
        country = row["country"]
        add(code, code)
        add(code.split("-", 1)[1], code)
        add(f"{country}.{row['geonames_admin1_code']}", code)
        for column in ("name_local", "name_de", "name_en"):
            add(row[column], code)
        for alias in _UA_REGION_NAMES.get(code, ()):  # names of the oblast only: also as a partner's name
            add(alias, code)
        for alias in _ADMIN1_EXTRA.get(code, ()) if extra else ():
            add(alias, code)
            if len(alias) == 2 and alias.isupper():
                add(f"{country}-{alias}", code)
    return aliases


def _variants(text: str) -> set[str]:
    """The text, its core without administrative words, and transcriptions of Cyrillic forms."""
    variants = {text}
    core, _ = strip_affixes(text)
    if core:
        variants.add(core)
    for variant in list(variants):
        if has_cyrillic(variant):
            variants.update((to_german(variant), to_polish(variant), to_latin_national(variant)))
    return variants


@lru_cache(maxsize=200_000)
def _compact(text: str) -> str:
    return search_key(text).replace(" ", "")


@lru_cache(maxsize=200_000)
def _phonetic(text: str) -> str:
    return phonetic_key(text)


@lru_cache(maxsize=200_000)
def _core(text: str) -> tuple[str, str | None]:
    return strip_affixes(text)


_AFFIX_WORD = re.compile(
    r"landkreis|kreis|stadt|gemeinde|markt|amt|powiat|gmina|miasto|gromada|hromada|rajon|raion|oblast|"
    r"громада|район|область|місто|селище|село|region|district|city|county|[()/]|\b(am|an|bei|im|in|ob|vor)\b|\w\.|"
    r"[-\s]на[-\s]",
    re.IGNORECASE,
)
_BRACKET = re.compile(r"\(([^()]+)\)\s*$")
_POLISH_LOCATIVE = re.compile(r"(?:^|\s)we?\s+\S", re.IGNORECASE)
_POLISH_W_SPLIT = re.compile(r"(?:.*\s)?we?\s+(\S.*)", re.IGNORECASE)
# Locative endings and the nominative endings they come from (Krakowie -> Kraków, Lublinie -> Lublin,
# Warszawie -> Warszawa, Krośnie -> Krośno/Krosno, Górze -> Góra, Biskupcu -> Biskupiec, Gdańsku -> Gdańsk,
# Poznaniu -> Poznań, Zarzeczu -> Zarzecze, Legnicy -> Legnica); adjectives: Nowym -> Nowy, Zielonej -> Zielona.
_LOCATIVE_NOUN_ENDINGS = (
    ("owie", "ów"), ("cie", "t"), ("nie", "no"), ("le", "ło"), ("ie", ""), ("ie", "a"), ("ie", "o"), ("rze", "ra"),
    ("rze", "ro"), ("ciu", "ć"), ("cu", "iec"), ("cu", "ec"), ("ku", "ko"), ("niu", "ń"), ("iu", ""), ("u", ""),
    ("u", "e"), ("ku", "ek"), ("ce", "ka"), ("dze", "ga"), ("dzie", "da"), ("orze", "ór"), ("owi", "ów"), ("le", "ła"),
    ("em", "e"), ("y", "a"),
    ("i", "a"), ("ej", "a"), ("ach", "e"), ("ach", "y"), ("ach", "i"),
)
# Jaśle -> Jasło, Łańcucie -> Łańcut, Zamościu -> Zamość, Mielcu -> Mielec, Lwówku -> Lwówek, Ostrołęce ->
# Ostrołęka, Ostródzie -> Ostróda, Zakopanem -> Zakopane, Kolbuszowej -> Kolbuszowa, Ropczycach -> Ropczyce,
# Puławach -> Puławy; adjectives: Nowym -> Nowy, Białej -> Biała, Podlaskiej -> Podlaska, Dolnych -> Dolne.
_LOCATIVE_ADJECTIVE_ENDINGS = (
    ("ym", "y"), ("ym", "e"), ("im", "i"), ("im", "ie"), ("kiej", "ka"), ("giej", "ga"), ("iej", "ia"), ("ej", "a"),
    ("ych", "e"), ("ich", "ie"),
)
_SOFTENED = {"ś": "s", "ź": "z", "ć": "c", "ń": "n", "Ś": "S"}
_KIND_IN_BRACKETS = re.compile(
    r"(.*\S)\s*\((landkreis|kreis|lkr\.?|lk|stadt|kreisfreie stadt|stadtkreis|gemeinde|markt|powiat|gmina|miasto|"
    r"rajon|raion|hromada|громада|район|місто|district|county|city|town|municipality)\)",
    re.IGNORECASE,
)
# A German town's title in front of its name: Wissenschaftsstadt, Klingenstadt, Barbarossastadt, Stadtgemeinde.
_TOWN_TITLE = re.compile(r"([^\W\d_]{3,}(?:stadt|gemeinde))\s+(\S.*)", re.IGNORECASE)
_NON_LATIN_CYRILLIC = re.compile(r"[^\u0000-\u024F\u0400-\u04FF\u1E00-\u1EFF\s'’ʼ`´‘().,/-]")


def _usable(name: str) -> bool:
    """Alternate names in other scripts (Chinese, Hebrew …) and codes do not help our users."""
    return bool(name) and len(name) >= 2 and not _NON_LATIN_CYRILLIC.search(name) and not name.isdigit()


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Geocoder:
    """Resolve typed place names against a gazetteer (built once; :meth:`resolve` is cheap).

    ``gazetteer`` is an :class:`atlas.gazetteer.Gazetteer` or its ``table`` (a DataFrame with the
    contract's columns). ``admin1_table`` defaults to ``geodata/geonames_admin1_de_pl_ua.csv``.
    Gaps of the registry packages are filled by ``geodata/overrides.csv``, which the gazetteer build
    merges into the table, so the geocoder sees them as ordinary rows.

    Building the name index takes seconds; when ``gazetteer`` comes from a file, the index is kept in
    ``cache_dir`` (default ``$XDG_CACHE_HOME/partnerschaftsatlas``, ``False`` to switch off), keyed
    by the file's content and the code of the matching modules, so a changed file or rule rebuilds it.

    >>> from atlas.gazetteer import load_gazetteer  # doctest: +SKIP
    >>> Geocoder(load_gazetteer()).resolve("Schytomyr", country="UA").status  # doctest: +SKIP
    'matched'
    """

    def __init__(self, gazetteer, admin1_table: pd.DataFrame | None = None, cache_dir: Path | str | bool | None = None):
        table = gazetteer.table if hasattr(gazetteer, "table") else gazetteer
        self._table = table.reset_index(drop=True)
        columns = {column: self._table[column].tolist() for column in self._table.columns}
        self._ids: list[str] = [str(value) for value in columns["municipality_id"]]
        self._country: list[str] = columns["country"]
        self._kind: list[str] = columns["kind"]
        self._admin1: list[str] = columns["admin1_code"]
        self._district_id: list[str] = columns.get("district_id", [""] * len(self._ids))
        self._district: list[str] = columns.get("district_name", [""] * len(self._ids))
        self._lat: list[float] = self._table["lat"].astype(float).tolist()
        self._lon: list[float] = self._table["lon"].astype(float).tolist()
        self._population: list[int] = pd.to_numeric(self._table["population"], errors="coerce").fillna(0).astype(int).tolist()
        self._display: list[str] = [
            local or de or uk
            for local, de, uk in zip(columns["name_local"], columns["name_de"], columns["name_uk"], strict=True)
        ]
        self._name_columns: list[list[str]] = [
            columns[column] for column in ("name_local", "name_de", "name_en", "name_pl", "name_uk") if column in columns
        ]
        self._alt_names: list[str] = columns.get("alt_names", [""] * len(self._ids))
        self._row_of_id = {municipality_id: row for row, municipality_id in enumerate(self._ids)}
        self._town_districts = {
            row for row, kind in enumerate(self._kind) if kind == "district" and _TOWN_DISTRICT.match(self._display[row])
        }
        # Ukrainian settlements that are the centre of a hromada: its row is placed at their point ("seat").
        placements = columns.get("placement", [""] * len(self._ids))
        seats = {
            (round(self._lat[row], 5), round(self._lon[row], 5))
            for row, row_id in enumerate(self._ids)
            if row_id.startswith("ua-hromada:") and placements[row] == "seat"
        }
        self._hromada_centres = {
            row for row, row_id in enumerate(self._ids)
            if self._country[row] == "UA" and self._kind[row] in ("city", "municipality")
            and not row_id.startswith("ua-") and (round(self._lat[row], 5), round(self._lon[row], 5)) in seats
        }
        # Postings: search key → tuple of row * 4 + quality (0 = one of the row's own names,
        # 1 = an alternate name, 2 = the phonetic key of an alternate name's core). Tuples of ints
        # keep the index small and quick to load from the cache.
        self._exact: dict[str, tuple[int, ...]] = {}
        self._core_index: dict[str, tuple[int, ...]] = {}
        self._phonetic_index: dict[str, tuple[int, ...]] = {}
        self._fuzzy_keys: dict[str, tuple[list[str], list[list[int]]]] | None = None
        cache_file = _index_cache_file(gazetteer, cache_dir) if cache_dir is not False else None
        if not (cache_file and self._load_index(cache_file)):
            self._build_name_index(columns)
            if cache_file:
                self._save_index(cache_file)
        admin1_source = admin1_table if admin1_table is not None else _read_admin1_table()
        self._admin1_aliases = admin1_aliases(admin1_source)
        self._region_aliases = admin1_aliases(admin1_source, extra=False)
        self._admin1_country = {row["iso_3166_2"]: row["country"] for row in admin1_source.to_dict("records")}
        self._region_row: dict[str, int] = {}
        for row, kind in enumerate(self._kind):
            if kind == "region" and self._admin1[row]:
                self._region_row.setdefault(self._admin1[row], row)
        self._cache: dict[tuple, Match] = {}
        self._ukrainian_keys: tuple[list[str], list[list[int]]] | None = None
        self._ukrainian_districts: dict[str, list[tuple[int, str]]] | None = None

    @property
    def table(self) -> pd.DataFrame:
        return self._table

    _INDEX_PARTS = ("_exact", "_core_index", "_phonetic_index")

    def _load_index(self, path: Path) -> bool:
        collecting = gc.isenabled()
        gc.disable()  # hundreds of thousands of small objects: the collector would triple the load time
        try:
            with path.open("rb") as handle:
                parts = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return False
        finally:
            if collecting:
                gc.enable()
        if not isinstance(parts, dict) or parts.get("rows") != len(self._ids):
            return False
        for name in self._INDEX_PARTS:
            setattr(self, name, parts[name])
        return True

    def _save_index(self, path: Path) -> None:
        parts = {name: getattr(self, name) for name in self._INDEX_PARTS}
        parts["rows"] = len(self._ids)
        diskcache.write(path, parts, keep=INDEX_FILES_KEPT)

    def _build_name_index(self, columns: dict[str, list]) -> None:
        exact: dict[str, dict[int, int]] = {}
        core_index: dict[str, dict[int, int]] = {}
        phonetic_index: dict[str, dict[int, int]] = {}
        self._fill_name_index(columns, exact, core_index, phonetic_index)
        self._exact = _pack(exact)
        self._core_index = _pack(core_index)
        self._phonetic_index = _pack(phonetic_index)

    def _fill_name_index(self, columns: dict[str, list], exact: dict, core_index: dict, phonetic_index: dict) -> None:
        primary_columns = [c for c in ("name_local", "name_de", "name_en", "name_pl", "name_uk") if c in columns]
        alt_column = columns.get("alt_names", [""] * len(self._ids))
        for row in range(len(self._ids)):
            names: dict[str, int] = {}
            for column in primary_columns:
                value = columns[column][row]
                if value:
                    names[value] = 0
            for value in (alt_column[row] or "").split("|"):
                value = value.strip()
                if _usable(value) and value not in names:
                    names[value] = 1
            transcriptions: dict[str, int] = {}
            for value, quality in list(names.items()):
                if has_cyrillic(value):
                    for transcription in (to_german(value), to_polish(value)):
                        if transcription not in names:
                            transcriptions.setdefault(transcription, quality)
                        elif names[transcription] > quality:
                            # Also an alternate name (Żytomyr): still the transcription of the row's own name.
                            names[transcription] = quality
            for value, quality in (*names.items(), *transcriptions.items()):
                key = search_key(value)
                compact = key.replace(" ", "")
                if not compact:
                    continue
                _add(exact, compact, row, quality)
                is_transcription = value in transcriptions
                if not is_transcription:
                    # The transcriptions share the phonetic key of their Cyrillic original.
                    _add(phonetic_index, _phonetic(value), row, quality)
                if _AFFIX_WORD.search(value):
                    core, _ = _core(value)
                    core_compact = _compact(core)
                    if core_compact and core_compact != compact:
                        _add(core_index, core_compact, row, quality)
                        if not is_transcription:
                            _add(phonetic_index, _phonetic(core), row, quality + 1)

    def _fuzzy_choices(self) -> dict[str, tuple[list[str], list[list[int]]]]:
        """Keys per country for fuzzy matching, built on first need (most lists never need it)."""
        if self._fuzzy_keys is None:
            self._fuzzy_keys = self._build_fuzzy_choices()
        return self._fuzzy_keys

    def _build_fuzzy_choices(self) -> dict[str, tuple[list[str], list[list[int]]]]:
        per_country: dict[str, dict[str, list[int]]] = {}
        for index, suffix in ((self._exact, ""), (self._core_index, ""), (self._phonetic_index, ":phonetic")):
            for key, postings in index.items():
                for posting in postings:
                    if posting & 3:
                        continue  # typos are matched against a place's own names, not its old or foreign ones
                    row = posting >> 2
                    per_country.setdefault(self._country[row] + suffix, {}).setdefault(key, []).append(row)
        choices = {}
        for country, mapping in per_country.items():
            keys = list(mapping)
            choices[country] = (keys, [mapping[key] for key in keys])
        return choices

    def admin1_codes(self, text: str | None, country: str | None = None) -> frozenset[str]:
        """ISO 3166-2 codes named by ``text`` ("Oblast Lwiw", "podkarpackie", "Bavaria", "DE-BY" …).

        Empty when the text names no known admin1 unit. When the name is not an admin1 name but a city
        ("Kiew", "Rzeszów"), the admin1 of that city is returned.
        """
        if not text or not text.strip():
            return frozenset()
        text = text.strip()
        if "," in text:
            # "Lviv Oblast, Ukraine", "Bayern, Deutschland": the country after the comma says nothing more.
            head, tail = (part.strip() for part in text.rsplit(",", 1))
            tail_country = _country_code(tail)
            if head and tail_country:
                text, country = head, country or tail_country
        codes: set[str] = set()
        for variant in _variants(text):
            for key in (_compact(variant), _phonetic(variant)):
                codes.update(self._admin1_aliases.get(key, ()))
            if codes:
                break
        if not codes:
            codes.update(self._admin1_of_city(text, country))
        if country:
            codes = {code for code in codes if self._admin1_country.get(code, code[:2]) == country}
        for group in _ADMIN1_GROUPS:
            if codes & group:
                codes |= group
        return frozenset(codes)

    def _admin1_only(self, text: str, country: str | None = None) -> frozenset[str]:
        """Admin1 codes named by ``text`` through admin1 names only (no city fallback)."""
        codes: set[str] = set()
        for variant in _variants(text.strip()):
            codes.update(self._admin1_aliases.get(_compact(variant), ()))
        if country:
            codes = {code for code in codes if self._admin1_country.get(code, code[:2]) == country}
        return frozenset(codes)

    def _admin1_of_city(self, text: str, country: str | None) -> set[str]:
        # "Nikolaev Oblast", "Gebiet Charkow": the oblast of the city its name is made from.
        core, hint = _core(text)
        key = _compact(core) if hint == "region" and core else _compact(text)
        rows = [row for row in _rows(self._exact, key) if self._kind[row] == "city"]
        if country:
            rows = [row for row in rows if self._country[row] == country]
        if not rows:
            return set()
        biggest = max(rows, key=lambda row: self._population[row])
        return {self._admin1[biggest]} if self._admin1[biggest] else set()

    def resolve(self, name: str, country: str | None = None, kind: str | None = None, admin1: str | None = None) -> Match:
        """Resolve one typed name; ``country``, ``kind`` and ``admin1`` may be empty or in any language."""
        cache_key = (name, country, kind, admin1)
        cached = self._cache.get(cache_key)
        if cached is None:
            cached = self._resolve(name or "", country or "", kind or "", admin1 or "")
            if len(self._cache) < 500_000:
                self._cache[cache_key] = cached
        return cached

    def resolve_many(self, endpoints: Iterable[tuple[str, str | None, str | None, str | None]]) -> list[Match]:
        """Resolve ``(name, country, kind, admin1)`` tuples in order."""
        return [self.resolve(*endpoint) for endpoint in endpoints]

    def _resolve(self, name: str, country_text: str, kind_text: str, admin1_text: str, fuzzy: bool = True) -> Match:
        name = " ".join(name.split())
        if not name:
            return Match("unmatched", None, None, None, (), "empty name")
        if "," in name:
            # "Altenstadt, Hessen", "Lwiw, Ukraine": what follows the comma is where, not what.
            head, tail = (part.strip() for part in name.split(",", 1))
            if head and tail and kind_hint(tail) is not None and _core(head)[0] == head:
                # "Oldenburg, Landkreis", "Kraków, miasto na prawach powiatu": the kind word goes where
                # people also write it, in front ("Landkreis Oldenburg") or behind ("Lviv city").
                for joined in (f"{tail} {head}", f"{head} {tail}"):
                    if _core(joined)[0] == head:
                        name = joined
                        break
            elif head and tail and _core(name)[0] == name:
                if _country_code(tail) and not country_text.strip():
                    country_text, name = tail, head
                elif self._admin1_only(tail) and not admin1_text.strip():
                    admin1_text, name = tail, head
        kind_after = _KIND_IN_BRACKETS.fullmatch(name)
        if kind_after:
            # "Oldenburg (Landkreis)", "Hof (Stadt)", "Krosno (powiat)": the kind word goes in front, as
            # people also write it ("Landkreis Oldenburg" is not the city of Oldenburg).
            name = f"{kind_after.group(2)} {kind_after.group(1)}"
        country = _country_code(country_text)
        notes: list[str] = []
        if country_text.strip() and country is None:
            notes.append(f"country {country_text!r} not understood, ignored")
        core, hint = _core(name)
        wanted_kind = kind_hint(kind_text) if kind_text.strip() else None
        if kind_text.strip() and wanted_kind is None:
            notes.append(f"kind {kind_text!r} not understood, ignored")
        wanted_kind = wanted_kind or hint
        admin_codes = self.admin1_codes(admin1_text, country) if admin1_text.strip() else frozenset()
        if admin1_text.strip() and not admin_codes:
            notes.append(f"admin1 {admin1_text!r} not understood, ignored")
        if not admin_codes:
            # "Altenstadt (Hessen)": a qualifier that names a Land, voivodeship or oblast acts as admin1.
            bracket = _BRACKET.search(name)
            if bracket:
                admin_codes = self._admin1_only(bracket.group(1), country)

        if wanted_kind == "region" or (wanted_kind is None and core == name):
            region = self._region_match(name, country, wanted_kind)
            if region is not None:
                return self._matched(region, "admin1 name", notes)

        qualifiers = qualifier_words(name)
        units = _UnitQualifier(self, qualifier_texts(name), country, admin1_text)
        found: dict[int, tuple[int, int]] = {}
        outside_admin1: set[int] = set()
        tiers = self._tiers(name, core, hint)
        for tier_index, (_, tier_rows) in enumerate(tiers):
            for row, quality in tier_rows.items():
                if country and self._country[row] != country:
                    continue
                if admin_codes and self._admin1[row] not in admin_codes:
                    outside_admin1.add(row)
                    continue
                # A row keeps its best find: by its own name before an alternate one, then the earliest tier.
                # (Taking the two minima apart made "Taufkirchen (Vils)", an alternate name, look like
                # that Taufkirchen's own name found in an early tier, and it beat the other two.)
                if row not in found or (quality, tier_index) < (found[row][1], found[row][0]):
                    found[row] = (tier_index, quality)
            # Stop at the first tier that found a place of the right kind by one of its own names; a
            # match through alternate spellings only (Rowno is an old name of a village too) goes on,
            # and so does one that fits none of the name's qualifiers.
            settled = [row for row in found if self._kind_score(row, wanted_kind) == 3 and found[row][1] == 0]
            if settled and not self._qualified(settled, qualifiers, units):
                settled = []
            if settled:
                break
        if wanted_kind == "district" and found and not any(self._kind_score(row, wanted_kind) == 3 for row in found):
            # "Rajon Kolomyja": the raion is named by an adjective of its centre (Коломийський).
            raions = self._districts_named_after(row for row in found if self._kind_score(row, wanted_kind) == 2)
            if raions:
                return self._decide({row: (0, 0) for row in raions}, ["district named after its centre"], wanted_kind,
                                    qualifiers, notes, units=units)
        if any(self._kind_score(row, wanted_kind) > 0 for row in found):
            typed_forms = frozenset({name.casefold(), core.casefold()})
            return self._decide(found, [tier for tier, _ in tiers], wanted_kind, qualifiers, notes, typed_forms,
                                city_hint=hint == "city", units=units)

        if country in (None, "UA") and hint in ("municipality", "district"):
            # Only when the name itself says hromada or raion: a bare adjective may be a town's own name.
            named_after = self._named_after_settlement(core, admin_codes)
            if named_after:
                return self._decide({row: (0, 0) for row in named_after}, ["named after its centre"], wanted_kind,
                                    qualifiers, notes, units=units)

        if fuzzy and not found and not outside_admin1 and " " in name.strip() and "(" not in name:
            # "Neustadt Holstein", "Frankfurt Oder", "Rothenburg Tauber": the qualifier without its brackets.
            # Taken only when the place found bears the qualifier in its names or district.
            head, _, rest = name.strip().rpartition(" ")
            bracketed = self._resolve(f"{head} ({rest})", country_text, kind_text, admin1_text, fuzzy=False)
            if bracketed.status == "matched" and self._fitting(
                [self._row_of_id[bracketed.municipality_id]], qualifier_words(f"{head} ({rest})")
            ):
                return replace(bracketed, reason=f"{bracketed.reason}; {rest!r} read as a qualifier")
        if not found and not outside_admin1:
            title = _TOWN_TITLE.fullmatch(name)
            if title:
                # "Wissenschaftsstadt Darmstadt", "Klingenstadt Solingen", "Stadtgemeinde Bremen": a title the
                # town bears in front of its name.
                titled = self._resolve(title.group(2), country_text, kind_text or "city", admin1_text, fuzzy)
                if titled.status != "unmatched":
                    return replace(titled, reason=f"{titled.reason}; {title.group(1)!r} read as the town's title")
        fuzzy = self._fuzzy(name, core, country, admin_codes) if fuzzy else None
        if fuzzy is not None:
            rows, note = fuzzy
            return self._decide({row: (0, 0) for row in rows}, [note], wanted_kind, qualifiers, notes, units=units)
        if found:
            candidates = self._candidates(sorted(found, key=lambda row: -self._population[row]))
            return Match("ambiguous", None, None, None, candidates,
                         _reason(f"name found, but no {wanted_kind} of that name", notes))
        if outside_admin1:
            candidates = self._candidates(sorted(outside_admin1, key=lambda row: -self._population[row]))
            return Match("ambiguous", None, None, None, candidates,
                         _reason(f"name found, but not in admin1 {admin1_text!r}", notes))
        if _POLISH_LOCATIVE.search(name):
            declined = self._polish_declined(name, country_text, admin1_text)
            if declined is not None:
                return declined
            notes.append("after 'w' Polish declines the name: give it as the place calls itself (Krosno, not Krośnie)")
        return Match("unmatched", None, None, None, (), _reason("no place of that name", notes))

    def _polish_declined(self, name: str, country_text: str, admin1_text: str) -> Match | None:
        """"Starostwo Powiatowe w Krośnie", "Urząd Miejski w Nowym Targu": after "w" Polish puts the name in
        the locative. Try the nominatives it can come from (:func:`polish_nominatives`, exact names only);
        answer when those that are places all lead to the same one (the place whose office it is), or to
        the same several places (then ambiguous, with them as candidates)."""
        split = _POLISH_W_SPLIT.fullmatch(name)
        if split is None:
            return None
        place = split.group(1)
        found: dict[str, Match] = {}
        shared: dict[tuple[str, ...], Match] = {}
        for candidate in polish_nominatives(place):
            match = self._resolve(candidate, country_text or "PL", "", admin1_text, fuzzy=False)
            if match.status == "matched":
                found.setdefault(match.municipality_id or "", match)
            elif match.status == "ambiguous":
                shared.setdefault(tuple(item.municipality_id for item in match.candidates), match)
        if len(found) > 1:
            # "w Tarnowie": Tarnów (108,000) or the village Tarnowa; as elsewhere, one 3 times larger decides.
            ranked = sorted(found.values(), key=lambda match: -match.candidates[0].population)
            top, runner_up = ranked[0].candidates[0].population, ranked[1].candidates[0].population
            if _by_far_larger(top, runner_up):
                found = {ranked[0].municipality_id or "": ranked[0]}
            else:
                candidates = tuple(match.candidates[0] for match in ranked)
                return Match("ambiguous", None, None, None, candidates,
                             f"{place!r} read as the Polish locative of {len(candidates)} places: "
                             + ", ".join(candidate.name for candidate in candidates))
        if len(found) == 1:
            match = next(iter(found.values()))
        elif not found and len(shared) == 1:
            match = next(iter(shared.values()))  # "w Zarzeczu": Zarzecze, which four villages are called
        else:
            return None
        return replace(match, reason=f"{match.reason}; {place!r} read as the Polish locative of "
                                     f"{match.candidates[0].name!r}")

    def _region_match(self, name: str, country: str | None, wanted_kind: str | None) -> int | None:
        codes = set()
        aliases = self._admin1_aliases if wanted_kind == "region" else self._region_aliases
        for variant in _variants(name):
            for key in (_compact(variant), _phonetic(variant)):
                codes.update(aliases.get(key, ()))
            if codes:
                break
        if country:
            codes = {code for code in codes if self._admin1_country.get(code, code[:2]) == country}
        if len(codes) != 1:
            return None
        code = next(iter(codes))
        if code not in self._region_row:
            return None
        if wanted_kind != "region":
            # A bare name that is also a town of its country ("Lublin", "Brandenburg") stays a town unless asked
            # for a region; a village (Sachsen bei Ansbach) or a town abroad (Wolin, "Волин" in Ukrainian, for
            # Волинь) does not outweigh the Land or oblast.
            key = _compact(name)
            region_country = self._admin1_country.get(code, code[:2])
            if any(self._kind[row] not in ("region", "municipality") and self._country[row] == region_country
                   for row in _rows(self._exact, key)):
                return None
            # Or sounds like a town's own name: "Schitomir" is Zhytomyr the city, not its oblast.
            if any(quality == 0 and self._kind[row] == "city" and self._country[row] == region_country
                   for row, quality in _postings(self._phonetic_index, _phonetic(name)).items()):
                return None
            if len(key) <= 3:
                return None
        return self._region_row[code]

    def _tiers(self, name: str, core: str, hint: str | None = None) -> list[tuple[str, dict[int, int]]]:
        """Candidate rows by how they were found, strongest first: the whole name; the name without
        affixes as the name of a unit that itself carries an affix ("Долинська громада"); the name
        without affixes as a plain place name ("Долинська", a town); the same sound. When the name
        carries no word for a kind of unit, only a qualifier ("Sofijiwka (Rajon Horliwskyj)"), the plain
        place name goes before the units named after it (Hromada Sofijiwka)."""
        name_key = _compact(name)
        exact = _postings(self._exact, name_key)
        core_key = _compact(core)
        unit_rows = _postings(self._core_index, core_key or name_key)
        plain_rows = _postings(self._exact, core_key) if core_key and core_key != name_key else {}
        phonetic_rows: dict[int, int] = {}
        for text in {name, core}:
            _merge(phonetic_rows, _postings(self._phonetic_index, _phonetic(text)))
        unit_tier = ("name of a unit without affixes", unit_rows)
        plain_tier = ("name without affixes", plain_rows)
        # A town asked for by its status word ("Stadt Rotenburg", "Miasto Kolno") is a place of that plain
        # name first, like a name without any kind word; units (hromada, Landkreis …) stay unit-first.
        # Else "Stadt Rotenburg" was Rotenburg an der Fulda, the one whose longer name has "Rotenburg" as its
        # core. Fifteen lists: 97.40 -> 97.44 % right, 0.51 -> 0.46 % wrong, no list worse.
        plain_first = (hint is None or hint == "city") and core != name
        first, second = (plain_tier, unit_tier) if plain_first else (unit_tier, plain_tier)
        return [("exact name", exact), first, second, ("same sound", phonetic_rows)]

    def _named_after_settlement(self, core: str, admin_codes: frozenset[str]) -> list[int]:
        """Ukrainian hromadas and raions are named by an adjective of their centre (Таїровська ← Таїрове,
        Смідинська ← Смідин, Великодимерська ← Великодимерка). When the gazetteer lacks the unit,
        find the settlement whose name the adjective was made from, in the same oblast."""
        skeleton = _phonetic(core)
        found = _ADJECTIVE_ENDING.search(skeleton)
        if not found:
            return []
        stem = skeleton[: found.start()]
        keys, rows_of_key = self._ukrainian_phonetic_keys()
        for candidate_stem in (stem, _STEM_INFIX.sub("", stem)):
            if len(candidate_stem) < 4:
                continue
            start = bisect.bisect_left(keys, candidate_stem)
            rows: list[int] = []
            for position in range(start, len(keys)):
                key = keys[position]
                if not key.startswith(candidate_stem):
                    break
                if not _NOUN_REMAINDER.match(key[len(candidate_stem):]):
                    continue
                rows.extend(
                    row for row in rows_of_key[position]
                    if self._kind[row] in ("city", "municipality") and (not admin_codes or self._admin1[row] in admin_codes)
                )
            if rows:
                return sorted(set(rows))
        return []

    def _districts_named_after(self, towns: Iterable[int]) -> list[int]:
        if self._ukrainian_districts is None:
            by_admin1: dict[str, list[tuple[int, str]]] = {}
            for row, kind in enumerate(self._kind):
                if kind == "district" and self._country[row] == "UA":
                    core, _ = _core(self._name_columns[0][row])
                    by_admin1.setdefault(self._admin1[row], []).append((row, _phonetic(core)))
            self._ukrainian_districts = by_admin1
        found: set[int] = set()
        for town in towns:
            if self._country[town] != "UA":
                continue
            skeleton = _phonetic(self._name_columns[0][town])
            stems = {_VOWELS_AT_END.sub("", skeleton)}
            stems |= {stem[:-1] for stem in stems if stem[-1:] in ("X", "k", "S")}
            for row, key in self._ukrainian_districts.get(self._admin1[town], ()):
                if any(len(stem) >= 3 and key.startswith(stem) and _ADJECTIVE_TAIL.match(key[len(stem):]) for stem in stems):
                    found.add(row)
        return sorted(found)

    def _ukrainian_phonetic_keys(self) -> tuple[list[str], list[list[int]]]:
        if self._ukrainian_keys is None:
            mapping: dict[str, list[int]] = {}
            for key, postings in self._phonetic_index.items():
                ukrainian = [posting >> 2 for posting in postings if self._country[posting >> 2] == "UA"]
                if ukrainian:
                    mapping[key] = ukrainian
            keys = sorted(mapping)
            self._ukrainian_keys = (keys, [mapping[key] for key in keys])
        return self._ukrainian_keys

    def _fuzzy(self, name: str, core: str, country: str | None, admin_codes: frozenset[str]):
        if _POLISH_LOCATIVE.search(name):
            # "Starostwo Powiatowe w Krośnie": after "w" Polish declines the name (Krosno -> Krośnie); a
            # spelling comparison would take it for another place (Krośnice). Better unmatched than wrong.
            return None
        choices = self._fuzzy_choices()
        countries = [country] if country else [code for code in choices if ":" not in code]
        query = _compact(core) or _compact(name)
        skeleton = _phonetic(core) or _phonetic(name)
        if len(query) < 5:
            return None
        scored: dict[int, float] = {}
        one_edit: set[int] = set()  # rows a single typo away: one letter left out, added, changed or swapped
        searches = [(code, query) for code in countries]
        if len(skeleton) >= 5:
            searches += [(f"{code}:phonetic", skeleton) for code in countries]
        for code, text in searches:
            if code not in choices:
                continue
            keys, rows_of_key = choices[code]
            for key, score, position in process.extract(text, keys, scorer=fuzz.ratio, limit=25,
                                                        score_cutoff=TYPO_CUTOFF):
                typo = ":" not in code and len(text) >= TYPO_MIN_LENGTH and OSA.distance(text, key) <= 1
                if score < FUZZY_THRESHOLD - FUZZY_MARGIN and not typo:
                    continue
                for row in rows_of_key[position]:
                    if admin_codes and self._admin1[row] not in admin_codes:
                        continue
                    scored[row] = max(scored.get(row, 0.0), score)
                    if typo:
                        one_edit.add(row)
        if one_edit:
            places = f"{len(one_edit)} place{'s' if len(one_edit) > 1 else ''}"
            return {row: 0 for row in one_edit}, f"one typo away from the name of {places}"
        if not scored:
            return None
        best = max(scored.values())
        if best < FUZZY_THRESHOLD:
            return None
        leaders = {row: 0 for row, score in scored.items() if score >= best - FUZZY_MARGIN}
        return leaders, f"similar spelling ({best:.0f}/100)"

    def _kind_score(self, row: int, wanted_kind: str | None) -> int:
        """3 = the kind asked for, 2 = acceptable, 0 = wrong. Town and municipality count alike:
        whether a place is a Stadt or a Gemeinde, a city or a hromada centre, is written inconsistently."""
        kind = self._kind[row]
        settlement = kind in ("city", "municipality")
        if wanted_kind is None:
            return 3 if settlement else (2 if kind == "district" else 1)
        if wanted_kind in ("city", "municipality"):
            # "Kreisfreie Stadt Oberhausen" asks for a town and names the district row that is one.
            return 3 if settlement or (wanted_kind == "city" and row in self._town_districts) else 0
        if kind == wanted_kind:
            return 3
        return 2 if wanted_kind == "district" and kind == "city" else 0

    def _decide(
        self,
        rows: dict[int, tuple[int, int]],
        tier_names: list[str],
        wanted_kind: str | None,
        qualifiers: set[str],
        notes: list[str],
        typed_forms: frozenset[str] = frozenset(),
        city_hint: bool = False,
        units: _UnitQualifier | None = None,
    ) -> Match:
        """Pick the one row the evidence points to, or report the candidates as ambiguous."""
        scores = {row: self._kind_score(row, wanted_kind) for row in rows}
        best_kind = max(scores.values())
        group = [row for row in rows if scores[row] == best_kind]
        # Qualifiers first, over every tier: "Berg bei Neumarkt i.d.OPf." is the Berg whose longer name
        # says Neumarkt, though three plain "Berg" were found by a stronger tier.
        unit_note = ""
        if len(group) > 1 and units:
            # "Taufkirchen (Landkreis München)", "Biskupiec (powiat olsztyński)", "(Коломийський район)":
            # the qualifier names a district or hromada; keep the candidates that lie in it.
            inside, unit_note = units.narrow(group)
            group = inside or group
        if len(group) > 1 and qualifiers:
            fitting = self._fitting(group, qualifiers)
            if fitting:
                group = fitting
        best_tier = min(rows[row][0] for row in group)
        if any(rows[row][0] == best_tier and rows[row][1] == 0 for row in group):
            group = [row for row in group if rows[row][0] == best_tier]
        # else: the strongest tier matched only alternate names (Rowno, an old name of Rivne and the
        # name of a village): weigh every candidate found, by size below.
        how = tier_names[best_tier] + (f"; {unit_note}" if unit_note else "")
        if len(group) > 1:
            # Fürth is not Furth: when the folded key joins places, the one spelled exactly as typed wins.
            own = [row for row in group if rows[row][1] == 0]
            spelled = [row for row in own if typed_forms & self._raw_names(row)]
            largest = max(self._population[row] for row in group)
            if (spelled and len(spelled) < len(own)
                    and SPELLING_DOMINANCE * max(self._population[row] for row in spelled) >= largest):
                group = spelled
        if len(group) > 1 and city_hint:
            # "Stadt Walldorf", "Miasto Józefów", "м. Знам'янка": the town, not the village of that name.
            towns = [row for row in group if self._kind[row] == "city"]
            if len(towns) == 1:
                group = towns
        if len(group) > 1:
            best_quality = min(rows[row][1] for row in group)
            primary = [row for row in group if rows[row][1] == best_quality]
            # Places bearing the name as their own go before places that bear it only as an alternate
            # name, unless one of those is clearly larger (Slowjansk is Sloviansk, not Nikopol's old
            # name; Rowno is Rivne's old name more than a village's own) — or whatever the sizes, when the
            # name was typed as the own name itself (see _typed_as_own_name).
            if len(primary) < len(group) and (
                self._typed_as_own_name(primary, group, typed_forms)
                or 2 * max(self._population[row] for row in primary) >= max(self._population[row] for row in group)
            ):
                group = primary
        # A town asked for in the kind column decides too where the gazetteer's "city" is the legal status
        # (German Stadt, Ukrainian місто; Polish rows are "city" by population only): "Sulzbach, Stadt" is
        # Sulzbach/Saar, not Sulzbach am Main. Seven generated lists: 0.1-0.5 points more right, none wrong.
        if len(group) > 1 and wanted_kind == "city" and not any(self._country[row] == "PL" for row in group):
            towns = [row for row in group if self._kind[row] == "city"]
            if len(towns) == 1:
                group = towns
        if len(group) > 1 and all(self._country[row] == "UA" for row in group):
            # Hromadas make partnerships: of several places of a name, the one a hromada is centred on (not a
            # city when a municipality is asked for: "Ялта, municipality" may be the village).
            centres = [row for row in group if row in self._hromada_centres
                       and not (wanted_kind == "municipality" and self._kind[row] == "city")]
            if len(centres) == 1 and not any(
                self._population[row] >= CENTRE_YIELD * max(self._population[centres[0]], 1)
                for row in group if row != centres[0]):
                return self._matched(centres[0], f"{how}; the only one of {len(group)} places of that name that is the "
                                                 "centre of a hromada", notes)
        if len(group) == 1:
            return self._matched(group[0], how, notes)
        group.sort(key=lambda row: (-self._population[row], rows[row][1]))
        top = group[0]
        radius = SAME_PLACE_KM.get(self._kind[top], 8.0)
        if all(_distance_km(self._lat[top], self._lon[top], self._lat[row], self._lon[row]) <= radius for row in group):
            return self._matched(top, f"{how}; {len(group)} entries within {radius:.0f} km", notes)
        runner_up = self._population[group[1]]
        # "Fürth, Gemeinde" is the municipality in the Odenwald, not the city 13 times its size
        kind_differs = (wanted_kind == "municipality" and self._kind[top] == "city"
                        and any(self._kind[row] == "municipality" for row in group[1:]))
        dominance = KIND_CONFLICT_DOMINANCE if kind_differs else POPULATION_DOMINANCE
        # Of several hromadas or raions of one name (five Kamianska, four Chornomorska hromadas), the size of
        # a unit says nothing of which one a list means: on eighteen generated lists the largest was right
        # 17 times and wrong 25 (Mykolaiv city's hromada among the villages' Mykolaivska hromadas). Units
        # are answered "ambiguous" with their oblasts; an admin1 decides.
        units = all(self._ids[row].startswith(_UNIT_PREFIXES) for row in group)
        if not units and _by_far_larger(self._population[top], runner_up, dominance):
            return self._matched(top, f"{how}; by far the largest of {len(group)} places of that name "
                                      f"({self._population[top]:,} people, the next {runner_up:,})", notes)
        return Match("ambiguous", None, None, None, self._candidates(group),
                     _reason(f"{how}: {len(group)} places fit; give the admin1 or the kind", notes))

    def _qualified(self, rows: list[int], qualifiers: set[str], units: _UnitQualifier) -> bool:
        """Whether the rows fit the name's qualifiers (true when it has none)."""
        if not qualifiers and not units:
            return True
        if units and units.narrow(rows)[0]:
            return True
        return bool(qualifiers) and bool(self._fitting(rows, qualifiers))

    def _fitting(self, rows: list[int], qualifiers: set[str]) -> list[int]:
        """The rows whose names or district contain a qualifier's word; where none does, those that contain
        it abbreviated ("a.d. Weinstr.", "i. Holst.": a word of at least four letters the row's word begins
        with) or spelled otherwise with the same sound ("Weinstrase")."""
        exact = [row for row in rows if qualifiers & self._context_words(row)]
        if exact or not qualifiers:
            return exact
        abbreviations = [qualifier for qualifier in qualifiers if len(qualifier) >= 4]
        sounds = {_phonetic(word) for word in qualifiers if len(word) >= 5}
        fitting = []
        for row in rows:
            words = self._context_words(row)
            if any(word.startswith(short) for word in words for short in abbreviations) or (
                    sounds & {_phonetic(word) for word in words if len(word) >= 5}):
                fitting.append(row)
        return fitting

    def _typed_as_own_name(self, primary: list[int], group: list[int], typed_forms: frozenset[str]) -> bool:
        """Whether the name was typed as the own name of a place in ``primary``, so that it beats other places'
        alternate names whatever their size:

        * in Cyrillic, spelled as the own Cyrillic name: "Осипенко" is the village, not Berdiansk's Soviet
          name; a Russian form ("Николаев") is nobody's own name, and "Ровно" only sounds like a village's
          Polish name Równo. A foreign place's Cyrillic label (GeoNames) does not beat a Ukrainian town
          CYRILLIC_LABEL_YIELD times larger: "Винница" is Vinnytsia, not Winnica in Poland (560 people).
        * in Latin, as the national, Duden or Polish romanisation of a Ukrainian place's own name:
          "Oleksandrivka" is one of twenty villages, not Donetsk's old name. Exonyms that are nobody's
          romanised own name (Lemberg, Rowno) are unaffected.
        """
        typed_keys = {_compact(form) for form in typed_forms}
        if any(has_cyrillic(form) for form in typed_forms):
            spelled = any(column[row] and has_cyrillic(column[row]) and _compact(column[row]) in typed_keys
                          for row in primary for column in self._name_columns)
            if not spelled or any(self._country[row] == "UA" for row in primary):
                return spelled
            ukrainian = [row for row in group if row not in primary and self._country[row] == "UA"]
            largest_own = max(max(self._population[row] for row in primary), 1)
            return not (ukrainian and max(self._population[row] for row in ukrainian) >= CYRILLIC_LABEL_YIELD * largest_own)
        return any(
            typed_keys & {_compact(spelling(own)) for spelling in (to_latin_national, to_german, to_polish)}
            for row in primary if self._country[row] == "UA"
            for own in (column[row] for column in self._name_columns) if own and has_cyrillic(own)
        )

    def _raw_names(self, row: int) -> set[str]:
        """Every name of a row as written (case-folded), for telling Fürth from Furth."""
        names = {column[row].casefold() for column in self._name_columns}
        names.update(name.strip().casefold() for name in self._alt_names[row].split("|"))
        return names

    def _context_words(self, row: int) -> set[str]:
        """Words of a row's names and district, for qualifiers like "(Oder)" or "am Main"."""
        words: set[str] = set()
        for name in self._raw_names(row) | {self._district[row] or ""}:
            words.update(search_key(name).split())
        return words

    def _matched(self, row: int, how: str, notes: list[str]) -> Match:
        return Match("matched", self._ids[row], self._lat[row], self._lon[row], self._candidates([row]), _reason(how, notes))

    def _candidates(self, rows: Iterable[int], limit: int = 8) -> tuple[Candidate, ...]:
        return tuple(
            Candidate(
                municipality_id=self._ids[row], name=self._display[row], kind=self._kind[row],
                country=self._country[row], admin1_code=self._admin1[row], district_name=self._district[row],
                lat=self._lat[row], lon=self._lon[row], population=self._population[row],
            )
            for row in list(rows)[:limit]
        )


# Phonetic skeletons (see atlas.translit) of Ukrainian adjective endings (-ська, -цька, -зька, -ський …),
# infixes the adjective adds to its noun (Шабо → Шабівська, Буча → Бучанська) and noun endings.
_ADJECTIVE_ENDING = re.compile(r"Sk(?:a|i|e|o|ai|ie)$")
_STEM_INFIX = re.compile(r"(?:iv|in|an|en|ov)$")
_VOWELS_AT_END = re.compile(r"[aeiou]+$")
_ADJECTIVE_TAIL = re.compile(r"^(?:iv|in|an|en|ov|i|e)?Sk[aeiou]*$")
_NOUN_REMAINDER = re.compile(r"^(?:k?[aeiou]{0,2}|S[aeiou]?|[aeiou]S[aeiou]?)$")


# A candidate lies in a qualifier's unit when it carries the unit's district_id, or — where it has none
# (hromadas are not the district of their villages) — when it is this close to the unit's point.
UNIT_RADIUS_KM = {"district": 40.0, "municipality": 20.0, "city": 20.0}


class _UnitQualifier:
    """Qualifiers that name an administrative unit: "(Landkreis München)", "(LK Erding)", "(Kreis X)",
    "(powiat olsztyński)", "(pow. przeworski)", "(Olsztyn County)", "(raion Stryi)", "(Stryi Raion)",
    "(Стрийський район)", "(Ходорівська громада)". The unit is found by the geocoder itself (same country
    and admin1); resolved only when a name has more than one candidate."""

    def __init__(self, geocoder: Geocoder, texts: list[str], country: str | None, admin1_text: str):
        self._geocoder = geocoder
        self._texts = [text for text in texts if strip_affixes(text)[1] in ("district", "municipality")]
        self._country = country
        self._admin1_text = admin1_text
        self._units: list[int] | None = None

    def __bool__(self) -> bool:
        return bool(self._texts)

    def units(self) -> list[int]:
        if self._units is None:
            self._units = []
            for text in self._texts:
                match = self._geocoder.resolve(text, self._country, strip_affixes(text)[1], self._admin1_text)
                if match.matched:
                    self._units.append(self._geocoder._row_of_id[match.municipality_id])
        return self._units

    def narrow(self, rows: list[int]) -> tuple[list[int], str]:
        """The rows inside the named unit(s), and a note saying which unit; empty when none is known or fits."""
        geocoder = self._geocoder
        for unit in self.units():
            unit_id = geocoder._ids[unit]
            inside = [row for row in rows if geocoder._district_id[row] == unit_id]
            if not inside and geocoder._kind[unit] != "region":
                radius = UNIT_RADIUS_KM.get(geocoder._kind[unit], 20.0)
                inside = [
                    row for row in rows
                    if _distance_km(geocoder._lat[row], geocoder._lon[row], geocoder._lat[unit], geocoder._lon[unit]) <= radius
                ]
            if inside:
                return inside, f"in {geocoder._display[unit]} [{unit_id}]"
        return [], ""


def _by_far_larger(population: int, runner_up: int, dominance: float = POPULATION_DOMINANCE) -> bool:
    """Whether a place of ``population`` outweighs a namesake of ``runner_up`` (see POPULATION_DOMINANCE)."""
    return population >= MIN_DOMINANT_POPULATION and population >= dominance * max(runner_up, 1)


def _add(index: dict[str, dict[int, int]], key: str, row: int, quality: int) -> None:
    if not key:
        return
    rows = index.setdefault(key, {})
    if quality < rows.get(row, 99):
        rows[row] = quality


def _pack(index: dict[str, dict[int, int]]) -> dict[str, tuple[int, ...]]:
    return {key: tuple(row * 4 + quality for row, quality in rows.items()) for key, rows in index.items()}


def _postings(index: dict[str, tuple[int, ...]], key: str) -> dict[int, int]:
    """Rows under ``key`` with their quality (see ``Geocoder.__init__``)."""
    return {posting >> 2: posting & 3 for posting in index.get(key, ())}


def _rows(index: dict[str, tuple[int, ...]], key: str) -> list[int]:
    return [posting >> 2 for posting in index.get(key, ())]


def _merge(target: dict[int, int], source: dict[int, int]) -> None:
    for row, quality in source.items():
        if quality < target.get(row, 99):
            target[row] = quality


def _reason(text: str, notes: list[str]) -> str:
    return "; ".join([text, *notes])


def _country_code(text: str) -> str | None:
    if not text or not text.strip():
        return None
    return _COUNTRY_WORDS.get(search_key(text).replace(" ", ""))


def _index_cache_file(gazetteer, cache_dir: Path | str | bool | None) -> Path | None:
    """Where the index of this gazetteer file is cached, or ``None`` for an in-memory table."""
    path = getattr(gazetteer, "path", None)
    if path is None or not Path(path).exists():
        return None
    digest = hashlib.sha256(Path(path).read_bytes())
    for name in ("geocode.py", "normalise.py", "translit.py", "gazetteer.py"):  # the index depends on them too
        module = Path(__file__).with_name(name)
        digest.update(module.read_bytes())
    if cache_dir in (None, True):
        cache_dir = diskcache.default_cache_dir()
    return Path(cache_dir) / f"geocoder-index-{digest.hexdigest()[:24]}.pickle"


def _read_admin1_table() -> pd.DataFrame:
    with (GEODATA_DIR / ADMIN1_FILE).open(encoding="utf-8", newline="") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)))
