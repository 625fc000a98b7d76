"""The map (default page): filters, key figures, the filtered partnerships on the map, the side panel."""

import streamlit as st

from atlas.filters import key_figures
from components import data
from components.filters import filtered_links, sidebar_filters
from components.i18n import t
from components.key_figures import show_key_figures
from components.legend import show_legend
from components.map_view import map_controls, show_map
from components.panel import show_panel


@st.fragment
def map_and_panel(join, links_shown) -> None:
    """A click on the map or in the panel reruns only this part (not the filters and key figures)."""
    map_column, panel_column = st.columns([3, 1], gap="medium")
    with map_column:
        map_controls(links_shown)
        if links_shown.empty:
            st.info(t("map.empty"))
        show_map(links_shown, join.places)
        if len(join.unresolved):
            st.caption(t("map.unlocated", count=join.unresolved["partnership_id"].nunique()))
        show_legend()
    with panel_column:
        show_panel(join.links, join.places, links_shown)


join = data.atlas_join()
filters = sidebar_filters(join)
links_shown = filtered_links(join, filters)

st.title(t("app.title"))
show_key_figures(key_figures(links_shown, join.links))
map_and_panel(join, links_shown)
