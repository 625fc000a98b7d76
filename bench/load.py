"""Many viewers: N concurrent Streamlit sessions against the app, over Streamlit's own websocket protocol.

    python -m bench.load                    # starts the app on a free loopback port, 200 sessions in 60 s
    python -m bench.load --sessions 50 --ramp 5
    python -m bench.load --instances 2           # two app processes, sessions spread over them
    python -m bench.load --url http://127.0.0.1:8501 --pid 12345   # a running app (loopback only)

Each session is what a browser tab does first: open ``/_stcore/stream`` (subprotocol ``streamlit``),
send a ``rerun_script`` BackMsg with the page's query string, and read ForwardMsgs until
``script_finished``. "Full render" is the time from opening the socket to the successful end of that
script run; an ``exception`` element, a compile error, a closed socket or a timeout counts as an error.
Sessions stay open until all have rendered (``--hold`` seconds more), so the memory measured is that of
N live sessions. The server's resident memory (``/proc/<pid>/status`` VmRSS, children included) is read
after a warm-up session (the app's footprint with its data loaded), with all sessions open, and after
they closed. What a websocket client does not do: load the map iframe and Leaflet (static files,
cached by browsers) and the component's own rerun; ``python -m bench`` measures the browser side.

JSON on stdout. Everything is bounded: ``--deadline`` seconds in all, then the tool stops by itself; it
talks to 127.0.0.1 only and stops the app it started (by its PID).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bench.common import ROOT, free_port, median, percentile

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass
class SessionResult:
    """What one session saw."""

    ok: bool = False
    render_s: float | None = None
    messages: int = 0
    bytes_received: int = 0
    error: str = ""
    exceptions: list[str] = field(default_factory=list)


def rss_bytes(pid: int) -> int:
    """Resident memory of ``pid`` and its children (VmRSS from /proc), in bytes."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    except OSError:
        pass
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (``/proc/<pid>/stat``), in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def _wait_healthy(base_url: str, timeout_s: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout_s:
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{base_url}: no health answer within {timeout_s} s")


def start_app(port: int, extra: list[str]) -> subprocess.Popen:
    """``streamlit run app.py`` on 127.0.0.1:<port>, headless, its own process group."""
    command = [
        sys.executable, "serve.py",
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false", *extra,
    ]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


async def one_session(ws_url: str, origin: str, query: str, page: str, timeout_s: float,
                      rendered: asyncio.Event | None, hold: asyncio.Event | None) -> SessionResult:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    result = SessionResult()
    start = time.perf_counter()
    try:
        async with asyncio.timeout(timeout_s):
            async with connect(ws_url, subprotocols=["streamlit"], origin=origin, max_size=None,
                               open_timeout=timeout_s, ping_interval=None) as socket:
                request = BackMsg()
                request.rerun_script.query_string = query
                request.rerun_script.page_name = page
                await socket.send(request.SerializeToString())
                while True:
                    raw = await socket.recv()
                    result.messages += 1
                    result.bytes_received += len(raw)
                    message = ForwardMsg()
                    message.ParseFromString(raw)
                    kind = message.WhichOneof("type")
                    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                        element = message.delta.new_element
                        if element.WhichOneof("type") == "exception":
                            result.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
                    if kind == "script_finished":
                        status = message.script_finished
                        if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                            break
                        if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                            raise RuntimeError("script compile error")
                result.render_s = time.perf_counter() - start
                result.ok = not result.exceptions
                if result.exceptions:
                    result.error = result.exceptions[0]
                if rendered is not None:
                    rendered.set()
                if hold is not None:
                    await hold.wait()
    except TimeoutError:
        result.error = result.error or f"timeout after {timeout_s} s"
        result.ok = False if result.render_s is None else result.ok
    except Exception as error:  # noqa: BLE001 - every failure of a session is a reported error
        result.error = f"{type(error).__name__}: {error}"[:300]
        result.ok = False
    return result


async def run_sessions(base_urls: list[str], count: int, ramp_s: float, query: str, page: str, timeout_s: float,
                       hold_s: float, pids: list[int]) -> dict[str, Any]:
    """Start ``count`` sessions evenly over ``ramp_s`` seconds, spread round-robin over ``base_urls``."""
    hold = asyncio.Event()
    rendered_events = [asyncio.Event() for _ in range(count)]

    async def delayed(index: int) -> SessionResult:
        await asyncio.sleep(ramp_s * index / max(count, 1))
        base_url = base_urls[index % len(base_urls)]
        return await one_session(stream_url(base_url), base_url, query, page, timeout_s, rendered_events[index], hold)

    started = time.perf_counter()
    tasks = [asyncio.create_task(delayed(index)) for index in range(count)]
    waits = [asyncio.create_task(event.wait()) for event in rendered_events]
    pending = set(waits) | set(tasks)
    while not all(event.is_set() or task.done() for event, task in zip(rendered_events, tasks, strict=True)):
        _, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    for wait in waits:
        wait.cancel()
    all_rendered_s = time.perf_counter() - started
    await asyncio.sleep(hold_s)
    rss_open = total_rss(pids)
    hold.set()
    results = await asyncio.gather(*tasks)
    return {"results": results, "all_rendered_s": round(all_rendered_s, 2), "rss_open": rss_open}


def stream_url(base_url: str) -> str:
    parsed = urlparse(base_url)
    return f"ws://{parsed.netloc}{parsed.path.rstrip('/')}/_stcore/stream"


def total_rss(pids: list[int]) -> int | None:
    return sum(rss_bytes(pid) for pid in pids) if pids else None


def total_cpu(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


def megabytes(value: int | None) -> float | None:
    return round(value / 2**20, 1) if value else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--ramp", type=float, default=60.0, help="seconds over which sessions start (evenly)")
    parser.add_argument("--query", default="", help="query string of every session, e.g. country=PL")
    parser.add_argument("--page", default="", help="page url path ('' = default page, the map)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one session may take to render")
    parser.add_argument("--hold", type=float, default=2.0, help="seconds all sessions stay open after rendering")
    parser.add_argument("--deadline", type=float, default=600.0, help="stop everything after this many seconds")
    parser.add_argument("--instances", type=int, default=1,
                        help="app processes to start (sessions spread round-robin, like a sticky balancer)")
    parser.add_argument("--url", default="", help="a running app (loopback only); default: start --instances")
    parser.add_argument("--pid", type=int, default=0, help="PID of that app, for its memory")
    parser.add_argument("--app-arg", action="append", default=[], help="extra `streamlit run` option (repeatable)")
    arguments = parser.parse_args(argv)

    processes: list[subprocess.Popen] = []
    report: dict[str, Any] = {"benchmark": "load", "sessions": arguments.sessions, "ramp_s": arguments.ramp,
                              "instances": 1 if arguments.url else arguments.instances,
                              "query": arguments.query, "page": arguments.page or "(default)", "cpus": os.cpu_count()}
    try:
        if arguments.url:
            base_urls = [arguments.url.rstrip("/")]
            if urlparse(base_urls[0]).hostname not in LOOPBACK_HOSTS:
                parser.error("--url must point at 127.0.0.1 or localhost")
            pids = [arguments.pid] if arguments.pid else []
        else:
            base_urls = []
            for _ in range(arguments.instances):
                port = free_port()
                base_urls.append(f"http://127.0.0.1:{port}")
                processes.append(start_app(port, arguments.app_arg))
            pids = [process.pid for process in processes]
        report["health_s"] = max(round(_wait_healthy(base_url, 120), 2) for base_url in base_urls)
        report["rss_start_mb"] = megabytes(total_rss(pids))

        async def warm_up(base_url: str) -> tuple[SessionResult, SessionResult]:
            session = (stream_url(base_url), base_url, arguments.query, arguments.page, arguments.timeout, None, None)
            first = await one_session(*session)
            second = await one_session(*session)
            return first, second

        async def scenario() -> dict[str, Any]:
            async with asyncio.timeout(arguments.deadline):
                cpu_start = total_cpu(pids)
                pairs = await asyncio.gather(*(warm_up(base_url) for base_url in base_urls))
                cpu_warm = total_cpu(pids)
                firsts, seconds = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
                warm = {"first_render_s": max(result.render_s or 0 for result in firsts),
                        "warm_render_s": max(result.render_s or 0 for result in seconds),
                        "errors": [result.error for result in firsts + seconds if not result.ok],
                        "messages": seconds[0].messages, "bytes": seconds[0].bytes_received,
                        "rss_mb": megabytes(total_rss(pids)), "cpu_s": round(cpu_warm - cpu_start, 2)}
                load_average_before = os.getloadavg()
                crowd = await run_sessions(base_urls, arguments.sessions, arguments.ramp, arguments.query,
                                           arguments.page, arguments.timeout, arguments.hold, pids)
                crowd["server_cpu_s"] = round(total_cpu(pids) - cpu_warm, 2) if pids else None
                crowd["warm"] = warm
                crowd["load_average_before"] = [round(value, 2) for value in load_average_before]
                return crowd

        outcome = asyncio.run(scenario())
        results: list[SessionResult] = outcome["results"]
        times = [result.render_s for result in results if result.ok and result.render_s is not None]
        errors = [result.error for result in results if not result.ok]
        rss_warm = outcome["warm"]["rss_mb"]
        time.sleep(1.0)
        rss_open = megabytes(outcome["rss_open"])
        report.update({
            "warm_up": outcome["warm"],
            "rendered": len(times),
            "errors": len(errors),
            "error_samples": sorted(set(errors))[:5],
            "render_s": {"p50": median(times), "p95": percentile(times, 0.95), "max": max(times) if times else None},
            "all_rendered_s": outcome["all_rendered_s"],
            "bytes_per_session": median([float(result.bytes_received) for result in results if result.ok]),
            "rss_mb": {"after_warm_up": rss_warm, "all_sessions_open": rss_open, "after_close": megabytes(total_rss(pids))},
            "rss_growth_per_session_mb": (
                round((rss_open - rss_warm) / max(arguments.sessions, 1), 3) if rss_open and rss_warm else None
            ),
            "server_cpu_s_per_session": (
                round(outcome["server_cpu_s"] / max(arguments.sessions, 1), 3) if outcome["server_cpu_s"] else None
            ),
            "load_average_before": outcome["load_average_before"],
            "load_average_after": [round(value, 2) for value in os.getloadavg()],
        })
    finally:
        for process in processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
            except ProcessLookupError:
                pass
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0 if report.get("errors") == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
