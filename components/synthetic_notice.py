"""A banner when the view shows synthetic partnerships (a scale test's database, never the real records)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.formatting import format_number
from atlas.synthetic import SYNTHETIC_SOURCE
from components import state
from components.i18n import t


def synthetic_count(links: pd.DataFrame) -> int:
    """How many rows of ``links`` are synthetic (``source_url`` is :data:`atlas.synthetic.SYNTHETIC_SOURCE`)."""
    if "source_url" not in links.columns:
        return 0
    return int((links["source_url"] == SYNTHETIC_SOURCE).sum())


def synthetic_notice(links: pd.DataFrame) -> None:
    """Say plainly that the shown partnerships are made up, when any of ``links`` is synthetic."""
    count = synthetic_count(links)
    if count:
        st.warning(t("scale.synthetic.notice", count=format_number(count, state.language())), icon=":material/science:")
