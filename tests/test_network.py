"""Triangles DE–PL–UA, open chains, suggestions and density: tiny fixtures and the real records."""

import pandas as pd
import pytest

from atlas import network, records
from atlas.i18n import LANGUAGES


def link(pid, a_country, a_name, b_country, b_name, **extra):
    row = {
        "id": pid,
        "a_country": a_country,
        "a_name": a_name,
        "a_kind": "city",
        "a_admin1": "",
        "b_country": b_country,
        "b_name": b_name,
        "b_kind": "city",
        "b_admin1": "",
        "pair": "-".join(sorted((a_country, b_country), key="DE PL UA".split().index)),
    }
    row.update(extra)
    return row


@pytest.fixture
def tiny():
    return pd.DataFrame(
        [
            link("P1", "DE", "Weimar", "PL", "Zamość"),
            link("P2", "PL", "Zamość", "UA", "Жовква"),
            link("P3", "DE", "Weimar", "UA", "Жовква"),
            # Zamość also partners Lviv: Weimar–Zamość–Lviv is an open chain
            link("P4", "PL", "Zamość", "UA", "Львів"),
            # a rural gmina of the same name is a different municipality
            link("P5", "PL", "Gmina Zamość", "UA", "Голоби"),
            link("P6", "DE", "Jena", "UA", "Березань"),
        ]
    )


def test_closed_triangle_found_with_ids_on_each_side(tiny):
    found = network.find_network(tiny)
    assert len(found.triangles) == 1
    triangle = found.triangles[0]
    assert (triangle.german.name, triangle.polish.name, triangle.ukrainian.name) == ("Weimar", "Zamość", "Жовква")
    assert triangle.german_polish_ids == ("P1",)
    assert triangle.polish_ukrainian_ids == ("P2",)
    assert triangle.german_ukrainian_ids == ("P3",)
    assert triangle.partnership_ids == ("P1", "P2", "P3")


def test_open_chain_through_the_same_polish_member_only(tiny):
    chains = network.find_open_chains(tiny)
    assert [(c.german.name, c.polish.name, c.ukrainian.name, c.partnership_ids) for c in chains] == [
        ("Weimar", "Zamość", "Львів", ("P1", "P4"))
    ]


def test_municipality_ids_win_over_names():
    # Two different spellings of the same place, joined to the same id, still close the triangle.
    rows = pd.DataFrame(
        [
            link("P1", "DE", "Potsdam", "PL", "Opole", a_municipality_id="gn:1", b_municipality_id="gn:2"),
            link("P2", "PL", "Opole", "UA", "Івано-Франківськ", a_municipality_id="gn:2", b_municipality_id="gn:3"),
            link("P3", "DE", "Potsdam", "UA", "Iwano-Frankiwsk", a_municipality_id="gn:1", b_municipality_id="gn:3"),
        ]
    )
    assert [t.partnership_ids for t in network.find_triangles(rows)] == [("P1", "P2", "P3")]
    assert network.find_open_chains(rows) == ()


def test_two_partnerships_between_the_same_pair_are_both_listed():
    rows = pd.DataFrame(
        [
            link("P1", "DE", "A", "PL", "B"),
            link("P9", "DE", "A", "PL", "B"),
            link("P2", "PL", "B", "UA", "C"),
        ]
    )
    (chain,) = network.find_open_chains(rows)
    assert chain.german_polish_ids == ("P1", "P9")


def test_suggestion_phrased_in_every_language(tiny):
    (chain,) = network.find_open_chains(tiny)
    assert network.suggestion(chain, "de") == "Weimar: Ihr polnischer Partner Zamość arbeitet mit Львів in der Ukraine zusammen."
    assert network.suggestion(chain, "en") == "Weimar: your Polish partner Zamość works with Львів in Ukraine."
    for language in LANGUAGES:
        text = network.suggestion(chain, language)
        assert "Weimar" in text and "Zamość" in text and "Львів" in text


def test_chains_of_one_german_and_polish_member_make_one_suggestion(tiny):
    rows = pd.concat([tiny, pd.DataFrame([link("P8", "PL", "Zamość", "UA", "Луцьк")])], ignore_index=True)
    chains = network.find_open_chains(rows)
    assert len(chains) == 2
    (item,) = network.suggestions(chains)
    assert [member.name for member in item.ukrainians] == ["Луцьк", "Львів"]  # sorted by name
    assert item.partnership_ids == ("P1", "P8", "P4")
    assert network.suggestion(item, "en") == "Weimar: your Polish partner Zamość works with Луцьк, Львів in Ukraine."


def test_suggestion_uses_the_language_spelling_from_the_join():
    rows = pd.DataFrame(
        [
            link("P1", "DE", "Weimar", "PL", "Zamość"),
            link("P4", "PL", "Zamość", "UA", "Львів", b_name_de="Lwiw", b_name_en="Lviv", b_name_pl="Lwów", b_name_uk="Львів"),
        ]
    )
    (chain,) = network.find_open_chains(rows)
    assert "Lwiw" in network.suggestion(chain, "de")
    assert "Lwów" in network.suggestion(chain, "pl")
    assert "Львів" in network.suggestion(chain, "uk")


def test_top_municipalities_count_distinct_partners(tiny):
    top = network.top_municipalities(tiny, limit=2)
    assert list(top["name"]) == ["Zamość", "Weimar"]
    assert list(top["partners"]) == [3, 2]


def test_density_per_admin1_counts_each_side_once():
    rows = pd.DataFrame(
        [
            link("P1", "DE", "Weimar", "PL", "Zamość", a_admin1_code="DE-TH", b_admin1_code="PL-06"),
            link("P2", "PL", "Zamość", "UA", "Жовква", a_admin1_code="PL-06", b_admin1_code="UA-46"),
            link("P3", "DE", "Weimar", "UA", "Жовква", a_admin1_code="DE-TH", b_admin1_code=""),
        ]
    )
    counts = network.partnerships_per_admin1(rows).set_index("admin1_code")["partnerships"].to_dict()
    assert counts == {"DE-TH": 2, "PL-06": 2, "UA-46": 1, "": 1}


def test_density_per_kreis_uses_the_german_side_district():
    rows = pd.DataFrame(
        [
            link(
                "P1",
                "DE",
                "Weimar",
                "PL",
                "Zamość",
                a_district_id="de-kreis:16055",
                a_district_name="Weimar",
                b_district_id="pl-powiat:1",
                b_district_name="Zamość",
            ),
            link(
                "P3",
                "DE",
                "Weimar",
                "UA",
                "Жовква",
                a_district_id="de-kreis:16055",
                a_district_name="Weimar",
                b_district_id="",
                b_district_name="",
            ),
            link(
                "P7", "DE", "Jena", "UA", "Березань", a_district_id="", a_district_name="", b_district_id="", b_district_name=""
            ),
        ]
    )
    density = network.density(rows, "kreis")
    assert density.counts == {"de-kreis:16055": 2}
    assert network.unplaced_german_sides(rows) == 1


def test_admin1_codes_from_record_names():
    rows = pd.DataFrame([link("P1", "DE", "Weimar", "PL", "Zamość", a_admin1="Thüringen", b_admin1="lubelskie")])
    coded = network.admin1_codes_from_names(rows, records.load_admin1())
    assert (coded.loc[0, "a_admin1_code"], coded.loc[0, "b_admin1_code"]) == ("DE-TH", "PL-06")


@pytest.fixture(scope="module")
def real():
    return network.find_network(records.load_partnerships())


def members(item):
    return (item.german.name, item.polish.name, item.ukrainian.name)


def test_known_triangles_in_the_real_records(real):
    found = {members(triangle): triangle.partnership_ids for triangle in real.triangles}
    assert found[("Weimar", "Zamość", "Жовква")] == ("P0362", "P0508", "P0267")
    assert found[("Potsdam", "Opole", "Івано-Франківськ")] == ("P0338", "P0450", "P0213")


def test_real_records_counts(real):
    # 12 closed triangles and 29 open chains in the 456 committed records (raw names, no filter).
    assert (len(real.triangles), len(real.chains)) == (12, 29)


def test_real_open_chains_never_have_a_direct_link(real):
    partnerships = records.load_partnerships()
    direct = {frozenset((a, b)) for a, b in zip(partnerships["a_name"], partnerships["b_name"], strict=True)}
    assert all(frozenset((chain.german.name, chain.ukrainian.name)) not in direct for chain in real.chains)


def layer_features(group):
    import folium

    (geojson,) = [child for child in group._children.values() if isinstance(child, folium.GeoJson)]
    return geojson.data["features"]


def test_highlight_layer_draws_only_the_given_partnerships_escaped():
    from atlas import storylayers

    rows = pd.DataFrame(
        [
            link("P1", "DE", "<b>Weimar</b>", "PL", "Zamość", a_lat=50.98, a_lon=11.33, b_lat=50.72, b_lon=23.25),
            link("P2", "PL", "Zamość", "UA", "Жовква", a_lat=50.72, a_lon=23.25, b_lat=50.06, b_lon=23.97),
        ]
    )
    features = layer_features(storylayers.highlight_layer(rows, ["P1", "P9"], "de"))
    assert [feature["properties"]["partnership_id"] for feature in features] == ["P1"]
    assert features[0]["geometry"]["coordinates"] == [[11.33, 50.98], [23.25, 50.72]]
    assert "&lt;b&gt;Weimar&lt;/b&gt;" in features[0]["properties"]["tooltip_html"]


def test_choropleth_classes_and_legend_from_counts():
    from atlas import storylayers

    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"iso_3166_2": code}, "geometry": {"type": "Point", "coordinates": [0, 0]}}
            for code in ("DE-TH", "PL-06", "UA-46")
        ],
    }
    group, legend = storylayers.choropleth_layer(
        collection, {"DE-TH": 2, "UA-46": 40}, storylayers.admin1_code, {"DE-TH": "Thüringen <script>"}, "x", "de"
    )
    features = {feature["properties"]["code"]: feature["properties"] for feature in layer_features(group)}
    assert features["PL-06"]["count"] == 0 and features["PL-06"]["fill"] == storylayers.NO_DATA_FILL
    assert features["DE-TH"]["fill"] != features["UA-46"]["fill"]
    assert features["DE-TH"]["tooltip_html"] == "Thüringen &lt;script&gt;: 2"
    assert [entry.label for entry in legend] == ["keine in unseren Daten", "2", "3–40"]
    assert storylayers.kreis_district_id({"kreis_key": "16071"}) == "de-kreis:16071"


def test_highlight_parameter_parsed_to_ids():
    assert network.parse_partnership_ids("P0362,P0508, P0267") == ("P0362", "P0508", "P0267")
    assert network.parse_partnership_ids("P1,,<script>,P1") == ("P1",)
    assert network.parse_partnership_ids("") == ()
