"""Aid actions: categories, honest dates, pairs, regions and markers at the receiving municipality."""

import pandas as pd

from atlas import aid, records
from atlas.schema import AID_CATEGORIES


def links():
    return pd.DataFrame(
        [
            {
                "id": "P1",
                "pair": "DE-UA",
                "a_country": "DE",
                "a_name": "Weimar",
                "a_admin1": "Thüringen",
                "b_country": "UA",
                "b_name": "Жовква",
                "b_admin1": "Львівська область",
                "a_municipality_id": "gn:1",
                "b_municipality_id": "gn:2",
                "a_lat": 50.98,
                "a_lon": 11.33,
                "b_lat": 50.06,
                "b_lon": 23.97,
            },
            {
                "id": "P2",
                "pair": "DE-PL",
                "a_country": "DE",
                "a_name": "Seelow",
                "a_admin1": "Brandenburg",
                "b_country": "PL",
                "b_name": "Kostrzyn nad Odrą",
                "b_admin1": "lubuskie",
                "a_municipality_id": "gn:3",
                "b_municipality_id": "gn:4",
                "a_lat": 52.53,
                "a_lon": 14.38,
                "b_lat": 52.59,
                "b_lon": 14.65,
            },
            {
                "id": "P3",
                "pair": "PL-UA",
                "a_country": "PL",
                "a_name": "Zamość",
                "a_admin1": "lubelskie",
                "b_country": "UA",
                "b_name": "Жовква",
                "b_admin1": "Львівська область",
                "a_municipality_id": "gn:5",
                "b_municipality_id": "gn:2",
                "a_lat": 50.72,
                "a_lon": 23.25,
                "b_lat": 50.06,
                "b_lon": 23.97,
            },
        ]
    )


def actions():
    rows = [
        ("A1", "P1", "2022-03-04", "vehicles"),
        ("A2", "P1", "2022-04", "medical"),
        ("A3", "P1", "2023", "vehicles"),
        ("A4", "P2", "2022", "vehicles"),
        ("A5", "P3", "2024-12", "energy"),
        ("A6", "P9", "2022", "other"),
    ]
    frame = pd.DataFrame(rows, columns=["id", "partnership_id", "date", "category"])
    frame["date_precision"] = frame["date"].str.len().map({4: "year", 7: "month", 10: "day"})
    frame["year"] = frame["date"].str[:4].astype(int)
    return frame


def test_receiving_side_is_ukrainian_else_polish():
    assert aid.receiving_side("DE", "UA") == "b"
    assert aid.receiving_side("UA", "DE") == "a"
    assert aid.receiving_side("PL", "UA") == "b"
    assert aid.receiving_side("DE", "PL") == "b"


def test_only_actions_of_the_shown_links():
    merged = aid.aid_for_links(actions(), links())
    assert sorted(merged["id"]) == ["A1", "A2", "A3", "A4", "A5"]  # A6 belongs to a partnership not shown
    assert set(merged.loc[merged["partnership_id"] == "P2", "receiving_name"]) == {"Kostrzyn nad Odrą"}
    assert set(merged.loc[merged["partnership_id"] == "P3", "giving_name"]) == {"Zamość"}


def test_categories_all_listed_most_first():
    table = aid.by_category(actions())
    assert table["category"].iloc[0] == "vehicles"
    assert table.set_index("category")["actions"].to_dict()["vehicles"] == 3
    assert set(table["category"]) == set(AID_CATEGORIES)
    assert table["actions"].sum() == 6


def test_over_time_keeps_date_precision_apart():
    table = aid.by_year(actions()).set_index(["year", "date_precision"])["actions"]
    assert table[(2022, "day")] == 1 and table[(2022, "month")] == 1 and table[(2022, "year")] == 2
    monthly, year_only = aid.by_month(actions())
    assert year_only == 3
    assert set(monthly["month"]) == {"2022-03", "2022-04", "2024-12"}


def test_by_pair_and_region():
    merged = aid.aid_for_links(actions(), links())
    assert aid.by_pair(merged).set_index("pair")["actions"].to_dict() == {"DE-UA": 3, "DE-PL": 1, "PL-UA": 1}
    receiving = aid.by_admin1(merged, "receiving").set_index("admin1")["actions"].to_dict()
    assert receiving == {"Львівська область": 4, "lubuskie": 1}
    giving = aid.by_admin1(merged, "giving").set_index("admin1")["actions"].to_dict()
    assert giving == {"Thüringen": 3, "Brandenburg": 1, "lubelskie": 1}


def test_markers_at_receiving_municipality_sized_by_actions():
    markers = aid.aid_markers(aid.aid_for_links(actions(), links()))
    first = markers.iloc[0]
    assert (first["municipality_id"], first["actions"], first["lat"]) == ("gn:2", 4, 50.06)
    assert first["partnership_ids"] == ("P1", "P3")
    assert first["categories"] == {"vehicles": 2, "medical": 1, "energy": 1}
    assert list(markers["municipality_id"]) == ["gn:2", "gn:4"]


def test_markers_need_coordinates():
    merged = aid.aid_for_links(actions(), links().drop(columns=["a_lat", "b_lat"]))
    assert aid.aid_markers(merged).empty


def test_real_aid_records():
    partnerships = records.load_partnerships()
    real = records.load_aid(partnership_ids=set(partnerships["id"]))
    counts = aid.by_category(real).set_index("category")["actions"].to_dict()
    assert counts == {
        "vehicles": 30,
        "food_goods": 18,
        "energy": 15,
        "funding": 14,
        "medical": 12,
        "education": 3,
        "expertise": 3,
        "other": 2,
        "water": 1,
        "reconstruction": 1,
    }
    merged = aid.aid_for_links(real, partnerships)
    assert aid.by_pair(merged).set_index("pair")["actions"].to_dict() == {"DE-UA": 82, "DE-PL": 14, "PL-UA": 3}
    assert real["date_precision"].value_counts().to_dict() == {"year": 49, "month": 33, "day": 17}
    assert set(merged.loc[merged["pair"] != "DE-PL", "receiving_country"]) == {"UA"}


def test_aid_layer_sizes_markers_by_actions_and_escapes_names():
    import folium

    from atlas import storylayers

    markers = pd.DataFrame(
        [
            {
                "municipality_id": "gn:2",
                "name": "Жовква <i>",
                "country": "UA",
                "lat": 50.06,
                "lon": 23.97,
                "actions": 4,
                "categories": {"vehicles": 3, "medical": 1},
                "partnership_ids": ("P1",),
            }
        ]
    )
    group = storylayers.aid_layer(markers, "de")
    (geojson,) = [child for child in group._children.values() if isinstance(child, folium.GeoJson)]
    properties = geojson.data["features"][0]["properties"]
    assert properties["radius"] == storylayers.aid_radius(4) == 8.0 > storylayers.aid_radius(1)
    assert "Жовква &lt;i&gt;" in properties["tooltip_html"] and "Fahrzeuge 3" in properties["tooltip_html"]
