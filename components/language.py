"""The language selector in the sidebar; it writes ``?lang=`` so a shared link keeps the language."""

from __future__ import annotations

import streamlit as st

from atlas.i18n import LANGUAGES
from components import state
from components.i18n import t


def _apply_choice() -> None:
    chosen = state.stage_language_pick()
    if chosen in LANGUAGES:
        st.query_params["lang"] = chosen
        state.set_language(chosen)


def language_selector() -> None:
    """Draw the selector (language names in their own language) with the language in force selected."""
    current = state.language()
    if state.stage_language_pick() != current:
        state.stage_set_language_pick(current)
    st.selectbox(
        t("app.language"),
        LANGUAGES,
        format_func=lambda code: t(f"language.name.{code}"),
        key=state.KEY_STAGE_LANGUAGE_PICK,
        on_change=_apply_choice,
    )
