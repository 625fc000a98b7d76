"""Guided tours: the shipped file is valid against the real records; mistakes are reported precisely."""

import json

import pandas as pd
import pytest

from atlas import tours
from atlas.filters import Filters, apply_filters
from atlas.records import load_partnerships

CAPTION = {"de": "Text {shown}", "uk": "Текст {shown}", "pl": "Tekst {shown}", "en": "Text {shown}"}
TITLE = {"de": "Titel", "uk": "Назва", "pl": "Tytuł", "en": "Title"}


def document(*steps, tour_id="demo"):
    return {"tours": [{"id": tour_id, "title": TITLE, "steps": list(steps)}]}


@pytest.fixture(scope="module")
def records():
    return load_partnerships()


@pytest.fixture(scope="module")
def shipped(records):
    return tours.load_tours(known_ids=set(records["id"]))


def test_shipped_tours_are_valid_and_cover_the_three_stories(shipped):
    ids = {tour.tour_id for tour in shipped}
    assert {"oldest-and-growth", "triangles", "saxony"} <= ids
    assert all(len(tour.steps) >= 3 for tour in shipped)


def test_oldest_link_step_shows_exactly_leipzig_kyiv(shipped, records):
    first = tours.find_tour(shipped, "oldest-and-growth").steps[0]
    shown = apply_filters(records, Filters.from_query_params(first.query_params()))
    assert list(shown["id"]) == ["P0165"] == list(first.highlight)
    assert set(shown[["a_name", "b_name"]].iloc[0]) == {"Leipzig", "Київ"}
    assert int(shown["since_year"].iloc[0]) == 1961


def test_growth_steps_grow(shipped, records):
    steps = tours.find_tour(shipped, "oldest-and-growth").steps
    counts = [len(apply_filters(records, Filters.from_query_params(step.query_params()))) for step in steps[:3]]
    assert counts == sorted(counts) and counts[0] < counts[-1]


def test_triangles_close(shipped, records):
    # every highlighted triangle step links a German, a Polish and a Ukrainian place in a closed loop
    by_id = records.set_index("id")
    for step in tours.find_tour(shipped, "triangles").steps[1:]:
        chosen = by_id.loc[list(step.highlight)]
        assert {"DE-PL", "DE-UA", "PL-UA"} <= set(chosen["pair"]), step.highlight
        assert step.bounds is not None


def test_land_tour_shows_only_that_land(shipped, records):
    step = tours.find_tour(shipped, "saxony").steps[0]
    assert step.query_params() == {"admin1": "DE-SN"}


def test_captions_exist_in_every_language_and_fill_the_count(shipped):
    for tour in shipped:
        for step in tour.steps:
            for language in ("de", "uk", "pl", "en"):
                assert "{" not in step.caption_text(language, 7)
    assert "7" in tours.find_tour(shipped, "saxony").steps[0].caption_text("uk", 7)


def test_every_problem_is_named_with_tour_step_and_field():
    bad = document(
        {"filters": {"pair": "DE-XX", "colour": "red"}, "caption": CAPTION},
        {"bounds": [[55, 10], [50, 20]], "highlight": ["P9999"], "caption": {**CAPTION, "uk": ""}},
    )
    with pytest.raises(tours.TourError) as raised:
        tours.parse_tours(bad, "tours.json", known_ids={"P0001"})
    message = str(raised.value)
    assert "tour demo, step 1, field 'filters.pair': got 'DE-XX'" in message
    assert "step 1, field 'filters.colour'" in message
    assert "tour demo, step 2, field 'bounds'" in message
    assert "step 2, field 'highlight': got 'P9999'" in message
    assert "step 2, field 'caption.uk'" in message
    assert len(raised.value.problems) == 5


def test_missing_tour_parts_and_duplicate_ids():
    with pytest.raises(tours.TourError, match="field 'steps'"):
        tours.parse_tours(document())
    twice = {"tours": document({"caption": CAPTION})["tours"] * 2}
    with pytest.raises(tours.TourError, match="an id no other tour uses"):
        tours.parse_tours(twice)
    with pytest.raises(tours.TourError, match="placeholder"):
        tours.parse_tours(document({"caption": {**CAPTION, "pl": "Tekst {pokazane}"}}))


def test_broken_json_names_line(tmp_path):
    path = tmp_path / "tours.json"
    path.write_text('{"tours": [\n  {"id": "x",}\n]}', encoding="utf-8")
    with pytest.raises(tours.TourError, match="line 2"):
        tours.load_tours(path)


def test_navigation_and_url():
    tour = tours.parse_tours(document({"caption": CAPTION}, {"filters": {"pair": "PL-UA"}, "highlight": ["P1"],
                                                            "caption": CAPTION}))[0]
    assert tours.next_index(0, tour, loop=False) == 1
    assert tours.next_index(1, tour, loop=False) is None
    assert tours.next_index(1, tour, loop=True) == 0
    assert tours.previous_index(0, tour) is None
    assert tours.step_index("2", tour) == 1 and tours.step_index("99", tour) == 1 and tours.step_index("x", tour) == 0
    assert tours.autoplay_seconds("20") == 20 and tours.autoplay_seconds("1") == 3 and tours.autoplay_seconds("") is None
    params = tours.step_query_params({"lang": "uk", "mode": "present", "country": "DE", "highlight": "P7"}, tour, 1)
    assert params == {"lang": "uk", "mode": "present", "pair": "PL-UA", "highlight": "P1", "tour": "demo", "step": "2"}


def test_focus_bounds_prefers_step_bounds_then_highlighted_links():
    links = pd.DataFrame({"partnership_id": ["P1", "P2"], "a_lat": [51.3, 50.0], "a_lon": [12.4, 10.0],
                          "b_lat": [50.45, 49.0], "b_lon": [30.5, 11.0]})
    tour = tours.parse_tours(document({"highlight": ["P1"], "caption": CAPTION},
                                      {"bounds": [[1, 2], [3, 4]], "caption": CAPTION}, {"caption": CAPTION}))[0]
    assert tours.focus_bounds(tour.steps[0], links) == ((50.45, 12.4), (51.3, 30.5))
    assert tours.focus_bounds(tour.steps[1], links) == ((1.0, 2.0), (3.0, 4.0))
    assert tours.focus_bounds(tour.steps[2], links) is None


def test_readme_documents_the_format():
    from atlas import GEODATA_DIR
    readme = (GEODATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "## Tours" in readme and "{shown}" in readme
    assert json.loads((GEODATA_DIR / "tours.json").read_text(encoding="utf-8"))["tours"]
