"""The only place with Streamlit caches: loaders keyed by plain values (paths, fingerprints)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas import records


@st.cache_data(show_spinner=False)
def partnerships() -> pd.DataFrame:
    """The validated partnership records (shared by every session of this process)."""
    return records.load_partnerships()


@st.cache_data(show_spinner=False)
def aid_actions() -> pd.DataFrame:
    return records.load_aid(partnership_ids=set(partnerships()["id"]))


@st.cache_data(show_spinner=False)
def conferences() -> list[dict]:
    return records.load_conferences()


@st.cache_data(show_spinner=False)
def figures() -> list[dict]:
    return records.load_figures()


@st.cache_resource(show_spinner=False)
def atlas_join():
    """The records joined to places (``atlas.join.JoinResult``: places, links, unresolved), once per process."""
    from atlas.join import load_default_join  # imported on first use: the join module loads the gazetteer

    return load_default_join()
