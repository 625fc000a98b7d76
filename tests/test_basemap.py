"""Contract of the committed basemap in geodata/basemap/ (what the map and per-Kreis views rely on)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import shapely
from shapely.geometry import Point, shape

from atlas import basemap
from atlas.assets import install_basemap
from atlas.records import load_admin1

MAX_TOTAL_BYTES = 1_500_000


@pytest.fixture(scope="module")
def admin1() -> dict:
    return basemap.load_collection("admin1")


def test_files_are_small_feature_collections():
    total = 0
    for name in basemap.LAYERS:
        path = basemap.layer_path(name)
        total += path.stat().st_size
        collection = basemap.load_collection(name)
        assert collection["type"] == "FeatureCollection"
        assert all(feature["geometry"]["type"] in ("Polygon", "MultiPolygon") for feature in collection["features"])
    assert total <= MAX_TOTAL_BYTES


def test_coordinates_are_rounded():
    text = basemap.layer_path("admin1").read_text(encoding="utf-8")
    numbers = [part for part in text.replace("[", ",").replace("]", ",").split(",") if part.count(".") == 1]
    assert numbers and max(len(number.split(".")[1]) for number in numbers if number.lstrip("-")[0].isdigit()) <= 3


def test_countries_hold_the_three_and_their_neighbours():
    countries = {feature["properties"]["iso_a2"]: feature for feature in basemap.load_collection("countries")["features"]}
    assert {"DE", "PL", "UA", "CZ", "SK", "HU", "RO", "MD", "BY", "LT", "AT", "NL"} <= set(countries)
    assert {code for code, feature in countries.items() if feature["properties"]["focus"]} == {"DE", "PL", "UA"}


def test_crimea_is_drawn_as_part_of_ukraine():
    features = basemap.load_collection("countries")["features"]
    countries = {feature["properties"]["iso_a2"]: shape(feature["geometry"]) for feature in features}
    simferopol, sevastopol = Point(34.10, 44.95), Point(33.52, 44.60)
    assert countries["UA"].contains(simferopol) and countries["UA"].buffer(0.05).contains(sevastopol)
    assert not countries["RU"].contains(simferopol)


def test_admin1_has_16_laender_16_voivodeships_27_ukrainian_units(admin1):
    properties = [feature["properties"] for feature in admin1["features"]]
    assert Counter(item["country"] for item in properties) == {"DE": 16, "PL": 16, "UA": 27}
    by_gn = {item["gn_a1_code"]: item for item in properties}
    assert by_gn["UA.11"]["country"] == "UA" and by_gn["UA.11"]["iso_3166_2"] == "UA-43"
    assert by_gn["UA.20"]["country"] == "UA" and by_gn["UA.20"]["iso_3166_2"] == "UA-40"


def test_admin1_codes_match_the_admin1_table_and_carry_four_names(admin1):
    table = load_admin1()
    assert {feature["properties"]["iso_3166_2"] for feature in admin1["features"]} == set(table["iso_3166_2"])
    for feature in admin1["features"]:
        properties = feature["properties"]
        assert all(properties[f"name_{language}"] for language in ("de", "en", "pl", "uk")), properties
    lviv = next(feature["properties"] for feature in admin1["features"] if feature["properties"]["iso_3166_2"] == "UA-46")
    assert lviv["name_uk"] == "Львівська область" and lviv["gn_a1_code"] == "UA.15"


def test_admin1_polygons_contain_their_capitals(admin1):
    shapes = {feature["properties"]["iso_3166_2"]: shape(feature["geometry"]) for feature in admin1["features"]}
    assert shapes["DE-TH"].contains(Point(11.03, 50.98))  # Erfurt
    assert shapes["PL-06"].contains(Point(22.57, 51.25))  # Lublin
    assert shapes["UA-46"].contains(Point(24.03, 49.84))  # Lviv


def test_kreise_are_todays_400_with_five_digit_keys():
    kreise = basemap.load_collection("kreise")["features"]
    keys = [feature["properties"]["kreis_key"] for feature in kreise]
    assert len(keys) == len(set(keys)) == 400
    assert all(len(key) == 5 and key.isdigit() for key in keys)
    assert {"03159", "16063"} <= set(keys) and not {"03152", "03156", "16056"} & set(keys)
    names = basemap.kreis_names()
    assert names["16071"] == "Weimarer Land" and names["03159"] == "Göttingen"
    weimarer_land = shape(next(f["geometry"] for f in kreise if f["properties"]["kreis_key"] == "16071"))
    assert weimarer_land.contains(Point(11.52, 51.02))  # Apolda, its seat
    assert all(shapely.is_valid(shape(feature["geometry"])) for feature in kreise)


def test_display_copies_are_light_and_keep_only_styling_properties(tmp_path):
    install_basemap(tmp_path)
    for name in ("countries", "admin1"):
        path = tmp_path / "vendor" / "basemap" / f"{name}.json"
        collection = json.loads(path.read_text(encoding="utf-8"))
        assert len(collection["features"]) == len(basemap.load_collection(name)["features"])
        assert path.stat().st_size < 100_000
    first = json.loads((tmp_path / "vendor" / "basemap" / "admin1.json").read_text(encoding="utf-8"))["features"][0]
    assert set(first["properties"]) == {"iso_3166_2", "country"}
