"""Preview of an import on the map (the same offline map builder as the map page), before anything is written."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from atlas.importer import ImportPlan, preview_frame
from atlas.join import join_records
from atlas.mapbuild import MapOptions, base_map, data_bounds, links_layer
from components import data, state
from components.i18n import t


def import_preview(plan: ImportPlan) -> None:
    """Draw the rows of ``plan`` that would be kept and could be placed; say so when none can."""
    st.subheader(t("data.import.preview"))
    frame = preview_frame(plan)
    join = join_records(frame, data.geocoder()) if len(frame) else None
    if join is None or join.links.empty:
        st.info(t("data.import.no_preview"))
        return
    language = state.language()
    st_folium(
        base_map(data_bounds(join.links)),
        key=state.KEY_DATA_IMPORT_MAP,
        height=420,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=links_layer(join.links, join.places, language, MapOptions(language=language)),
    )
