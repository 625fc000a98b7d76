"""The map legend, drawn in Streamlit (no branca colormap: it would make the map load d3 from a CDN)."""

from __future__ import annotations

import html

import streamlit as st

from atlas.palette import country_colours, pair_colours
from components import state
from components.i18n import t


def _line(colour: str, dashed: bool = False, faded: bool = False) -> str:
    style = "dashed" if dashed else "solid"
    opacity = "0.3" if faded else "0.9"
    return (f'<span aria-hidden="true" style="display:inline-block;width:34px;height:0;vertical-align:middle;'
            f'border-top:3px {style} {colour};opacity:{opacity}"></span>')


def _dot(colour: str, ring: bool = False, dashed: bool = False) -> str:
    if ring:
        border = f"3px {'dashed' if dashed else 'solid'} {colour}"
        fill = f"{colour}40"  # 25 % opacity, as on the map
    else:
        border, fill = "1px solid #ffffff", colour
    return (f'<span aria-hidden="true" style="display:inline-block;box-sizing:border-box;width:16px;height:16px;'
            f'border-radius:50%;vertical-align:middle;background:{fill};border:{border};'
            f'box-shadow:0 0 0 1px #bbbbbb"></span>')


def _row(symbol: str, text: str) -> str:
    return f'<div style="display:flex;gap:.5rem;align-items:center;margin:.1rem 0">{symbol}<span>{html.escape(text)}</span></div>'


def show_legend() -> None:
    """Pairs and their colours, line styles, marker shapes and country colours, in the UI language."""
    grey = "#555555"
    theme = "present" if state.is_presenting() else "light"
    colours = pair_colours(theme)
    rows = [_row(_line(colour), t(f"map.pair.{pair}")) for pair, colour in colours.items()]
    rows += [
        _row(_line(grey), t("map.legend.solid")),
        _row(_line(grey, dashed=True), t("map.legend.dashed")),
        _row(_line(grey, faded=True), t("map.legend.faded")),
        _row(_dot(grey), t("map.legend.places")),
        _row(_dot(grey, ring=True), t("map.legend.districts")),
        _row(_dot(grey, ring=True, dashed=True), t("map.legend.regions")),
    ]
    countries = " ".join(
        f'{_dot(colour)}<span style="margin-right:.6rem">{html.escape(t(f"country.{code}"))}</span>'
        for code, colour in country_colours(theme).items()
    )
    rows.append(f'<div style="display:flex;flex-wrap:wrap;align-items:center;gap:.2rem">'
                f'<span style="margin-right:.4rem">{html.escape(t("map.legend.countries"))}:</span>{countries}</div>')
    with st.expander(t("map.legend.title"), expanded=not state.is_presenting()):
        st.html('<div class="atlas-legend" style="font-size:.9rem">' + "".join(rows) + "</div>")
