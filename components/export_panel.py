"""Download buttons for what is on screen: the filtered records as CSV, XLSX, GeoJSON and the map as HTML.

Files are made only when a button is pressed (deferred ``data``), and pressing one causes no rerun.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from atlas.export import EXPORT_FORMATS, MEDIA_TYPES, export_bytes
from atlas.filters import Filters
from components import state
from components.i18n import t

_EXTENSIONS = {"csv": "csv", "xlsx": "xlsx", "geojson": "geojson", "html": "html"}


def file_name(fmt: str, filters: Filters, today: dt.date | None = None) -> str:
    """``partnerschaftsatlas-2026-11-26-pair-DE-UA.csv``: date and the filters in the name (ASCII only)."""
    parts = ["partnerschaftsatlas", (today or dt.date.today()).isoformat()]
    for name, value in filters.to_query_params().items():
        if name != "q":
            parts.append(f"{name}-{value}".replace(",", "+"))
    safe = "-".join(parts)
    allowed = set("-+_")
    safe = "".join(char if char.isascii() and (char.isalnum() or char in allowed) else "_" for char in safe)
    return f"{safe[:120]}.{_EXTENSIONS[fmt]}"


def export_panel(links_shown: pd.DataFrame, places: pd.DataFrame | None, filters: Filters) -> None:
    """Four download buttons for ``links_shown`` (already filtered) and a line saying how many rows."""
    st.caption(t("stage.export.count", shown=len(links_shown)))
    language = state.language()
    params = filters.to_query_params()
    for fmt in EXPORT_FORMATS:
        st.download_button(
            t(f"stage.export.{fmt}"),
            data=partial(export_bytes, fmt, links_shown, places, language, params),
            file_name=file_name(fmt, filters),
            mime=MEDIA_TYPES[fmt],
            key=f"stage_export_{fmt}",
            on_click="ignore",
            help=t("stage.export.html_help") if fmt == "html" else None,
            width="stretch",
        )
