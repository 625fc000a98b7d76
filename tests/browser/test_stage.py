"""On stage, in a real Chromium with no network: Ukrainian UI and the language selector, presentation
mode with a clicker-driven tour and the QR code, the kiosk loop, and the exported HTML map from a file URL."""

from __future__ import annotations

import re

import pytest

from atlas import export
from atlas.filters import Filters, apply_filters
from atlas.tours import find_tour, load_tours

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
CAPTION_TIMEOUT_MS = 60_000


def _wait_for_links(page, count: int) -> None:
    """Wait until the (possibly re-created) map iframe draws exactly ``count`` links."""
    page.wait_for_function(
        """n => { const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
                  const inner = frame && frame.contentDocument;
                  return !!inner && inner.querySelectorAll('path.atlas-link').length === n; }""",
        arg=count, timeout=CAPTION_TIMEOUT_MS,
    )


def _tooltip_texts(atlas_page) -> list[str]:
    """Hover every municipality marker on the map and collect the tooltips Leaflet opens."""
    return atlas_page.map_frame().evaluate(
        """() => {
             const texts = [];
             document.querySelectorAll('path.atlas-place').forEach(path => {
               path.dispatchEvent(new MouseEvent('mouseover', {bubbles: true, clientX: 10, clientY: 10}));
               document.querySelectorAll('.leaflet-tooltip').forEach(tip => texts.push(tip.textContent));
               path.dispatchEvent(new MouseEvent('mouseout', {bubbles: true, clientX: 10, clientY: 10}));
             });
             return texts;
           }"""
    )


def _assert_map_fills_the_screen_under_the_bar(atlas_page) -> None:
    """On stage the whole map is on the screen (a 720-line projector shows its bottom and credits too), with
    the legend's header under it, and the map itself fills its frame."""
    page = atlas_page.page
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"]
    assert box["height"] >= 360
    legend = page.locator('[data-testid="stExpander"] summary').filter(has_text="Legende").bounding_box()
    assert legend["y"] + legend["height"] <= page.viewport_size["height"]
    map_height, frame_height = atlas_page.map_frame().evaluate(
        "() => [document.getElementById('map_div').getBoundingClientRect().height, window.innerHeight]")
    assert abs(map_height - frame_height) <= 2


@pytest.mark.browser
def test_ukrainian_interface_writes_place_names_in_cyrillic(atlas_page, traffic, app_url):
    atlas_page.open("?lang=uk&q=Leipzig")
    page = atlas_page.page
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_role("combobox", name="Мова").input_value() == "Українська"
    assert page.get_by_role("heading", name="Атлас партнерств").is_visible()
    texts = " ".join(_tooltip_texts(atlas_page))
    assert "Лейпциг" in texts and "Київ" in texts

    # the selector switches the language and keeps it in the URL
    sidebar.get_by_role("combobox", name="Мова").click()
    page.get_by_role("option", name="Polski").click()
    page.wait_for_url(re.compile(r"lang=pl"), timeout=CAPTION_TIMEOUT_MS)
    page.get_by_role("combobox", name="Język").wait_for(timeout=CAPTION_TIMEOUT_MS)
    assert page.get_by_role("combobox", name="Język").input_value() == "Polski"
    assert traffic.outside(app_url) == []


@pytest.mark.browser
def test_presentation_mode_tour_advances_with_clicker_keys(atlas_page, traffic, app_url, atlas_join):
    tour = find_tour(load_tours(), "oldest-and-growth")
    second = apply_filters(atlas_join.links, Filters.from_query_params(tour.steps[1].query_params()), frozenset(),
                           atlas_join.places)
    atlas_page.open("?mode=present&lang=de&tour=oldest-and-growth")
    page = atlas_page.page
    assert page.locator('[data-testid="stSidebar"]').count() == 0 or not page.locator('[data-testid="stSidebar"]').is_visible()
    bar = page.locator(".st-key-stage_tour_bar")
    assert "Schritt 1 von 6" in bar.inner_text() and "Leipzig und Kyjiw" in bar.inner_text()
    _wait_for_links(page, 1)
    assert atlas_page.drawn_partnership_ids() == ["P0165"]
    _assert_map_fills_the_screen_under_the_bar(atlas_page)

    page.mouse.click(5, 300)  # a presenter's click on the page (outside the map) before using the clicker
    page.keyboard.press("PageDown")
    # the counter and the caption arrive in separate updates of one rerun: wait for both
    page.wait_for_function("() => document.body.innerText.includes('Schritt 2 von 6')", timeout=CAPTION_TIMEOUT_MS)
    _wait_for_bar_text(page, "Stand 1991")
    assert "tour=oldest-and-growth" in page.url and "step=2" in page.url
    _wait_for_links(page, len(second))

    page.keyboard.press("PageUp")
    page.wait_for_function("() => document.body.innerText.includes('Schritt 1 von 6')", timeout=CAPTION_TIMEOUT_MS)
    _wait_for_bar_text(page, "Leipzig und Kyjiw")
    assert "Stand 1991" not in bar.inner_text()

    # the QR code of exactly this view, on demand
    page.get_by_role("button", name=re.compile("Menü")).click()
    page.get_by_text("QR-Code dieser Ansicht").click()
    code = page.locator(".st-key-stage_qr")
    code.locator("img").wait_for(timeout=CAPTION_TIMEOUT_MS)
    assert code.locator("img").get_attribute("src").startswith("data:image/svg+xml")
    address = code.locator("code").inner_text()
    assert "tour=oldest-and-growth" in address and "step=1" in address and "mode=present" in address
    assert traffic.outside(app_url) == []


def _wait_for_bar_text(page, text: str) -> None:
    """Wait until the tour bar shows ``text`` (fails after CAPTION_TIMEOUT_MS)."""
    page.wait_for_function(
        "(text) => { const bar = document.querySelector('.st-key-stage_tour_bar');"
        " return bar !== null && bar.innerText.includes(text); }",
        arg=text, timeout=CAPTION_TIMEOUT_MS,
    )


@pytest.mark.browser
def test_kiosk_loop_moves_on_by_itself(atlas_page):
    atlas_page.open("?mode=present&lang=en&tour=saxony&step=4&autoplay=3")
    page = atlas_page.page
    # after the last step the kiosk starts again at the first, and goes on from there
    page.wait_for_url(re.compile(r"step=1(&|$)"), timeout=CAPTION_TIMEOUT_MS)
    page.wait_for_url(re.compile(r"step=2(&|$)"), timeout=CAPTION_TIMEOUT_MS)
    assert "tour=saxony" in page.url and "admin1=DE-SN" in page.url


@pytest.mark.browser
def test_presentation_map_fits_a_720_line_projector(atlas_page):
    atlas_page.page.set_viewport_size({"width": 1280, "height": 720})
    atlas_page.open("?mode=present&lang=de")
    _assert_map_fills_the_screen_under_the_bar(atlas_page)


@pytest.mark.browser
def test_exported_html_opens_from_a_file_without_network_and_draws_every_link(browser, atlas_join, tmp_path):
    data = export.html_bytes(atlas_join.links, atlas_join.places, language="de")
    assert len(data) <= export.HTML_SIZE_LIMIT
    path = tmp_path / "partnerschaftsatlas.html"
    path.write_bytes(data)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(path.as_uri())
        expected = sorted(atlas_join.links.dropna(subset=["a_lat", "a_lon", "b_lat", "b_lon"])["id"])
        page.wait_for_function("n => document.querySelectorAll('path.atlas-link').length === n", arg=len(expected))
        drawn = page.evaluate(
            """() => Array.from(document.querySelectorAll('path.atlas-link')).map(
                 p => Array.from(p.classList).find(c => c.startsWith('pid-')).slice(4))"""
        )
        assert sorted(drawn) == expected
        assert requests == [path.as_uri()]
        assert errors == []
    finally:
        context.close()
