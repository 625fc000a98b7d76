"""A row of key figures for the current view and one line under it saying where each number comes from
(each figure's own note is also its tooltip): one line instead of a note under every figure keeps the map
high on the page."""

from __future__ import annotations

import streamlit as st

from atlas.filters import KeyFigures
from atlas.formatting import format_number
from atlas.schema import COUNTRIES
from components import state
from components.i18n import t


def show_key_figures(figures: KeyFigures) -> None:
    """Partnerships shown of total, municipalities per country, German Landkreise (``atlas.filters.key_figures``)."""
    language = state.language()

    def number(value: int) -> str:
        return format_number(value, language)

    with_members = number(figures.german_landkreise_with_members)
    columns = st.columns(2 + len(COUNTRIES))
    with columns[0]:
        st.metric(t("figures.shown"), t("figures.shown.value", shown=number(figures.shown), total=number(figures.total)),
                  help=t("figures.shown.source"))
    for column, country in zip(columns[1:], COUNTRIES, strict=False):
        with column:
            st.metric(t(f"figures.municipalities.{country}"), number(figures.municipalities_in(country)),
                      help=t("figures.municipalities.source"))
    with columns[-1]:
        st.metric(t("figures.landkreise"), number(figures.german_landkreise),
                  help=t("figures.landkreise.source", with_members=with_members))
    st.caption(t("figures.caption", with_members=with_members))
