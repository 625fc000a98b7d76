"""The sidebar filters in a real Chromium: a bookmarked view survives moving between pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from atlas.filters import Filters, apply_filters

pytestmark = pytest.mark.browser

NAV_LINK = "[data-testid=stSidebarNavLink]"
FIRST_METRIC = "[data-testid=stMetricValue] >> nth=0"


def test_filters_from_the_url_survive_a_switch_to_the_table_and_back(atlas_page, traffic, atlas_join):
    shown = len(apply_filters(atlas_join.links, Filters(countries=("PL",), query="Lublin"), places=atlas_join.places))
    figure = f"{shown} / {len(atlas_join.links)}"
    page = atlas_page.page
    atlas_page.open("?country=PL&q=Lublin")
    expect(page.locator(FIRST_METRIC)).to_have_text(figure, timeout=60_000)

    page.locator(NAV_LINK, has_text="Tabelle").click()
    expect(page.get_by_role("heading", name="Partnerschaften als Tabelle")).to_be_visible(timeout=60_000)
    expect(page.locator(FIRST_METRIC)).to_have_text(figure, timeout=60_000)
    expect(page).to_have_url(re.compile(r"/table\?(?=.*country=PL)(?=.*q=Lublin)"), timeout=30_000)
    sidebar = page.locator("[data-testid=stSidebar]")
    expect(sidebar.get_by_text("Polen", exact=True)).to_be_visible()  # the country picker shows the filter
    expect(sidebar.get_by_role("textbox", name="Ort suchen")).to_have_value("Lublin")

    page.locator(NAV_LINK, has_text="Karte").click()
    atlas_page.wait_for_link_count(shown, timeout_ms=60_000)
    expect(page.locator(FIRST_METRIC)).to_have_text(figure, timeout=60_000)
    assert traffic.outside(atlas_page.base_url) == []
    assert traffic.console_errors == []


def test_the_table_downloads_exactly_the_filtered_records_as_csv(atlas_page, traffic, atlas_join):
    """The CSV is made when the button is pressed (not on every rerun): it must still hold the view's rows."""
    import csv
    import io

    wanted = apply_filters(atlas_join.links, Filters(countries=("PL",), query="Lublin"), places=atlas_join.places)
    page = atlas_page.page
    atlas_page.open("?country=PL&q=Lublin")
    page.locator(NAV_LINK, has_text="Tabelle").click()
    button = page.get_by_role("button", name="Gefilterte Datensätze als CSV herunterladen")
    expect(button).to_be_visible(timeout=60_000)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["id"] for row in rows) == sorted(wanted["id"])
    assert all(row["source_url"] for row in rows)
    assert traffic.outside(atlas_page.base_url) == []
    assert traffic.console_errors == []
