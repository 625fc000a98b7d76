"""Filters: each filter, combinations, the URL round trip (junk included), the year rule, key figures."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.filters import (
    FILTER_PARAMS,
    Filters,
    apply_filters,
    count_undated_hidden,
    key_figures,
)

COLUMNS = (
    "id", "pair", "relation", "status", "since_year",
    "a_country", "a_kind", "a_name", "a_name_de", "a_name_en", "a_name_pl", "a_name_uk",
    "a_municipality_id", "a_admin1_code", "a_district_id", "a_district_name",
    "b_country", "b_kind", "b_name", "b_name_de", "b_name_en", "b_name_pl", "b_name_uk",
    "b_municipality_id", "b_admin1_code", "b_district_id", "b_district_name",
)
ROWS = [
    ("P1", "DE-UA", "twinning", "active", 1961,
     "DE", "city", "Leipzig", "Leipzig", "Leipzig", "Lipsk", "Лейпциг", "gn:1", "DE-SN", "de-kreis:14713",
     "Kreisfreie Stadt Leipzig",
     "UA", "city", "Київ", "Kyjiw", "Kyiv", "Kijów", "Київ", "gn:2", "UA-30", "ua-raion:30", "Київ"),
    ("P2", "DE-PL", "friendship", "active", None,
     "DE", "district", "Landkreis Gießen", "Landkreis Gießen", "Giessen District", "Powiat Giessen", "Гіссен",
     "de-kreis:06531", "DE-HE", "de-kreis:06531", "Landkreis Gießen",
     "PL", "city", "Kielce", "Kielce", "Kielce", "Kielce", "Кельце", "gn:3", "PL-26", "pl-powiat:2661", "Powiat miasto Kielce"),
    ("P3", "PL-UA", "project", "planned", 2023,
     "PL", "city", "Lublin", "Lublin", "Lublin", "Lublin", "Люблін", "gn:4", "PL-06", "pl-powiat:0663", "Powiat miasto Lublin",
     "UA", "city", "Львів", "Lwiw", "Lviv", "Lwów", "Львів", "gn:5", "UA-46", "ua-raion:4610", "Львівський район"),
    ("P4", "DE-UA", "solidarity", "ended", 2022,
     "DE", "district", "Berlin-Mitte", "Berlin-Mitte", "Berlin-Mitte", "Berlin-Mitte", "Берлін-Мітте",
     "gn:6", "DE-BE", "de-kreis:11000", "Kreisfreie Stadt Berlin",
     "UA", "city", "Львів", "Lwiw", "Lviv", "Lwów", "Львів", "gn:5", "UA-46", "ua-raion:4610", "Львівський район"),
]


@pytest.fixture
def links() -> pd.DataFrame:
    frame = pd.DataFrame(ROWS, columns=COLUMNS)
    frame["since_year"] = frame["since_year"].astype("Int64")
    return frame


@pytest.fixture
def places() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "municipality_id": ["gn:1", "gn:2", "gn:5"],
            "alt_names": ["Lipsia|Leipsic", "Kiew|Kiev|Kyjiw|Kijów", "Lemberg|Lwow|Lvov"],
        }
    )


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["id"])


def shown(links: pd.DataFrame, **values) -> list[str]:
    return ids(apply_filters(links, Filters(**values)))


def test_default_filters_show_everything(links):
    assert ids(apply_filters(links, Filters())) == ["P1", "P2", "P3", "P4"]


def test_country_matches_either_side(links):
    assert shown(links, countries=("PL",)) == ["P2", "P3"]
    assert shown(links, countries=("DE", "PL")) == ["P1", "P2", "P3", "P4"]


def test_pair(links):
    assert shown(links, pairs=("DE-UA",)) == ["P1", "P4"]
    assert shown(links, pairs=("DE-PL", "PL-UA")) == ["P2", "P3"]


def test_admin1_and_district_match_either_side(links):
    assert shown(links, admin1=("UA-46",)) == ["P3", "P4"]
    assert shown(links, admin1=("PL-26", "DE-SN")) == ["P1", "P2"]
    assert shown(links, districts=("de-kreis:06531",)) == ["P2"]
    assert shown(links, districts=("ua-raion:4610",)) == ["P3", "P4"]


def test_relation_status_and_aid(links):
    assert shown(links, relations=("twinning", "project")) == ["P1", "P3"]
    assert shown(links, statuses=("planned", "ended")) == ["P3", "P4"]
    assert ids(apply_filters(links, Filters(aid_only=True), frozenset({"P3", "P9"}))) == ["P3"]
    assert ids(apply_filters(links, Filters(aid_only=True))) == []


def test_filters_combine_with_and(links):
    assert shown(links, countries=("UA",), admin1=("UA-46",), statuses=("ended",)) == ["P4"]
    assert shown(links, pairs=("DE-PL",), relations=("twinning",)) == []


def test_year_rule_hides_undated_rows_only_when_a_year_bound_is_set(links):
    assert "P2" in shown(links)  # no year bound: the undated row is shown
    assert shown(links, year_from=2022) == ["P3", "P4"]
    assert shown(links, year_to=2022) == ["P1", "P4"]  # the network as it stood in 2022
    assert shown(links, year_from=1960, year_to=1961) == ["P1"]
    assert count_undated_hidden(links, Filters(year_to=2030)) == 1
    assert count_undated_hidden(links, Filters()) == 0
    assert count_undated_hidden(links, Filters(year_to=2030, pairs=("DE-UA",))) == 0


def test_free_text_finds_every_spelling_of_either_side(links, places):
    def found(query: str) -> list[str]:
        return ids(apply_filters(links, Filters(query=query), places=places))

    assert found("Kyiv") == found("Київ") == found("Kiew") == found("kijów") == ["P1"]
    assert found("Lemberg") == found("LVIV") == found("Львів") == ["P3", "P4"]
    assert found("giessen") == ["P2"]  # ß folds to ss
    assert found("Leipzig Kyjiw") == ["P1"]  # every word must be found, on either side
    assert found("Leipzig Lublin") == []
    assert found("nowhere") == []


def test_free_text_without_places_uses_the_link_names(links):
    assert ids(apply_filters(links, Filters(query="Kijów"))) == ["P1"]


def test_filtering_keeps_columns_and_order(links):
    result = apply_filters(links, Filters(countries=("UA",)))
    assert list(result.columns) == list(links.columns)
    assert ids(result) == ["P1", "P3", "P4"]


def test_query_params_are_read_leniently():
    filters = Filters.from_query_params(
        {
            "country": "pl, xx,de,PL",
            "pair": ["ua-de", "DE-DE", "PL-UA,junk"],
            "admin1": "de-th,UA-46,<script>,DE-TOOLONG",
            "district": "de-kreis:16071,no id,pl-powiat:0663",
            "relation": "Twinning,marriage",
            "status": "ACTIVE,",
            "from": "2024",
            "to": "2019",
            "q": "  Kiew   Leipzig ",
            "aid": "1",
            "lang": "uk",
        }
    )
    assert filters == Filters(
        countries=("DE", "PL"),
        pairs=("DE-UA", "PL-UA"),
        admin1=("DE-TH", "UA-46"),
        districts=("de-kreis:16071", "pl-powiat:0663"),
        relations=("twinning",),
        statuses=("active",),
        year_from=2019,
        year_to=2024,
        query="Kiew Leipzig",
        aid_only=True,
    )


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"country": ""},
        {"country": "XX", "pair": "DE", "from": "20x4", "to": "99999", "aid": "maybe", "status": "gone"},
        {"from": "1066", "to": "-1"},
        {"admin1": "DE_TH", "district": ":"},
    ],
)
def test_junk_only_gives_the_default(params):
    assert Filters.from_query_params(params) == Filters()


def test_to_query_params_writes_only_what_differs_from_the_default():
    assert Filters().to_query_params() == {}
    assert Filters(countries=("PL",), year_to=2022, aid_only=True).to_query_params() == {
        "country": "PL",
        "to": "2022",
        "aid": "1",
    }


def test_parameter_names_are_the_agreed_ones():
    assert FILTER_PARAMS == ("country", "pair", "admin1", "district", "relation", "status", "from", "to", "q", "aid")


query_values = st.one_of(
    st.text(max_size=30),
    st.lists(st.text(max_size=12), max_size=3),
    st.sampled_from(["DE", "pl,UA", "DE-UA", "ua-pl", "DE-TH", "de-kreis:16071", "twinning", "ended", "2022", "1"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FILTER_PARAMS + ("lang", "junk")), query_values, max_size=8))
def test_query_param_round_trip_for_any_input(params):
    filters = Filters.from_query_params(params)
    assert Filters.from_query_params(filters.to_query_params()) == filters


def test_key_figures(links):
    figures = key_figures(apply_filters(links, Filters(pairs=("DE-UA", "DE-PL"))), links)
    assert (figures.shown, figures.total) == (3, 4)
    assert figures.municipalities == (("DE", 3), ("PL", 1), ("UA", 2))
    assert figures.municipalities_in("UA") == 2
    assert figures.german_landkreise == 1  # Landkreis Gießen; Leipzig and Berlin are kreisfreie Städte
    assert figures.german_landkreise_with_members == 1
    assert figures.undated == 1
    assert set(figures.sources) >= {"shown", "total", "municipalities", "german_landkreise", "undated"}


def test_key_figures_of_an_empty_view(links):
    figures = key_figures(links.iloc[0:0], links)
    assert (figures.shown, figures.total, figures.german_landkreise) == (0, 4, 0)
    assert figures.municipalities == (("DE", 0), ("PL", 0), ("UA", 0))


def test_free_text_finds_a_ukrainian_name_in_any_romanisation_without_alternate_names(links):
    only_local = links.assign(b_name_de="", b_name_en="", b_name_pl="", b_name_uk="")
    for query in ("Чернігів", "Chernihiv", "Tschernihiw", "Czernihiw", "tschernihiw"):
        frame = only_local.assign(b_name=["Чернігів", "Kielce", "Львів", "Львів"])
        assert ids(apply_filters(frame, Filters(query=query))) == ["P1"], query


def test_landkreise_with_partnering_members(links):
    town = links.iloc[[0]].assign(
        id="P5", a_name="Bad Homburg", a_municipality_id="gn:7", a_district_id="de-kreis:06434",
        a_district_name="Hochtaunuskreis",
    )
    both = pd.concat([links, town], ignore_index=True)
    figures = key_figures(both, both)
    assert (figures.german_landkreise, figures.german_landkreise_with_members) == (1, 2)


def test_filter_options_name_units_in_the_ui_language(links):
    from atlas.filters import filter_options

    places = pd.DataFrame(
        {
            "municipality_id": ["gn:1", "gn:5", "de-kreis:06531", "gn:4"],
            "name_local": ["Leipzig", "Львів", "Landkreis Gießen", "Lublin"],
            "admin1_code": ["DE-SN", "UA-46", "DE-HE", "PL-06"],
            "admin1_name": ["Sachsen", "Львівська область", "Hessen", "lubelskie"],
            "district_id": ["de-kreis:14713", "ua-raion:4610", "de-kreis:06531", ""],
            "district_name": ["Kreisfreie Stadt Leipzig", "Львівський район", "Landkreis Gießen", ""],
        }
    )
    unit_names = pd.DataFrame(
        {
            "municipality_id": ["admin1:UA-46", "admin1:DE-SN"],
            "name_local": ["Львівська область", "Sachsen"],
            "name_de": ["Oblast Lwiw", "Sachsen"],
            "name_en": ["Lviv Oblast", "Saxony"],
            "name_pl": ["obwód lwowski", "Saksonia"],
            "name_uk": ["Львівська область", "Саксонія"],
        }
    )
    german = filter_options(links, places, "de", unit_names)
    assert german.admin1 == (("DE-HE", "Hessen"), ("DE-SN", "Sachsen"), ("PL-06", "lubelskie"), ("UA-46", "Oblast Lwiw"))
    assert german.district_label("ua-raion:4610") == "Lwiwskyj rajon"  # romanised when no name table row
    assert german.districts_in(("DE-HE", "UA-46")) == ("de-kreis:06531", "ua-raion:4610")
    assert len(german.districts_in(())) == 3
    assert (german.year_min, german.year_max) == (1961, 2023)
    ukrainian = filter_options(links, places, "uk", unit_names)
    assert ukrainian.admin1_label("DE-SN") == "Саксонія"
    assert ukrainian.district_label("ua-raion:4610") == "Львівський район"
    assert filter_options(links, places, "en").admin1_label("UA-46") == "Lvivska oblast"  # romanised local name


def test_undated_rows_are_counted_whether_shown_or_hidden(links):
    from atlas.filters import count_undated

    assert count_undated(links, Filters()) == 1  # shown: no year bound
    assert count_undated(links, Filters(year_from=2000)) == 1  # the same row, now hidden
    assert count_undated(links, Filters(pairs=("PL-UA",))) == 0


@pytest.fixture(scope="module")
def real_join():
    from components import data  # the process-wide cached join, shared with the AppTest page tests

    return data.atlas_join()


@pytest.mark.parametrize(
    ("spellings", "expected", "not_expected"),
    [
        (("Kiew", "Kyiv", "Київ", "Kijów"), {"P0165", "P0027"}, {"P0005"}),  # not Żółkiew (P0005: Жовква)
        (("Lemberg", "Lviv", "Львів", "Lwów"), set(), set()),
        (("Tschernihiw", "Chernihiv", "Чернігів"), {"P0001"}, set()),
    ],
)
def test_free_text_in_three_scripts_on_the_real_records(real_join, spellings, expected, not_expected):
    found = [set(apply_filters(real_join.links, Filters(query=query), places=real_join.places)["id"]) for query in spellings]
    assert all(result == found[0] for result in found), dict(zip(spellings, found, strict=True))
    assert found[0], spellings
    assert expected <= found[0]
    assert not (not_expected & found[0])


def test_key_figures_on_the_real_records(real_join):
    figures = key_figures(real_join.links, real_join.links)
    assert figures.shown == figures.total == len(real_join.links)
    assert all(count > 0 for _, count in figures.municipalities)
    assert 0 < figures.german_landkreise < figures.german_landkreise_with_members


def test_a_precomputed_search_index_gives_the_same_rows(links, places):
    from atlas.filters import search_index

    index = search_index(links, places)
    for query in ("Lemberg", "Kyiv", "Lub", "nowhere"):
        filters = Filters(query=query, countries=("UA",))
        assert ids(apply_filters(links, filters, places=places, index=index)) == ids(apply_filters(links, filters, places=places))
