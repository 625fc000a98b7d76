"""Gazetteer load time, cold (first read in a fresh process) and warm (repeated reads); prints numbers."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from atlas.gazetteer import default_path, load_gazetteer

COLD_SNIPPET = (
    "import time; t=time.perf_counter(); from atlas.gazetteer import load_gazetteer; "
    "g=load_gazetteer(); print(time.perf_counter()-t, len(g.table))"
)


def main() -> None:
    cold = subprocess.run([sys.executable, "-c", COLD_SNIPPET], capture_output=True, text=True, check=True)
    cold_seconds, rows = cold.stdout.split()
    warm = []
    for _ in range(5):
        started = time.perf_counter()
        load_gazetteer()
        warm.append(time.perf_counter() - started)
    size_mb = default_path().stat().st_size / 1e6
    print(f"gazetteer: {rows} rows, {size_mb:.2f} MB on disk")
    print(f"cold load (fresh process, incl. pandas import): {float(cold_seconds):.3f} s")
    print(f"warm load (median of 5): {statistics.median(warm):.3f} s  (min {min(warm):.3f} s)")


if __name__ == "__main__":
    main()
