"""Bundling links between regions or districts, for the low-zoom view of large networks.

Like a flow map: every link whose ends lie in region X and region Y is counted in one bundle X–Y.
The map draws the bundles at low zoom and the individual links once the user zooms in
(``atlas.mapscale``). Bundles conserve the links: every partnership id ends up in exactly one bundle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from atlas.schema import COUNTRIES

Level = Literal["admin1", "district"]
LEVELS: tuple[str, ...] = ("admin1", "district")

NODE_COLUMNS: tuple[str, ...] = ("node_id", "country", "name", "lat", "lon", "link_count")
FLOW_COLUMNS: tuple[str, ...] = ("bundle_id", "a_node", "b_node", "pair", "count", "partnership_ids")


@dataclass(frozen=True)
class Bundles:
    """Links bundled at one level.

    ``nodes``: one row per region (or district) touched by a link — ``node_id`` (ISO 3166-2 code such
    as "DE-TH", or a district id), ``country``, ``name`` (local name where the links carry one),
    ``lat``/``lon`` (mean position of the link ends inside it), ``link_count`` (links touching it).
    ``flows``: one row per pair of nodes — ``bundle_id`` ("<a_node>~<b_node>"), ``a_node``, ``b_node``,
    ``pair`` ("DE-UA", …), ``count`` and ``partnership_ids`` (tuple, in link order).
    ``end_nodes``: for every link end, the row of ``nodes`` it belongs to — the a ends of all links
    first, then the b ends (length ``2 * len(links)``).
    """

    level: str
    nodes: pd.DataFrame
    flows: pd.DataFrame
    end_nodes: np.ndarray


def node_keys(links: pd.DataFrame, side: str, level: Level) -> pd.Series:
    """The node each link end belongs to at ``level``.

    ``admin1``: the ISO 3166-2 code (``<side>_admin1_code``). ``district``: ``<side>_district_id``; ends
    without a district (cities outside any district, or unknown) fall back to their admin1 code.
    Ends without any region code become their own node (their municipality id) so nothing is lost.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    admin1 = links[f"{side}_admin1_code"].fillna("").astype(str)
    keys = admin1
    if level == "district" and f"{side}_district_id" in links.columns:
        district = links[f"{side}_district_id"].fillna("").astype(str)
        keys = district.where(district != "", admin1)
    own = links[f"{side}_municipality_id"].astype(str)
    return keys.where(keys != "", own)


def _column(links: pd.DataFrame, name: str) -> pd.Series:
    if name in links.columns:
        return links[name].fillna("").astype(str)
    return pd.Series("", index=links.index, dtype=str)


def _end_names(links: pd.DataFrame, side: str, level: Level) -> pd.Series:
    """Display name of the node each link end belongs to (district name, else the admin1 name)."""
    admin1 = _column(links, f"{side}_admin1")
    if level != "district":
        return admin1
    district_id = _column(links, f"{side}_district_id")
    return _column(links, f"{side}_district_name").where(district_id != "", admin1)


def bundle_links(links: pd.DataFrame, level: Level = "admin1") -> Bundles:
    """Bundle ``links`` (the join's link columns) between the nodes of ``level``.

    The two ends of a bundle are ordered by country (DE, PL, UA) and then by node id, so a link
    A→B and a link B→A land in the same bundle. ``sum(flows["count"]) == len(links)`` always.

    >>> import pandas as pd
    >>> links = pd.DataFrame({"id": ["P1", "P2"], "a_country": ["DE", "UA"], "b_country": ["UA", "DE"],
    ...     "a_admin1_code": ["DE-TH", "UA-46"], "b_admin1_code": ["UA-46", "DE-TH"],
    ...     "a_municipality_id": ["x", "y"], "b_municipality_id": ["y", "x"],
    ...     "a_lat": [50.9, 49.8], "a_lon": [11.0, 24.0], "b_lat": [49.8, 50.9], "b_lon": [24.0, 11.0]})
    >>> bundle_links(links).flows[["bundle_id", "count"]].values.tolist()
    [['DE-TH~UA-46', 2]]
    """
    ids = (links["partnership_id"] if "partnership_id" in links.columns else links["id"]).astype(str)
    count_links = len(links)
    rank_of = {code: index for index, code in enumerate(COUNTRIES)}
    keys = pd.concat([node_keys(links, "a", level), node_keys(links, "b", level)], ignore_index=True)
    node_codes, node_ids = pd.factorize(keys, sort=True)
    node_ids = np.asarray(node_ids, dtype=object)
    a_code, b_code = node_codes[:count_links], node_codes[count_links:]
    countries = pd.concat([links["a_country"], links["b_country"]], ignore_index=True).astype(str)
    ranks = countries.map(rank_of).fillna(len(COUNTRIES)).to_numpy(dtype=np.int64)
    a_rank, b_rank = ranks[:count_links], ranks[count_links:]
    swap = (a_rank > b_rank) | ((a_rank == b_rank) & (a_code > b_code))
    first_code, second_code = np.where(swap, b_code, a_code), np.where(swap, a_code, b_code)
    first_rank, second_rank = np.where(swap, b_rank, a_rank), np.where(swap, a_rank, b_rank)

    count_nodes = max(len(node_ids), 1)
    bundle_codes, bundle_keys = pd.factorize(first_code.astype(np.int64) * count_nodes + second_code, sort=True)
    bundle_keys = np.asarray(bundle_keys, dtype=np.int64)
    counts = np.bincount(bundle_codes, minlength=len(bundle_keys))
    order = np.argsort(bundle_codes, kind="stable")
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(int)
    grouped_ids = np.split(ids.to_numpy(dtype=object)[order], starts[1:]) if count_links else []
    first_rows = order[starts] if count_links else np.array([], dtype=int)
    a_nodes = node_ids[bundle_keys // count_nodes]
    b_nodes = node_ids[bundle_keys % count_nodes]
    names_of = (*COUNTRIES, "?")
    flows = pd.DataFrame({
        "bundle_id": [f"{a}~{b}" for a, b in zip(a_nodes, b_nodes, strict=True)],
        "a_node": list(a_nodes),
        "b_node": list(b_nodes),
        "pair": [f"{names_of[first_rank[row]]}-{names_of[second_rank[row]]}" for row in first_rows],
        "count": counts.astype(int),
        "partnership_ids": [tuple(group) for group in grouped_ids],
    }, columns=list(FLOW_COLUMNS))
    flows = flows.sort_values(["count", "bundle_id"], ascending=[False, True]).reset_index(drop=True)

    lat = np.concatenate([links["a_lat"].to_numpy(dtype=float), links["b_lat"].to_numpy(dtype=float)])
    lon = np.concatenate([links["a_lon"].to_numpy(dtype=float), links["b_lon"].to_numpy(dtype=float)])
    ends = np.bincount(node_codes, minlength=len(node_ids)) if count_links else np.zeros(0, dtype=int)
    name_parts = [_end_names(links, side, level) for side in ("a", "b")]
    names = pd.concat(name_parts, ignore_index=True).fillna("").astype(str)
    first_name = names.where(names != "").groupby(node_codes).first()
    first_country = countries.groupby(node_codes).first()
    nodes = pd.DataFrame({
        "node_id": list(node_ids),
        "country": first_country.reindex(range(len(node_ids))).fillna("").to_numpy(dtype=object),
        "name": first_name.reindex(range(len(node_ids))).fillna("").to_numpy(dtype=object),
        "lat": np.bincount(node_codes, weights=lat, minlength=len(node_ids)) / np.maximum(ends, 1),
        "lon": np.bincount(node_codes, weights=lon, minlength=len(node_ids)) / np.maximum(ends, 1),
        "link_count": ends.astype(int),
    }, columns=list(NODE_COLUMNS))
    return Bundles(level=level, nodes=nodes, flows=flows, end_nodes=np.asarray(node_codes, dtype=int))
