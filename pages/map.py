"""The map (default page): filters, key figures, the filtered partnerships on the map, the side panel."""

import streamlit as st

from components import data, state, synthetic_notice
from components.conference_panel import conference_panel
from components.filters import filtered_links, sidebar_filters
from components.i18n import t
from components.key_figures import show_key_figures
from components.legend import show_legend
from components.map_view import map_controls, show_map
from components.panel import show_panel
from components.story_hooks import aid_markers_layer, url_conference, url_highlight_ids, year_bounds
from components.year_player import year_player


@st.fragment
def map_and_panel(join, links_shown) -> None:
    """A click on the map or in the panel reruns only this part (not the filters and key figures).

    On stage the map takes the whole width and the panel goes below it.
    """
    presenting = state.is_presenting()
    map_column, panel_column = (st.container(), st.container()) if presenting else st.columns([3, 1], gap="medium")
    with map_column:
        with_aid = not presenting and map_controls(links_shown)
        if links_shown.empty:
            st.info(t("map.empty"))
        extra_layers = [aid_markers_layer(links_shown)] if with_aid else []
        show_map(links_shown, join.places, highlight_ids=url_highlight_ids(), extra_layers=extra_layers)
        if len(join.unresolved):
            st.caption(t("map.unlocated", count=join.unresolved["partnership_id"].nunique()))
        show_legend()
    with panel_column:
        if (conference := url_conference()) is not None:
            conference_panel(conference)
        show_panel(join.links, join.places, links_shown)


join = data.atlas_join()
filters = sidebar_filters(join)
links_shown = filtered_links(join, filters)
synthetic_notice.synthetic_notice(links_shown)

# The title, key figures and year player go above the map, but are sent after it: the browser starts
# loading the map's frame (its scripts, Leaflet) while it still lays out the rest of the page.
top = st.container()
map_and_panel(join, links_shown)
if not state.is_presenting():
    with top:
        st.title(t("app.title"))
        show_key_figures(data.key_figures(links_shown))
        year_player(*year_bounds(join.links))
