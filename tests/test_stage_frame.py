"""The frame's stage parts in AppTest: tour bar and buttons, URL of each step, language selector."""

import pytest
from streamlit.testing.v1 import AppTest

from components import data, state
from tests.test_page_story import fixture_aid, fixture_join


@pytest.fixture
def small_join(monkeypatch):
    monkeypatch.setattr(data, "atlas_join", fixture_join)
    monkeypatch.setattr(data, "aid_actions", fixture_aid)


def run_app(**params: str) -> AppTest:
    app = AppTest.from_file("../app.py", default_timeout=120)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def markdown(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def test_tour_link_applies_the_step_and_next_moves_on(small_join):
    app = run_app(mode="present", lang="de", tour="oldest-and-growth")
    assert "Leipzig und Kyjiw" in markdown(app)
    assert app.query_params["pair"] == "DE-UA" and app.query_params["to"] == "1961"
    assert app.query_params["step"] == "1" and app.query_params["highlight"] == "P0165"
    assert app.button(key=state.KEY_STAGE_TOUR_PREVIOUS).disabled

    assert not app.button(key=state.KEY_STAGE_TOUR_NEXT).disabled
    # pressing next is driven in the real browser (a clicker's PageDown); here the URL of step 2 is opened
    second = run_app(mode="present", lang="de", tour="oldest-and-growth", step="2", pair="PL-UA", highlight="P0001")
    assert "Stand 1991" in markdown(second)
    assert second.query_params["to"] == "1991" and second.query_params["pair"] == "DE-UA"
    assert "highlight" not in second.query_params


def test_unknown_tour_is_reported_not_fatal(small_join):
    app = run_app(tour="nope", lang="de")
    assert any("nope" in element.value for element in app.warning)


def test_language_selector_follows_the_url(small_join):
    # choosing another language is driven in the real browser (tests/browser/test_stage.py)
    app = run_app(lang="uk")
    selector = app.selectbox(key=state.KEY_STAGE_LANGUAGE_PICK)
    assert selector.value == "uk" and selector.label == "Мова"
    assert app.button(key="stage_present_enter").label == "Режим презентації"
