"""Aid and cooperation actions: by category, over time, by country pair, by region, and map markers.

Dates in the aid records are known to the day, the month or only the year (``date_precision`` from
:func:`atlas.records.load_aid`). Nothing here pretends to more precision than recorded: yearly counts
are split by precision, and monthly counts leave out (and report) the actions known only to the year.

Receiving side: an action is placed at the *Ukrainian* municipality of its partnership; a German–Polish
partnership has no Ukrainian side, so its actions are placed at the *Polish* municipality (in the
records these are mostly refugee help in Poland or goods the Polish partner passed on to Ukraine).
The other side is the giving side.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

from atlas.schema import AID_CATEGORIES, PAIRS

PRECISIONS: tuple[str, ...] = ("day", "month", "year")
Side = Literal["receiving", "giving"]
_RECEIVING_ORDER: tuple[str, ...] = ("UA", "PL", "DE")


def receiving_side(a_country: str, b_country: str) -> Literal["a", "b"]:
    """Which side of a partnership receives its aid: the Ukrainian one, else the Polish one.

    >>> receiving_side("DE", "UA"), receiving_side("UA", "PL"), receiving_side("DE", "PL")
    ('b', 'a', 'b')
    """
    rank = {code: index for index, code in enumerate(_RECEIVING_ORDER)}
    return "a" if rank.get(a_country, 9) < rank.get(b_country, 9) else "b"


def _id_column(links: pd.DataFrame) -> str:
    return "partnership_id" if "partnership_id" in links.columns else "id"


def aid_for_links(aid: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The actions of the partnerships in ``links`` (the filtered ones), with where they went.

    Adds ``pair`` and, for the receiving and giving sides, ``receiving_<column>`` / ``giving_<column>``
    for each side column the links carry (``country``, ``name``, ``admin1``, ``admin1_code``,
    ``municipality_id``, ``lat``, ``lon``, ``name_de`` …). Actions of partnerships not in ``links``
    are left out.
    """
    id_column = _id_column(links)
    side_columns = sorted(
        {column[2:] for column in links.columns if column.startswith("a_") and f"b_{column[2:]}" in links.columns}
    )
    rows = []
    for link in links.to_dict("records"):
        receiving = receiving_side(str(link["a_country"]), str(link["b_country"]))
        giving = "a" if receiving == "b" else "b"
        row = {"partnership_id": str(link[id_column]), "pair": link.get("pair", "")}
        for column in side_columns:
            row[f"receiving_{column}"] = link[f"{receiving}_{column}"]
            row[f"giving_{column}"] = link[f"{giving}_{column}"]
        rows.append(row)
    role_columns = [f"{role}_{column}" for column in side_columns for role in ("receiving", "giving")]
    sides = pd.DataFrame(rows, columns=["partnership_id", "pair", *role_columns])
    sides = sides.drop_duplicates("partnership_id")
    return aid.merge(sides, on="partnership_id", how="inner", validate="m:1")


def by_category(aid: pd.DataFrame) -> pd.DataFrame:
    """Actions per category, every category listed (zero included), most first, ties in schema order."""
    counts = aid["category"].value_counts().reindex(list(AID_CATEGORIES), fill_value=0)
    table = counts.rename_axis("category").rename("actions").reset_index()
    table["_order"] = range(len(table))
    return table.sort_values(["actions", "_order"], ascending=[False, True], ignore_index=True).drop(columns="_order")


def by_year(aid: pd.DataFrame) -> pd.DataFrame:
    """Actions per year split by how precisely the date is known: ``year``, ``date_precision``, ``actions``."""
    if aid.empty:
        return pd.DataFrame(columns=["year", "date_precision", "actions"])
    index = pd.MultiIndex.from_product(
        [range(int(aid["year"].min()), int(aid["year"].max()) + 1), list(PRECISIONS)], names=["year", "date_precision"]
    )
    counts = aid.groupby(["year", "date_precision"]).size().reindex(index, fill_value=0).rename("actions").reset_index()
    return counts.astype({"year": int, "actions": int})


def by_month(aid: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Actions per month (``month`` as "YYYY-MM", ``category``, ``actions``) for dates known to the month.

    Returns the table and the number of actions left out because only their year is known.
    """
    known = aid[aid["date_precision"].isin(["day", "month"])]
    table = (
        known.assign(month=known["date"].str[:7]).groupby(["month", "category"]).size().rename("actions").reset_index()
    )
    return table, int((aid["date_precision"] == "year").sum())


def by_pair(aid_with_links: pd.DataFrame) -> pd.DataFrame:
    """Actions per country pair (every pair listed), from :func:`aid_for_links` output."""
    counts = aid_with_links["pair"].value_counts().reindex(list(PAIRS), fill_value=0)
    return counts.rename_axis("pair").rename("actions").reset_index()


def by_admin1(aid_with_links: pd.DataFrame, side: Side = "receiving") -> pd.DataFrame:
    """Actions per Land / voivodeship / oblast of the receiving or giving side.

    Uses the join's ``admin1_code`` when present, else the records' admin1 name. Returns ``country``,
    ``admin1`` and ``actions``, most first; an unknown region is listed as "".
    """
    column = f"{side}_admin1_code" if f"{side}_admin1_code" in aid_with_links.columns else f"{side}_admin1"
    frame = pd.DataFrame(
        {"country": aid_with_links[f"{side}_country"], "admin1": aid_with_links[column].fillna("").astype(str)}
    )
    counts = frame.groupby(["country", "admin1"]).size().rename("actions").reset_index()
    return counts.sort_values(["actions", "admin1"], ascending=[False, True], ignore_index=True)


def aid_markers(aid_with_links: pd.DataFrame) -> pd.DataFrame:
    """One row per receiving municipality: where to draw a marker and how many actions it got.

    Needs the join's ``receiving_municipality_id``, ``receiving_lat`` and ``receiving_lon``. Returns
    ``municipality_id``, ``name`` (local), ``country``, ``lat``, ``lon``, ``actions``, ``categories``
    (category → count, most first) and ``partnership_ids``; places without coordinates are left out.
    """
    columns = ["municipality_id", "name", "country", "lat", "lon", "actions", "categories", "partnership_ids"]
    needed = {"receiving_municipality_id", "receiving_lat", "receiving_lon"}
    if not needed <= set(aid_with_links.columns):
        return pd.DataFrame(columns=columns)
    placed = aid_with_links.dropna(subset=["receiving_municipality_id", "receiving_lat", "receiving_lon"])
    rows = []
    for municipality_id, group in placed.groupby("receiving_municipality_id", sort=True):
        first = group.iloc[0]
        rows.append(
            {
                "municipality_id": str(municipality_id),
                "name": str(first["receiving_name"]),
                "country": str(first["receiving_country"]),
                "lat": float(first["receiving_lat"]),
                "lon": float(first["receiving_lon"]),
                "actions": len(group),
                "categories": dict(group["category"].value_counts()),
                "partnership_ids": tuple(sorted(set(group["partnership_id"]))),
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["actions", "municipality_id"], ascending=[False, True], ignore_index=True)


def actions_of(aid: pd.DataFrame, partnership_id: str) -> pd.DataFrame:
    """The actions of one partnership, oldest first (for a side panel)."""
    return aid[aid["partnership_id"] == partnership_id].sort_values(["date", "id"], ignore_index=True)
