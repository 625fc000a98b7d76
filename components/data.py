"""The only place with Streamlit caches: loaders keyed by plain values (paths, fingerprints)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas import records
from atlas import store as atlas_store
from atlas.gazetteer import Gazetteer, load_gazetteer
from atlas.geocode import Geocoder


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
def _store_at(url: str) -> atlas_store.Store:
    return atlas_store.open_store(url)


def store() -> atlas_store.Store:
    """The database (``DATABASE_URL`` or the SQLite file at ``ATLAS_DB_PATH``), migrated and, on first
    start, seeded from geodata/; one connection pool per process and URL."""
    return _store_at(atlas_store.database_url())


@st.cache_resource(show_spinner=False)
def gazetteer() -> Gazetteer:
    """The committed gazetteer (loaded once per process)."""
    return load_gazetteer()


@st.cache_resource(show_spinner=False)
def geocoder() -> Geocoder:
    """The geocoder over the committed gazetteer (built once per process)."""
    return Geocoder(gazetteer())


@st.cache_resource(show_spinner=False)
def _places_by_id() -> pd.DataFrame:
    return gazetteer().by_id()


def place_row(municipality_id: str) -> dict | None:
    """One gazetteer row as a dict (for filling empty country/kind/region of imported rows)."""
    places = _places_by_id()
    return places.loc[municipality_id].to_dict() if municipality_id in places.index else None


@st.cache_resource(show_spinner=False)
def atlas_join():
    """The records joined to places (``atlas.join.JoinResult``: places, links, unresolved), once per process."""
    from atlas.join import load_default_join  # imported on first use: the join module loads the gazetteer

    return load_default_join()


@st.cache_data(show_spinner=False, max_entries=64)
def map_payload(partnership_ids: tuple[str, ...], language: str) -> dict:
    """The map's compact links payload (``atlas.mapbuild.compact_payload``) for one filtered view of the join.

    Keyed by the shown ids and the language, so a filter set again or a click (which only changes the
    highlight) costs no rebuild.
    """
    from atlas import mapbuild

    join = atlas_join()
    shown = join.links[mapbuild.partnership_ids(join.links).isin(set(partnership_ids))]
    return mapbuild.compact_payload(shown, join.places, language)
