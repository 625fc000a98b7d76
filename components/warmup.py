"""Fill the process-wide caches while the first browser is still loading Streamlit's own scripts.

``serve.py`` starts :func:`warm_when_ready` in a background thread. It waits until Streamlit's runtime
exists (``st.cache_data`` keeps its entries in the runtime; before it, a call would fill a throwaway
cache), then computes what every first view needs: the store, the join, the sidebar's options, the key
figures and the map's payload of all links; then imports the page's own modules; a few seconds later
the spelling index of the free-text filter. These are the same cached functions a session calls, so
the first session finds them ready (or waits on the running computation instead of starting a second
one). Nothing here changes what a page shows.

Measured on this 2-core machine (cold starts alternated in one run, 4 each, machine busy): median 3.6 s
from launch to the drawn map with all of it, 4.2 s without the page imports, 4.0 s with no warm-up."""

from __future__ import annotations

import gc
import importlib
import logging
import os
import threading
import time

from atlas import templatecache

_LOG = logging.getLogger(__name__)
# What app.py and the map page import, heaviest first; the page then finds them in sys.modules.
# EARLY_MODULES need no Streamlit runtime and are imported while the server itself starts.
EARLY_MODULES = ("pandas", "geopandas", "folium", "folium.plugins", "sqlalchemy", "atlas.store", "atlas.filters",
                 "atlas.mapbuild", "atlas.joincache")
MODULES = (*EARLY_MODULES, "components.data")
# The page's own modules, imported once the first view's data are ready. streamlit_folium declares its
# custom component when imported; Streamlit registers a component only when it is declared inside a
# script run, so :func:`import_page_modules` registers it itself (else the map's iframe would be a 404).
PAGE_MODULES = (
    "streamlit_folium", "components.map_view", "components.presentation", "components.filters",
    "components.panel", "components.legend", "components.key_figures", "components.year_player",
    "components.story_hooks", "components.conference_panel", "components.language", "components.tour",
    "components.qr", "components.export_panel",
)
RUNTIME_WAIT_S = 60.0
LATER_S = 4.0


def import_modules(names: tuple[str, ...] = MODULES) -> float:
    """Import ``names``; returns the seconds it took."""
    begin = time.perf_counter()
    for name in names:
        importlib.import_module(name)
    return time.perf_counter() - begin


def import_page_modules() -> float:
    """Import :data:`PAGE_MODULES` and register the custom components they declared (needs the runtime)."""
    from streamlit import runtime

    seconds = import_modules(PAGE_MODULES)
    import streamlit_folium

    registry = runtime.get_instance().component_registry
    component = streamlit_folium._component_func
    if registry.get_component(component.name) is None:
        registry.register_component(component)
    return seconds


def warm(languages: tuple[str, ...] = ("de",)) -> dict[str, float]:
    """Import the map page's modules and fill its caches; returns the seconds each step took."""
    timings: dict[str, float] = {"imports": import_modules()}

    from atlas.filters import Filters
    from atlas.mapbuild import payload_ids
    from components import data
    from components.filters import filtered_links

    steps = [("join", data.atlas_join)]
    for language in languages:
        steps.append((f"filter_options_{language}", lambda language=language: data.filter_options(language)))
    for name, step in steps:
        begin = time.perf_counter()
        step()
        timings[name] = time.perf_counter() - begin
    begin = time.perf_counter()
    links = filtered_links(data.atlas_join(), Filters())
    data.key_figures(links)
    ids = payload_ids(links)
    for language in languages:
        if ids is not None:
            data.map_payload(ids, language)
    timings["first_view"] = time.perf_counter() - begin
    return timings


def freeze_heap() -> None:
    """Move everything alive now (modules, the join, the gazetteer, the caches just filled) out of the
    garbage collector's sight (``gc.freeze``).

    Streamlit runs a full collection after every script run (``runner.postScriptGC``), holding the
    interpreter while the run's last messages wait to be sent: with 25,000 links loaded that pass walked
    about 180,000 objects, 80 ms and more per rerun, though these long-lived objects never become
    garbage. Frozen objects are still freed by reference counting (a join replaced after an edit is
    freed: checked with weak references); only garbage held in a reference cycle among frozen objects would
    stay. ``ATLAS_GC_FREEZE=0`` switches this off."""
    if os.environ.get("ATLAS_GC_FREEZE", "1") != "0":
        gc.freeze()


def warm_later() -> dict[str, float]:
    """What no first view needs (the free-text filter's spelling index): done once the first visitor's
    page is likely drawn, so it does not compete with that page for the interpreter."""
    from atlas.mapbuild import SCALE_THRESHOLD
    from components import data

    if len(data.atlas_join().links) > SCALE_THRESHOLD:
        # tens of thousands of links (a scale test): about 0.2 ms per link of pure CPU that would slow
        # every visitor's page for seconds; the first free-text search pays it instead
        return {}
    begin = time.perf_counter()
    data.search_index()
    return {"search_index": time.perf_counter() - begin}


def warm_when_ready(languages: tuple[str, ...] = ("de",)) -> None:
    """Wait for Streamlit's runtime, then :func:`warm`; a failure is logged, never raised (a session
    then simply computes what it needs itself)."""
    from streamlit import runtime

    try:
        import_modules(EARLY_MODULES)  # while the server itself starts
    except Exception:
        _LOG.exception("warm-up imports failed")
        return
    deadline = time.monotonic() + RUNTIME_WAIT_S
    while not runtime.exists():
        if time.monotonic() > deadline:
            _LOG.warning("warm-up skipped: no Streamlit runtime after %.0f s", RUNTIME_WAIT_S)
            return
        time.sleep(0.01)
    try:
        timings = warm(languages)
        timings["page_imports"] = import_page_modules()
        templatecache.save()  # the templates compiled so far, for the next start (when any were new)
        freeze_heap()
        time.sleep(LATER_S)
        timings.update(warm_later())
        freeze_heap()
    except Exception:  # the app must start even if warming fails; the page will show the real error
        _LOG.exception("warm-up failed")
        return
    _LOG.info("warm-up done: %s", ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items()))


def start_in_background(languages: tuple[str, ...] = ("de",)) -> threading.Thread:
    thread = threading.Thread(target=warm_when_ready, args=(languages,), name="atlas-warm-up", daemon=True)
    thread.start()
    return thread
