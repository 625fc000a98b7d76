"""AppTest of the story pages (conferences, aid, growth, network) on a tiny join; the conference panel."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import unquote

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from atlas import conferences
from atlas.mapbuild import payload_from_script
from components import data, state

WEIMAR = ("gn:2812482", "DE", "city", "Weimar", "Weimar", "DE-TH", "de-kreis:16055", 50.98, 11.33)
POTSDAM = ("gn:2852458", "DE", "city", "Potsdam", "Potsdam", "DE-BB", "de-kreis:12054", 52.4, 13.07)
ZAMOSC = ("gn:3080251", "PL", "city", "Zamość", "Zamość", "PL-06", "pl-powiat:0662", 50.72, 23.25)
ZHOVKVA = ("gn:689574", "UA", "city", "Жовква", "Schowkwa", "UA-46", "ua-raion:lviv", 50.06, 23.97)
LVIV = ("gn:702550", "UA", "city", "Львів", "Lwiw", "UA-46", "ua-raion:lviv", 49.84, 24.02)


def link_row(pid, a, b, pair, since):
    row = {
        "id": pid,
        "pair": pair,
        "relation": "twinning",
        "status": "active",
        "since": str(since or ""),
        "since_year": since,
        "source_url": f"https://example.org/{pid}",
        "note": "",
    }
    for side, place in (("a", a), ("b", b)):
        municipality_id, country, kind, name, name_de, admin1, district, lat, lon = place
        row.update(
            {
                f"{side}_country": country,
                f"{side}_kind": kind,
                f"{side}_name": name,
                f"{side}_admin1": "",
                f"{side}_municipality_id": municipality_id,
                f"{side}_lat": lat,
                f"{side}_lon": lon,
                f"{side}_admin1_code": admin1,
                f"{side}_district_id": district,
                f"{side}_district_name": name_de,
                f"{side}_name_de": name_de,
                f"{side}_name_en": name_de,
                f"{side}_name_pl": name_de,
                f"{side}_name_uk": name,
            }
        )
    return row


@dataclass(frozen=True)
class FixtureJoin:
    places: pd.DataFrame
    links: pd.DataFrame
    unresolved: pd.DataFrame


def fixture_join() -> FixtureJoin:
    links = pd.DataFrame(
        [
            link_row("P0362", WEIMAR, ZAMOSC, "DE-PL", None),
            link_row("P0508", ZAMOSC, ZHOVKVA, "PL-UA", 2005),
            link_row("P0267", WEIMAR, ZHOVKVA, "DE-UA", 2022),
            link_row("P0900", ZAMOSC, LVIV, "PL-UA", 2015),
            link_row("P0089", POTSDAM, LVIV, "DE-UA", 2023),
        ]
    )
    links["since_year"] = links["since_year"].astype("Int64")
    columns = [
        "municipality_id",
        "country",
        "kind",
        "name_local",
        "name_de",
        "name_en",
        "name_pl",
        "name_uk",
        "admin1_code",
        "admin1_name",
        "district_id",
        "district_name",
        "lat",
        "lon",
        "partner_count",
    ]
    places = pd.DataFrame(columns=columns)
    return FixtureJoin(places=places, links=links, unresolved=pd.DataFrame())


def fixture_aid() -> pd.DataFrame:
    rows = [
        ("A0001", "P0267", "2022-12-05", "vehicles", "Fire engine", "https://example.org/a1"),
        ("A0002", "P0267", "2023", "energy", "Generators", "https://example.org/a2"),
        ("A0003", "P0089", "2023-03", "medical", "Medicines", "https://example.org/a3"),
    ]
    frame = pd.DataFrame(rows, columns=["id", "partnership_id", "date", "category", "what", "source_url"])
    frame["quantity"], frame["amount_eur"] = "", ""
    frame["date_precision"] = frame["date"].str.len().map({4: "year", 7: "month", 10: "day"})
    frame["year"] = frame["date"].str[:4].astype(int)
    return frame


def fixture_hosts():
    """Two conference cities placed, the rest reported as not found (as the page shows them)."""
    hosts = [
        conferences.HostCity("gn:2879139", "Leipzig", "DE", 51.34, 12.37, ("civil-2", "skew-6")),
        conferences.HostCity("gn:702550", "Lviv (Lwiw)", "UA", 49.84, 24.02, ("skew-2016-04-21",)),
    ]
    return hosts, ["Münster"]


@pytest.fixture
def fixtures(monkeypatch):
    monkeypatch.setattr(data, "atlas_join", fixture_join)
    monkeypatch.setattr(data, "aid_actions", fixture_aid)
    monkeypatch.setattr(data, "conference_hosts", fixture_hosts)


def run_page(name: str, language: str = "de", **params: str) -> AppTest:
    """Switch the app to one story page (pages/ are known by path, so links to the map page resolve).

    AppTest runs the page script itself, not the frame of ``app.py``: the language is set in state.
    """
    app = AppTest.from_file("../app.py", default_timeout=120)
    app.session_state[state.KEY_LANGUAGE] = language
    for key, value in params.items():
        app.query_params[key] = value
    app.switch_page(f"pages/{name}.py")
    app.run()
    assert not app.exception, app.exception
    return app


def texts(app: AppTest) -> str:
    parts = [element.value for element in app.markdown] + [element.value for element in app.caption]
    parts += [element.value for element in app.subheader] + [element.value for element in app.title]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))  # Markdown escapes of data text, as a reader sees it


def folium_args(app: AppTest) -> list[dict]:
    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return [
        json.loads(node.proto.json_args) for node in walk(app._tree) if getattr(getattr(node, "proto", None), "json_args", None)
    ]


def test_conference_six_opens_leipzig_in_full(fixtures):
    app = run_page("conferences", conference="6")
    shown = texts(app)
    assert "Leipzig" in shown and "Kongresshalle am Zoo" in shown
    assert "13.–15. November 2023" in shown
    assert "Спільно до Європи" in shown
    assert "Reinhard Sager" in shown
    assert "landkreistag.de" in shown
    assert "more than 550" in shown and "about 700" in shown
    layers = folium_args(app)
    assert len(layers) == 1 and "atlas-conference" in layers[0]["feature_group"]
    assets = layers[0]["js_links"] + layers[0]["css_links"]
    assert not [url for url in assets if url.startswith(("http:", "https:", "//"))]


def test_conference_key_in_the_url_opens_another_conference(fixtures):
    app = run_page("conferences", conference="civil-2")
    assert "2011" in texts(app) and app.selectbox[0].value == "civil-2"


def test_picking_a_conference_writes_the_url(fixtures):
    app = run_page("conferences", conference="6")
    app.selectbox[0].select("skew-7").run()
    assert app.query_params["conference"] == "skew-7"
    assert "Münster" in texts(app)


def test_growth_page_shows_our_counts_and_published_figures_apart(fixtures):
    app = run_page("growth")
    shown = texts(app)
    assert "mit bekanntem Anfangsjahr: 4." in shown and "DE-PL: 1" in shown  # the DE-PL one has no year
    assert len(app.get("vega_lite_chart")) == 2
    published = app.dataframe[1].value
    assert ">190" in set(published["value"]) and published["source_url"].str.startswith("http").any()


def test_aid_page_counts_and_marks_the_receiving_municipalities(fixtures):
    app = run_page("aid")
    assert [metric.value for metric in app.metric] == ["3", "2", "2"]
    layer = folium_args(app)[0]["feature_group"]
    assert "atlas-aid" in layer and "gn:689574" in layer and "gn:702550" in layer
    assert "(im Diagramm darüber enthalten): 1." in texts(app)


def test_network_page_lists_the_triangle_with_a_map_link(fixtures):
    app = run_page("network")
    assert [metric.value for metric in app.metric] == ["1", "1", "1"]
    shown = texts(app)
    assert "Weimar – Zamość – Schowkwa" in shown
    targets = [(link.proto.page, unquote(link.proto.query_string)) for link in app.get("page_link")]
    assert ("map", "highlight=P0362,P0508,P0267") in targets
    layer = folium_args(app)[0]["feature_group"]
    assert "atlas-highlight" in layer and all(pid in layer for pid in ("P0362", "P0508", "P0267"))
    assert "P0900" not in layer and "P0089" not in layer


def test_network_page_open_chains_as_suggestions_with_map_links(fixtures):
    app = run_page("network", section="chains")
    assert "Weimar: Ihr polnischer Partner Zamość arbeitet mit Lwiw in der Ukraine zusammen." in texts(app)
    targets = [(link.proto.page, unquote(link.proto.query_string)) for link in app.get("page_link")]
    assert targets == [("map", "highlight=P0362,P0900")]


def test_network_page_density_choropleth(fixtures):
    app = run_page("network", section="admin1")
    layer = folium_args(app)[0]["feature_group"]
    assert "DE-TH" in layer and "Weimar" in app.dataframe[0].value["name"].tolist()


def drawn_ids(app: AppTest) -> list[str]:
    return sorted(payload_from_script(folium_args(app)[0]["feature_group"])["links"]["id"])


def test_year_player_sets_the_filters_year_and_the_map_follows(fixtures):
    app = run_page("growth")
    assert drawn_ids(app) == ["P0089", "P0267", "P0362", "P0508", "P0900"]
    slider = next(widget for widget in app.slider if widget.key == state.KEY_STORY_YEAR_SLIDER)
    slider.set_value(2015).run()
    assert app.query_params["to"] == "2015"
    assert drawn_ids(app) == ["P0508", "P0900"]  # as it stood in 2015: undated P0362 and later links left out
    next(button for button in app.button if button.key == "story_player_all").click().run()
    assert "to" not in app.query_params
    assert len(drawn_ids(app)) == 5


def test_play_starts_from_the_first_year_and_offers_pause(fixtures):
    app = run_page("growth")
    next(button for button in app.button if button.key == "story_player_play").click().run()
    assert app.query_params["to"] == "2005"  # the first year with a partnership in the fixture
    assert app.session_state[state.KEY_STORY_PLAYING] is True
    next(button for button in app.button if button.key == "story_player_pause").click().run()
    assert app.session_state[state.KEY_STORY_PLAYING] is False
    assert app.query_params["to"] == "2005"


def test_conference_panel_in_ukrainian(fixtures):
    app = run_page("conferences", language="uk", conference="6")
    shown = texts(app)
    assert "**Місце проведення:** Kongresshalle am Zoo" in shown
    assert "13–15 листопада 2023 р." in shown
    assert "Що наголосив Німецький союз округів" in shown
