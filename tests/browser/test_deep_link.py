"""A bookmarked or QR-coded sub-page opens inside the app's frame, also as the server's first request.

This module sorts first in tests/browser, so in a full run its request is the first the session's
fresh server sees — the case that once ran ``pages/table.py`` alone, without ``app.py``.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_bookmarked_table_view_opens_with_frame_filters_and_language(page, app_url, traffic):
    page.goto(f"{app_url}/table?country=PL&lang=de")
    sidebar = page.locator('[data-testid="stSidebar"]')
    # The frame's navigation titles (from the German catalog), not the file names of pages/.
    expect(sidebar.get_by_role("link", name="Karte")).to_be_visible(timeout=90_000)
    expect(sidebar.get_by_role("link", name="app")).to_have_count(0)
    # The filter from the URL is applied by the shared sidebar: Poland is the chosen country.
    expect(sidebar.get_by_text("Polen")).to_be_visible()
    expect(page.get_by_role("heading", name="Partnerschaften als Tabelle")).to_be_visible()
    assert traffic.outside(app_url) == []
