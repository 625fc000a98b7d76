"""Map benchmark in the real app: cold start to map drawn, filter change to map updated, bytes sent.

    python3 -m bench.bench_map              # prints one JSON object
    python3 -m bench.bench_map --repeat 3   # more warm loads and filter changes (medians)
    python3 -m bench.bench_map --cold 5     # more cold starts (median; default 3)

Measured with Debian's Chromium (headless, every public host name unresolvable) against
``python serve.py`` (``streamlit run app.py`` with the warm-up) on a free port of 127.0.0.1:

- ``cold_start_s``: from launching the server process until the first ``path.atlas-link`` is in the
  map (server start, the join of records and gazetteer, page load, map drawn), in a browser with an
  empty cache; the median of ``--cold`` starts (all in ``cold_start_all_s``; the browser and an empty
  tab are opened before: opening a tab took 0.1-0.15 s of Chromium's time, which is no part of the app's
  start); ``health_s`` is when ``/_stcore/health`` first answered (median).
- ``cold_start_cached_browser_s``: the same after stopping the server and starting it again on the same
  port, in the same browser, which now has Streamlit's scripts in its HTTP cache (a presenter who
  restarts the app on the laptop that showed it before).
- ``warm_load_s``: a new tab on the running server until all links are drawn (median of ``--repeat``).
- ``filter_change_s``: choosing "Polen" in the sidebar's country filter (Enter pressed) until the map
  shows exactly the links with a Polish side (median), in the same tab, view kept;
  ``filter_change_server_s`` until the last websocket message of that rerun arrived (the rest is drawing).
- ``bytes``: what the browser received for one full map view on the warm server (Chrome DevTools
  ``encodedDataLength``, i.e. as sent over the wire; see :func:`measure_bytes`): ``map_total`` (the
  websocket messages, where the map's script and data travel, plus the st_folium component and the
  map's assets) against the target, and Streamlit's own frontend separately.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

from playwright.sync_api import Page, sync_playwright

from bench.common import CHROMIUM_ARGS, ROOT, chromium_path, cpu_reference_s, free_port

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 300_000


def start_app(port: int) -> subprocess.Popen:
    command = [
        sys.executable, "serve.py", "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def stop_app(process: subprocess.Popen) -> None:
    """Stop the server we started (its process group, by id); kill it if it does not end within 20 s."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def wait_for_health(url: str, started: float) -> float:
    while time.perf_counter() - started < 120:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the app did not answer /_stcore/health within 120 s")


def map_frame(page: Page):
    return page.wait_for_selector(MAP_IFRAME, timeout=TIMEOUT_MS).content_frame()


def wait_for_links(page: Page, expected: int | None = None) -> None:
    frame = map_frame(page)
    if expected is None:
        frame.wait_for_function("() => document.querySelectorAll('path.atlas-link').length > 0", timeout=TIMEOUT_MS)
    else:
        script = "n => document.querySelectorAll('path.atlas-link').length === n"
        frame.wait_for_function(script, arg=expected, timeout=TIMEOUT_MS)


def link_count(page: Page) -> int:
    return map_frame(page).evaluate("() => document.querySelectorAll('path.atlas-link').length")


def expected_counts() -> tuple[int, int]:
    from atlas.join import load_default_join

    links = load_default_join().links
    polish = links[(links["a_country"] == "PL") | (links["b_country"] == "PL")]
    return len(links), len(polish)


def measure_bytes(browser, url: str, wait_drawn) -> dict:
    """Bytes of one full map view in a fresh browser context (empty cache), as sent over the wire.

    ``map_total`` is what the map costs: the websocket messages (the map's script and data travel there;
    binary frames counted decoded, CDP reports them base64), the st_folium component and the map's
    assets (Leaflet, outlines). ``streamlit_frontend`` is Streamlit's own scripts, styles and fonts, the
    same for every page and kept in the browser's cache after the first visit. ``wait_drawn(page)``
    returns once the full map is drawn.
    """
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="de-DE")
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    requests: dict[str, str] = {}
    sizes: dict[str, int] = {}
    websocket = {"bytes": 0, "frames": 0, "largest": 0}

    def on_frame(event: dict) -> None:
        response = event["response"]
        data = response["payloadData"]
        size = len(base64.b64decode(data)) if response.get("opcode") == 2 else len(data.encode("utf-8"))
        websocket["bytes"] += size
        websocket["frames"] += 1
        websocket["largest"] = max(websocket["largest"], size)

    session.on("Network.responseReceived", lambda event: requests.update({event["requestId"]: event["response"]["url"]}))
    session.on("Network.loadingFinished", lambda event: sizes.update({event["requestId"]: int(event["encodedDataLength"])}))
    session.on("Network.webSocketFrameReceived", on_frame)
    page.goto(url)
    wait_drawn(page)
    page.wait_for_timeout(1500)  # late messages and the outlines
    context.close()
    by_url = {requests.get(request_id, request_id): size for request_id, size in sizes.items()}
    map_assets = sum(size for key, size in by_url.items() if "/app/static/" in key)
    component = sum(size for key, size in by_url.items() if "/component/streamlit_folium" in key)
    http_total = sum(by_url.values())
    return {
        "map_total": websocket["bytes"] + component + map_assets,
        "websocket_received": websocket["bytes"],
        "websocket_frames": websocket["frames"],
        "websocket_largest_frame": websocket["largest"],
        "map_component_frontend": component,
        "map_assets": map_assets,
        "streamlit_frontend": http_total - component - map_assets,
        "http_requests": len(by_url),
        "everything": http_total + websocket["bytes"],
    }


def record_frames(socket, moments: list[float]) -> None:
    socket.on("framereceived", lambda _payload: moments.append(time.perf_counter()))


def choose_country(page: Page, country_label: str) -> None:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Staat (eine der Seiten)").first
    box.locator("input").click()
    page.keyboard.type(country_label)
    page.keyboard.press("Enter")


def load_then_filter(context, url: str, wait_loaded, wait_filtered, country_label: str = "Polen"):
    """Open ``url`` in a new tab until ``wait_loaded(page)``, then choose ``country_label`` in the sidebar
    until ``wait_filtered(page)``. Returns ``(page, load_s, filter_change_s, filter_change_server_s)``; the
    last is until the rerun's last websocket message (the rest is the browser drawing). The tab stays open."""
    page = context.new_page()
    frames: list[float] = []
    page.on("websocket", lambda socket: record_frames(socket, frames))
    begin = time.perf_counter()
    page.goto(url)
    wait_loaded(page)
    load = time.perf_counter() - begin
    page.wait_for_timeout(500)
    choose_country(page, country_label)
    begin = time.perf_counter()
    wait_filtered(page)
    drawn = time.perf_counter()
    answered = [moment for moment in frames if begin <= moment <= drawn]
    return page, load, drawn - begin, (answered[-1] if answered else drawn) - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", type=int, default=3, help="cold starts (each with an empty browser cache)")
    arguments = parser.parse_args()
    total_links, polish_links = expected_counts()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    results: dict = {"links": total_links, "links_with_polish_side": polish_links}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        context = None
        # 1) cold server, cold browser (a new context: empty HTTP cache), ``--cold`` times; 2) the server
        # restarted on the same port, the last context keeping Streamlit's scripts in its cache (a presenter
        # restarting the app on a laptop)
        process = None
        colds, healths = [], []
        try:
            for attempt in range(max(arguments.cold, 1) + 1):
                cached = attempt == max(arguments.cold, 1)
                if process is not None:
                    stop_app(process)
                if not cached:
                    if context is not None:
                        context.close()
                    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="de-DE")
                page = context.new_page()  # the tab is open before, like the browser itself
                started = time.perf_counter()
                process = start_app(port)
                health = wait_for_health(url, started)
                page.goto(url)
                wait_for_links(page)
                seconds = time.perf_counter() - started
                page.close()
                if cached:
                    results["cold_start_cached_browser_s"] = round(seconds, 2)
                else:
                    colds.append(seconds)
                    healths.append(health)
            results["cold_start_s"] = round(statistics.median(colds), 2)
            results["cold_start_all_s"] = [round(value, 2) for value in colds]
            results["health_s"] = round(statistics.median(healths), 2)

            loads, changes, replies = [], [], []
            for _ in range(arguments.repeat):
                page, load, change, reply = load_then_filter(
                    context, url, lambda page: wait_for_links(page, total_links), lambda page: wait_for_links(page, polish_links)
                )
                loads.append(load)
                changes.append(change)
                replies.append(reply)
                page.close()
            results["warm_load_s"] = round(statistics.median(loads), 2)
            results["filter_change_s"] = round(statistics.median(changes), 3)
            results["filter_change_all_s"] = [round(value, 3) for value in changes]
            # last websocket message of the rerun; the rest of filter_change_s is the browser drawing
            results["filter_change_server_s"] = round(statistics.median(replies), 3)
            results["bytes"] = measure_bytes(browser, url, lambda page: wait_for_links(page, total_links))
        finally:
            if process is not None:
                stop_app(process)
            browser.close()
    results["load_average_1min"] = round(os.getloadavg()[0], 1)
    results["cpu_reference_s"] = cpu_reference_s()  # the same loop on another day says how fast the machine was
    results["cpus"] = os.cpu_count()
    results["targets"] = {"cold_start_s": 3.0, "filter_change_s": 0.5, "full_map_bytes": 300_000}
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
