"""Preview of the rows of an import: on the map when the map builder is there, else as a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.importer import ImportPlan
from components.i18n import t


def preview_rows(plan: ImportPlan) -> pd.DataFrame:
    """The rows that would be written, with both municipality ids (empty where a name did not match)."""
    return pd.DataFrame(
        [
            {"row": row.row, "action": row.action, "partnership_id": row.partnership_id,
             "a_name": row.values["a_name"], "a_municipality_id": row.a_municipality_id,
             "b_name": row.values["b_name"], "b_municipality_id": row.b_municipality_id}
            for row in plan.rows if row.action != "rejected"
        ],
        columns=["row", "action", "partnership_id", "a_name", "a_municipality_id", "b_name", "b_municipality_id"],
    )


def import_preview(plan: ImportPlan) -> None:
    st.subheader(t("data.import.preview"))
    rows = preview_rows(plan)
    placed = rows.loc[(rows["a_municipality_id"] != "") & (rows["b_municipality_id"] != "")]
    if placed.empty:
        st.info(t("data.import.no_preview"))
        return
    st.dataframe(placed, hide_index=True, width="stretch")
