"""Map building: one feature per drawable link with its id, bounds, classes, offline assets, clicks."""

from __future__ import annotations

import json
import re

import folium
import pandas as pd
import pytest

from atlas import mapbuild
from atlas.mapbuild import MapOptions, Selection, click_signature, click_target


def link_row(pid, a, b, pair="DE-UA", relation="twinning", status="active", since=2022):
    (a_id, a_country, a_kind, a_name, a_de, a_lat, a_lon) = a
    (b_id, b_country, b_kind, b_name, b_de, b_lat, b_lon) = b
    return {
        "id": pid, "pair": pair, "relation": relation, "status": status, "since": str(since or ""),
        "since_year": since, "source_url": "https://example.org/" + pid, "note": "",
        "a_country": a_country, "a_kind": a_kind, "a_name": a_name, "a_municipality_id": a_id,
        "a_lat": a_lat, "a_lon": a_lon, "a_name_de": a_de, "a_name_en": a_de, "a_name_pl": a_de, "a_name_uk": "",
        "b_country": b_country, "b_kind": b_kind, "b_name": b_name, "b_municipality_id": b_id,
        "b_lat": b_lat, "b_lon": b_lon, "b_name_de": b_de, "b_name_en": b_de, "b_name_pl": b_de, "b_name_uk": b_name,
    }


AACHEN = ("gn:3247449", "DE", "city", "Aachen", "Aachen", 50.776, 6.084)
TSCHERNIHIW = ("gn:710791", "UA", "city", "Чернігів", "Tschernihiw", 51.505, 31.285)
LUBLIN = ("gn:765876", "PL", "city", "Lublin", "Lublin", 51.25, 22.567)
KREIS = ("de-kreis:16071", "DE", "district", "Weimarer Land", "Weimarer Land", 50.99, 11.3)
EVIL = ("gn:1", "UA", "city", "<b>O'Brien`s \\ \"town\"</b>", "<script>alert(1)</script>", 49.0, 30.0)


@pytest.fixture
def links() -> pd.DataFrame:
    return pd.DataFrame([
        link_row("P0001", AACHEN, TSCHERNIHIW),
        link_row("P0002", LUBLIN, TSCHERNIHIW, pair="PL-UA", relation="intent", status="planned", since=None),
        link_row("P0003", KREIS, LUBLIN, pair="DE-PL", relation="friendship", status="ended", since=1995),
        link_row("P0004", KREIS, EVIL, relation="solidarity"),
    ])


def features_of(collection: dict, kind: str) -> list[dict]:
    key = "partnership_id" if kind == "link" else "municipality_id"
    return [feature for feature in collection["features"] if key in feature["properties"]]


def test_one_feature_per_link_carrying_its_id(links):
    collection = mapbuild.links_collection(links, None, "de")
    assert [feature["properties"]["partnership_id"] for feature in features_of(collection, "link")] == [
        "P0001", "P0002", "P0003", "P0004"]
    assert {feature["geometry"]["type"] for feature in features_of(collection, "link")} == {"LineString"}


def test_a_link_without_coordinates_is_not_drawn(links):
    links.loc[1, "b_lat"] = None
    collection = mapbuild.links_collection(links, None, "de")
    assert [feature["properties"]["partnership_id"] for feature in features_of(collection, "link")] == ["P0001", "P0003", "P0004"]


def test_arcs_are_curved_start_and_end_at_the_places_and_are_short():
    points = mapbuild.arc_points((6.084, 50.776), (31.285, 51.505))
    assert points[0] == (6.084, 50.776) and points[-1] == (31.285, 51.505)
    assert 4 <= len(points) <= 10
    middle = points[len(points) // 2]
    assert abs(middle[1] - (50.776 + 51.505) / 2) > 0.5  # bent away from the straight line
    assert all(round(value, 3) == value for point in points for value in point)


def test_places_one_per_municipality_with_count_and_escaped_label(links):
    places = features_of(mapbuild.links_collection(links, None, "de"), "place")
    counts = {feature["properties"]["municipality_id"]: feature["properties"]["count"] for feature in places}
    assert counts == {"gn:3247449": 1, "gn:710791": 2, "gn:765876": 2, "de-kreis:16071": 2, "gn:1": 1}
    labels = {feature["properties"]["municipality_id"]: feature["properties"]["label"] for feature in places}
    assert labels["gn:710791"] == "Tschernihiw (Чернігів)"
    assert "<" not in labels["gn:1"] and "&lt;script&gt;" in labels["gn:1"]


def test_gazetteer_places_override_kind_and_names(links):
    places = pd.DataFrame([{"municipality_id": "gn:3247449", "country": "DE", "kind": "city", "name_local": "Aachen",
                            "name_de": "Aachen (Stadt)", "name_en": "Aachen", "name_pl": "Akwizgran", "name_uk": "Аахен"}])
    rows = mapbuild.place_rows(links, places)
    assert rows.set_index("municipality_id").loc["gn:3247449", "name_pl"] == "Akwizgran"


def test_bounds_cover_both_ends_of_every_link(links):
    assert mapbuild.data_bounds(links) == ((49.0, 6.084), (51.505, 31.285))
    assert mapbuild.data_bounds(links.iloc[0:0]) is None


def test_base_map_loads_only_local_assets_and_fits_bounds(links):
    figure_map = mapbuild.base_map(mapbuild.data_bounds(links))
    layer = mapbuild.links_layer(links, None, "de")
    urls = mapbuild.asset_urls(figure_map, [layer])
    assert urls == ["../../app/static/vendor/leaflet/leaflet.js", "../../app/static/vendor/leaflet/leaflet.css"]
    assert not [url for url in urls if url.startswith("http") or url.startswith("//")]
    script = figure_map.get_root().render()
    assert "tile.openstreetmap" not in script
    # the fit to the data jumps without an animation: a view set right after the first draw is kept
    fit = re.search(r"\.fitBounds\(\s*(\[\[.*?\]\]),\s*(\{.*?\})\s*\);", script, re.S)
    padded = json.loads(fit.group(1))
    assert padded[0][0] < 49.0 and padded[1][1] > 31.285
    assert json.loads(fit.group(2))["animate"] is False


def test_online_tiles_only_on_request():
    script = mapbuild.base_map(online_tiles=True).get_root().render()
    assert "tile.openstreetmap.org" in script


def test_links_layer_script_sets_classes_and_escapes_data(links):
    figure_map = mapbuild.base_map()
    layer = mapbuild.links_layer(links, None, "de")
    figure_map.add_child(layer)
    script = figure_map.get_root().render()
    assert "'atlas-link pid-' + p.partnership_id" in script
    assert "atlas-place" in script
    assert "<script>alert" not in script and "</b>" not in script


def test_canvas_only_above_threshold(links):
    def payload(options):
        layer = mapbuild.links_layer(links, None, "de", options)
        return mapbuild.payload_from_script(next(iter(layer._children.values())).payload)

    assert payload(MapOptions()).get("canvas") is False
    assert payload(MapOptions(canvas_threshold=2))["canvas"] is True


def test_highlighted_links_are_marked_and_drawn_last(links):
    collection = mapbuild.links_collection(links, None, "en", highlight_ids={"P0001"})
    lines = features_of(collection, "link")
    assert lines[-1]["properties"] == lines[-1]["properties"] | {"partnership_id": "P0001", "highlight": True}
    assert [line["properties"]["highlight"] for line in lines].count(True) == 1


def test_the_browser_builds_the_same_features_from_the_compact_payload(links):
    expected = mapbuild.links_collection(links, None, "pl", highlight_ids={"P0002"})
    built = mapbuild.expand_payload(mapbuild.compact_payload(links, None, "pl", highlight_ids={"P0002"}))
    assert [feature["properties"] for feature in built["features"]] == [feature["properties"] for feature in expected["features"]]
    def ends(collection):
        return [(item["geometry"]["coordinates"][0], item["geometry"]["coordinates"][-1]) for item in collection["features"]]

    assert ends(built) == ends(expected)


def test_payload_is_read_back_from_the_rendered_script(links):
    figure_map = mapbuild.base_map()
    figure_map.add_child(mapbuild.links_layer(links, None, "de"))
    payload = mapbuild.payload_from_script(figure_map.get_root().render())
    assert payload["links"]["id"] == ["P0001", "P0002", "P0003", "P0004"]
    assert len(payload["places"]["id"]) == 5


def test_an_empty_selection_gives_an_empty_layer(links):
    payload = mapbuild.compact_payload(links.iloc[0:0], None, "uk")
    assert payload["links"]["id"] == [] and payload["places"]["id"] == []
    assert mapbuild.links_layer(links.iloc[0:0], None, "uk") is not None


def test_extra_layers_follow_the_links_layer(links):
    extra = folium.FeatureGroup(name="conferences")
    groups = mapbuild.map_layers(links, None, MapOptions(), extra_layers=[extra])
    assert len(groups) == 2 and groups[1] is extra


@pytest.mark.parametrize(
    ("returned", "expected"),
    [
        (None, None),
        ({}, None),
        ({"last_active_drawing": None}, None),
        ({"last_active_drawing": {"properties": {"partnership_id": "P0007"}}}, Selection("partnership", "P0007")),
        ({"last_active_drawing": {"properties": {"municipality_id": "gn:710791", "count": 3}}}, Selection("place", "gn:710791")),
        ({"last_active_drawing": {"properties": {"iso_3166_2": "DE-TH"}}}, None),
        ({"last_active_drawing": {"properties": {"partnership_id": ""}}}, None),
        ({"last_active_drawing": {"properties": "junk"}}, None),
    ],
)
def test_click_target(returned, expected):
    assert click_target(returned) == expected


def test_click_signature_changes_with_a_new_click_on_the_same_link():
    drawing = {"properties": {"partnership_id": "P0001"}}
    first = click_signature({"last_active_drawing": drawing, "last_object_clicked": {"lat": 50.1, "lng": 10.0}})
    again = click_signature({"last_active_drawing": drawing, "last_object_clicked": {"lat": 50.2, "lng": 10.0}})
    assert first and again and first != again
    assert click_signature({"last_active_drawing": None}) is None


def test_install_leaflet_copies_the_package_files_the_map_loads(tmp_path):
    from atlas.assets import LEAFLET_CSS_URL, LEAFLET_JS_URL, install_leaflet

    install_leaflet(tmp_path)
    for url in (LEAFLET_JS_URL, LEAFLET_CSS_URL):
        served = tmp_path / url.split("/app/static/")[1]
        assert served.is_file() and served.stat().st_size > 1000
    assert "1.9.4" in (tmp_path / "vendor" / "leaflet" / "leaflet.js").read_text(encoding="utf-8")[:300]
    assert (tmp_path / "vendor" / "leaflet" / "images" / "layers.png").is_file()
