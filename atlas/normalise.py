"""Comparison keys for place names as people type them, in German, Polish, Ukrainian or English.

* :func:`search_key` folds case, diacritics, ß and the German umlauts (ä = ae = a), apostrophes and
  separators, and writes Cyrillic in the national romanisation: one key per spelling.
* :func:`spellings` adds the keys of the German and Polish transcriptions, the key without spaces,
  the phonetic skeleton of :mod:`atlas.translit` and the keys of the name without its affixes —
  everything a name can be compared by.
* :func:`strip_affixes` removes the administrative words around a name (Landkreis, Stadt, gmina,
  powiat, громада, район, Oblast …) and says which kind of place they point to.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from atlas.translit import has_cyrillic, phonetic_key, to_german, to_latin_national, to_polish

__all__ = ["KindHint", "kind_hint", "qualifier_texts", "qualifier_words", "search_key", "spellings", "strip_affixes"]

KindHint = str | None  # "city" | "municipality" | "district" | "region" | None

_FOLD = {
    "ß": "ss", "ä": "a", "ö": "o", "ü": "u", "ł": "l", "æ": "ae", "œ": "oe", "ø": "o",
    "đ": "d", "ð": "d", "þ": "th", "ı": "i",
}


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        if char in _FOLD:
            table[code] = _FOLD[char]
            continue
        base = "".join(part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part))
        if base != char and base.isascii():
            table[code] = base
    for char in "'’ʼ`´‘":
        table[ord(char)] = ""
    return table


_FOLD_TABLE = _fold_table()
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_SEPARATORS = re.compile(r"[^0-9a-z]+")
# German umlaut written as two letters (Goettingen, Mueller), but not inside a diphthong (Neuenkirchen, Aue).
_UMLAUT_DIGRAPH = re.compile(r"(?<![aeiouy])([aou])e")


@lru_cache(maxsize=200_000)
def search_key(text: str) -> str:
    """Return the comparison key of one spelling: lower case ASCII words separated by one space.

    >>> search_key("Görlitz"), search_key("GOERLITZ"), search_key("Kam'janka-Buz'ka"), search_key("Київ")
    ('gorlitz', 'gorlitz', 'kamjanka buzka', 'kyiv')
    >>> search_key("Frankfurt (Oder)"), search_key("Żyraków"), search_key("Straße")
    ('frankfurt oder', 'zyrakow', 'strasse')
    """
    if not text:
        return ""
    if _CYRILLIC.search(text):
        text = to_latin_national(text)
    text = text.lower().translate(_FOLD_TABLE)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in text if not unicodedata.combining(char))
    text = _UMLAUT_DIGRAPH.sub(r"\1", text)
    return _SEPARATORS.sub(" ", text).strip()


# Affixes: (pattern, kind hint). Patterns are matched on the text case-insensitively; prefixes at the
# start, suffixes at the end. Longer phrases come first so that "Samtgemeinde" wins over "Gemeinde".
_PREFIXES: tuple[tuple[str, KindHint], ...] = (
    (r"landratsamt", "district"), (r"kreisverwaltung", "district"), (r"stadtverwaltung", "city"),
    (r"magistrat\s+der\s+stadt", "city"), (r"gemeindeverwaltung", "municipality"),
    (r"urząd\s+miasta\s+i\s+gminy", "municipality"), (r"urząd\s+miasta", "city"), (r"urząd\s+gminy", "municipality"),
    (r"rada\s+miasta", "city"), (r"rada\s+gminy", "municipality"),
    (r"landkreis", "district"), (r"lkr\.?", "district"), (r"lk", "district"), (r"kreis", "district"),
    (r"kreisfreie\s+stadt", "city"), (r"stadtkreis", "city"), (r"große\s+kreisstadt", "city"),
    (r"grosse\s+kreisstadt", "city"), (r"landeshauptstadt", "city"), (r"hansestadt", "city"),
    (r"universitätsstadt", "city"), (r"kreisstadt", "city"), (r"stadt", "city"),
    (r"samtgemeinde", "municipality"), (r"verbandsgemeinde", "municipality"),
    (r"ortsgemeinde", "municipality"), (r"marktgemeinde", "municipality"), (r"gemeinde", "municipality"),
    (r"markt", "municipality"), (r"amt", "municipality"), (r"flecken", "municipality"),
    (r"bezirk", None), (r"freistaat", "region"), (r"bundesland", "region"), (r"land", "region"),
    (r"powiat\s+grodzki", "city"), (r"powiat\s+ziemski", "district"), (r"powiat", "district"), (r"pow\.", "district"),
    (r"starostwo\s+powiatowe\s+w", "district"),
    (r"miasto\s+i\s+gmina", "municipality"), (r"gmina\s+i\s+miasto", "municipality"),
    (r"gmina\s+miejsko-wiejska", "municipality"), (r"gmina\s+miejska", "city"),
    (r"gmina\s+wiejska", "municipality"), (r"gmina", "municipality"), (r"gromada", "municipality"),
    (r"m\.\s*st\.", "city"), (r"miasto\s+stołeczne", "city"), (r"miasto\s+na\s+prawach\s+powiatu", "city"),
    (r"miasto", "city"),
    (r"województwo", "region"), (r"wojewodztwo", "region"), (r"woj\.", "region"),
    (r"woiwodschaft", "region"), (r"wojewodschaft", "region"), (r"obwód", "region"), (r"obwod", "region"),
    (r"oblast", "region"), (r"gebiet", "region"), (r"region", "region"), (r"rajon", "district"), (r"raion", "district"),
    (r"rayon", "district"), (r"hromada", "municipality"), (r"city\s+of", "city"),
    (r"municipality\s+of", "municipality"), (r"district\s+of", "district"),
    (r"місто", "city"), (r"м\.", "city"), (r"смт\.?", "municipality"), (r"селище", "municipality"),
    (r"село", "municipality"), (r"с\.", "municipality"), (r"обл\.", "region"),
    (r"город", "city"), (r"г\.", "city"), (r"пгт\.?", "municipality"), (r"пос[её]лок", "municipality"),
)
_SUFFIXES: tuple[tuple[str, KindHint], ...] = (
    (r"міська\s+рада", "city"), (r"(сільська|селищна)\s+рада", "municipality"),
    (r"районна\s+(державна\s+адміністрація|рада)", "district"), (r"рда", "district"),
    (r"обласна\s+(державна\s+адміністрація|рада)", "region"), (r"ода", "region"), (r"облдержадміністрація", "region"),
    (r"city\s+(council|hall|administration|state\s+administration|military\s+administration)", "city"),
    (r"(village|settlement)\s+council", "municipality"),
    (r"(district|raion|rayon)\s+(council|state\s+administration)", "district"),
    (r"(oblast|regional)\s+(council|state\s+administration|administration)", "region"),
    (r"(міська|сільська|селищна)\s+(територіальна\s+)?громада", "municipality"),
    (r"територіальна\s+громада", "municipality"), (r"громада", "municipality"), (r"отг", "municipality"),
    (r"(urban|rural|settlement|city|village)\s+(territorial\s+)?(hromada|community)", "municipality"),
    (r"territorial\s+community", "municipality"), (r"hromada", "municipality"), (r"gromada", "municipality"),
    (r"район", "district"), (r"р-н", "district"), (r"raion", "district"), (r"rajon", "district"),
    (r"rayon", "district"), (r"district", "district"),
    (r"область", "region"), (r"обл\.?", "region"), (r"oblast", "region"), (r"voivodeship", "region"),
    (r"province", "region"), (r"region", "region"),
    (r"landkreis", "district"), (r"kreis", "district"), (r"stadt", "city"), (r"gemeinde", "municipality"),
    (r"city", "city"), (r"municipality", "municipality"), (r"county", "district"),
)
_KIND_WORDS = "|".join(pattern for pattern, _ in _PREFIXES + _SUFFIXES)

def _combined(template: str, affixes: tuple[tuple[str, KindHint], ...]) -> re.Pattern[str]:
    """One regex for a list of affixes; the named group ``a<i>`` tells which affix matched."""
    alternatives = "|".join(f"(?P<a{index}>{pattern})" for index, (pattern, _) in enumerate(affixes))
    return re.compile(template.replace("AFFIX", alternatives), re.IGNORECASE)


def _hint_of(found: re.Match[str], affixes: tuple[tuple[str, KindHint], ...]) -> KindHint:
    for name, value in found.groupdict().items():
        if value is not None:
            return affixes[int(name[1:])][1]
    return None


_PREFIX_RE = _combined(r"^(?:AFFIX)(?:\s+|\s*[.:]\s*|(?<=\.))(?=\S)", _PREFIXES)
_COMMA_SUFFIX_RE = _combined(r",\s*(?:AFFIX)\s*$", _PREFIXES)
_SUFFIX_RE = _combined(r"(?<=\S)\s+(?:AFFIX)\s*$", _SUFFIXES)
_PAREN_KIND = re.compile(rf"\s*\(\s*({_KIND_WORDS})\s*\)\s*$", re.IGNORECASE)
# Geographic qualifiers that tell same-named places apart: "(Harz)", "am Main", "i. Isartal",
# "an der Oder", "b. Nürnberg", "/Oberpfalz", "in der Oberpfalz", "v. d. Höhe", "м. Києва", "-на-Рейні".
_QUALIFIER = re.compile(
    r"(?:\s*\(([^()]*)\)\s*$"
    r"|\s*/\s*([^/]+)$"
    r"|\s+(?:am|an\s+der|an\s+den|in\s+der|in\s+den|im|bei|ob\s+der|vor\s+der|auf\s+der|über|unter)\s+(.+)$"
    r"|\s+(?:a\.\s*d\.|a\.|i\.\s*d\.|i\.|b\.|v\.\s*d\.|u\.)\s*(.+)$"
    r"|\s+(?:у\s+)?м\.\s*(.+)$"
    r"|\s*[-\s]на[-\s]\s*([^\s-].*)$)",
    re.IGNORECASE,
)


def _kind_of(pattern_kind: KindHint, current: KindHint) -> KindHint:
    """The outermost affix decides ("Landkreis Stadt X" is a district)."""
    return current or pattern_kind


@lru_cache(maxsize=100_000)
def strip_affixes(name: str) -> tuple[str, KindHint]:
    """Remove administrative words and geographic qualifiers; return ``(core, kind_hint)``.

    ``kind_hint`` is "city", "municipality", "district", "region" or ``None`` (nothing said).

    >>> strip_affixes("Landkreis Görlitz")
    ('Görlitz', 'district')
    >>> strip_affixes("Смідинська громада")
    ('Смідинська', 'municipality')
    >>> strip_affixes("Powiat bieszczadzki"), strip_affixes("Oblast Lwiw"), strip_affixes("Lviv Oblast")
    (('bieszczadzki', 'district'), ('Lwiw', 'region'), ('Lviv', 'region'))
    >>> strip_affixes("Frankfurt (Oder)"), strip_affixes("Icking i. Isartal")
    (('Frankfurt', None), ('Icking', None))
    """
    text = " ".join((name or "").split())
    kind: KindHint = None
    changed = True
    while changed and text:
        changed = False
        found = _PAREN_KIND.search(text)
        if found:
            word = found.group(1)
            kind = _kind_of(strip_affixes(word + " x")[1] or _hint_of_word(word), kind)
            text, changed = text[: found.start()].strip(), True
            continue
        for pattern, affixes in ((_COMMA_SUFFIX_RE, _PREFIXES), (_SUFFIX_RE, _SUFFIXES)):
            found = pattern.search(text)
            if found and found.start() > 0:
                kind = _kind_of(_hint_of(found, affixes), kind)
                text, changed = text[: found.start()].strip(" ,"), True
                break
        if changed:
            continue
        found = _PREFIX_RE.match(text)
        if found and found.end() < len(text):
            kind = _kind_of(_hint_of(found, _PREFIXES), kind)
            text, changed = text[found.end():].strip(" ,"), True
            continue
        found = _QUALIFIER.search(text)
        if found and found.start() > 0:
            text, changed = text[: found.start()].strip(" ,"), True
    return text, kind


def _hint_of_word(word: str) -> KindHint:
    for pattern, hint in _PREFIXES + _SUFFIXES:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return hint
    return None


_KIND_NAMES = {"city": "city", "municipality": "municipality", "district": "district", "region": "region"}


def kind_hint(word: str) -> KindHint:
    """The kind a word like "Landkreis", "gmina", "громада", "Oblast" or "city" stands for, else ``None``.

    >>> kind_hint("Landkreis"), kind_hint("gmina"), kind_hint("район"), kind_hint("city"), kind_hint("Aachen")
    ('district', 'municipality', 'district', 'city', None)
    """
    word = " ".join((word or "").split()).strip(" .")
    if not word:
        return None
    return _KIND_NAMES.get(word.lower()) or _hint_of_word(word) or _hint_of_word(word + ".")


def qualifier_texts(name: str) -> list[str]:
    """The qualifiers of a name as written, innermost last: "Taufkirchen (Landkreis München)" →
    ["Landkreis München"]; "Frankfurt (Oder)" → ["Oder"]; a bare kind word "(Landkreis)" is not one.

    >>> qualifier_texts("Biskupiec (pow. olsztyński)"), qualifier_texts("Mühlheim am Main"), qualifier_texts("Aachen")
    (['pow. olsztyński'], ['Main'], [])
    """
    texts: list[str] = []
    text = " ".join((name or "").split())
    while True:
        found = _QUALIFIER.search(text)
        if not found or found.start() == 0:
            break
        qualifier = next(group for group in found.groups() if group is not None).strip()
        if qualifier and _hint_of_word(qualifier) is None:
            texts.append(qualifier)
        text = text[: found.start()]
    return texts


def qualifier_words(name: str) -> set[str]:
    """Search keys of the words in a name's qualifiers ("(Harz)", "am Main", "/Oberpfalz" → harz, main, oberpfalz).

    Administrative words inside a qualifier are left out: in "(Landkreis München)" only "munchen" tells
    the places apart, "landkreis" fits every place in a Landkreis.
    """
    words: set[str] = set()
    for qualifier in qualifier_texts(name):
        core = strip_affixes(qualifier)[0] or qualifier
        words.update(
            word for word in search_key(core).split()
            if len(word) > 2 and word not in _STOP_WORDS and _hint_of_word(word) is None
        )
    return words


_STOP_WORDS = {"der", "die", "das", "den", "dem", "und", "bei", "am", "an", "im", "in"}


def spellings(text: str) -> set[str]:
    """Every comparison key of a name: the search keys of its spellings, compact and phonetic keys.

    For a Cyrillic name this includes the national, German and Polish romanisations; for any name
    the keys of its core without administrative words. Phonetic keys contain capital letters and so
    never collide with a search key.

    >>> {"schytomyr", "zhytomyr", "zytomyr"} <= spellings("Житомир")
    True
    """
    if not text:
        return set()
    variants = {text}
    core, _ = strip_affixes(text)
    if core:
        variants.add(core)
    for variant in list(variants):
        if has_cyrillic(variant):
            variants.update({to_german(variant), to_polish(variant)})
    keys: set[str] = set()
    for variant in variants:
        key = search_key(variant)
        if key:
            keys.add(key)
            keys.add(key.replace(" ", ""))
        skeleton = phonetic_key(variant)
        if skeleton:
            keys.add(skeleton)
    return keys
