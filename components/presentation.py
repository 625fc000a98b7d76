"""Presentation mode (``?mode=present``): map across the screen, large type, projector theme, no sidebar.

Outside presentation mode the frame's sidebar gets the language selector, the tour picker and the way
into presentation mode; inside it a slim control bar at the top carries the tour, the QR code and the
way out. The look is our own small CSS (no CDN), with the colours of :mod:`atlas.palette`.
"""

from __future__ import annotations

import streamlit as st

from atlas.palette import THEMES, Theme
from components import state
from components.i18n import t
from components.language import language_selector
from components.qr import qr_toggle
from components.tour import active, stop, tour_bar, tour_picker

# Height kept free on stage above the map (the slim control bar, or the tour bar with its step text: 217 px
# with a two-line step at 1440 px wide) and below it (the note on unplaced records and the legend's header).
STAGE_BAR_REM = 8.5
TOUR_BAR_REM = 15.0
BELOW_MAP_REM = 5.5


def presentation_css(theme: Theme, touring: bool = False) -> str:
    """CSS of the projector theme: no sidebar or header, large type, high contrast, and the map's frame as
    tall as the screen leaves under the bar (at least 360 px), whatever the projector's resolution."""
    kept = (TOUR_BAR_REM if touring else STAGE_BAR_REM) + BELOW_MAP_REM
    return f"""
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {{display: none !important;}}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{background: {theme.background}; color: {theme.text};}}
[data-testid="stMainBlockContainer"] {{padding: 0.6rem 1.2rem 0.4rem 1.2rem; max-width: 100%;}}
.stApp p, .stApp li, .stApp label, .stApp span, .stApp h1, .stApp h2, .stApp h3 {{color: {theme.text};}}
.stApp p, .stApp li {{font-size: 1.45rem; line-height: 1.45;}}
.stApp [data-testid="stCaptionContainer"] p {{color: {theme.muted_text}; font-size: 1.05rem;}}
.stApp h1 {{font-size: 2.1rem;}}
.stApp button {{font-size: 1.25rem; min-height: 2.8rem; border: 2px solid {theme.primary} !important;
  background: {theme.background} !important; color: {theme.text} !important;}}
.stApp button[kind="primary"], .stApp button[data-testid="stBaseButton-primary"] {{background: {theme.primary} !important;
  color: {theme.on_primary} !important;}}
.stApp button[data-testid="stBaseButton-primary"] * {{color: {theme.on_primary} !important;}}
.stApp button p {{font-size: 1.25rem; color: inherit;}}
.stApp button:focus-visible {{outline: 4px solid {theme.highlight}; outline-offset: 2px;}}
.stApp button:disabled {{opacity: 0.45;}}
.st-key-stage_tour_bar, .st-key-stage_control_bar {{border-bottom: 2px solid {theme.border}; padding-bottom: 0.3rem;}}
iframe[title="streamlit_folium.st_folium"] {{height: max(360px, calc(100vh - {kept}rem)) !important;}}
"""


# Outside presentation mode: less empty space above the title (Streamlit's default is 6rem), so the map
# starts higher on a laptop screen.
DESK_CSS = '[data-testid="stMainBlockContainer"] {padding-top: 3rem;}'


def _enter() -> None:
    st.query_params["mode"] = "present"


def _leave() -> None:
    stop()
    if "mode" in st.query_params:
        del st.query_params["mode"]


def frame_top() -> None:
    """Before the page: the projector theme and the control bar, or the sidebar tools."""
    if state.is_presenting():
        st.html(f"<style>{presentation_css(THEMES['present'], touring=active() is not None)}</style>")
        return
    st.html(f"<style>{DESK_CSS}</style>")
    with st.sidebar:
        language_selector()
        st.button(t("stage.present.enter"), key="stage_present_enter", on_click=_enter,
                  help=t("stage.present.enter_help"), width="stretch")


def _menu() -> None:
    """The bar's menu: QR code of this view, end the tour, leave presentation mode."""
    with st.popover(t("stage.present.menu"), width="stretch"):
        qr_toggle()
        if st.query_params.get("tour"):
            st.button(t("stage.tour.stop"), key="stage_tour_stop", on_click=stop, width="stretch")
        st.button(t("stage.present.exit"), key="stage_present_exit", on_click=_leave, width="stretch")


def control_bar() -> None:
    """The slim bar of presentation mode without a tour: tour picker, QR code, leave."""
    with st.container(key="stage_control_bar"):
        pick, rest = st.columns([4, 1], vertical_alignment="bottom")
        with pick:
            tour_picker(inline=True)
        with rest:
            _menu()


def frame(join) -> None:
    """Everything the frame shows before the page: theme or sidebar tools, the tour bar, the control bar."""
    frame_top()
    presenting = state.is_presenting()
    if active() is not None:
        tour_bar(join.links, join.places, trailing=_menu if presenting else None)
    elif presenting:
        control_bar()


def frame_bottom(join) -> None:
    """After the page: QR code and exports of what the page shows, at the end of the sidebar."""
    if state.is_presenting():
        return
    from atlas.filters import Filters
    from components.export_panel import export_panel
    from components.filters import filtered_links

    filters = Filters.from_query_params({name: st.query_params[name] for name in st.query_params})
    links_shown = filtered_links(join, filters)  # the same selection (and shared spelling index) the page used
    with st.sidebar:
        tour_picker()
        qr_toggle()
        with st.expander(t("stage.export.heading")):
            export_panel(links_shown, join.places, filters)
