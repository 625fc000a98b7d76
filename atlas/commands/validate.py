"""``python -m atlas validate`` — check ``geodata/``: ids, resolution, coordinates, aid references.

Exit code 0 when everything holds, 1 with one line per problem otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from atlas import GEODATA_DIR
from atlas.gazetteer import COUNTRY_BOUNDS, Gazetteer, load_gazetteer

COUNTRIES_FILE = Path("basemap") / "countries.geojson"
# The outline is simplified: North Sea islands and places on border rivers may sit just outside it (~15 km).
BORDER_TOLERANCE_DEGREES = 0.15


def _country_shapes(geodata: Path) -> dict[str, object]:
    """Country outlines from the derived basemap when present (ISO alpha-2 → shapely geometry)."""
    path = geodata / COUNTRIES_FILE
    if not path.exists():
        return {}
    from shapely.geometry import shape

    with path.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    shapes = {}
    for feature in collection.get("features", []):
        props = feature.get("properties") or {}
        code = next(
            (str(props[key]) for key in ("iso_a2", "ISO_A2", "country", "iso", "code", "ISO_A2_EH") if props.get(key)), ""
        )
        if code in COUNTRY_BOUNDS:
            shapes[code] = shape(feature["geometry"])
    return shapes


def coordinate_problems(table: pd.DataFrame, shapes: dict[str, object], label: str) -> list[str]:
    """Rows whose point lies outside their country (outline when known, else bounding box)."""
    from shapely.geometry import Point

    problems = []
    for row in table[["municipality_id", "country", "lat", "lon"]].itertuples(index=False):
        west, south, east, north = COUNTRY_BOUNDS[row.country]
        outline = shapes.get(row.country)
        if outline is not None:
            inside = outline.distance(Point(row.lon, row.lat)) <= BORDER_TOLERANCE_DEGREES
        else:
            inside = west <= row.lon <= east and south <= row.lat <= north
        if not inside:
            problems.append(f"{label} {row.municipality_id}: ({row.lat}, {row.lon}) lies outside {row.country}")
    return problems


def hint_problems(hints: dict, partnerships: pd.DataFrame) -> list[str]:
    """Hints that name no record, a side other than a/b, a name the record no longer has, or give no reason."""
    names = {(record["id"], side): record[f"{side}_name"] for record in partnerships.to_dict("records") for side in ("a", "b")}
    problems = []
    for (partnership_id, side), hint in sorted(hints.items()):
        where = f"record_hints.csv {partnership_id} side {side}"
        if side not in ("a", "b"):
            problems.append(f"{where}: side must be 'a' or 'b'")
        elif (partnership_id, side) not in names:
            problems.append(f"{where}: no such record in partnerships.csv")
        elif names[(partnership_id, side)] != hint.name:
            problems.append(f"{where}: name {hint.name!r} is not the record's {names[(partnership_id, side)]!r}")
        if not hint.qualifier or not hint.evidence:
            problems.append(f"{where}: qualifier and evidence are both required")
    return problems


def validate(geodata: Path = GEODATA_DIR, gazetteer: Gazetteer | None = None) -> list[str]:
    """Every problem found in ``geodata`` as one readable line (empty list: all good)."""
    from atlas.geocode import Geocoder
    from atlas.join import RECORD_HINTS_FILE, join_records, load_record_hints
    from atlas.records import RecordError, load_aid, load_partnerships

    problems: list[str] = []
    try:
        partnerships = load_partnerships(geodata / "partnerships.csv")
    except RecordError as error:
        return [f"partnerships.csv: {problem}" for problem in error.problems]
    try:
        load_aid(geodata / "aid.csv", partnership_ids=set(partnerships["id"]))
    except RecordError as error:
        problems += [f"aid.csv: {problem}" for problem in error.problems]

    gazetteer = gazetteer or load_gazetteer(geodata / "gazetteer.csv.gz")
    table = gazetteer.table
    duplicated = table.loc[table["municipality_id"].duplicated(), "municipality_id"]
    problems += [f"gazetteer: duplicate municipality_id {value}" for value in duplicated]
    shapes = _country_shapes(geodata)
    problems += coordinate_problems(table, shapes, "gazetteer")

    hints = load_record_hints(geodata / RECORD_HINTS_FILE)
    problems += hint_problems(hints, partnerships)
    result = join_records(partnerships, Geocoder(gazetteer), hints)
    for row in result.unresolved.itertuples(index=False):
        detail = f"; candidates: {row.candidates}" if row.candidates else ""
        problems.append(
            f"partnerships.csv {row.partnership_id} side {row.side}: {row.name!r} ({row.country}) "
            f"is {row.match}: {row.reason}{detail}"
        )
    for side in ("a", "b"):
        wrong = result.links[
            result.links[f"{side}_country"]
            != result.links[f"{side}_municipality_id"].map(table.set_index("municipality_id")["country"])
        ]
        problems += [f"partnerships.csv {pid} side {side}: resolved to a place in another country" for pid in wrong["id"]]
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas validate", description=__doc__.splitlines()[0])
    parser.add_argument("--geodata", type=Path, default=GEODATA_DIR, help="folder to check (default: geodata/)")
    args = parser.parse_args(argv)
    problems = validate(args.geodata)
    if problems:
        print(f"{len(problems)} problem(s) in {args.geodata}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{args.geodata}: ids unique, every record resolves, coordinates inside their country, aid ids known")
    return 0
