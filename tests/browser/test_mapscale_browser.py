"""The scalable links layer in real Chromium: SVG paths keep their ids, a canvas and bundles above the threshold.

Uses the session's one Playwright (``browser`` fixture): a second sync Playwright in the same test run
fails inside the first one's event loop.
"""

import html
import shutil
import tempfile
from pathlib import Path

import folium
import pytest

from atlas.mapscale import ScaleOptions, decode_ids, scalable_links_layer, scale_payload
from bench.common import file_server, leaflet_dir
from tests.test_mapscale import network


@pytest.mark.browser
def test_browser_draws_svg_paths_with_ids_and_a_canvas_above_the_threshold(browser):

    links = network(12).links
    pages = {
        "svg.html": scalable_links_layer(links, None, "de"),
        "canvas.html": scalable_links_layer(links, None, "de", options=ScaleOptions(canvas_above=5, aggregate_above=5)),
    }
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        shutil.copytree(leaflet_dir(), folder / "leaflet")
        names = {}
        for name, layer in pages.items():
            figure_map = folium.Map(location=[50.5, 20], zoom_start=5, tiles=None)
            names[name] = layer.get_name()
            figure_map.default_js = [("leaflet", "leaflet/leaflet.js")]
            figure_map.default_css = [("leaflet_css", "leaflet/leaflet.css")]
            layer.add_to(figure_map)
            (folder / name).write_text(figure_map.get_root().render(), encoding="utf-8")
        errors: list[str] = []
        with file_server(folder) as base_url:
            context = browser.new_context()
            try:
                page = context.new_page()
                page.on("pageerror", lambda error: errors.append(str(error)))
                page.goto(f"{base_url}/svg.html")
                page.wait_for_function("() => window.atlasScaleStats && window.atlasScaleStats.drawnAt")
                assert page.locator("path.atlas-link").count() == 12
                assert page.locator("path.atlas-link.pid-S000007").count() == 1
                page.evaluate(  # what st_folium does: listen for clicks on the layers and read the feature
                    "group => window[group].on('click', e => { window.clicked = e.layer.toGeoJSON().properties; })",
                    names["svg.html"],
                )
                page.locator("path.atlas-link.pid-S000007").dispatch_event("click")
                assert page.evaluate("() => window.clicked") == {"partnership_id": "S000007"}
                ends = set(links["a_municipality_id"]) | set(links["b_municipality_id"])
                assert page.locator("path.atlas-place").count() == len(ends)
                # place ids and labels travel packed and are cut out on demand: a click reports the place's
                # id, a link's tooltip names both of its ends
                page.locator("path.atlas-place").first.dispatch_event("click")
                assert page.evaluate("() => window.clicked")["municipality_id"] in ends
                payload = scale_payload(links, None, "de")
                index = decode_ids(payload["li"]["id"]).index("S000007")
                ends_of_link = [payload["pl"]["t"][payload["li"][side][index]] for side in ("a", "b")]
                page.locator("path.atlas-link.pid-S000007").dispatch_event("mouseover")
                tooltip = page.locator(".leaflet-tooltip").first
                tooltip.wait_for()
                assert all(html.unescape(name) in tooltip.inner_text() for name in ends_of_link)
                page.goto(f"{base_url}/canvas.html")
                page.wait_for_function("() => window.atlasScaleStats && window.atlasScaleStats.drawnAt")
                assert page.locator("path.atlas-link").count() == 0
                assert page.locator(".leaflet-overlay-pane canvas").count() >= 1
                stats = page.evaluate("() => window.atlasScaleStats")
                assert stats["mode"] == "bundles" and stats["bundles"] >= 1
            finally:
                context.close()
    assert errors == []
