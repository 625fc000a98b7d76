"""What the map page needs from the story: ``?highlight=`` ids, the ``?conference=`` record, the year range.

Wiring on the map page (a few calls)::

    year_player(*year_bounds(join.links))                 # above the map
    show_map(links_shown, join.places, highlight_ids=url_highlight_ids(),
             extra_layers=[aid_markers_layer(links_shown)])   # aid markers: optional
    if (record := url_conference()) is not None:          # in the panel column
        conference_panel(record)
"""

from __future__ import annotations

from collections.abc import Mapping

import folium
import pandas as pd
import streamlit as st

from atlas import aid, conferences, network, storylayers
from components import data, state

HIGHLIGHT_PARAM = "highlight"
CONFERENCE_PARAM = "conference"


def url_highlight_ids() -> tuple[str, ...]:
    """Partnership ids in ``?highlight=P0001,P0002`` (junk ignored, order kept, no duplicates)."""
    return network.parse_partnership_ids(",".join(st.query_params.get_all(HIGHLIGHT_PARAM)))


def url_conference() -> Mapping[str, object] | None:
    """The conference record ``?conference=`` names (a SKEW number like ``6`` or a key like ``civil-2``)."""
    return conferences.find_conference(data.conferences(), st.query_params.get(CONFERENCE_PARAM))


def year_bounds(links: pd.DataFrame) -> tuple[int, int]:
    """First and last ``since`` year in ``links`` (the year player's range)."""
    years = pd.to_numeric(links["since_year"], errors="coerce").dropna()
    return (int(years.min()), int(years.max())) if len(years) else (2000, 2000)


def aid_markers_layer(links_shown: pd.DataFrame) -> folium.FeatureGroup:
    """Aid actions of the shown links as markers at their receiving municipalities (see :mod:`atlas.aid`)."""
    markers = aid.aid_markers(aid.aid_for_links(data.aid_actions(), links_shown))
    return storylayers.aid_layer(markers, state.language())
