"""Benchmark of the geocoder: gazetteer load, index build (cold and from the cache), 10,000 endpoints.

Run ``python bench/bench_geocode.py``. The 10,000 endpoints are distinct names taken from the
gazetteer and written in German, English or Cyrillic spelling, half with admin1 — so the per-call
result cache does not flatter the number — and then the 912 ends of the real records.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from atlas.gazetteer import load_gazetteer  # noqa: E402
from atlas.geocode import Geocoder  # noqa: E402
from atlas.join import hinted_name, load_record_hints  # noqa: E402
from atlas.records import load_partnerships  # noqa: E402
from atlas.translit import to_german, to_latin_national  # noqa: E402


def timed(label: str, function):
    started = time.perf_counter()
    cpu = time.process_time()
    result = function()
    print(f"{label:<48} {time.perf_counter() - started:7.2f} s wall {time.process_time() - cpu:7.2f} s cpu")
    return result


def endpoints(table, count: int) -> list[tuple[str, str, str, str]]:
    rng = random.Random(7)
    rows = table.sample(n=count, random_state=11, replace=count > len(table)).to_dict("records")
    result = []
    for row in rows:
        name = row["name_uk"] if row["country"] == "UA" and row["name_uk"] else row["name_local"]
        spelling = rng.choice(["as is", "german", "national"])
        if spelling == "german":
            name = to_german(name)
        elif spelling == "national":
            name = to_latin_national(name)
        admin1 = row["admin1_name"] if rng.random() < 0.5 else ""
        result.append((name, row["country"], "", admin1))
    return result


def main() -> None:
    gazetteer = timed("load_gazetteer (csv.gz → DataFrame)", load_gazetteer)
    print(f"  {len(gazetteer.table):,} gazetteer rows")
    with tempfile.TemporaryDirectory() as cache:
        timed("Geocoder index build, cold (no cache)", lambda: Geocoder(gazetteer, cache_dir=cache))
        geocoder = timed("Geocoder index load from cache (warm start)", lambda: Geocoder(gazetteer, cache_dir=cache))
    ends = endpoints(gazetteer.table, 10_000)
    matches = timed("resolve 10,000 distinct endpoints", lambda: geocoder.resolve_many(ends))
    statuses = {status: sum(1 for match in matches if match.status == status) for status in ("matched", "ambiguous", "unmatched")}
    print(f"  {statuses}")
    timed("resolve the same 10,000 again (result cache)", lambda: geocoder.resolve_many(ends))
    records = load_partnerships()
    hints = load_record_hints()  # as the join gives them: "Taufkirchen (Landkreis München)"
    record_ends = [
        (hinted_name(row[f"{side}_name"], hints.get((row["id"], side))), row[f"{side}_country"], row[f"{side}_kind"],
         row[f"{side}_admin1"])
        for row in records.to_dict("records") for side in ("a", "b")
    ]
    fresh = Geocoder(gazetteer)
    record_matches = timed(f"resolve the {len(record_ends)} ends of the records", lambda: fresh.resolve_many(record_ends))
    print(f"  matched {sum(match.status == 'matched' for match in record_matches)} of {len(record_ends)}")


if __name__ == "__main__":
    main()
