"""``python -m atlas db migrate`` · ``db backup DIR`` · ``db restore DIR``.

A backup is one JSON Lines file per table (every row, users' password hashes and the audit log
included) plus ``manifest.json`` with the schema revision and row counts. ``restore`` loads it into
an EMPTY database (a new ``ATLAS_DB_PATH`` or an empty PostgreSQL database) in one transaction, so
the result equals the source row for row. Honours ``DATABASE_URL`` / ``ATLAS_DB_PATH``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from atlas.store import TABLES, Store, StoreError, open_store

FORMAT = 1


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


def backup(store: Store, directory: Path) -> dict[str, int]:
    """Write every table of ``store`` into ``directory``; returns row counts per table."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)  # it holds password hashes: owner only
    dump = store.dump()
    counts = {name: len(rows) for name, rows in dump.items()}
    for name, rows in dump.items():
        path = directory / f"{name}.jsonl"
        with open(path, "w", encoding="utf-8", newline="\n", opener=_private) as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    manifest = {"format": FORMAT, "revision": store.revision(), "tables": counts}
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return counts


def read_backup(directory: Path) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Read and check a backup directory; raises :class:`StoreError` when it is incomplete."""
    manifest_path = directory / "manifest.json"
    if not manifest_path.is_file():
        raise StoreError(f"{directory}: no manifest.json — not a backup made by `db backup`")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise StoreError(f"{manifest_path}: format {manifest.get('format')!r}, expected {FORMAT}")
    dump: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        path = directory / f"{name}.jsonl"
        with path.open(encoding="utf-8") as handle:
            dump[name] = [json.loads(line) for line in handle if line.strip()]
        if len(dump[name]) != manifest["tables"].get(name):
            raise StoreError(f"{path}: {len(dump[name])} rows, the manifest says {manifest['tables'].get(name)}")
    return manifest, dump


def restore(store: Store, directory: Path) -> dict[str, int]:
    manifest, dump = read_backup(directory)
    if manifest.get("revision") != store.revision():
        raise StoreError(f"backup has schema revision {manifest.get('revision')}, this database {store.revision()}")
    store.load(dump)
    return {name: len(rows) for name, rows in dump.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas db", description="database maintenance")
    verbs = parser.add_subparsers(dest="verb", required=True)
    verbs.add_parser("migrate", help="create or upgrade the schema and seed a new database from geodata/")
    for verb, text in (("backup", "write every table to DIR"), ("restore", "load DIR into an empty database")):
        verbs.add_parser(verb, help=text).add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.verb == "migrate":
            store = open_store()
            print(f"schema at revision {store.revision()}, data version {store.data_version()}")
        elif args.verb == "backup":
            counts = backup(open_store(), args.directory)
            print(f"backup written to {args.directory}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        else:
            counts = restore(open_store(seed=False), args.directory)
            print(f"restored from {args.directory}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    except (StoreError, OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
