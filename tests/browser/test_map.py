"""The map in a real Chromium with no internet: the links the filters select, clicks, nothing leaves 127.0.0.1."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from atlas.filters import Filters, apply_filters
from atlas.mapbuild import partnership_ids

pytestmark = pytest.mark.browser

CLICKABLE_LINK_JS = """
() => {
  for (const path of document.querySelectorAll('path.atlas-link')) {
    const length = path.getTotalLength();
    const point = path.getPointAtLength(length / 2);
    const matrix = path.getScreenCTM();
    const x = point.x * matrix.a + point.y * matrix.c + matrix.e;
    const y = point.x * matrix.b + point.y * matrix.d + matrix.f;
    if (x < 20 || y < 20 || x > innerWidth - 20 || y > innerHeight - 20) { continue; }
    if (document.elementFromPoint(x, y) === path) {
      const pid = Array.from(path.classList).find(name => name.startsWith('pid-')).slice(4);
      return {pid: pid, x: x, y: y};
    }
  }
  return null;
}
"""


LINKS_ON_THEIR_OWN_JS = """
() => Array.from(document.querySelectorAll('path.atlas-link')).map(path => {
  const point = path.getPointAtLength(path.getTotalLength() / 2);
  const matrix = path.getScreenCTM();
  const x = point.x * matrix.a + point.y * matrix.c + matrix.e;
  const y = point.x * matrix.b + point.y * matrix.d + matrix.f;
  const pid = Array.from(path.classList).find(name => name.startsWith('pid-')).slice(4);
  return document.elementFromPoint(x, y) === path ? {pid: pid, x: x, y: y} : null;
}).filter(target => target !== null)
"""


def expected_ids(join, filters: Filters) -> list[str]:
    return sorted(partnership_ids(apply_filters(join.links, filters)))


def test_map_draws_every_selected_partnership_offline_and_without_errors(atlas_page, traffic, atlas_join):
    atlas_page.open()
    expected = expected_ids(atlas_join, Filters())
    atlas_page.wait_for_link_count(len(expected))
    assert sorted(atlas_page.drawn_partnership_ids()) == expected
    ends = set(atlas_join.links["a_municipality_id"]) | set(atlas_join.links["b_municipality_id"])
    assert atlas_page.map.locator("path.atlas-place").count() == len(ends)
    assert traffic.outside(atlas_page.base_url) == []
    assert traffic.console_errors == []


def test_country_in_the_url_draws_the_partnerships_with_a_polish_side(atlas_page, traffic, atlas_join):
    atlas_page.open("?country=PL")
    links = atlas_join.links
    polish = sorted(partnership_ids(links[(links["a_country"] == "PL") | (links["b_country"] == "PL")]))
    assert 0 < len(polish) < len(links)
    atlas_page.wait_for_link_count(len(polish))
    assert sorted(atlas_page.drawn_partnership_ids()) == polish
    assert traffic.outside(atlas_page.base_url) == []
    assert traffic.console_errors == []


def click_in_map(atlas_page, page, target_js: str, shown) -> dict:
    """Click the map's feature that ``target_js`` finds (on its own under the pointer) until ``shown(target)``
    is visible; at most three tries, each on a freshly located feature (a click that lands while Streamlit
    swaps the map's layers after the first draw is lost). Returns the target last clicked."""
    frame_element = page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]')
    frame_element.scroll_into_view_if_needed()
    for _attempt in range(3):
        target = atlas_page.map_frame().evaluate(target_js)
        assert target, "no feature of the map can be clicked on its own"
        box = frame_element.bounding_box()
        page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
        try:
            shown(target).wait_for(state="visible", timeout=10_000)
            break
        except PlaywrightTimeoutError:
            continue
    return target


def test_clicking_a_link_shows_that_partnership_in_the_panel(atlas_page, page, traffic):
    atlas_page.open()

    def panel_of(target):
        return page.get_by_text(f"Partnerschaft {target['pid']}", exact=False)

    target = click_in_map(atlas_page, page, CLICKABLE_LINK_JS, panel_of)
    expect(panel_of(target)).to_be_visible(timeout=20_000)
    highlighted = atlas_page.map.locator(f"path.atlas-link.pid-{target['pid']}.atlas-highlight")
    expect(highlighted).to_have_count(1, timeout=30_000)
    assert traffic.outside(atlas_page.base_url) == []
    assert traffic.console_errors == []


CLICKABLE_PLACE_JS = """
() => {
  for (const path of document.querySelectorAll('path.atlas-place')) {
    const box = path.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (x < 20 || y < 20 || x > innerWidth - 20 || y > innerHeight - 20) { continue; }
    if (document.elementFromPoint(x, y) === path) { return {x: x, y: y}; }
  }
  return null;
}
"""


def test_clicking_a_place_lists_its_partnerships_in_the_panel(atlas_page, page, traffic):
    atlas_page.open()
    panel_heading = page.get_by_text("Partnerschaften dieses Orts", exact=False)
    click_in_map(atlas_page, page, CLICKABLE_PLACE_JS, lambda _target: panel_heading)
    expect(panel_heading).to_be_visible(timeout=20_000)
    assert traffic.console_errors == []


def test_a_click_on_a_map_that_reaches_below_the_screen_is_not_lost(atlas_page, page, traffic):
    """The map is taller than what is left of the window under the key figures. One click on a link in
    its visible part selects that partnership, and the page does not jump (Leaflet focuses the map on
    mousedown; scrolling it into view then moved the link away before mouseup)."""
    atlas_page.open()
    frame_element = page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]')
    box = frame_element.bounding_box()
    height = page.viewport_size["height"]
    assert box["y"] + box["height"] > height  # the premise: part of the map is below the screen
    targets = atlas_page.map_frame().evaluate(LINKS_ON_THEIR_OWN_JS)
    target = next(item for item in targets if 40 < box["y"] + item["y"] < height - 40 and 20 < item["x"] < box["width"] - 20)
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    expect(page.get_by_text(f"Partnerschaft {target['pid']}", exact=False)).to_be_visible(timeout=20_000)
    assert frame_element.bounding_box()["y"] == box["y"]  # the page did not scroll
    assert traffic.console_errors == []
