"""``python -m atlas db migrate`` · ``db backup DIR`` · ``db restore DIR`` · ``db seed-synthetic N --db PATH``.

A backup is one JSON Lines file per table (every row, users' password hashes and the audit log
included) plus ``manifest.json`` with the schema revision and row counts. ``restore`` loads it into
an EMPTY database (a new ``ATLAS_DB_PATH`` or an empty PostgreSQL database) in one transaction, so
the result equals the source row for row. Honours ``DATABASE_URL`` / ``ATLAS_DB_PATH``.

``seed-synthetic`` is for scale tests and benchmarks only: it writes N synthetic partnerships
(:mod:`atlas.synthetic`, ids ``S…``, ``source_url`` "synthetic") into a NEW, separate SQLite file given
by ``--db`` (never the environment's database, never one that holds rows), so that the app can be
started on them with ``ATLAS_DB_PATH=PATH``. Only rows whose both ends the geocoder places exactly where
they were drawn are kept, so every stored row is on the map. The join is then written to the disk cache
(as ``scripts/setup`` does for the real records) unless ``--no-join-cache``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from atlas.schema import AID_COLUMNS, PARTNERSHIP_COLUMNS
from atlas.store import DEFAULT_DB_PATH, TABLES, Store, StoreError, open_store

FORMAT = 1
# Share of drawn synthetic rows whose names the geocoder cannot pin to the drawn place (shared names
# without a district): about 7 % at 5,000 rows. Drawing this many more leaves enough after the check.
_SYNTHETIC_SPARE = 1.25


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


def placed_synthetic(size: int, seed: int, geocoder) -> pd.DataFrame:
    """``size`` synthetic partnerships (ids ``S000001``… in order) whose both ends ``geocoder`` resolves to
    the place they were drawn between; columns of :data:`atlas.schema.PARTNERSHIP_COLUMNS`.

    Rows with a shared name the geocoder cannot decide (or decides otherwise) are dropped before
    numbering, so the map of the stored rows shows every one of them.
    """
    from atlas.join import join_records
    from atlas.synthetic import synthetic_network

    drawn = int(size * _SYNTHETIC_SPARE) + 50
    for _ in range(4):
        network = synthetic_network(drawn, seed=seed)
        frame = network.links[list(PARTNERSHIP_COLUMNS)].astype(str)
        joined = join_records(frame, geocoder, hints={})
        wanted = network.links.set_index("id")[["a_municipality_id", "b_municipality_id"]]
        found = joined.links.set_index("id")[["a_municipality_id", "b_municipality_id"]]
        placed = found.index[(found == wanted.loc[found.index]).all(axis=1).to_numpy()]
        rows = frame.loc[frame["id"].isin(set(placed))].head(size).reset_index(drop=True)
        if len(rows) == size:
            rows["id"] = [f"S{number:06d}" for number in range(1, size + 1)]
            return rows
        drawn = int(drawn * 1.5)
    raise ValueError(f"could not place {size} synthetic partnerships (last try: {len(rows)} of {drawn})")


def seed_synthetic(path: Path, size: int, seed: int = 7, geocoder=None, join_cache: bool = True) -> pd.DataFrame:
    """Create the SQLite database ``path`` holding only ``size`` synthetic partnerships; returns them.

    Refuses the app's default database and any database that already holds rows (synthetic rows must
    never mix with real ones). ``geocoder`` defaults to the one over the committed gazetteer.
    """
    if size < 1:
        raise ValueError(f"N must be at least 1, got {size}")
    path = Path(path).resolve()
    if path == DEFAULT_DB_PATH.resolve():
        raise StoreError(f"{path} is the app's own database; give a separate file for synthetic data")
    if geocoder is None:
        from atlas.gazetteer import load_gazetteer
        from atlas.geocode import Geocoder

        geocoder = Geocoder(load_gazetteer())
    store = open_store(f"sqlite:///{path}", seed=False)
    try:
        if not store.is_empty():
            raise StoreError(f"{path} already holds rows; synthetic data go into a new, empty file only")
        partnerships = placed_synthetic(size, seed, geocoder)
        store.seed(partnerships=partnerships, aid=pd.DataFrame(columns=list(AID_COLUMNS), dtype=str))
        if join_cache:
            from atlas.joincache import cached_join

            cached_join(store.partnerships_frame(), lambda: geocoder)
    finally:
        store.dispose()
    return partnerships


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas db", description="database maintenance")
    verbs = parser.add_subparsers(dest="verb", required=True)
    verbs.add_parser("migrate", help="create or upgrade the schema and seed a new database from geodata/")
    for verb, text in (("backup", "write every table to DIR"), ("restore", "load DIR into an empty database")):
        verbs.add_parser(verb, help=text).add_argument("directory", type=Path)
    synthetic = verbs.add_parser(
        "seed-synthetic", help="write N synthetic partnerships into a new SQLite file (tests, benchmarks)"
    )
    synthetic.add_argument("size", type=int, metavar="N")
    synthetic.add_argument("--db", type=Path, required=True, help="the new SQLite file (start the app with ATLAS_DB_PATH=it)")
    synthetic.add_argument("--seed", type=int, default=7, help="random seed (same N and seed: same rows)")
    synthetic.add_argument("--no-join-cache", action="store_true", help="do not write the join to the disk cache")
    args = parser.parse_args(argv)
    try:
        if args.verb == "seed-synthetic":
            rows = seed_synthetic(args.db, args.size, args.seed, join_cache=not args.no_join_cache)
            print(f"{len(rows)} synthetic partnerships written to {args.db} (ids S000001-S{len(rows):06d}, "
                  f"source_url 'synthetic'); start the app with ATLAS_DB_PATH={args.db}")
        elif args.verb == "migrate":
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
