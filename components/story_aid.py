"""Tables of the aid page: actions per region (receiving / giving) and the list of all actions."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from atlas import aid
from components.i18n import t


def region_tables(actions: pd.DataFrame, admin1_label: Callable[[str], str]) -> None:
    """Actions per receiving and per giving Land / voivodeship / oblast, side by side."""
    for column, side in zip(st.columns(2), ("receiving", "giving"), strict=True):
        with column:
            st.subheader(t(f"story.aid.by_{side}"))
            table = aid.by_admin1(actions, side)
            table["admin1"] = [admin1_label(code) if code else t("story.network.unknown_area") for code in table["admin1"]]
            st.dataframe(
                table,
                hide_index=True,
                column_config={
                    "country": t("story.col.country"),
                    "admin1": t("story.col.admin1"),
                    "actions": t("story.aid.actions"),
                },
            )


def action_list(actions: pd.DataFrame, categories: Mapping[str, str]) -> None:
    """Every shown action with its date as recorded, kind, receiving and giving side and source link."""
    columns = ["date", "category", "what", "partnership_id", "receiving_name", "giving_name", "source_url"]
    st.dataframe(
        actions.assign(category=actions["category"].map(categories))[columns].sort_values("date", ignore_index=True),
        column_config={
            "date": t("story.growth.col.date"),
            "category": t("story.aid.category"),
            "what": t("story.aid.col.what"),
            "partnership_id": t("story.col.partnership"),
            "receiving_name": t("story.aid.col.receiving"),
            "giving_name": t("story.aid.col.giving"),
            "source_url": st.column_config.LinkColumn(t("story.source")),
        },
        hide_index=True,
        width="stretch",
    )
