"""The map on the page: one st_folium call with a stable base map and the filtered data as feature groups.

The base map (fitted bounds, theme, tiles) stays the same while filters change, so st_folium keeps the
user's zoom and pan and only swaps the feature groups. ``returned_objects`` is limited to clicks:
panning and zooming cause no rerun. A click is read back by id (:func:`atlas.mapbuild.click_target`)
and acted on once (:func:`atlas.mapbuild.click_signature`), before the layers are built, so the
clicked link is highlighted in the same run that fills the panel.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from atlas.mapbuild import (
    SCALE_THRESHOLD,
    MapOptions,
    base_map,
    click_signature,
    click_target,
    data_bounds,
    map_layers,
    payload_ids,
)
from components import data, state
from components.i18n import t

MAP_HEIGHT = 620
MAP_HEIGHT_PRESENTING = 760  # on stage the frame then follows the screen's height (components.presentation CSS)
RETURNED_OBJECTS = ["last_active_drawing", "last_object_clicked"]


def take_click() -> None:
    """Act on a new map click (select the partnership or the place); ignore a click already seen."""
    returned = state.map_component_value()
    signature = click_signature(returned)
    if signature is None or signature == state.map_last_click():
        return
    state.set_map_last_click(signature)
    target = click_target(returned)
    if target is not None and target.kind == "partnership":
        state.select_partnership(target.id)
    elif target is not None:
        state.select_place(target.id)


def _fit_to(links: pd.DataFrame) -> None:
    state.set_map_view_bounds(data_bounds(links))


def map_controls(links: pd.DataFrame) -> bool:
    """One row above the map: the online-tiles and aid-marker toggles and the "fit view" button; returns
    whether aid actions are to be drawn as markers."""
    tiles, aid, fit = st.columns([5, 5, 4], vertical_alignment="center")
    tiles.toggle(t("map.options.online_tiles"), key=state.KEY_MAP_ONLINE_TILES, help=t("map.options.online_tiles.help"))
    with_aid = aid.toggle(t("map.options.aid_markers"), key=state.KEY_MAP_AID_MARKERS, help=t("map.options.aid_markers.help"))
    fit.button(t("map.options.fit"), on_click=_fit_to, args=(links,), width="stretch", key="map_fit_button",
               help=t("map.options.fit.help"))
    return with_aid


def _cached_payload(links: pd.DataFrame) -> dict | None:
    """The cached payload of this view when ``links`` are rows of the app's join (else None: built fresh)."""
    ids = payload_ids(links)
    if ids is None:
        return None
    payload = data.map_payload(ids, state.language())
    return payload if tuple(payload["links"]["id"]) == ids else None


def show_map(
    links: pd.DataFrame,
    places: pd.DataFrame | None,
    *,
    extra_layers: Sequence[folium.FeatureGroup] = (),
    highlight_ids: Collection[str] = (),
) -> None:
    """Draw ``links`` (already filtered) and their places; clicks update the map selection in ``state``.

    The first run of a session fits the view to ``links`` (so a shared ``?country=PL`` link opens on
    Poland); later filter changes keep the user's view until they press "fit view".
    """
    take_click()
    if state.map_view_bounds() is None:
        state.set_map_view_bounds(data_bounds(links))
    theme = "present" if state.is_presenting() else "light"
    figure_map = base_map(state.map_view_bounds(), theme=theme, online_tiles=state.map_online_tiles())
    options = MapOptions(language=state.language(), theme=theme, selected_id=state.selected_partnership_id())
    payload = _cached_payload(links)
    large = len(links) > SCALE_THRESHOLD and {"a_lat", "b_lat"} <= set(links.columns)
    emphasised = tuple(sorted(set(highlight_ids) | ({options.selected_id} if options.selected_id else set())))
    script = data.scale_script(links, options.language, theme, emphasised) if large else None
    groups = map_layers(links, places, options, extra_layers=extra_layers, highlight_ids=highlight_ids, payload=payload,
                        scale_script=script)
    st_folium(
        figure_map,
        key=state.KEY_MAP_COMPONENT,
        height=MAP_HEIGHT_PRESENTING if state.is_presenting() else MAP_HEIGHT,
        use_container_width=True,
        returned_objects=RETURNED_OBJECTS,
        feature_group_to_add=groups,
    )
