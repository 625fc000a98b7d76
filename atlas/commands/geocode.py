"""``python -m atlas geocode IN.csv --out OUT.csv``: put coordinates on both ends of every partnership.

Reads a partnerships table (see :mod:`atlas.reader`), resolves ``a`` and ``b`` with
:class:`atlas.geocode.Geocoder` and writes the input columns (with the input's own header) plus
``a_lat, a_lon, a_municipality_id, a_match, b_lat, b_lon, b_municipality_id, b_match``.

Exit status: 0 every end matched, 1 some ends are ambiguous or unmatched (listed on stderr),
2 the input (or the gazetteer) cannot be read — the message names the file, the row and the problem.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from atlas.schema import GEOCODE_OUTPUT_COLUMNS

SIDES = ("a", "b")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m atlas geocode", description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="partnerships CSV (comma or semicolon, UTF-8 or Windows-1252)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the CSV with coordinates")
    parser.add_argument("--gazetteer", type=Path, default=None, help="gazetteer file (default: geodata/gazetteer.csv.gz)")
    parser.add_argument("--quiet", action="store_true", help="print only the summary line")
    return parser


def main(argv: list[str]) -> int:
    """Run the command; returns the exit status (0, 1 or 2)."""
    from atlas.gazetteer import GazetteerError, load_gazetteer
    from atlas.geocode import Geocoder
    from atlas.reader import ReadError, read_partnership_table

    arguments = _parser().parse_args(argv)
    try:
        table = read_partnership_table(arguments.input, str(arguments.input))
    except ReadError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for warning in table.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        geocoder = Geocoder(load_gazetteer(arguments.gazetteer))
    except (GazetteerError, OSError, ValueError) as error:
        print(f"error: gazetteer: {error}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    frame = table.frame
    results: dict[str, list] = {column: [] for column in GEOCODE_OUTPUT_COLUMNS}
    counts = {side: {"matched": 0, "ambiguous": 0, "unmatched": 0} for side in SIDES}
    problems: list[str] = []
    for index, row in enumerate(frame.to_dict("records")):
        for side in SIDES:
            match = geocoder.resolve(row[f"{side}_name"], row[f"{side}_country"], row[f"{side}_kind"], row[f"{side}_admin1"])
            counts[side][match.status] += 1
            results[f"{side}_lat"].append("" if match.lat is None else f"{match.lat:.5f}")
            results[f"{side}_lon"].append("" if match.lon is None else f"{match.lon:.5f}")
            results[f"{side}_municipality_id"].append(match.municipality_id or "")
            results[f"{side}_match"].append(match.status)
            if match.status != "matched":
                shown = "; ".join(str(candidate) for candidate in match.candidates)  # up to 8
                problems.append(
                    f"row {index + 2} ({row.get('id', '')}), side {side}: {row[f'{side}_name']!r} {match.status} — "
                    f"{match.reason}" + (f" — candidates: {shown}" if shown else "")
                )
    elapsed = time.perf_counter() - started

    try:
        _write(arguments.out, table, results)
    except OSError as error:
        print(f"error: cannot write {arguments.out}: {error.strerror or error}", file=sys.stderr)
        return 2

    ends = 2 * len(frame)
    matched = counts["a"]["matched"] + counts["b"]["matched"]
    ambiguous = counts["a"]["ambiguous"] + counts["b"]["ambiguous"]
    unmatched = counts["a"]["unmatched"] + counts["b"]["unmatched"]
    if not arguments.quiet:
        for problem in problems[:200]:
            print(problem, file=sys.stderr)
        if len(problems) > 200:
            print(f"… and {len(problems) - 200} more", file=sys.stderr)
    print(
        f"{table.source_name}: {len(frame)} rows, {ends} ends — {matched} matched, {ambiguous} ambiguous, "
        f"{unmatched} unmatched ({elapsed:.2f} s); written to {arguments.out}"
    )
    return 0 if matched == ends else 1


def _write(path: Path, table, results: dict[str, list]) -> None:
    """Input columns under their own names, then the geocoder's columns; UTF-8, the input's separator."""
    original = list(table.columns)
    ours_of = table.renamed
    input_columns = [ours_of.get(column, column) for column in original]
    header = original + [column for column in GEOCODE_OUTPUT_COLUMNS if column not in original]
    frame = table.frame
    # Excel opens UTF-8 semicolon files correctly only with a byte-order mark.
    encoding = "utf-8-sig" if table.delimiter == ";" or table.encoding in ("utf-8-sig", "cp1252", "mixed") else "utf-8"
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=table.delimiter)
        writer.writerow(header)
        columns = [frame[column].tolist() for column in input_columns]
        added = [results[column] for column in GEOCODE_OUTPUT_COLUMNS if column not in original]
        for values in zip(*columns, *added, strict=True):
            writer.writerow(values)
