"""Guided tours on screen: the step's caption, previous / next buttons, clicker keys and the kiosk loop.

Everything a step shows lives in the URL (``?tour=<id>&step=<n>`` plus the step's filters and
``highlight``), so a step can be bookmarked, and its QR code opens the same view. The buttons' callbacks
rewrite the URL parameters; the rerun that follows draws the new step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from atlas import tours
from atlas.filters import Filters, apply_filters
from atlas.formatting import format_number
from atlas.mapbuild import data_bounds
from atlas.schema import Bounds
from components import data, state
from components.clicker import install_clicker
from components.i18n import t


@dataclass(frozen=True)
class TourFocus:
    """What the map should emphasise for the current tour step."""

    highlight_ids: frozenset[str]
    bounds: Bounds | None  # None: fit the shown links as usual
    signature: str  # changes with every step: a map that keeps its view should refit when it changes


def load() -> tuple[tours.Tour, ...]:
    """The tours of ``geodata/tours.json`` (empty, with an error shown, when the file has mistakes)."""
    try:
        return tours.load_tours(known_ids=data.partnership_id_set())
    except tours.TourError as error:
        st.error(t("stage.tour.error") + "\n\n" + "\n".join(f"- {problem}" for problem in error.problems[:10]))
        return ()


def _params() -> dict[str, str]:
    return {name: st.query_params[name] for name in st.query_params}


def active() -> tuple[tours.Tour, int] | None:
    """The tour and 0-based step the URL asks for, or None."""
    tour_id = st.query_params.get(tours.PARAM_TOUR)
    if not tour_id:
        return None
    tour = tours.find_tour(load(), tour_id)
    if tour is None:
        st.warning(t("stage.tour.unknown", tour=tour_id))
        return None
    return tour, tours.step_index(st.query_params.get(tours.PARAM_STEP), tour)


def go_to(tour_id: str, index: int) -> None:
    """Show step ``index`` of a tour (a widget callback; the rerun draws it)."""
    tour = tours.find_tour(load(), tour_id)
    if tour is not None:
        st.query_params.from_dict(tours.step_query_params(_params(), tour, index))


def stop() -> None:
    """Leave the tour; its filters and highlight go with it."""
    from atlas.filters import FILTER_PARAMS

    drop = {tours.PARAM_TOUR, tours.PARAM_STEP, tours.PARAM_AUTOPLAY, tours.PARAM_HIGHLIGHT, *FILTER_PARAMS}
    st.query_params.from_dict({name: value for name, value in _params().items() if name not in drop})


def _shown_count(links: pd.DataFrame, places: pd.DataFrame | None) -> int:
    filters = Filters.from_query_params(_params())
    aid_ids = data.aid_partnership_id_set() if filters.aid_only else frozenset()
    return len(apply_filters(links, filters, aid_ids, places))


def tour_bar(links: pd.DataFrame, places: pd.DataFrame | None = None,
             trailing: Callable[[], None] | None = None) -> TourFocus | None:
    """Draw the current step's controls and caption; return what the map should emphasise.

    ``trailing`` draws more controls at the end of the bar (presentation mode: QR code, leave).
    Does nothing (returns None) when no tour is running.
    """
    current = active()
    if current is None:
        return None
    tour, index = current
    step = tour.steps[index]
    wanted = tours.step_query_params(_params(), tour, index)
    if wanted != _params():  # a bare ?tour= link, or filters changed by hand: the step decides what is shown
        st.query_params.from_dict(wanted)
    autoplay = tours.autoplay_seconds(st.query_params.get(tours.PARAM_AUTOPLAY))
    following = tours.next_index(index, tour, loop=autoplay is not None)
    previous = tours.previous_index(index, tour)
    language = state.language()
    with st.container(key="stage_tour_bar"):
        back, position, forward, title, more = st.columns([1, 1, 1, 4, 1.2], vertical_alignment="center")
        back.button(t("stage.tour.previous"), key=state.KEY_STAGE_TOUR_PREVIOUS, disabled=previous is None,
                    on_click=go_to, args=(tour.tour_id, previous if previous is not None else index), width="stretch")
        position.markdown(t("stage.tour.step", number=index + 1, total=len(tour.steps)))
        forward.button(t("stage.tour.next"), key=state.KEY_STAGE_TOUR_NEXT, disabled=following is None, type="primary",
                       on_click=go_to, args=(tour.tour_id, following if following is not None else index), width="stretch")
        title.markdown(f"**{tour.title_in(language)}**")
        with more:
            if trailing is not None:
                trailing()
            else:
                st.button(t("stage.tour.stop"), key="stage_tour_stop", on_click=stop, width="stretch")
        shown = format_number(_shown_count(links, places), language)
        st.markdown(step.caption_text(language, shown), help=None)
        hint = t("stage.tour.keys") + (" · " + t("stage.tour.autoplay", seconds=autoplay) if autoplay else "")
        st.caption(hint)
    install_clicker(state.KEY_STAGE_TOUR_NEXT, state.KEY_STAGE_TOUR_PREVIOUS, autoplay,
                    signature=f"{tour.tour_id}:{index}:{autoplay}")
    focus = TourFocus(frozenset(step.highlight), tours.focus_bounds(step, links), f"{tour.tour_id}:{index}")
    _frame_once(focus, links, places)
    return focus


def _frame_once(focus: TourFocus, links: pd.DataFrame, places: pd.DataFrame | None) -> None:
    """Point the map at the step once when the step changes; afterwards the presenter may pan freely."""
    if state.stage_tour_seen() == focus.signature:
        return
    state.stage_set_tour_seen(focus.signature)
    bounds = focus.bounds
    if bounds is None:
        filters = Filters.from_query_params(_params())
        bounds = data_bounds(apply_filters(links, filters, frozenset(), places))
    if bounds is not None:
        state.set_map_view_bounds(bounds)


def highlight_ids() -> frozenset[str]:
    """Partnership ids in ``?highlight=P0001,P0002`` (set by tours and by "show on map" links)."""
    raw = st.query_params.get(tours.PARAM_HIGHLIGHT) or ""
    return frozenset(item.strip() for item in raw.split(",") if item.strip())


def tour_picker(inline: bool = False) -> None:
    """Choose a tour and start it in presentation mode (sidebar: stacked; control bar: side by side)."""
    available = load()
    if not available:
        return
    language = state.language()
    names = {tour.tour_id: tour.title_in(language) for tour in available}
    pick, start = st.columns([2, 1], vertical_alignment="bottom") if inline else (st.container(), st.container())
    choice = pick.selectbox(t("stage.tour.label"), ["", *names], format_func=lambda key: names.get(key) or t("stage.tour.none"),
                            key=state.KEY_STAGE_TOUR_PICK)
    start.button(t("stage.tour.start"), key="stage_tour_start", disabled=not choice, on_click=_start, width="stretch")


def _start() -> None:
    tour_id = state.stage_tour_pick()
    if tour_id:
        st.query_params["mode"] = "present"
        go_to(tour_id, 0)
