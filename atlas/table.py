"""The partnerships table: the text alternative to the map, one row per filtered partnership.

Both sides are named the way the UI language writes them, with the local name beside; codes
(kind, relation, status) and admin1 units go through the caller's label functions, so this module
stays free of UI strings.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from atlas.placenames import display_name
from atlas.schema import PARTNERSHIP_COLUMNS

TABLE_COLUMNS: tuple[str, ...] = (
    "id", "pair",
    "a_display", "a_local", "a_kind", "a_admin1",
    "b_display", "b_local", "b_kind", "b_admin1",
    "relation", "since", "status", "aid_actions", "source_url",
)


def partnership_table(
    links: pd.DataFrame,
    language: str,
    aid: pd.DataFrame,
    label: Callable[[str], str],
    admin1_label: Callable[[str], str],
) -> pd.DataFrame:
    """One row per link with the columns of ``TABLE_COLUMNS``, in the order of ``links``.

    ``aid`` is the aid actions table (``partnership_id``); ``label("kind.city")``-style lookups name the
    codes (keys ``kind.<kind>``, ``relation.<relation>``, ``status.<status>``); ``admin1_label`` names an
    ISO 3166-2 code. ``{a,b}_local`` is empty where the local name equals the displayed one.
    """
    aid_counts = aid["partnership_id"].value_counts()
    rows = []
    for row in links.to_dict("records"):
        record = {"id": row["id"], "pair": row["pair"]}
        for side in ("a", "b"):
            name, local = display_name(row, side, language)
            code = row.get(f"{side}_admin1_code") or ""
            record |= {
                f"{side}_display": name,
                f"{side}_local": local or "",
                f"{side}_kind": label(f"kind.{row[f'{side}_kind']}"),
                f"{side}_admin1": admin1_label(code) if code else row.get(f"{side}_admin1", ""),
            }
        record |= {
            "relation": label(f"relation.{row['relation']}"),
            "since": row["since_year"],
            "status": label(f"status.{row['status']}"),
            "aid_actions": int(aid_counts.get(row["id"], 0)),
            "source_url": row["source_url"],
        }
        rows.append(record)
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    table["since"] = table["since"].astype("Int64")
    table["aid_actions"] = table["aid_actions"].astype("int64")
    return table


def records_of(links: pd.DataFrame) -> pd.DataFrame:
    """The links as plain records (the columns of ``geodata/partnerships.csv``), e.g. for a CSV download."""
    return links[list(PARTNERSHIP_COLUMNS)].reset_index(drop=True)
