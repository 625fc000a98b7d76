"""Year slider and play control: "the network as it stood in year X".

The control owns no filter of its own: it writes the filters' ``to`` query parameter (``Filters.year_to``)
and reruns, so the map, the key figures and every other page read the same value. Without ``to`` the
network is shown in full, undated partnerships included; with ``to`` only partnerships with a known
``since`` year up to X are shown (the filters' year rule).

Usage on the map page, before the filters are read::

    from components.year_player import year_player
    year_player(first_year=1961, last_year=2026)
    filters = sidebar_filters(join)
"""

from __future__ import annotations

import time

import streamlit as st

from components import state
from components.i18n import t

PARAM_TO = "to"
PLAY_INTERVAL_SECONDS = 1.2


def year_in_url() -> int | None:
    """The ``to`` year in the URL, or None when the full network is shown."""
    value = st.query_params.get(PARAM_TO, "")
    return int(value) if value.isdigit() else None


def _set_year(year: int | None) -> None:
    if year is None:
        st.query_params.pop(PARAM_TO, None)
    else:
        st.query_params[PARAM_TO] = str(year)


def _on_slide() -> None:
    value = state.story_year_slider_value()
    state.story_set_playing(False)
    _set_year(value)


def _on_play(first_year: int, last_year: int) -> None:
    state.story_set_playing(True)
    state.story_set_last_step(time.monotonic())
    current = year_in_url()
    # Start over from the first year unless a pause left us somewhere in the middle.
    _set_year(current if current is not None and first_year <= current < last_year else first_year)


def _on_pause() -> None:
    state.story_set_playing(False)


def _on_show_all() -> None:
    state.story_set_playing(False)
    _set_year(None)


def year_player(first_year: int, last_year: int) -> int | None:
    """Draw the slider with play/pause and "show all"; return the year shown (None: the full network)."""
    shown = year_in_url()
    if shown is not None:
        shown = min(max(shown, first_year), last_year)
    wanted = shown if shown is not None else last_year
    if state.story_year_slider_value() != wanted:
        state.story_set_year_slider_value(wanted)
    playing = state.story_is_playing()
    slider_column, play_column, all_column = st.columns([4, 1.4, 1], vertical_alignment="bottom")
    with slider_column:
        st.slider(
            t("story.player.label"),
            min_value=first_year,
            max_value=last_year,
            step=1,
            key=state.KEY_STORY_YEAR_SLIDER,
            on_change=_on_slide,
            help=t("story.player.help"),
        )
    with play_column:
        if playing:
            st.button(t("story.player.pause"), key="story_player_pause", on_click=_on_pause, width="stretch")
        else:
            st.button(
                t("story.player.play"), key="story_player_play", on_click=_on_play, args=(first_year, last_year), width="stretch"
            )
    with all_column:
        st.button(t("story.player.all"), key="story_player_all", on_click=_on_show_all, disabled=shown is None, width="stretch")
    st.caption(t("story.player.caption_year", year=shown) if shown is not None else t("story.player.caption_all"))
    if playing:
        st.fragment(_advance, run_every=PLAY_INTERVAL_SECONDS)(last_year)
    return shown


def _advance(last_year: int) -> None:
    """One tick of the play control: next year, or stop at the last one.

    The fragment also runs once with every full run of the page; only a tick at least one interval
    after the last step moves on, so the years advance at the player's pace, not at rerun speed.
    """
    if not state.story_is_playing() or time.monotonic() - state.story_last_step() < PLAY_INTERVAL_SECONDS * 0.9:
        return
    state.story_set_last_step(time.monotonic())
    current = year_in_url()
    following = last_year if current is None else current + 1
    if following >= last_year:
        following = last_year
        state.story_set_playing(False)
    _set_year(following)
    st.rerun()
