"""The running app on N synthetic partnerships: cold start, warm load, filter change, zoom, bytes, memory.

    python3 -m bench.bench_app_scale --synthetic 25000             # prints one JSON object
    python3 -m bench.bench_app_scale --synthetic 100000 --repeat 1

What ``bench.bench_map`` measures for the real records, for a network of N synthetic partnerships
(:mod:`atlas.synthetic` via ``python -m atlas db seed-synthetic``) in a separate SQLite file, the app
started through ``serve.py`` with ``ATLAS_DB_PATH`` pointing at it. Debian's Chromium, headless, every
public host name unresolvable. Above ``atlas.mapbuild.SCALE_THRESHOLD`` links the map is the scalable
canvas layer, which reports ``window.atlasScaleStats`` in the map's iframe once it has drawn:

- ``seed_s``: writing the database, including the join written to the disk cache (as ``scripts/setup``
  does for the real records), so a start reads the join instead of geocoding 2 N ends.
- ``cold_start_s``: from launching the server until the map has drawn all N (``stats.total == N``) in a
  browser with an empty cache; ``health_s`` when ``/_stcore/health`` first answered.
- ``warm_load_s``: a new tab on the running server until the map has drawn all N (median of ``--repeat``).
- ``filter_change_s``: "Polen" chosen in the sidebar's country filter until the map has drawn the links
  with a Polish side (median); ``filter_change_server_s`` until the last websocket message of that rerun.
- ``zoom_in_s``: the view set to zoom 9 on the busiest place until its individual links are drawn
  (in the browser only, no rerun).
- ``bytes``: what one full map view received over the wire, in a fresh browser context (CDP
  ``encodedDataLength``; websocket frames decoded): ``map_total`` (websocket, st_folium component, map
  assets) and, apart, ``streamlit_frontend`` (Streamlit's own scripts, cached by the browser after a visit).
- ``server_rss_mb``: the server process's resident memory after these views.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.bench_map import load_then_filter, measure_bytes, start_app, stop_app, wait_for_health
from bench.common import CHROMIUM_ARGS, chromium_path, cpu_reference_s, free_port

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 300_000
DRAWN_JS = "n => window.atlasScaleStats && window.atlasScaleStats.drawnAt && window.atlasScaleStats.total === n"


def wait_drawn(page: Page, total: int) -> dict:
    """Wait until the scalable layer in the map's iframe has drawn ``total`` links; returns its stats."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        frame = page.wait_for_selector(MAP_IFRAME, timeout=TIMEOUT_MS).content_frame()
        try:
            frame.wait_for_function(DRAWN_JS, arg=total, timeout=TIMEOUT_MS)
            return frame.evaluate("() => window.atlasScaleStats")
        except Exception as error:  # the iframe was replaced while waiting: wait on the new one
            if "detached" not in str(error) or time.monotonic() > deadline:
                raise


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def busiest_place(links) -> list[float]:
    """``[lat, lon]`` of the place with the most links."""
    import pandas as pd

    ends = pd.concat([
        links[["a_municipality_id", "a_lat", "a_lon"]].set_axis(["id", "lat", "lon"], axis=1),
        links[["b_municipality_id", "b_lat", "b_lon"]].set_axis(["id", "lat", "lon"], axis=1),
    ])
    top = ends.groupby("id").agg(lat=("lat", "first"), lon=("lon", "first"), n=("id", "size")).nlargest(1, "n")
    return [float(top["lat"].iloc[0]), float(top["lon"].iloc[0])]


def run(size: int, repeat: int, folder: Path) -> dict:
    from atlas.commands.db import seed_synthetic
    from atlas.gazetteer import load_gazetteer
    from atlas.geocode import Geocoder
    from atlas.joincache import cached_join
    from atlas.store import open_store

    database = folder / "synthetic.sqlite"
    begin = time.perf_counter()
    seed_synthetic(database, size)
    results: dict = {"links": size, "seed_s": round(time.perf_counter() - begin, 2)}
    store = open_store(f"sqlite:///{database}", seed=False)
    links = cached_join(store.partnerships_frame(), lambda: Geocoder(load_gazetteer())).links
    store.dispose()
    polish = int(((links["a_country"] == "PL") | (links["b_country"] == "PL")).sum())
    results["links_with_polish_side"] = polish
    centre = busiest_place(links)

    os.environ["ATLAS_DB_PATH"] = str(database)  # the server we start inherits it
    os.environ.pop("DATABASE_URL", None)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="de-DE")
        try:
            started = time.perf_counter()
            process = start_app(port)
            results["health_s"] = round(wait_for_health(url, started), 2)
            page = context.new_page()
            page.goto(url)
            stats = wait_drawn(page, size)
            results["cold_start_s"] = round(time.perf_counter() - started, 2)
            results["first_view"] = {key: stats[key] for key in ("mode", "canvas", "bundles", "links", "places")}
            page.close()

            loads, changes, replies, zooms = [], [], [], []
            for _ in range(repeat):
                page, load, change, reply = load_then_filter(
                    context, url, lambda page: wait_drawn(page, size), lambda page: wait_drawn(page, polish)
                )
                loads.append(load)
                changes.append(change)
                replies.append(reply)
                frame = page.wait_for_selector(MAP_IFRAME).content_frame()
                begin = time.perf_counter()
                frame.evaluate("c => { map.setView(c, 9, {animate: false}); }", centre)
                frame.wait_for_function("() => window.atlasScaleStats.mode === 'view' && map.getZoom() >= 9", timeout=TIMEOUT_MS)
                zooms.append(time.perf_counter() - begin)
                zoomed = frame.evaluate("() => window.atlasScaleStats")
                results["zoomed_view"] = {key: zoomed[key] for key in ("mode", "links", "places")}
                page.close()
            results["warm_load_s"] = round(statistics.median(loads), 2)
            results["warm_load_all_s"] = [round(value, 2) for value in loads]
            results["filter_change_s"] = round(statistics.median(changes), 3)
            results["filter_change_all_s"] = [round(value, 3) for value in changes]
            results["filter_change_server_s"] = round(statistics.median(replies), 3)
            results["zoom_in_s"] = round(statistics.median(zooms), 3)
            results["bytes"] = measure_bytes(browser, url, lambda page: wait_drawn(page, size))
            results["server_rss_mb"] = rss_mb(process.pid)
        finally:
            if process is not None:
                stop_app(process)
            browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=25_000, metavar="N", help="synthetic partnerships (default 25000)")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="atlas-scale-") as temporary:
        results = run(arguments.synthetic, arguments.repeat, Path(temporary))
    results["load_average_1min"] = round(os.getloadavg()[0], 1)
    results["cpu_reference_s"] = cpu_reference_s()  # the same loop on another day says how fast the machine was
    results["cpus"] = os.cpu_count()
    results["targets"] = {"warm_load_s": 3.0 if arguments.synthetic <= 25_000 else 6.0, "filter_change_s": 0.5,
                          "bytes_map_total": 3_000_000}
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
