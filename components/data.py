"""The only place with Streamlit caches: loaders keyed by plain values (paths, fingerprints)."""

from __future__ import annotations

import weakref

import pandas as pd
import streamlit as st

from atlas import records
from atlas import store as atlas_store
from atlas.gazetteer import Gazetteer, load_gazetteer
from atlas.geocode import Geocoder


def partnerships() -> pd.DataFrame:
    """The partnerships as stored in the database (same shape as ``records.load_partnerships()``).

    Cached per database and data version: an edit or import anywhere (any app instance) bumps the
    version, so the next rerun reads the new state.
    """
    return _partnerships_at(atlas_store.database_url(), data_version())


def aid_actions() -> pd.DataFrame:
    """The aid actions as stored in the database (same shape as ``records.load_aid()``)."""
    return _aid_at(atlas_store.database_url(), data_version())


def data_version() -> int:
    """The database's change counter (one cheap query; the key of every cache of records)."""
    return store().data_version()


@st.cache_data(show_spinner=False, max_entries=4)
def _partnerships_at(url: str, version: int) -> pd.DataFrame:
    return _store_at(url).partnerships_frame()


@st.cache_data(show_spinner=False, max_entries=4)
def _aid_at(url: str, version: int) -> pd.DataFrame:
    return _store_at(url).aid_frame()


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


def atlas_join():
    """The stored records joined to places (``atlas.join.JoinResult``: places, links, unresolved);
    rebuilt only when the data version changes."""
    return _join_at(atlas_store.database_url(), data_version())


@st.cache_resource(show_spinner=False, max_entries=2)
def _join_at(url: str, version: int):
    from atlas.joincache import cached_join  # imported on first use: the join module is heavy

    # from the disk cache when this server or an earlier one joined the same records with the same
    # gazetteer and code: a restart then builds no geocoder
    return cached_join(_partnerships_at(url, version), geocoder)


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


@st.cache_resource(show_spinner=False)
def conference_hosts():
    """Conference host cities placed by the gazetteer (``atlas.conferences.host_cities``), once per process."""
    from atlas import conferences as conference_records

    rows = conference_records.timeline(conferences())
    return conference_records.host_cities(rows, conference_records.gazetteer_resolver(gazetteer().table))


def filter_options(language: str):
    """The sidebar's admin1 and district options named in ``language`` (``atlas.filters.FilterOptions``).

    One per process, data version and language: every visitor shares them (they cost about 0.4 s to build).
    """
    return _filter_options_at(atlas_store.database_url(), data_version(), language)


@st.cache_resource(show_spinner=False, max_entries=8)
def _filter_options_at(url: str, version: int, language: str):
    from atlas.filters import filter_options as build_options

    join = _join_at(url, version)
    return build_options(join.links, join.places, language, admin1_names())


@st.cache_resource(show_spinner=False)
def admin1_names() -> pd.DataFrame:
    """Land / voivodeship / oblast names in four languages, from the committed basemap (read once)."""
    from atlas import basemap

    rows = [feature["properties"] for feature in basemap.load_collection("admin1")["features"]]
    return pd.DataFrame(rows).assign(municipality_id=lambda frame: "admin1:" + frame["iso_3166_2"])


def search_index() -> pd.Series:
    """Every spelling of both sides of every link (``atlas.filters.search_index``), once per data version."""
    return _search_index_at(atlas_store.database_url(), data_version())


@st.cache_resource(show_spinner=False, max_entries=2)
def _search_index_at(url: str, version: int) -> pd.Series:
    from atlas.filters import search_index as build_index

    join = _join_at(url, version)
    return build_index(join.links, join.places)


def partnership_id_set() -> frozenset[str]:
    """The ids of the stored partnerships (to check the ids a tour names), once per data version."""
    return _partnership_id_set_at(atlas_store.database_url(), data_version())


@st.cache_resource(show_spinner=False, max_entries=2)
def _partnership_id_set_at(url: str, version: int) -> frozenset[str]:
    return frozenset(_partnerships_at(url, version)["id"].astype(str))


def aid_partnership_id_set() -> frozenset[str]:
    """Partnerships with at least one recorded aid action, once per data version."""
    return _aid_id_set_at(atlas_store.database_url(), data_version())


@st.cache_resource(show_spinner=False, max_entries=2)
def _aid_id_set_at(url: str, version: int) -> frozenset[str]:
    return frozenset(_aid_at(url, version)["partnership_id"].dropna().astype(str))


def filtered_view(filters) -> pd.DataFrame:
    """``atlas.filters.apply_filters`` of the app's join, shared by every session and rerun showing the same
    filters (pandas copies on write, so no caller can change the shared rows). With 25,000 links a new
    filter costs 10–40 ms and the page asks twice per rerun (the page, and the sidebar's exports)."""
    url, version = atlas_store.database_url(), data_version()
    links = _filtered_at(url, version, repr(filters), filters)
    _remember_digest(links)
    return links


@st.cache_resource(show_spinner=False, max_entries=16)  # at 25,000 links a view is up to 16 MB
def _filtered_at(url: str, version: int, key: str, _filters) -> pd.DataFrame:
    from atlas.filters import apply_filters

    join = _join_at(url, version)
    index = _search_index_at(url, version) if _filters.query else None
    aid_ids = _aid_id_set_at(url, version) if _filters.aid_only else frozenset()
    return apply_filters(join.links, _filters, aid_ids, join.places, index)


# Digests of the shown ids of views made by :func:`filtered_view`, by the view's identity. An entry holds
# only a weak reference: an identity is trusted while that frame is alive, and no frame is kept for it.
_DIGESTS: dict[int, tuple[weakref.ref, str]] = {}
_DIGESTS_MAX = 64


def _remember_digest(links: pd.DataFrame) -> None:
    if id(links) not in _DIGESTS or _DIGESTS[id(links)][0]() is not links:
        if len(_DIGESTS) >= _DIGESTS_MAX:
            _DIGESTS.pop(next(iter(_DIGESTS)))
        _DIGESTS[id(links)] = (weakref.ref(links), view_digest(links))


def view_digest(links: pd.DataFrame) -> str:
    """``ids_digest`` of the partnership ids of ``links``, remembered for the views of :func:`filtered_view`."""
    entry = _DIGESTS.get(id(links))
    if entry is not None and entry[0]() is links:
        return entry[1]
    from atlas.mapbuild import partnership_ids

    return ids_digest(partnership_ids(links).tolist())


def ids_digest(ids) -> str:
    """A short digest of a sequence of partnership ids: the cache key of a view (hashing a tuple of
    25,000 ids on every rerun cost Streamlit 0.15 s)."""
    import hashlib

    return hashlib.sha256("\n".join(map(str, ids)).encode("utf-8")).hexdigest()[:32]


def key_figures(links_shown: pd.DataFrame):
    """``atlas.filters.key_figures`` of the shown links against all links, shared by every visitor of a view."""
    return _key_figures_at(atlas_store.database_url(), data_version(), view_digest(links_shown), links_shown)


@st.cache_resource(show_spinner=False, max_entries=128)
def _key_figures_at(url: str, version: int, digest: str, _links_shown: pd.DataFrame):
    from atlas.filters import key_figures as count
    from atlas.mapbuild import partnership_ids

    links = _join_at(url, version).links
    shown_ids = set(partnership_ids(_links_shown))
    return count(links[partnership_ids(links).isin(shown_ids)], links)


def scale_script(links_shown: pd.DataFrame, language: str, theme: str, highlighted: tuple[str, ...]) -> str:
    """``atlas.mapscale.scale_script`` of a large view (above ``SCALE_THRESHOLD`` links) of the app's join,
    shared by every visitor and rerun of the same view (a click elsewhere on the page costs no rebuild)."""
    digest = view_digest(links_shown)
    return _scale_script_at(atlas_store.database_url(), data_version(), digest, language, theme, highlighted,
                            links_shown)


@st.cache_resource(show_spinner=False, max_entries=16)
def _scale_script_at(url: str, version: int, digest: str, language: str, theme: str,
                     highlighted: tuple[str, ...], _links: pd.DataFrame) -> str:
    from atlas.mapbuild import MapOptions
    from atlas.mapscale import scale_script as build

    return build(_links, _join_at(url, version).places, language, MapOptions(language=language, theme=theme),
                 highlight_ids=highlighted)
