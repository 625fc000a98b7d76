"""AppTest smoke test of the map page: what st_folium is sent (features, assets) and the side panel."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from atlas.mapbuild import payload_from_script, place_rows
from components import data, state
from tests.test_mapbuild import AACHEN, KREIS, LUBLIN, TSCHERNIHIW, link_row

PAGE = "../pages/map.py"


@dataclass(frozen=True)
class FixtureJoin:
    places: pd.DataFrame
    links: pd.DataFrame
    unresolved: pd.DataFrame


def fixture_join() -> FixtureJoin:
    """Three links and their five places, with the columns of ``atlas.join.JoinResult``."""
    rows = [
        link_row("P0001", AACHEN, TSCHERNIHIW),
        link_row("P0002", LUBLIN, TSCHERNIHIW, pair="PL-UA", relation="intent", status="planned", since=None),
        link_row("P0003", KREIS, LUBLIN, pair="DE-PL", relation="friendship", status="ended", since=1995),
    ]
    admin1 = {AACHEN[0]: "DE-NW", TSCHERNIHIW[0]: "UA-74", LUBLIN[0]: "PL-06", KREIS[0]: "DE-TH"}
    links = pd.DataFrame(rows)
    for side in ("a", "b"):
        links[f"{side}_admin1"] = ""
        links[f"{side}_admin1_code"] = links[f"{side}_municipality_id"].map(admin1)
        links[f"{side}_district_id"] = ""
        links[f"{side}_district_name"] = ""
    links["since_year"] = links["since_year"].astype("Int64")
    places = place_rows(links).rename(columns={"count": "partner_count"})
    places["admin1_code"] = places["municipality_id"].map(admin1)
    for column in ("alt_names", "admin1_name", "district_id", "district_name", "placement", "source"):
        places[column] = ""
    places["population"] = 0
    return FixtureJoin(places=places, links=links, unresolved=pd.DataFrame(columns=["partnership_id", "side", "name"]))


@pytest.fixture
def page(monkeypatch) -> AppTest:
    monkeypatch.setattr(data, "atlas_join", fixture_join)
    return AppTest.from_file(PAGE, default_timeout=60)


def folium_args(app: AppTest) -> dict:
    found = [node for node in _walk(app._tree) if getattr(getattr(node, "proto", None), "json_args", None)]
    assert found, "no st_folium element on the page"
    return json.loads(found[0].proto.json_args)


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def drawn_ids(args: dict) -> list[str]:
    return payload_from_script(args["feature_group"])["links"]["id"]


def test_map_page_sends_every_link_once_and_only_local_assets(page):
    page.run()
    assert not page.exception
    args = folium_args(page)
    assert drawn_ids(args) == ["P0001", "P0002", "P0003"]
    assets = args["js_links"] + args["css_links"]
    assert assets and not [url for url in assets if url.startswith(("http:", "https:", "//"))]
    assert args["returned_objects"] == ["last_active_drawing", "last_object_clicked"]
    assert "fitBounds" in args["script"] and "tile.openstreetmap" not in args["script"]


def test_selected_partnership_fills_the_panel(page):
    page.session_state[state.KEY_SELECTED_PARTNERSHIP] = "P0001"
    page.run()
    assert not page.exception
    text = " ".join(element.value for element in page.markdown)
    assert "Aachen" in text and "Tschernihiw" in text and "Städtepartnerschaft" in text
    assert "P0001" in " ".join(element.value for element in page.caption)
    links = payload_from_script(folium_args(page)["feature_group"])["links"]
    assert links["highlight"] == [False, False, True] and links["id"][-1] == "P0001"


def test_selected_place_lists_its_partnerships(page):
    page.session_state[state.KEY_SELECTED_PLACE] = TSCHERNIHIW[0]
    page.run()
    assert not page.exception
    labels = [button.label for button in page.button]
    assert any("Aachen" in label for label in labels) and any("Lublin" in label for label in labels)


def test_country_in_the_url_narrows_the_map(page):
    page.query_params["country"] = "PL"
    page.run()
    assert not page.exception
    assert sorted(drawn_ids(folium_args(page))) == ["P0002", "P0003"]


def test_ukrainian_interface_names_places_in_cyrillic(page):
    page.session_state[state.KEY_LANGUAGE] = "uk"
    page.session_state[state.KEY_SELECTED_PARTNERSHIP] = "P0001"
    page.run()
    assert not page.exception
    payload = payload_from_script(folium_args(page)["feature_group"])
    assert payload["texts"]["relation"]["twinning"] == "Побратимство"
    assert "Чернігів" in payload["places"]["label"]
    assert "Побратимство" in " ".join(element.value for element in page.markdown)


def test_panel_text_from_data_cannot_become_markdown_links_or_html():
    from components.panel import md

    escaped = md("[klick](javascript:alert(1)) <img src=x onerror=alert(1)> **fett** `code`")
    for character in "[]()<>*`":
        assert character not in escaped.replace("\\" + character, "")


def test_key_figures_say_where_each_number_comes_from(page, monkeypatch):
    """One line under the figures names the source of all of them (the map stays high on the page); each
    figure keeps its own note as a tooltip. With ?country=PL: 2 of the 3 fixture partnerships."""
    from atlas.filters import key_figures

    monkeypatch.setattr(data, "key_figures", lambda shown: key_figures(shown, fixture_join().links))
    page.query_params["country"] = "PL"
    page.run()
    assert not page.exception
    figures = {metric.proto.label: metric for metric in page.metric}
    assert figures["Partnerschaften"].value == "2 / 3"
    assert figures["Kommunen PL"].value == "1" and figures["Kommunen UA"].value == "1"
    assert all(metric.proto.help for metric in page.metric)
    assert "aus unseren Datensätzen" in figures["Partnerschaften"].proto.help
    captions = [element.value for element in page.caption if "aus unseren Datensätzen" in element.value]
    assert len(captions) == 1
    members = re.search(r"mit Partnerkommunen im Kreis: (\d+)", captions[0])
    assert members and members.group(0) in figures["Landkreise DE"].proto.help
