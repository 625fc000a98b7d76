"""Synthetic partnerships: real places, labelled rows, the join's shapes, never the real records."""

import pandas as pd
import pytest

from atlas import records
from atlas.records import validate_partnerships
from atlas.schema import PAIRS, PARTNERSHIP_COLUMNS
from atlas.synthetic import LINK_COLUMNS, PLACE_COLUMNS, SYNTHETIC_SOURCE, synthetic_network

PLACES = [  # municipality_id, country, name, admin1_code, admin1_name, lat, lon, population
    ("gn:2950159", "DE", "Berlin", "DE-BE", "Berlin", 52.52437, 13.41053, 3426354),
    ("gn:2935022", "DE", "Dresden", "DE-SN", "Sachsen", 51.05089, 13.73832, 486854),
    ("gn:2879139", "DE", "Leipzig", "DE-SN", "Sachsen", 51.33962, 12.37129, 504971),
    ("gn:3094802", "PL", "Kraków", "PL-12", "Małopolskie", 50.06143, 19.93658, 755050),
    ("gn:3081368", "PL", "Wrocław", "PL-02", "Dolnośląskie", 51.1, 17.03333, 634893),
    ("gn:702550", "UA", "Львів", "UA-46", "Львівська область", 49.83826, 24.02324, 717803),
    ("gn:703448", "UA", "Київ", "UA-30", "Київ", 50.45466, 30.5238, 2797553),
    ("gn:706483", "UA", "Харків", "UA-63", "Харківська область", 49.98081, 36.25272, 1430885),
]


def tiny_places() -> pd.DataFrame:
    rows = []
    for municipality_id, country, name, code, admin1_name, lat, lon, population in PLACES:
        rows.append({
            "municipality_id": municipality_id, "country": country, "kind": "city", "name_local": name,
            "name_de": name, "name_en": name, "name_pl": name, "name_uk": name, "alt_names": "",
            "admin1_code": code, "admin1_name": admin1_name, "district_id": "", "district_name": "",
            "lat": lat, "lon": lon, "population": population, "placement": "seat", "source": "test",
        })
    return pd.DataFrame(rows, columns=list(PLACE_COLUMNS))


def test_rows_are_labelled_synthetic_with_their_own_ids():
    links = synthetic_network(12, places=tiny_places()).links
    assert links["id"].tolist() == [f"S{number:06d}" for number in range(1, 13)]
    assert (links["partnership_id"] == links["id"]).all()
    assert (links["source_url"] == SYNTHETIC_SOURCE).all()
    assert links["synthetic"].all()


def test_links_have_the_join_columns_and_pass_the_records_validator():
    links = synthetic_network(15, places=tiny_places()).links
    assert list(links.columns) == [*LINK_COLUMNS, "geometry"]
    assert links.crs.to_epsg() == 4326
    frame = links[list(PARTNERSHIP_COLUMNS)].astype(str)
    assert validate_partnerships(frame, "synthetic") == []


def test_endpoints_are_real_places_with_their_coordinates_and_regions():
    places = tiny_places().set_index("municipality_id")
    links = synthetic_network(20, places=tiny_places()).links
    for side in ("a", "b"):
        rows = places.loc[links[f"{side}_municipality_id"]]
        assert (rows["lat"].to_numpy() == links[f"{side}_lat"].to_numpy()).all()
        assert (rows["admin1_code"].to_numpy() == links[f"{side}_admin1_code"].to_numpy()).all()
        assert (rows["country"].to_numpy() == links[f"{side}_country"].to_numpy()).all()
    assert set(links["pair"]) <= set(PAIRS)
    assert (links["a_country"] != links["b_country"]).all()
    assert (links["a_country"] + "-" + links["b_country"] == links["pair"]).all()


def test_no_pair_of_places_repeats_and_partner_counts_add_up():
    network = synthetic_network(20, places=tiny_places())
    pairs = list(zip(network.links["a_municipality_id"], network.links["b_municipality_id"], strict=True))
    assert len(set(pairs)) == 20
    assert network.places["partner_count"].sum() == 2 * 20
    assert network.places["synthetic"].all()


def test_same_seed_same_rows_other_seed_other_rows():
    first = synthetic_network(10, seed=3, places=tiny_places()).links
    again = synthetic_network(10, seed=3, places=tiny_places()).links
    other = synthetic_network(10, seed=4, places=tiny_places()).links
    assert first.drop(columns="geometry").equals(again.drop(columns="geometry"))
    assert not first[["a_municipality_id", "b_municipality_id"]].equals(other[["a_municipality_id", "b_municipality_id"]])


def test_asking_for_more_pairs_than_exist_is_an_error():
    with pytest.raises(ValueError, match="distinct pairs"):
        synthetic_network(1000, places=tiny_places())


def test_the_committed_records_contain_nothing_synthetic():
    real = records.load_partnerships()
    assert not real["id"].str.match(r"^S\d{6}$").any()
    assert not (real["source_url"] == SYNTHETIC_SOURCE).any()
