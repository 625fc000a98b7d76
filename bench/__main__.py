"""Map benchmark: the app's scalable layer against the naive way, on synthetic networks.

    python -m bench                       # N = 500, 5,000, 25,000, 100,000; JSON on stdout
    python -m bench --sizes 500,5000 --repeat 3 --naive-max 25000

For every N (synthetic partnerships between real gazetteer places, :mod:`atlas.synthetic`):

- ``server_s`` (wall) and ``server_cpu_s`` (this process's CPU time): Python time to build the map
  the way the app sends it — base map HTML plus the feature group string st_folium ships
  (``scalable_links_layer`` + streamlit-folium's own serialisation) — or, for the naive way, one
  ``folium.PolyLine`` plus one ``folium.CircleMarker`` per link rendered to HTML.
- ``bytes`` / ``gzip_bytes``: the page the browser receives (Leaflet itself is a cached static file
  and not counted).
- ``drawn_s``: headless Chromium (Debian's, every public host name unresolvable), page served from
  127.0.0.1: navigation start until the map is drawn (load event, then two animation frames; for the
  app also the layer's own ``atlasScaleStats.drawnAt``); ``drawn_task_s``: the renderer main thread's
  busy time until then (Chrome's ``TaskDuration``). On a shared, busy machine wall times grow with the
  other load; the CPU and task times show the work itself (``load_average_*`` says how busy it was).
- ``zoom_open_s`` (app): from the first view, zooming to the individual-link level near Dresden until
  the links crossing the view are drawn (``zoom_open_view`` says how many).
- ``filter_change_s``: back at the first view, server time for ``apply_filters(?country=PL)`` + the new
  layer, plus the browser time to swap the layer in place (as st_folium does); naive: server rebuild
  + the new page drawn (st_folium re-creates the map when its script changes).

Ratios compare the two ways measured in the same run. The naive way is skipped above ``--naive-max``
links (it takes minutes there); the JSON says so.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import folium
import pandas as pd

from atlas.filters import Filters, apply_filters
from atlas.mapscale import ScaleOptions, scalable_links_layer
from atlas.palette import PAIR_COLOURS
from atlas.synthetic import SIZES, synthetic_network
from bench.common import CHROMIUM_ARGS, chromium_path, file_server, leaflet_dir, median, timed, timed_cpu

FILTER = Filters(countries=("PL",))
ZOOM_OPEN_CENTRE = (51.05, 13.74)  # Dresden
DRAWN_PROBE = """
<script>
window.addEventListener('load', function () {
  requestAnimationFrame(function () { requestAnimationFrame(function () { window.__pageDrawnAt = performance.now(); }); });
});
</script>
"""
WAIT_DRAWN = """
() => window.__pageDrawnAt !== undefined && (!window.__expectLayer || (window.atlasScaleStats && window.atlasScaleStats.drawnAt))
"""
SWAP_LAYER = """
async (script) => {
  const start = performance.now();
  window.atlasScaleStats = null;
  (window.feature_group || []).forEach(function (group) { map_div.removeLayer(group); });
  window.feature_group = [];
  (0, eval)(script);
  while (!(window.atlasScaleStats && window.atlasScaleStats.drawnAt)) {
    await new Promise(function (resolve) { requestAnimationFrame(resolve); });
  }
  return {seconds: (window.atlasScaleStats.drawnAt - start) / 1000, stats: window.atlasScaleStats};
}
"""
FIT_BACK = """
async () => {
  window.atlasScaleStats = null;
  map_div.fitBounds(window.__initialBounds, {animate: false});
  while (!(window.atlasScaleStats && window.atlasScaleStats.drawnAt)) {
    await new Promise(function (resolve) { requestAnimationFrame(resolve); });
  }
}
"""
ZOOM_TO = """
async ([lat, lon, zoom]) => {
  const start = performance.now();
  window.__initialBounds = window.__initialBounds || map_div.getBounds();
  window.atlasScaleStats = null;
  map_div.setView([lat, lon], zoom, {animate: false});
  while (!(window.atlasScaleStats && window.atlasScaleStats.drawnAt)) {
    await new Promise(function (resolve) { requestAnimationFrame(resolve); });
  }
  return {seconds: (window.atlasScaleStats.drawnAt - start) / 1000, stats: window.atlasScaleStats};
}
"""


def _bounds(links: pd.DataFrame) -> list[list[float]]:
    lats = pd.concat([links["a_lat"], links["b_lat"]])
    lons = pd.concat([links["a_lon"], links["b_lon"]])
    return [[float(lats.min()), float(lons.min())], [float(lats.max()), float(lons.max())]]


def base_map(links: pd.DataFrame) -> folium.Map:
    """A bare offline map (Leaflet from the page's own server, no tiles) fitted to ``links``."""
    figure_map = folium.Map(location=[50.0, 20.0], zoom_start=5, tiles=None, zoom_snap=0.25)
    figure_map.default_js = [("leaflet", "leaflet/leaflet.js")]
    figure_map.default_css = [("leaflet_css", "leaflet/leaflet.css")]
    if len(links):
        figure_map.fit_bounds(_bounds(links))
    return figure_map


def app_page(links: pd.DataFrame, places: pd.DataFrame) -> tuple[str, str]:
    """The app's way: base map page + the feature group string st_folium would send. Returns (page, layer JS)."""
    figure_map = base_map(links)
    page = figure_map.get_root().render()
    layer = scalable_links_layer(links, places, "de")
    script = layer_script(layer, figure_map)
    injected = f"<script>var map_div = {figure_map.get_name()}; window.__expectLayer = true;\n{script}\n</script>"
    return _append(page, injected + DRAWN_PROBE), script


def layer_script(layer: folium.FeatureGroup, figure_map: folium.Map) -> str:
    """The JavaScript st_folium sends for ``feature_group_to_add`` (its own serialisation)."""
    from streamlit_folium import _get_feature_group_string

    return _get_feature_group_string(layer, figure_map)


def naive_page(links: pd.DataFrame) -> str:
    """The naive way: one PolyLine and one CircleMarker per link (no tooltips: a lower bound)."""
    figure_map = base_map(links)
    try:
        from atlas.mapbuild import arc_points
    except ImportError:  # the map module is optional for this benchmark
        def arc_points(start, end):  # type: ignore[no-redef]
            return [start, end]
    for row in links[["a_lat", "a_lon", "b_lat", "b_lon", "pair"]].itertuples(index=False):
        points = arc_points((row.a_lon, row.a_lat), (row.b_lon, row.b_lat))
        colour = PAIR_COLOURS.get(row.pair, "#777777")
        folium.PolyLine([(lat, lon) for lon, lat in points], color=colour, weight=2, opacity=0.8).add_to(figure_map)
        folium.CircleMarker((row.a_lat, row.a_lon), radius=3, color=colour, fill=True).add_to(figure_map)
    return _append(figure_map.get_root().render(), DRAWN_PROBE)


def _append(page: str, scripts: str) -> str:
    """Add ``scripts`` after folium's own (which come after ``</body>``), before ``</html>``."""
    head, tail = page.rsplit("</html>", 1)
    return head + scripts + "</html>" + tail


def _size(text: str) -> tuple[int, int]:
    raw = text.encode("utf-8")
    return len(raw), len(gzip.compress(raw, compresslevel=6))


class BrowserPage:
    """One Chromium tab with its main-thread task time (CDP ``Performance.getMetrics``)."""

    def __init__(self, browser: Any, url: str, timeout_s: float):
        self.page = browser.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.cdp = self.page.context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable")
        self.page.goto(url, wait_until="load", timeout=timeout_s * 1000)
        self.page.wait_for_function(WAIT_DRAWN, timeout=timeout_s * 1000, polling=50)
        drawn_ms = self.page.evaluate(
            "() => Math.max(window.__pageDrawnAt, (window.atlasScaleStats && window.atlasScaleStats.drawnAt) || 0)"
        )
        self.drawn_s = drawn_ms / 1000
        self.drawn_task_s = self.task_s()
        self.stats = self.page.evaluate("() => window.atlasScaleStats || null")
        self.check()

    def task_s(self) -> float:
        """Seconds the renderer's main thread has spent on tasks (script, style, layout, paint) so far."""
        metrics = {item["name"]: item["value"] for item in self.cdp.send("Performance.getMetrics")["metrics"]}
        return float(metrics.get("TaskDuration", 0.0))

    def run(self, script: str, argument: Any) -> tuple[dict, float]:
        """Evaluate ``script`` (which resolves to ``{seconds, stats}``); also return its main-thread task time."""
        before = self.task_s()
        outcome = self.page.evaluate(script, argument)
        self.check()
        return outcome, self.task_s() - before

    def check(self) -> None:
        if self.errors:
            raise RuntimeError(f"page errors: {self.errors[:3]}")

    def close(self) -> None:
        self.page.close()


def measure_size(browser: Any, base_url: str, folder: Path, size: int, naive_max: int, repeat: int,
                 timeout_s: float) -> dict[str, Any]:
    network, generate_s = timed(lambda: synthetic_network(size))
    links, places = network.links, network.places
    filtered = apply_filters(links, FILTER)
    result: dict[str, Any] = {"n": size, "generate_s": round(generate_s, 3), "filtered_n": len(filtered),
                              "filter": FILTER.to_query_params()}

    app: dict[str, Any] = {key: [] for key in (
        "server_s", "server_cpu_s", "drawn_s", "drawn_task_s", "zoom_open_s", "zoom_open_task_s",
        "filter_server_s", "filter_server_cpu_s", "filter_browser_s", "filter_browser_task_s",
        "filter_change_s", "filter_change_cpu_s",
    )}
    for attempt in range(repeat):
        (page_html, _), server_s, server_cpu_s = timed_cpu(lambda: app_page(links, places))
        app["server_s"].append(server_s)
        app["server_cpu_s"].append(server_cpu_s)
        path = folder / f"app-{size}-{attempt}.html"
        path.write_text(page_html, encoding="utf-8")
        app["bytes"], app["gzip_bytes"] = _size(page_html)
        tab = BrowserPage(browser, f"{base_url}/{path.name}", timeout_s)
        app["drawn_s"].append(tab.drawn_s)
        app["drawn_task_s"].append(tab.drawn_task_s)
        app["first_view"] = tab.stats

        zoom_level = ScaleOptions().zoom_threshold
        zoom, zoom_task_s = tab.run(ZOOM_TO, [*ZOOM_OPEN_CENTRE, zoom_level])
        while zoom["stats"]["mode"] == "bundles" and zoom_level < ScaleOptions().zoom_threshold + 3:
            zoom_level += 1  # too many links at this zoom: the layer keeps the bundles; zoom further in
            zoom, zoom_task_s = tab.run(ZOOM_TO, [*ZOOM_OPEN_CENTRE, zoom_level])
        app["zoom_open_s"].append(zoom["seconds"])
        app["zoom_open_task_s"].append(zoom_task_s)
        app["zoom_open_view"] = {**zoom["stats"], "zoom": zoom_level}
        tab.run(FIT_BACK, None)

        def filtered_script() -> str:
            figure_map = base_map(links)
            return layer_script(scalable_links_layer(apply_filters(links, FILTER), places, "de"), figure_map)

        script, filter_server_s, filter_server_cpu_s = timed_cpu(filtered_script)
        swap, swap_task_s = tab.run(SWAP_LAYER, script)
        app["filter_server_s"].append(filter_server_s)
        app["filter_server_cpu_s"].append(filter_server_cpu_s)
        app["filter_browser_s"].append(swap["seconds"])
        app["filter_browser_task_s"].append(swap_task_s)
        app["filter_change_s"].append(filter_server_s + swap["seconds"])
        app["filter_change_cpu_s"].append(filter_server_cpu_s + swap_task_s)
        app["filter_bytes"] = len(script.encode("utf-8"))
        app["after_filter_view"] = swap["stats"]
        tab.close()
    summary_app = {key: median(value) if isinstance(value, list) else value for key, value in app.items()}
    result["app"] = summary_app

    if size > naive_max:
        result["naive"] = {"skipped": f"n > --naive-max {naive_max} (minutes per run)"}
        return result
    naive: dict[str, Any] = {key: [] for key in (
        "server_s", "server_cpu_s", "drawn_s", "drawn_task_s", "filter_change_s", "filter_change_cpu_s",
    )}
    for attempt in range(repeat):
        page_html, server_s, server_cpu_s = timed_cpu(lambda: naive_page(links))
        naive["server_s"].append(server_s)
        naive["server_cpu_s"].append(server_cpu_s)
        naive["bytes"], naive["gzip_bytes"] = _size(page_html)
        path = folder / f"naive-{size}-{attempt}.html"
        path.write_text(page_html, encoding="utf-8")
        tab = BrowserPage(browser, f"{base_url}/{path.name}", timeout_s)
        tab.close()
        naive["drawn_s"].append(tab.drawn_s)
        naive["drawn_task_s"].append(tab.drawn_task_s)
        filtered_html, filter_server_s, filter_server_cpu_s = timed_cpu(lambda: naive_page(filtered))
        filtered_path = folder / f"naive-{size}-{attempt}-filtered.html"
        filtered_path.write_text(filtered_html, encoding="utf-8")
        tab = BrowserPage(browser, f"{base_url}/{filtered_path.name}", timeout_s)
        tab.close()
        naive["filter_change_s"].append(filter_server_s + tab.drawn_s)
        naive["filter_change_cpu_s"].append(filter_server_cpu_s + tab.drawn_task_s)
    summary_naive = {key: median(value) if isinstance(value, list) else value for key, value in naive.items()}
    result["naive"] = summary_naive
    result["ratios_naive_over_app"] = {
        key: round(summary_naive[key] / summary_app[key], 2)
        for key in ("server_s", "server_cpu_s", "bytes", "gzip_bytes", "drawn_s", "drawn_task_s",
                    "filter_change_s", "filter_change_cpu_s")
        if summary_app.get(key)
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES), help="comma-separated N")
    parser.add_argument("--naive-max", type=int, default=25_000, help="skip the naive way above this N")
    parser.add_argument("--repeat", type=int, default=1, help="runs per N (medians are reported)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a page may take")
    arguments = parser.parse_args(argv)
    sizes = [int(part) for part in arguments.sizes.split(",") if part.strip()]

    from playwright.sync_api import sync_playwright

    report: dict[str, Any] = {"benchmark": "map", "sizes": sizes, "synthetic": True,
                              "cpus": os.cpu_count(),
                              "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
                              "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                              "naive_way": "folium.PolyLine (arc) + folium.CircleMarker per link, no tooltips",
                              "app_way": "atlas.mapscale.scalable_links_layer via st_folium feature group string",
                              "results": []}
    warm_up = synthetic_network(50)
    app_page(warm_up.links, warm_up.places)  # imports, catalogs and templates load once, not in the first N
    naive_page(warm_up.links)
    with tempfile.TemporaryDirectory(prefix="atlas-bench-") as temporary:
        folder = Path(temporary)
        (folder / "leaflet").symlink_to(leaflet_dir(), target_is_directory=True)
        with file_server(folder) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
            try:
                warm_path = folder / "warm-up.html"
                warm_path.write_text(app_page(warm_up.links, warm_up.places)[0], encoding="utf-8")
                BrowserPage(browser, f"{base_url}/{warm_path.name}", arguments.timeout).close()
                for size in sizes:
                    print(f"bench: n={size} …", file=sys.stderr, flush=True)
                    report["results"].append(
                        measure_size(browser, base_url, folder, size, arguments.naive_max, arguments.repeat,
                                     arguments.timeout)
                    )
            finally:
                browser.close()
    report["load_average_1_5_15"] = [round(value, 2) for value in os.getloadavg()]
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
