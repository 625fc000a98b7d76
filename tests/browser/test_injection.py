"""Script payloads in records reach the browser as text, never as code.

A temporary database (``ATLAS_DB_PATH`` of a server of our own) holds records whose names, notes and
aid texts carry ``<img src=x onerror=…>``, ``<script>``, quotes, backticks and backslashes — some
written through the store as an editor would, some imported from a CSV through the import page. In
Debian's Chromium with no internet we open the map (tooltip and panel), the table, the sources
page, the import report and the edit page, and check: no dialog opened, no console error, no
injected element exists, no request for the ``x`` image, and the payload text is shown literally.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from atlas import importer
from atlas.schema import PARTNERSHIP_COLUMNS
from atlas.store import open_store
from tests.browser.conftest import (
    FIRST_MAP_TIMEOUT_MS,
    ROOT,
    AtlasPage,
    Traffic,
    _stop,
    _wait_for_health,
    app_command,
    free_port,
)

pytestmark = pytest.mark.browser

NOTE = "<img src=x onerror=alert(1)> \"double\" 'single' `back` \\ end"
AID_WHAT = "\"><script>alert(2)</script> ${alert(3)} `x` \\\\ done"
NAMES = ("<img src=x onerror=alert(4)>", "Ja'cob \"Q\" `b` \\n <svg onload=alert(5)>")
PASSWORD = "a long passphrase for the test"
# Elements a payload would have created: the image, any on*-handler, a script that calls alert.
INJECTED_JS = """
() => Array.from(document.querySelectorAll("img[src='x'], [onerror], [onload], script")).filter(
  element => element.tagName !== "SCRIPT" || element.textContent.includes("alert(")).map(element => element.outerHTML)
"""
LINK_CENTRE_JS = """
pid => {
  const path = document.querySelector('path.atlas-link.pid-' + pid);
  if (!path) { return null; }
  const point = path.getPointAtLength(path.getTotalLength() / 2);
  const matrix = path.getScreenCTM();
  return {x: point.x * matrix.a + point.y * matrix.c + matrix.e, y: point.x * matrix.b + point.y * matrix.d + matrix.f};
}
"""


def payload_csv(path: Path) -> Path:
    rows = [
        {"a_country": "DE", "a_name": NAMES[0], "a_kind": "city", "b_country": "UA", "b_name": NAMES[1],
         "b_kind": "city", "relation": "friendship", "status": "planned", "note": NOTE},
    ]
    lines = [",".join(PARTNERSHIP_COLUMNS)] + [
        ",".join('"' + row.get(column, "").replace('"', '""') + '"' for column in PARTNERSHIP_COLUMNS) for row in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def injected_app(tmp_path_factory):
    """A server of its own on a temporary database holding the payloads; yields (base URL, CSV path)."""
    folder = tmp_path_factory.mktemp("injection")
    database_path = folder / "atlas.sqlite"
    store = open_store(f"sqlite:///{database_path}")
    store.add_user("olena", "editor", PASSWORD)
    record = store.get_partnership("P0001")
    store.update_partnership("P0001", {"note": NOTE}, record["version"], actor="olena")
    store.add_aid({"partnership_id": "P0001", "date": "2024-05", "category": "other", "what": AID_WHAT,
                   "quantity": "`1` \\ 'x'"}, actor="olena")
    csv_path = payload_csv(folder / "payload.csv")
    incoming = importer.read_import_file(csv_path)
    store.apply_import(importer.plan_from_store(incoming, store).writes, actor="olena")
    store.dispose()
    port = free_port()
    log_path = folder / "streamlit.log"
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment["ATLAS_DB_PATH"] = str(database_path)
    command = app_command(port)
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, process, log_path)
        yield url, csv_path
    finally:
        _stop(process)


@pytest.fixture
def watched(page: Page, traffic: Traffic):
    """Every dialog (alert, confirm, prompt) the page opens; dismissed and recorded."""
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def open_page(page: Page, base_url: str, url_path: str) -> None:
    """Open a page through the sidebar navigation (a deep link makes Streamlit probe a wrong health URL)."""
    page.goto(f"{base_url}/")
    link = page.locator(f"[data-testid='stSidebarNav'] a[href$='/{url_path}']")
    link.wait_for(timeout=FIRST_MAP_TIMEOUT_MS)
    link.click()
    page.wait_for_url(f"**/{url_path}**")


def assert_nothing_ran(page: Page, traffic: Traffic, dialogs: list[str], base_url: str) -> None:
    page.wait_for_timeout(500)  # give a late onerror/onload the chance to fire before we look
    assert dialogs == []
    assert traffic.console_errors == []
    assert traffic.outside(base_url) == []
    assert [url for url in traffic.requests if url.rstrip("/").endswith("/x")] == []
    for frame in page.frames:
        assert frame.evaluate(INJECTED_JS) == [], frame.url


def test_map_tooltip_and_panel_show_payloads_as_text(injected_app, page, traffic, watched):
    base_url, _ = injected_app
    atlas = AtlasPage(page=page, base_url=base_url)
    page.goto(f"{base_url}/?q=Aachen")
    atlas.wait_for_map(FIRST_MAP_TIMEOUT_MS)
    frame_element = page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]')
    frame_element.scroll_into_view_if_needed()
    target = atlas.map_frame().evaluate(LINK_CENTRE_JS, "P0001")
    assert target, "the link P0001 is not drawn"
    box = frame_element.bounding_box()
    page.mouse.move(box["x"] + target["x"], box["y"] + target["y"])
    expect(atlas.map.locator(".leaflet-tooltip")).to_have_count(1, timeout=15_000)
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    expect(page.get_by_text(NOTE, exact=False)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(AID_WHAT, exact=False)).to_be_visible(timeout=30_000)
    assert_nothing_ran(page, traffic, watched, base_url)


def test_table_and_sources_pages_run_no_payload(injected_app, page, traffic, watched):
    base_url, _ = injected_app
    for url_path in ("table", "sources"):
        open_page(page, base_url, url_path)
        page.wait_for_selector("[data-testid='stDataFrame']", timeout=FIRST_MAP_TIMEOUT_MS)
    assert_nothing_ran(page, traffic, watched, base_url)


def test_import_report_and_edit_picker_show_payload_names_literally(injected_app, page, traffic, watched):
    base_url, csv_path = injected_app
    open_page(page, base_url, "import")
    page.get_by_label("Benutzername").fill("olena")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(csv_path))
    expect(page.get_by_text("0 neu, 0 geändert, 1 unverändert, 0 abgelehnt")).to_be_visible(timeout=60_000)
    page.locator("[data-testid='stSidebarNav'] a[href$='/edit']").click()
    page.wait_for_url("**/edit**")
    picker = page.locator("[data-testid='stMain']").get_by_role("combobox", name="Datensatz").first
    picker.click()
    page.keyboard.type("onerror")
    expect(page.get_by_role("option", name=f"{NAMES[0]} – {NAMES[1]}", exact=False)).to_be_visible(timeout=30_000)
    assert_nothing_ran(page, traffic, watched, base_url)
