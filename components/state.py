"""Every session-state key of the app, prefixed by its owner, with typed accessors.

Pages and components never touch ``st.session_state`` with a literal key; they call these.
"""

from __future__ import annotations

import streamlit as st

from atlas.i18n import Language, normalise_language

KEY_LANGUAGE = "frame_language"
KEY_PRESENTING = "frame_presenting"
KEY_SELECTED_PARTNERSHIP = "map_selected_partnership"
KEY_SELECTED_PLACE = "map_selected_place"
KEY_SELECTED_CONFERENCE = "conference_selected"


def language() -> Language:
    """The UI language of this session (set once per run by ``app.py``)."""
    return normalise_language(st.session_state.get(KEY_LANGUAGE))


def set_language(value: str) -> None:
    st.session_state[KEY_LANGUAGE] = normalise_language(value)


def is_presenting() -> bool:
    """True in presentation mode (``?mode=present``)."""
    return bool(st.session_state.get(KEY_PRESENTING, False))


def set_presenting(value: bool) -> None:
    st.session_state[KEY_PRESENTING] = bool(value)


def selected_partnership_id() -> str | None:
    return st.session_state.get(KEY_SELECTED_PARTNERSHIP)


def select_partnership(partnership_id: str | None) -> None:
    st.session_state[KEY_SELECTED_PARTNERSHIP] = partnership_id
    st.session_state[KEY_SELECTED_PLACE] = None


def selected_place_id() -> str | None:
    return st.session_state.get(KEY_SELECTED_PLACE)


def select_place(municipality_id: str | None) -> None:
    st.session_state[KEY_SELECTED_PLACE] = municipality_id
    st.session_state[KEY_SELECTED_PARTNERSHIP] = None


def selected_conference() -> int | None:
    return st.session_state.get(KEY_SELECTED_CONFERENCE)


def select_conference(number: int | None) -> None:
    st.session_state[KEY_SELECTED_CONFERENCE] = number


KEY_STORY_PLAYING = "story_player_playing"
KEY_STORY_YEAR_SLIDER = "story_player_year"  # widget key of the year slider (components/year_player.py)
KEY_STORY_NETWORK_SECTION = "story_network_section"  # widget key of the network page's section picker
KEY_STORY_LAST_STEP = "story_player_last_step"  # time.monotonic() of the player's last step


def story_is_playing() -> bool:
    """True while the year player steps through the years ("network as it stood in year X")."""
    return bool(st.session_state.get(KEY_STORY_PLAYING, False))


def story_set_playing(value: bool) -> None:
    st.session_state[KEY_STORY_PLAYING] = bool(value)


def story_year_slider_value() -> int | None:
    value = st.session_state.get(KEY_STORY_YEAR_SLIDER)
    return int(value) if value is not None else None


def story_set_year_slider_value(year: int) -> None:
    """Move the year slider before it is drawn (it follows ``?to=`` when something else changed it)."""
    st.session_state[KEY_STORY_YEAR_SLIDER] = int(year)


KEY_AUTH_USER = "auth_user"  # username of the signed-in editor, None when reading anonymously
KEY_AUTH_ROLE = "auth_role"  # "editor" or "admin"
KEY_AUTH_FLASH = "auth_flash"  # one message (already translated) shown after the next rerun, e.g. "saved"


def auth_user() -> str | None:
    return st.session_state.get(KEY_AUTH_USER)


def auth_role() -> str | None:
    return st.session_state.get(KEY_AUTH_ROLE)


def auth_sign_in(username: str, role: str) -> None:
    st.session_state[KEY_AUTH_USER] = username
    st.session_state[KEY_AUTH_ROLE] = role


def auth_sign_out() -> None:
    st.session_state[KEY_AUTH_USER] = None
    st.session_state[KEY_AUTH_ROLE] = None


def auth_flash(message: str | None = None) -> str | None:
    """Set a one-off message (with an argument) or take it (without one: returns and clears it)."""
    if message is not None:
        st.session_state[KEY_AUTH_FLASH] = message
        return message
    return st.session_state.pop(KEY_AUTH_FLASH, None)


KEY_DATA_EDIT_SNAPSHOT = "data_edit_snapshot"  # {table: {"id", "version", "values"}} as loaded into the edit form


def data_edit_snapshot(table_name: str) -> dict | None:
    """The record as it was when the edit form was opened (its version is what optimistic locking checks)."""
    return st.session_state.get(KEY_DATA_EDIT_SNAPSHOT, {}).get(table_name)


def data_set_edit_snapshot(table_name: str, snapshot: dict | None) -> None:
    snapshots = dict(st.session_state.get(KEY_DATA_EDIT_SNAPSHOT, {}))
    snapshots[table_name] = snapshot
    st.session_state[KEY_DATA_EDIT_SNAPSHOT] = snapshots


KEY_MAP_COMPONENT = "map_view"  # st_folium's key: its latest return value (the last click) lives here
KEY_MAP_VIEW_BOUNDS = "map_view_bounds"  # ((south, west), (north, east)) the base map was fitted to
KEY_MAP_LAST_CLICK = "map_last_click"  # signature of the last map click acted on (atlas.mapbuild.click_signature)
KEY_MAP_AID_MARKERS = "map_aid_markers"  # toggle: aid actions as markers on the map (off by default)
KEY_MAP_ONLINE_TILES = "map_online_tiles"  # toggle: online tile layer under the outlines (off by default)


def map_component_value() -> dict | None:
    """What st_folium returned last (set before the rerun by its change callback), or None."""
    value = st.session_state.get(KEY_MAP_COMPONENT)
    return value if isinstance(value, dict) else None


def map_view_bounds():
    """The bounds the base map is fitted to; kept while filters change so the view stays where it is."""
    return st.session_state.get(KEY_MAP_VIEW_BOUNDS)


def set_map_view_bounds(bounds) -> None:
    st.session_state[KEY_MAP_VIEW_BOUNDS] = bounds


def map_last_click() -> str | None:
    return st.session_state.get(KEY_MAP_LAST_CLICK)


def set_map_last_click(signature: str | None) -> None:
    st.session_state[KEY_MAP_LAST_CLICK] = signature


def map_online_tiles() -> bool:
    return bool(st.session_state.get(KEY_MAP_ONLINE_TILES, False))


KEY_STAGE_LANGUAGE_PICK = "stage_language_pick"  # widget key of the sidebar language selector
KEY_STAGE_TOUR_PICK = "stage_tour_pick"  # widget key of the tour selector
KEY_STAGE_TOUR_NEXT = "stage_tour_next"  # button key; the clicker script presses it (class st-key-stage_tour_next)
KEY_STAGE_TOUR_PREVIOUS = "stage_tour_previous"  # button key, pressed by PageUp / left arrow
KEY_STAGE_QR_OPEN = "stage_qr_open"  # toggle: QR code of the current view shown


def stage_language_pick() -> str | None:
    return st.session_state.get(KEY_STAGE_LANGUAGE_PICK)


def stage_set_language_pick(value: str) -> None:
    """Align the selector with the language in force (call before the widget is drawn)."""
    st.session_state[KEY_STAGE_LANGUAGE_PICK] = value


def stage_tour_pick() -> str | None:
    return st.session_state.get(KEY_STAGE_TOUR_PICK)


def stage_qr_open() -> bool:
    return bool(st.session_state.get(KEY_STAGE_QR_OPEN, False))


# Filters (owner: FILTERS). Widget keys of the sidebar filters; the URL is the source of truth, these mirror it.
KEY_FILTERS_PAIRS = "filters_pairs"
KEY_FILTERS_COUNTRIES = "filters_countries"
KEY_FILTERS_ADMIN1 = "filters_admin1"
KEY_FILTERS_DISTRICTS = "filters_districts"
KEY_FILTERS_RELATIONS = "filters_relations"
KEY_FILTERS_STATUSES = "filters_statuses"
KEY_FILTERS_YEARS = "filters_years"  # (from, to) of the range slider
KEY_FILTERS_QUERY = "filters_query"
KEY_FILTERS_AID = "filters_aid"
KEY_FILTERS_RESET = "filters_reset"  # button key
KEY_FILTERS_APPLIED = "filters_applied"  # the atlas.filters.Filters last read from or written to the URL
KEY_FILTERS_PAGE = "filters_page"  # the page that last drew the filters (the URL loses its query on a page switch)
FILTERS_WIDGET_KEYS: tuple[str, ...] = (
    KEY_FILTERS_PAIRS, KEY_FILTERS_COUNTRIES, KEY_FILTERS_ADMIN1, KEY_FILTERS_DISTRICTS, KEY_FILTERS_RELATIONS,
    KEY_FILTERS_STATUSES, KEY_FILTERS_YEARS, KEY_FILTERS_QUERY, KEY_FILTERS_AID,
)


def filters_widget_value(key: str):
    """The current value of one filter widget (``key`` is one of ``FILTERS_WIDGET_KEYS``)."""
    return st.session_state.get(key)


def filters_set_widget_value(key: str, value) -> None:
    """Set a filter widget's value before it is drawn (used to mirror the URL)."""
    st.session_state[key] = value


def filters_applied():
    """The ``atlas.filters.Filters`` in force, or None before the filters were first drawn in this session."""
    return st.session_state.get(KEY_FILTERS_APPLIED)


def filters_set_applied(filters) -> None:
    st.session_state[KEY_FILTERS_APPLIED] = filters


def filters_page() -> str | None:
    return st.session_state.get(KEY_FILTERS_PAGE)


def filters_set_page(page: str) -> None:
    st.session_state[KEY_FILTERS_PAGE] = page




KEY_STAGE_TOUR_SEEN = "stage_tour_seen"  # "<tour>:<step>" last framed on the map (refit once per step)


def stage_tour_seen() -> str | None:
    return st.session_state.get(KEY_STAGE_TOUR_SEEN)


def stage_set_tour_seen(signature: str | None) -> None:
    st.session_state[KEY_STAGE_TOUR_SEEN] = signature
KEY_FILTERS_TABLE = "filters_table"  # the partnerships table (pages/table.py)
KEY_FILTERS_DOWNLOAD = "filters_download_csv"  # its CSV download button


def story_network_section() -> str | None:
    return st.session_state.get(KEY_STORY_NETWORK_SECTION)


KEY_DATA_IMPORT_MAP = "data_import_preview_map"  # widget key of the import preview map


def story_last_step() -> float:
    return float(st.session_state.get(KEY_STORY_LAST_STEP, 0.0))


def story_set_last_step(moment: float) -> None:
    st.session_state[KEY_STORY_LAST_STEP] = float(moment)






