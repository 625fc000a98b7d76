"""The running app on 8,000 synthetic partnerships: the scalable canvas layer, filters, zoom, the banner.

The app is started through ``serve.py`` (``app_command``) on a separate SQLite file written by
``python -m atlas db seed-synthetic`` (every row synthetic, every row placed on the map), in the
session's Chromium with every public host name unresolvable. Expected numbers come from the stored rows.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import expect

from atlas.commands.db import seed_synthetic
from atlas.mapbuild import SCALE_THRESHOLD
from atlas.mapscale import COORDINATE_SCALE, ScaleOptions
from bench.common import free_port
from tests.browser.conftest import FIRST_MAP_TIMEOUT_MS, MAP_TIMEOUT_MS, ROOT, AtlasPage, _stop, _wait_for_health, app_command

pytestmark = pytest.mark.browser

SIZE = 8_000  # the Polish half (about 4,000) stays above SCALE_THRESHOLD: the scalable layer in both views
STATS_JS = """() => window.atlasScaleStats && window.atlasScaleStats.drawnAt ? {
  stats: window.atlasScaleStats, zoom: map.getZoom(),
  box: (b => [b.getSouth(), b.getNorth(), b.getWest(), b.getEast()])(map.getBounds().pad(0.1))
} : null"""


@dataclass(frozen=True)
class SyntheticApp:
    url: str
    links: pd.DataFrame
    """The app's join of the stored rows (every stored row is a link: seed-synthetic keeps only placed rows)."""


@pytest.fixture(scope="module")
def synthetic_app(tmp_path_factory) -> Iterator[SyntheticApp]:
    """The app (serve.py) on a free port, reading only ``SIZE`` synthetic partnerships."""
    from atlas.gazetteer import load_gazetteer
    from atlas.geocode import Geocoder
    from atlas.joincache import cached_join
    from atlas.store import open_store

    folder = tmp_path_factory.mktemp("synthetic")
    database = folder / "synthetic.sqlite"
    seed_synthetic(database, SIZE)
    store = open_store(f"sqlite:///{database}", seed=False)
    stored = store.partnerships_frame()
    store.dispose()
    links = cached_join(stored, lambda: Geocoder(load_gazetteer())).links  # the file the seeding wrote
    assert len(stored) == len(links) == SIZE and (stored["source_url"] == "synthetic").all()
    port = free_port()
    log_path = folder / "streamlit.log"
    environment = {**os.environ, "ATLAS_DB_PATH": str(database)}
    environment.pop("DATABASE_URL", None)
    with log_path.open("wb") as log:
        process = subprocess.Popen(app_command(port), cwd=ROOT, env=environment, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, process, log_path)
        yield SyntheticApp(url=url, links=links)
    finally:
        _stop(process)


def drawn_state(atlas_page: AtlasPage, condition: str, arg: object = None, timeout_ms: int = MAP_TIMEOUT_MS) -> dict:
    """Wait until ``condition(state, arg)`` holds in the map's iframe and return that state: ``stats``
    (``window.atlasScaleStats``), ``zoom`` and ``box``, the padded view the layer tests link ends against."""
    script = f"arg => {{ const s = ({STATS_JS})(); return s && ({condition})(s, arg) ? s : null; }}"
    return atlas_page._in_map(
        lambda frame, remaining: frame.wait_for_function(script, arg=arg, timeout=remaining).json_value(), timeout_ms
    )


def links_with_an_end_in(links: pd.DataFrame, box: list[float]) -> int:
    """How many links the layer shows in a view: those with an end inside ``box`` (payload grid of 1e-4°)."""
    south, north, west, east = box

    def inside(side: str) -> np.ndarray:
        lat = np.round(links[f"{side}_lat"].to_numpy(float) * COORDINATE_SCALE) / COORDINATE_SCALE
        lon = np.round(links[f"{side}_lon"].to_numpy(float) * COORDINATE_SCALE) / COORDINATE_SCALE
        return (lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)

    return int((inside("a") | inside("b")).sum())


def test_synthetic_network_in_the_running_app(synthetic_app, page, traffic):
    links = synthetic_app.links
    options = ScaleOptions()
    assert SIZE > SCALE_THRESHOLD and SIZE > options.canvas_above and SIZE > options.aggregate_above
    atlas_page = AtlasPage(page=page, base_url=synthetic_app.url)

    page.goto(synthetic_app.url)
    first = drawn_state(atlas_page, "s => true", timeout_ms=FIRST_MAP_TIMEOUT_MS)
    assert first["stats"]["canvas"] is True and first["stats"]["total"] == len(links)
    assert first["zoom"] < options.zoom_threshold and first["stats"]["mode"] == "bundles"
    assert first["stats"]["bundles"] > 0 and first["stats"]["links"] == 0
    assert atlas_page.map.locator(".leaflet-overlay-pane canvas").count() >= 1
    assert atlas_page.map.locator("path.atlas-link").count() == 0  # nothing drawn as SVG
    expect(page.get_by_text("Testdaten:")).to_contain_text(f"{SIZE:,}".replace(",", "."))

    # zoom in on the place with the most partners: its links open up, exactly those with an end in view
    ends = pd.concat([links[["a_municipality_id", "a_lat", "a_lon"]].set_axis(["id", "lat", "lon"], axis=1),
                      links[["b_municipality_id", "b_lat", "b_lon"]].set_axis(["id", "lat", "lon"], axis=1)])
    busiest = ends.groupby("id").agg(lat=("lat", "first"), lon=("lon", "first"), n=("id", "size")).nlargest(1, "n")
    centre = [float(busiest["lat"].iloc[0]), float(busiest["lon"].iloc[0])]
    atlas_page._in_map(lambda frame, _: frame.evaluate(
        "c => { map.setView(c, 9, {animate: false}); }", centre))
    zoomed = drawn_state(atlas_page, "s => s.zoom >= 9 && s.stats.mode === 'view'")
    expected_in_view = links_with_an_end_in(links, zoomed["box"])
    assert expected_in_view >= int(busiest["n"].iloc[0]) > 0
    assert zoomed["stats"]["links"] == expected_in_view and zoomed["stats"]["bundles"] == 0

    atlas_page._in_map(lambda frame, _: frame.evaluate("() => { map.setZoom(5, {animate: false}); }"))
    out = drawn_state(atlas_page, "s => s.zoom <= 5 && s.stats.mode === 'bundles'")
    assert out["stats"]["links"] == 0 and out["stats"]["bundles"] > 0

    # the country filter in the URL: the drawn total is the number of links with a Polish side
    polish = int(((links["a_country"] == "PL") | (links["b_country"] == "PL")).sum())
    assert SCALE_THRESHOLD < polish < len(links)
    page.goto(f"{synthetic_app.url}/?country=PL")
    filtered = drawn_state(atlas_page, "(s, n) => s.stats.total === n", polish, timeout_ms=FIRST_MAP_TIMEOUT_MS)
    assert filtered["stats"]["canvas"] is (polish > options.canvas_above)

    # the table says it too (opened through the navigation: a deep link makes Streamlit probe a wrong health URL)
    page.locator("[data-testid='stSidebarNav'] a[href$='/table']").click()
    page.wait_for_url("**/table**")
    expect(page.get_by_role("heading", name="Partnerschaften als Tabelle")).to_be_visible(timeout=MAP_TIMEOUT_MS)
    expect(page.get_by_text("Testdaten:")).to_contain_text(f"{polish:,}".replace(",", "."), timeout=MAP_TIMEOUT_MS)
    assert traffic.outside(synthetic_app.url) == []
    assert traffic.console_errors == []
