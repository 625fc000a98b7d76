"""Contract tests on the committed gazetteer (geodata/gazetteer.csv.gz)."""

from __future__ import annotations

import pandas as pd
import pytest

from atlas.gazetteer import COUNTRY_BOUNDS, GAZETTEER_COLUMNS, GazetteerError, load_gazetteer


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return load_gazetteer().table


def test_columns_and_unique_ids(table):
    assert tuple(table.columns) == GAZETTEER_COLUMNS
    assert table["municipality_id"].is_unique
    assert set(table["kind"]) == {"city", "municipality", "district", "region"}
    assert set(table["placement"]) <= {"seat", "centroid", "point"}
    assert (table["source"].str.len() > 0).all()


def test_counts_per_country_and_kind_are_plausible(table):
    counts = table.groupby(["country", "kind"]).size()
    assert counts["DE", "region"] == 16
    assert counts["PL", "region"] == 16
    assert counts["UA", "region"] == 27  # 24 oblasts, Crimea, Kyiv and Sevastopol
    assert (table["municipality_id"].str.startswith("de-kreis:")).sum() == 400
    assert (table["municipality_id"].str.startswith("pl-powiat:")).sum() == 380
    assert (table["municipality_id"].str.startswith("ua-raion:UA")).sum() >= 136
    assert (table["municipality_id"].str.startswith("ua-hromada:")).sum() >= 1650
    places = table[table["kind"].isin(["city", "municipality"])].groupby("country").size()
    assert places["DE"] > 12000 and places["PL"] > 3500 and places["UA"] > 6000


def test_every_row_lies_inside_its_country_box(table):
    for country, (west, south, east, north) in COUNTRY_BOUNDS.items():
        rows = table[table["country"] == country]
        assert rows["lon"].between(west, east).all(), country
        assert rows["lat"].between(south, north).all(), country


def test_every_region_code_is_a_region_row(table):
    regions = set(table.loc[table["kind"] == "region", "admin1_code"])
    assert set(table["admin1_code"]) - {""} <= regions
    assert {"DE-TH", "DE-BY", "PL-06", "PL-18", "UA-46", "UA-30", "UA-43", "UA-40"} <= regions


def _one(table, municipality_id):
    rows = table[table["municipality_id"] == municipality_id]
    assert len(rows) == 1, municipality_id
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("municipality_id", "de", "en", "pl", "uk", "admin1"),
    [
        ("gn:703448", "Kyjiw", "Kyiv", "Kijów", "Київ", "UA-30"),
        ("gn:2879139", "Leipzig", "Leipzig", "Leipzig", "Лейпциг", "DE-SN"),
        ("gn:2812482", "Weimar", "Weimar", "Weimar", "Веймар", "DE-TH"),
        ("gn:753866", "Zamość", "Zamość", "Zamość", "Замостя", "PL-06"),
        ("gn:687093", "Schowkwa", "Zhovkva", "Żółkiew", "Жовква", "UA-46"),
        ("gn:706483", "Charkiw", "Kharkiv", "Charków", "Харків", "UA-63"),
        ("gn:686967", "Schytomyr", "Zhytomyr", "Żytomierz", "Житомир", "UA-18"),
        ("gn:756135", "Warschau", "Warsaw", "Warszawa", "Варшава", "PL-14"),
    ],
)
def test_known_places_carry_their_names_in_four_languages(table, municipality_id, de, en, pl, uk, admin1):
    row = _one(table, municipality_id)
    assert (row["name_de"], row["name_en"], row["name_pl"], row["name_uk"], row["admin1_code"]) == (de, en, pl, uk, admin1)


@pytest.mark.parametrize(
    ("municipality_id", "local", "english"),
    [  # GeoNames names these in English; the local name is the Gemeinde's or city powiat's own
        ("gn:2867714", "München", "Munich"),
        ("gn:2861650", "Nürnberg", "Nuremberg"),
        ("gn:756135", "Warszawa", "Warsaw"),
    ],
)
def test_big_cities_carry_their_own_name_as_local_name(table, municipality_id, local, english):
    row = _one(table, municipality_id)
    assert (row["name_local"], row["name_en"]) == (local, english)
    assert row["name_local"] not in row["alt_names"].split("|")


def test_no_gemeinde_is_a_second_row_beside_its_geonames_place(table):
    german = table[table["country"] == "DE"]
    for name in ("München", "Nürnberg", "Stade", "Meißen"):
        assert len(german[german["name_local"] == name]) == 1, name


def test_places_know_their_district(table):
    assert _one(table, "gn:2812482")["district_id"] == "de-kreis:16055"  # Weimar is kreisfrei
    assert _one(table, "gn:687093")["district_name"] == "Львівський район"
    assert _one(table, "gn:753866")["district_id"] == "pl-powiat:0664"


def test_kreis_reforms_are_applied(table):
    ids = set(table["municipality_id"])
    assert {"de-kreis:03159", "de-kreis:16063"} <= ids
    assert not {"de-kreis:03152", "de-kreis:03156", "de-kreis:16056"} & ids
    eisenach = table[(table["name_local"] == "Eisenach") & (table["country"] == "DE")].iloc[0]
    assert eisenach["district_id"] == "de-kreis:16063"


def test_hromada_names_become_municipality_rows(table):
    row = table[table["name_local"] == "Смідинська громада"].iloc[0]
    assert row["kind"] == "municipality" and row["admin1_code"] == "UA-07"
    assert row["placement"] == "seat"


def test_missing_file_is_reported_with_its_path(tmp_path):
    with pytest.raises(GazetteerError, match="not found"):
        load_gazetteer(tmp_path / "nope.csv.gz")


@pytest.mark.parametrize(
    ("local", "odd_english"),
    [("Calau", "Kalawa"), ("Lübbenau/Spreewald", "Lubnjow"), ("Greifswald", "Universitäts- und Hansestadt Greifswald"),
     ("Heringsdorf", "Seebad Heringsdorf")],
)
def test_small_german_towns_are_called_by_their_own_name_in_english(table, local, odd_english):
    """GeoNames' main name of these towns is Sorbian or an honorific form; English (the map's labels with
    ?lang=en) uses the town's own name, and the other form still finds it."""
    rows = table[table["name_local"] == local]
    assert len(rows) >= 1 and (rows["name_en"] == local).all()
    assert any(odd_english in names.split("|") for names in rows["alt_names"])


def test_large_cities_districts_and_regions_keep_their_english_names(table):
    english = dict(zip(table["name_local"], table["name_en"], strict=False))
    assert english["München"] == "Munich" and english["Nürnberg"] == "Nuremberg" and english["Warszawa"] == "Warsaw"
    assert english["Niedersachsen"] == "Lower Saxony" and english["Powiat krakowski"] == "Kraków County"
