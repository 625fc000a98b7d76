"""Shared pieces of the benchmarks: free ports, a loopback file server, headless Chromium, timing."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
T = TypeVar("T")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (bind port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def leaflet_dir() -> Path:
    """Leaflet's dist files: the app's copy in ``static/vendor/leaflet``, else the installed package."""
    copied = ROOT / "static" / "vendor" / "leaflet"
    if (copied / "leaflet.js").exists():
        return copied
    import js_lib_leaflet

    return Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class names it so
        pass


@contextlib.contextmanager
def file_server(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def timed(function: Callable[[], T]) -> tuple[T, float]:
    """Run ``function`` once; return its result and the wall time in seconds."""
    start = time.perf_counter()
    result = function()
    return result, time.perf_counter() - start


def timed_cpu(function: Callable[[], T]) -> tuple[T, float, float]:
    """Run ``function`` once; return its result, the wall time and this process's CPU time (seconds).

    On a busy machine wall time grows with the other load; CPU time much less.
    """
    start, start_cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - start, time.process_time() - start_cpu


def cpu_reference_s(rounds: int = 5) -> float:
    """Seconds this machine needs for a fixed pure-Python loop (10 million additions; best of ``rounds``).

    Printed beside every benchmark so that runs on different days or machines can be set against each
    other: the shared machines here differ by a factor of two from one session to the next."""
    best = float("inf")
    for _ in range(rounds):
        begin = time.perf_counter()
        total = 0
        for number in range(10_000_000):
            total += number
        best = min(best, time.perf_counter() - begin)
    return round(best, 3)


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 4) if values else None


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (``share`` in 0..1) of ``values``."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-share * len(ordered) // 1))))
    return round(ordered[rank - 1], 4)
