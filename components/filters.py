"""The sidebar filters shared by every page; their state lives in the URL (``st.query_params``).

The URL is the source of truth, so a view can be bookmarked and shared, and other controls (the year
player, guided tours) change filters by writing query parameters. Each widget writes only its own
parameter when it changes. When Streamlit clears the query on a page switch, the filters of the
previous page are written back, so moving between map, table and sources keeps the view.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from atlas.filters import (
    FILTER_PARAMS,
    FilterOptions,
    Filters,
    apply_filters,
    count_undated,
)
from atlas.schema import COUNTRIES, PAIRS, RELATIONS, STATUSES
from components import data, state
from components.i18n import t
from components.key_figures import show_key_figures as key_figures_row  # noqa: F401 - the map page imports it here

# widget key -> the Filters field it edits
_FIELDS: dict[str, str] = {
    state.KEY_FILTERS_PAIRS: "pairs",
    state.KEY_FILTERS_COUNTRIES: "countries",
    state.KEY_FILTERS_ADMIN1: "admin1",
    state.KEY_FILTERS_DISTRICTS: "districts",
    state.KEY_FILTERS_RELATIONS: "relations",
    state.KEY_FILTERS_STATUSES: "statuses",
    state.KEY_FILTERS_QUERY: "query",
    state.KEY_FILTERS_AID: "aid_only",
}


def url_filters() -> Filters:
    """The filters the current URL asks for (junk ignored)."""
    return Filters.from_query_params({name: st.query_params.get_all(name) for name in st.query_params})


def write_url(filters: Filters) -> None:
    """Put ``filters`` into the URL, touching only filter parameters (``lang``, ``mode`` … stay)."""
    wanted = filters.to_query_params()
    for name in FILTER_PARAMS:
        if name in wanted:
            if st.query_params.get_all(name) != [wanted[name]]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]
    state.filters_set_applied(filters)


def _page() -> str:
    context = get_script_run_ctx()
    return context.page_script_hash if context is not None else ""


def _valid_for(filters: Filters, options: FilterOptions) -> Filters:
    """Drop admin1 codes and districts that no record has: a picker cannot show them, so they must not filter."""
    known_admin1 = {code for code, _ in options.admin1}
    known_districts = set(options.districts_in(()))
    return replace(
        filters,
        admin1=tuple(code for code in filters.admin1 if code in known_admin1),
        districts=tuple(identifier for identifier in filters.districts if identifier in known_districts),
    )


def _mirror(filters: Filters, options: FilterOptions) -> None:
    """Set every widget to show ``filters`` (before the widgets are drawn)."""
    for key, field in _FIELDS.items():
        value = getattr(filters, field)
        state.filters_set_widget_value(key, value if field in ("query", "aid_only") else list(value))
    low, high = options.year_min or 0, options.year_max or 0
    year_from = low if filters.year_from is None else min(max(filters.year_from, low), high)
    year_to = high if filters.year_to is None else min(max(filters.year_to, low), high)
    state.filters_set_widget_value(state.KEY_FILTERS_YEARS, (year_from, year_to))


def _on_change(key: str) -> None:
    value = state.filters_widget_value(key)
    field = _FIELDS[key]
    current = state.filters_applied() or Filters()
    if field == "query":
        changed = replace(current, query=" ".join(str(value or "").split()))
    elif field == "aid_only":
        changed = replace(current, aid_only=bool(value))
    else:
        changed = replace(current, **{field: tuple(value or ())})
    write_url(Filters.from_query_params(changed.to_query_params()))


def _on_admin1_change(options: FilterOptions) -> None:
    _on_change(state.KEY_FILTERS_ADMIN1)
    current = state.filters_applied()
    allowed = set(options.districts_in(current.admin1))
    kept = tuple(identifier for identifier in current.districts if identifier in allowed)
    if kept != current.districts:  # a district outside the chosen regions would hide everything
        write_url(replace(current, districts=kept))
        state.filters_set_widget_value(state.KEY_FILTERS_DISTRICTS, list(kept))


def _on_years_change(options: FilterOptions) -> None:
    low, high = state.filters_widget_value(state.KEY_FILTERS_YEARS)
    current = state.filters_applied() or Filters()
    write_url(
        replace(
            current,
            year_from=None if low <= (options.year_min or low) else int(low),
            year_to=None if high >= (options.year_max or high) else int(high),
        )
    )


def _on_reset(options: FilterOptions) -> None:
    write_url(Filters())
    _mirror(Filters(), options)


def current_filters(options: FilterOptions) -> Filters:
    """Decide which filters are in force this run and mirror them into the widgets.

    The URL wins, except right after a page switch emptied it: then the previous filters are restored.
    """
    applied = state.filters_applied()
    from_url = _valid_for(url_filters(), options)
    url_has_filters = any(name in st.query_params for name in FILTER_PARAMS)
    page = _page()
    switched_page = state.filters_page() not in (None, page)
    chosen = applied if applied is not None and switched_page and not url_has_filters else from_url
    state.filters_set_page(page)
    # Every run, not only on change: after a page switch the widgets are new and would start empty.
    _mirror(chosen, options)
    if chosen.to_query_params() != {name: st.query_params.get(name) for name in st.query_params if name in FILTER_PARAMS}:
        write_url(chosen)
    state.filters_set_applied(chosen)
    return chosen


def _multiselect(label: str, options, key: str, format_func, on_change=None, args=(), help_text: str | None = None):
    st.multiselect(
        label,
        options=list(options),
        key=key,
        format_func=format_func,
        on_change=on_change or _on_change,
        args=args or (key,),
        help=help_text,
        placeholder="",
    )


def sidebar_filters(join) -> Filters:
    """Draw the filters in the sidebar and return the ones in force (read from, and kept in, the URL).

    ``join`` is ``components.data.atlas_join()``; its places and links give the admin1 and district
    options and the year range. Every page calls this once.
    """
    options = options_for(join)
    filters = current_filters(options)
    index = spellings_index(join) if filters.query else None
    undated = count_undated(join.links, filters, aid_partnership_ids(), join.places, index)
    with st.sidebar:
        st.subheader(t("filters.title"))
        _multiselect(t("filters.pair"), PAIRS, state.KEY_FILTERS_PAIRS, lambda pair: t(f"filters.pair.{pair}"))
        _multiselect(t("filters.country"), COUNTRIES, state.KEY_FILTERS_COUNTRIES, lambda code: t(f"country.{code}"))
        _multiselect(
            t("filters.admin1"), [code for code, _ in options.admin1], state.KEY_FILTERS_ADMIN1, options.admin1_label,
            on_change=_on_admin1_change, args=(options,),
        )
        offered = options.districts_in(filters.admin1)
        _multiselect(
            t("filters.district"), list(offered) + [d for d in filters.districts if d not in offered],
            state.KEY_FILTERS_DISTRICTS, options.district_label, help_text=t("filters.district.help"),
        )
        _multiselect(t("filters.relation"), RELATIONS, state.KEY_FILTERS_RELATIONS, lambda code: t(f"filters.relation.{code}"))
        _multiselect(t("filters.status"), STATUSES, state.KEY_FILTERS_STATUSES, lambda code: t(f"filters.status.{code}"))
        if options.year_min is not None and options.year_max is not None and options.year_min < options.year_max:
            st.slider(
                t("filters.years"), min_value=options.year_min, max_value=options.year_max, step=1,
                key=state.KEY_FILTERS_YEARS, on_change=_on_years_change, args=(options,), help=t("filters.years.help"),
            )
        st.caption(t("filters.undated.hidden" if filters.has_year_bound else "filters.undated.shown", count=undated))
        st.text_input(
            t("filters.query"), key=state.KEY_FILTERS_QUERY, on_change=_on_change, args=(state.KEY_FILTERS_QUERY,),
            help=t("filters.query.help"), placeholder=t("filters.query.placeholder"),
        )
        st.toggle(t("filters.aid"), key=state.KEY_FILTERS_AID, on_change=_on_change, args=(state.KEY_FILTERS_AID,))
        st.button(
            t("filters.reset"), key=state.KEY_FILTERS_RESET, on_click=_on_reset, args=(options,), disabled=filters.is_default()
        )
        st.caption(t("filters.bookmark"))
    return filters


def aid_partnership_ids() -> frozenset[str]:
    """Partnerships with at least one recorded aid action (for ``apply_filters``)."""
    return data.aid_partnership_id_set()


def options_for(join) -> FilterOptions:
    """The sidebar's options (admin1 and district names in the UI language), e.g. to label table cells.

    Shared by every session of the process (``components.data.filter_options``); ``join`` is the one
    ``data.atlas_join()`` returned, kept as a parameter so callers say what the options describe.
    """
    return data.filter_options(state.language())


def spellings_index(join) -> pd.Series:
    """Every spelling of both sides of every link (``atlas.filters.search_index``), shared by every session."""
    return data.search_index()


def filtered_links(join, filters: Filters) -> pd.DataFrame:
    """The join's links that ``filters`` select (aid and alternate names included), as every page shows them."""
    if join is data.atlas_join():  # the app's own join: the view is shared by every session
        return data.filtered_view(filters)
    index = spellings_index(join) if filters.query else None
    return apply_filters(join.links, filters, aid_partnership_ids(), join.places, index)
