"""Region bundles: every link in exactly one bundle, counts conserved, ids kept."""

import pandas as pd
import pytest

from atlas.aggregate import bundle_links

LINK_ENDS = [  # id, a (id, country, admin1, district, lat, lon), b (...)
    ("P1", ("gn:1", "DE", "DE-SN", "de-kreis:14612", 51.05, 13.74), ("gn:5", "UA", "UA-46", "", 49.84, 24.02)),
    ("P2", ("gn:2", "DE", "DE-SN", "de-kreis:14713", 51.34, 12.37), ("gn:5", "UA", "UA-46", "", 49.84, 24.02)),
    ("P3", ("gn:6", "UA", "UA-46", "", 49.55, 25.59), ("gn:1", "DE", "DE-SN", "de-kreis:14612", 51.05, 13.74)),
    ("P4", ("gn:3", "DE", "DE-BE", "", 52.52, 13.41), ("gn:4", "PL", "PL-12", "pl-powiat:1261", 50.06, 19.94)),
    ("P5", ("gn:4", "PL", "PL-12", "pl-powiat:1261", 50.06, 19.94), ("gn:7", "UA", "UA-30", "", 50.45, 30.52)),
]


def tiny_links() -> pd.DataFrame:
    rows = []
    for partnership_id, a_end, b_end in LINK_ENDS:
        row = {"id": partnership_id}
        for side, (municipality_id, country, admin1, district, lat, lon) in (("a", a_end), ("b", b_end)):
            row.update({
                f"{side}_municipality_id": municipality_id, f"{side}_country": country,
                f"{side}_admin1_code": admin1, f"{side}_admin1": f"name of {admin1}",
                f"{side}_district_id": district, f"{side}_district_name": f"name of {district}" if district else "",
                f"{side}_lat": lat, f"{side}_lon": lon,
            })
        rows.append(row)
    return pd.DataFrame(rows)


@pytest.mark.parametrize("level", ["admin1", "district"])
def test_every_link_lands_in_exactly_one_bundle(level):
    links = tiny_links()
    flows = bundle_links(links, level).flows
    assert flows["count"].sum() == len(links)
    ids = [pid for group in flows["partnership_ids"] for pid in group]
    assert sorted(ids) == sorted(links["id"])
    assert (flows["count"] == flows["partnership_ids"].map(len)).all()


def test_links_in_both_directions_share_a_bundle_between_regions():
    flows = bundle_links(tiny_links(), "admin1").flows.set_index("bundle_id")
    assert flows.loc["DE-SN~UA-46", "count"] == 3
    assert set(flows.loc["DE-SN~UA-46", "partnership_ids"]) == {"P1", "P2", "P3"}
    assert flows.loc["DE-SN~UA-46", "pair"] == "DE-UA"
    assert flows.loc["PL-12~UA-30", "pair"] == "PL-UA"
    assert len(flows) == 3


def test_district_level_splits_by_district_and_falls_back_to_the_region():
    flows = bundle_links(tiny_links(), "district").flows.set_index("bundle_id")
    assert set(flows.loc["de-kreis:14612~UA-46", "partnership_ids"]) == {"P1", "P3"}
    assert flows.loc["de-kreis:14713~UA-46", "partnership_ids"] == ("P2",)
    assert flows.loc["DE-BE~pl-powiat:1261", "partnership_ids"] == ("P4",)


def test_nodes_sit_among_their_link_ends_and_count_them():
    bundles = bundle_links(tiny_links(), "admin1")
    nodes = bundles.nodes.set_index("node_id")
    assert nodes["link_count"].sum() == 2 * len(tiny_links())
    assert nodes.loc["DE-SN", "link_count"] == 3
    assert nodes.loc["DE-SN", "lat"] == pytest.approx((51.05 + 51.34 + 51.05) / 3)
    assert nodes.loc["UA-46", "name"] == "name of UA-46"
    assert nodes.loc["DE-SN", "country"] == "DE"
    assert len(bundles.end_nodes) == 2 * len(tiny_links())
    assert bundles.nodes["node_id"].iloc[bundles.end_nodes[0]] == "DE-SN"


def test_ends_without_a_region_keep_their_own_node():
    links = tiny_links()
    links.loc[0, "b_admin1_code"] = ""
    flows = bundle_links(links, "admin1").flows
    assert flows["count"].sum() == len(links)
    assert "DE-SN~gn:5" in set(flows["bundle_id"])


def test_no_links_no_bundles():
    bundles = bundle_links(tiny_links().iloc[:0], "admin1")
    assert bundles.flows.empty and bundles.nodes.empty


def test_unknown_level_is_an_error():
    with pytest.raises(ValueError, match="level"):
        bundle_links(tiny_links(), "country")  # type: ignore[arg-type]
