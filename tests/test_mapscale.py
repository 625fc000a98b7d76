"""The scalable links layer: compact payload, ids kept, canvas and bundles by size, offline, escaped."""

import json
import re

import folium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from atlas.mapscale import (
    COORDINATE_SCALE,
    ScaleOptions,
    decode_ids,
    encode_ids,
    js_string,
    js_string_value,
    safe_json,
    scalable_links_layer,
    scale_payload,
)
from atlas.synthetic import synthetic_network
from tests.test_synthetic import tiny_places


def network(size: int):
    return synthetic_network(size, places=tiny_places())


def layer_script(layer: folium.FeatureGroup) -> str:
    """The JavaScript st_folium sends for the layer (its own serialisation, as the app does)."""
    from streamlit_folium import _get_feature_group_string

    return _get_feature_group_string(layer, folium.Map(tiles=None))


def asset_urls(element) -> list[str]:
    urls = [src for _, src in getattr(element, "default_js", [])] + [href for _, href in getattr(element, "default_css", [])]
    for child in getattr(element, "_children", {}).values():
        urls += asset_urls(child)
    return urls


def test_one_entry_per_link_with_its_id_and_one_per_place():
    links = network(20).links
    payload = scale_payload(links, None, "de")
    assert decode_ids(payload["li"]["id"]) == links["id"].tolist()
    assert len(payload["li"]["a"]) == len(payload["li"]["b"]) == 20
    ends = set(links["a_municipality_id"]) | set(links["b_municipality_id"])
    assert sorted(payload["pl"]["id"]) == sorted(ends)
    first = links.iloc[0]
    a_place = payload["pl"]["id"][payload["li"]["a"][0]]
    assert a_place == first["a_municipality_id"]
    index = payload["li"]["a"][0]
    assert payload["pl"]["y"][index] == round(first["a_lat"] * COORDINATE_SCALE)
    assert payload["pl"]["n"][index] == int((links[["a_municipality_id", "b_municipality_id"]] == a_place).sum().sum())


def test_no_links_give_an_empty_layer():
    places = tiny_places()
    payload = scale_payload(network(5).links.iloc[:0], places, "de")
    assert payload["li"]["a"] == [] and payload["pl"]["id"] == [] and payload["bu"] is None
    assert "feature_group" in layer_script(scalable_links_layer(network(5).links.iloc[:0], places, "de"))


def test_links_without_coordinates_are_counted_not_drawn():
    links = network(10).links.copy()
    links.loc[links.index[0], "b_lat"] = None
    payload = scale_payload(links, None, "en")
    assert payload["o"]["skipped"] == 1
    assert decode_ids(payload["li"]["id"]) == links["id"].tolist()[1:]


@pytest.mark.parametrize("ids", [["S000001", "S000002", "S000010"], ["P0001", "P0456", "P0002"], ["a-1", "b 2"], ["X1", "X22"]])
def test_id_encoding_round_trips(ids):
    assert decode_ids(json.loads(json.dumps(encode_ids(ids)))) == ids


def test_svg_for_few_links_canvas_and_bundles_for_many():
    links = network(20).links
    few = scale_payload(links, None, "de", ScaleOptions(canvas_above=20, aggregate_above=20))
    assert few["o"]["canvas"] is False and few["bu"] is None
    many = scale_payload(links, None, "de", ScaleOptions(canvas_above=19, aggregate_above=19))
    assert many["o"]["canvas"] is True
    assert sum(many["bu"]["n"]) == 20
    node_ids = many["bu"]["id"]
    assert all("~" in bundle for bundle in node_ids)


def test_bundle_nodes_of_places_follow_their_regions():
    links = network(20).links
    payload = scale_payload(links, None, "de", ScaleOptions(aggregate_above=10))
    bundle_nodes = payload["bu"]
    names = {}
    for place, node in zip(payload["pl"]["id"], payload["pl"]["g"], strict=True):
        names[place] = node
    regions = {**dict(zip(links["a_municipality_id"], links["a_admin1_code"], strict=True)),
               **dict(zip(links["b_municipality_id"], links["b_admin1_code"], strict=True))}
    node_of_region = {}
    for place, node in names.items():
        node_of_region.setdefault(regions[place], set()).add(node)
    assert all(len(nodes) == 1 for nodes in node_of_region.values())
    assert len(bundle_nodes["y"]) == len(node_of_region)


def test_highlighted_links_are_marked_by_index():
    links = network(10).links
    payload = scale_payload(links, None, "de", highlight_ids={"S000003", "nope"})
    assert payload["li"]["h"] == [2]


def test_layer_loads_nothing_from_the_internet():
    layer = scalable_links_layer(network(20).links, None, "de", options=ScaleOptions(canvas_above=5, aggregate_above=5))
    assert [url for url in asset_urls(layer) if url.startswith("http")] == []
    assert re.search(r"https?://", layer_script(layer)) is None


def test_names_from_data_cannot_break_out_of_the_script():
    places = tiny_places()
    places.loc[0, ["name_local", "name_de"]] = "</script><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}'`\\"
    links = synthetic_network(12, places=places).links
    script = layer_script(scalable_links_layer(links, places, "de"))
    assert "</script>" not in script and "<img" not in script
    assert "{{" not in script.split("(function (group, D)")[1] and "{%" not in script
    payload = json.loads(safe_json({"name": places.loc[0, "name_local"]}))
    assert payload["name"] == places.loc[0, "name_local"]


@pytest.mark.parametrize("text", ["plain", "it's", "back\\slash\\'", "line\nbreak", "\u2028", "</script>"])
def test_payload_travels_as_a_single_quoted_string_literal(text):
    literal = js_string(safe_json({"name": text}))
    assert literal[0] == literal[-1] == "'" and "\n" not in literal and "</" not in literal
    assert json.loads(js_string_value(literal)) == {"name": text}


def test_map_options_of_the_map_engineer_are_understood():
    class Options:  # the attributes of atlas.mapbuild.MapOptions that the layer reads
        theme = "present"
        highlight_ids = frozenset({"S000002"})
        selected_id = "S000004"

    layer = scalable_links_layer(network(8).links, None, "uk", Options())
    script = layer_script(layer)
    literal = re.search(r"JSON\.parse\(('.*')\)\);\n", script).group(1)
    payload = json.loads(js_string_value(literal))
    assert payload["li"]["h"] == [1, 3]
    assert payload["o"]["highlight"] == "#F0E442"


def test_a_layer_from_the_cached_script_equals_the_layer_built_directly():
    """The app caches ``scale_script`` per view and builds the layer from it on every rerun."""
    from atlas.mapbuild import SCALE_THRESHOLD, MapOptions, map_layers
    from atlas.mapscale import layer_of_script, scale_script

    net = synthetic_network(SCALE_THRESHOLD + 50)  # real gazetteer places (the tiny set has too few pairs)
    options = MapOptions(language="pl", theme="light", selected_id="S000007")
    direct = layer_script(scalable_links_layer(net.links, net.places, "pl", options))
    cached = scale_script(net.links, net.places, "pl", options)
    assert layer_script(layer_of_script(cached)) == direct
    [from_map_layers] = map_layers(net.links, net.places, options, scale_script=cached)
    assert layer_script(from_map_layers) == direct


@given(st.lists(st.integers(min_value=-(2**40), max_value=2**40), max_size=60))
def test_packed_whole_numbers_come_back_unchanged(values):
    from atlas.mapscale import PACK_DIGITS, pack_ints, unpack_ints

    packed = pack_ints(values)
    assert unpack_ints(packed) == values
    if values:
        assert set(packed["s"]) <= set(PACK_DIGITS) and len(packed["s"]) == packed["w"] * len(values)


def test_the_sent_script_carries_the_payload_packed_and_smaller():
    """What the browser receives unpacks to exactly :func:`scale_payload`; it is much smaller than the plain
    JSON, and its packed digits survive st_folium's rewriting of the feature group string."""
    from atlas.mapbuild import SCALE_THRESHOLD
    from atlas.mapscale import layer_of_script, payload_of_scale_script, scale_script

    net = synthetic_network(SCALE_THRESHOLD + 2000)
    options = ScaleOptions()
    script = scale_script(net.links, net.places, "de", options=options)
    plain = scale_payload(net.links, net.places, "de", options)
    assert payload_of_scale_script(script) == json.loads(json.dumps(plain))
    assert len(script) < 0.75 * len(safe_json(plain))
    sent = layer_script(layer_of_script(script))
    literal = re.search(r"JSON\.parse\(('(?:[^'\\]|\\.)*')\)", sent).group(1)
    assert payload_of_scale_script(literal) == payload_of_scale_script(script)


@given(st.lists(st.text(max_size=12), max_size=30))
def test_packed_texts_come_back_unchanged_even_outside_the_basic_plane(texts):
    """Ends count UTF-16 code units, as the browser's ``slice`` does (a name with an emoji stays whole)."""
    from atlas.mapscale import pack_texts, unpack_texts

    assert unpack_texts(pack_texts(texts)) == texts
