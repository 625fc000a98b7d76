"""The table page through AppTest: filters from the URL change the rows, widgets write the URL, CSV is offered."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components import state

PAGE = "../pages/table.py"
TIMEOUT = 300  # the first run builds the join (gazetteer + geocoding), later runs reuse the process cache


def run_page(**params: str) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, [item.message for item in app.exception]
    return app


def rows(app: AppTest):
    return app.dataframe[0].value


def url_value(app: AppTest, name: str) -> str | None:
    """A query parameter as the browser would show it (AppTest keeps lists for values it was given)."""
    value = app.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


@pytest.fixture(scope="module")
def everything():
    return rows(run_page())


def test_unfiltered_table_lists_every_joined_partnership(everything):
    app = run_page()
    assert len(everything) > 400
    assert everything["id"].is_unique
    shown = app.metric[0].value
    assert shown == f"{len(everything)} / {len(everything)}"
    assert {"a_display", "a_local", "b_display", "b_local", "relation", "since", "status", "source_url", "aid_actions"} <= set(
        everything.columns
    )
    leipzig_kyiv = everything.set_index("id").loc["P0165"]
    assert (leipzig_kyiv["b_display"], leipzig_kyiv["b_local"], leipzig_kyiv["since"]) == ("Kyjiw", "Київ", 1961)


def test_country_in_the_url_keeps_partnerships_with_a_polish_side(everything):
    polish = everything[everything["pair"].str.contains("PL")]
    app = run_page(country="PL")
    assert sorted(rows(app)["id"]) == sorted(polish["id"])
    assert app.multiselect(key=state.KEY_FILTERS_COUNTRIES).value == ["PL"]


def test_free_text_in_three_scripts_finds_the_same_partnerships():
    found = {query: sorted(rows(run_page(q=query))["id"]) for query in ("Kiew", "Kyiv", "Київ")}
    assert found["Kiew"] == found["Kyiv"] == found["Київ"]
    assert "P0165" in found["Kiew"]  # Leipzig–Kyiv, 1961


def test_year_bound_hides_undated_rows_and_says_how_many(everything):
    app = run_page(to="2021")
    shown = rows(app)
    assert 0 < len(shown) < len(everything)
    assert shown["since"].notna().all() and (shown["since"] <= 2021).all()
    hidden = int(everything["since"].isna().sum())
    assert any(f"ohne Jahresangabe, ausgeblendet, weil ein Zeitraum gewählt ist: {hidden}" in caption.value
               for caption in app.caption)


def test_widgets_write_the_url_and_reset_clears_it(everything):
    app = run_page()
    app.multiselect(key=state.KEY_FILTERS_PAIRS).select("PL-UA").run()
    assert url_value(app, "pair") == "PL-UA"
    assert set(rows(app)["pair"]) == {"PL-UA"}
    app.text_input(key=state.KEY_FILTERS_QUERY).input("Lublin").run()
    assert url_value(app, "q") == "Lublin"
    assert 0 < len(rows(app)) < len(everything)
    app.button(key=state.KEY_FILTERS_RESET).click().run()
    assert not any(name in app.query_params for name in ("pair", "q"))
    assert len(rows(app)) == len(everything)


def test_junk_in_the_url_is_ignored(everything):
    app = run_page(country="XX", relation="marriage", **{"from": "soon"})
    assert len(rows(app)) == len(everything)


def test_csv_download_of_the_filtered_rows_is_offered():
    app = run_page(pair="DE-PL")
    buttons = app.get("download_button")
    assert len(buttons) == 1
    assert f"Zeilen: {len(rows(app))}," in buttons[0].proto.help


def test_only_partnerships_with_aid(everything):
    """``?aid=1`` keeps exactly the rows whose aid column counts at least one action (the view is shared by
    every session, so it is asked for twice: the second answer must be the same rows)."""
    with_aid = everything[everything["aid_actions"].astype(int) > 0]
    assert 0 < len(with_aid) < len(everything)
    for _ in range(2):
        assert sorted(rows(run_page(aid="1"))["id"]) == sorted(with_aid["id"])
