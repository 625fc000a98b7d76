"""What a person sees of the story in a real browser with no network: the 6th conference, the year player."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import FIRST_MAP_TIMEOUT_MS, MAP_TIMEOUT_MS

PANEL = ".st-key-conference_panel_skew-6"
PLAYER = ".st-key-story_player_year input[type='range']"


@pytest.mark.browser
def test_conference_six_panel_shows_leipzig_venue_and_dates(atlas_page, traffic):
    page = atlas_page.page
    page.goto(f"{atlas_page.base_url}/conferences?conference=6")
    panel = page.locator(PANEL)
    panel.get_by_text("Kongresshalle am Zoo").wait_for(timeout=FIRST_MAP_TIMEOUT_MS)
    panel.get_by_text("Was der Deutsche Landkreistag betonte").wait_for(timeout=MAP_TIMEOUT_MS)  # near the panel's end
    text = panel.inner_text()
    assert "Leipzig" in text
    assert "13.–15. November 2023" in text
    assert "Спільно до Європи" in text
    assert "Reinhard Sager" in text
    assert traffic.outside(atlas_page.base_url) == []


@pytest.mark.browser
def test_moving_the_year_slider_shows_fewer_links(atlas_page, traffic):
    page = atlas_page.page
    atlas_page.open(path="growth")
    before = atlas_page.link_count()
    assert before > 100
    slider = page.locator(PLAYER)
    slider.focus()
    page.keyboard.press("Home")  # the first year with a partnership
    page.wait_for_url(re.compile(r"[?&]to=\d{4}"), timeout=MAP_TIMEOUT_MS)
    atlas_page.map_frame().wait_for_function(
        "n => document.querySelectorAll('path.atlas-link').length < n", arg=before, timeout=MAP_TIMEOUT_MS
    )
    after = atlas_page.link_count()
    assert 0 < after < before
    assert traffic.outside(atlas_page.base_url) == []
