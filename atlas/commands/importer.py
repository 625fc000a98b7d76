"""``python -m atlas import FILE [--dry-run] [--only-valid] [--actor NAME]``: partnerships from CSV/XLSX.

Prints a report per row (errors, warnings with the likeliest municipalities for names that did not
match, the fields an update changes), then writes everything in ONE transaction. Honours
``DATABASE_URL`` / ``ATLAS_DB_PATH``. Exit codes: 0 all rows imported (or unchanged), 1 some rows
rejected (nothing written — or, with ``--only-valid``, only the valid rows), 2 unreadable file.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from atlas import importer
from atlas.reader import ReadError
from atlas.store import StoreError, open_store


def default_geocoder() -> tuple[Any, Callable[[str], Mapping[str, Any] | None] | None]:
    """The geocoder over the committed gazetteer and a lookup of gazetteer rows by id."""
    from atlas.gazetteer import load_gazetteer
    from atlas.geocode import Geocoder

    gazetteer = load_gazetteer()
    places = gazetteer.by_id()
    return Geocoder(gazetteer), lambda mid: places.loc[mid].to_dict() if mid in places.index else None


def report_lines(plan: importer.ImportPlan) -> list[str]:
    lines = []
    for row in plan.rows:
        pair = f"{row.values.get('a_name', '')} – {row.values.get('b_name', '')} ({row.values.get('relation', '')})"
        lines.append(f"row {row.row}: {row.action} {row.partnership_id or '(new id)'} {pair}")
        lines += [f"    error: {message}" for message in row.errors]
        lines += [f"    warning: {message}" for message in row.warnings]
        lines += [f"    {change.column}: {change.old!r} → {change.new!r}" for change in row.changes]
    counts = plan.summary()
    lines.append(f"{plan.source}: " + ", ".join(f"{count} {action}" for action, count in counts.items()))
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas import", description="import partnerships from CSV/XLSX")
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    parser.add_argument("--only-valid", action="store_true", help="write the valid rows even if others are rejected")
    parser.add_argument("--actor", default=None, help="name in the audit log (default: cli:<login name>)")
    args = parser.parse_args(argv)
    try:
        incoming = importer.read_import_file(args.file)
    except ReadError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    store = open_store()
    geocoder, place_row = default_geocoder()
    plan = importer.plan_from_store(incoming, store, geocoder, place_row)
    print("\n".join(report_lines(plan)))
    rejected = bool(plan.rejected)
    if args.dry_run:
        print("dry run: nothing written")
    elif rejected and not args.only_valid:
        print("rows rejected: nothing written (fix the file, or use --only-valid)")
    elif plan.writes:
        actor = args.actor or f"cli:{getpass.getuser()}"
        try:
            written = store.apply_import(plan.writes, actor)
        except StoreError as error:
            print(f"error: nothing written: {error}", file=sys.stderr)
            return 1
        print(f"written in one transaction: {len(written['new'])} new {written['new']}, "
              f"{len(written['update'])} updated {written['update']}")
    else:
        print("nothing to write: every row is stored like this already")
    return 1 if rejected else 0
