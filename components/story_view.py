"""What every story page starts with: the join, the sidebar filters and the links they select."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from atlas.filters import Filters
from components import data
from components.filters import filtered_links, sidebar_filters


@dataclass(frozen=True)
class StoryView:
    """The join, the filters from the sidebar/URL, and the links they select."""

    join: object
    filters: Filters
    links: pd.DataFrame
    links_all_years: pd.DataFrame
    aid: pd.DataFrame


def story_view() -> StoryView:
    """Draw the shared sidebar filters and apply them to the join's links.

    ``links`` obey every filter; ``links_all_years`` every filter but the year range (for charts over
    all years, such as growth).
    """
    join = data.atlas_join()
    filters = sidebar_filters(join)
    links = filtered_links(join, filters)
    all_years = links if not filters.has_year_bound else filtered_links(join, filters.without_years())
    return StoryView(join, filters, links, all_years, data.aid_actions())


def legend(entries: list, title: str) -> None:
    """A colour legend drawn in Streamlit (never on the map: branca legends load scripts from a CDN)."""
    swatches = " ".join(
        f'<span style="display:inline-block;width:14px;height:14px;background:{entry.colour};'
        f'border:1px solid #6b6b6b;vertical-align:middle"></span>&nbsp;{html.escape(entry.label)}'
        for entry in entries
    )
    st.markdown(f"**{html.escape(title)}** &nbsp; {swatches}", unsafe_allow_html=True)
