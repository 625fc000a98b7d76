"""Lists of triangles and open chains with "highlight on map" links, and the density charts."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from atlas import network, storylayers
from components import state, story_charts
from components.i18n import t
from components.story_map import story_map
from components.story_text import md_escape

MAP_PAGE = "pages/map.py"
SECTION_PARAM = "section"  # ?section=chains opens the open chains (for links and tours)
HIGHLIGHT_PARAM = "highlight"  # read by the map page: ?highlight=P0001,P0002


def highlight_link(partnership_ids: Sequence[str]) -> None:
    """A link to the map page with these partnerships highlighted (``?highlight=P0001,P0002``)."""
    st.page_link(
        MAP_PAGE,
        label=t("story.network.highlight"),
        icon=":material/map:",
        query_params={HIGHLIGHT_PARAM: ",".join(partnership_ids)},
    )


def _members(item: network.Triangle | network.OpenChain, language: str) -> str:
    return " – ".join(md_escape(member.display(language)) for member in (item.german, item.polish, item.ukrainian))


def triangle_map(triangles: Sequence[network.Triangle], links: pd.DataFrame, language: str) -> None:
    """Every closed triangle drawn on a small map (the three partnerships of each, in the highlight colour)."""
    ids = [pid for triangle in triangles for pid in triangle.partnership_ids]
    shown = links[links["id"].isin(ids)]
    points = list(zip(shown["a_lat"], shown["a_lon"], strict=True)) + list(zip(shown["b_lat"], shown["b_lon"], strict=True))
    story_map([storylayers.highlight_layer(links, ids, language)], key="story_triangle_map", points=points)


def triangle_list(triangles: Sequence[network.Triangle], language: str) -> None:
    """Every closed triangle: the three members, the partnership ids on each side, a map link."""
    if not triangles:
        st.info(t("story.network.no_triangles"))
        return
    st.caption(t("story.network.triangles_caption"))
    highlight_link([pid for triangle in triangles for pid in triangle.partnership_ids])
    for triangle in triangles:
        text_column, link_column = st.columns([5, 2], vertical_alignment="center")
        text_column.markdown(f"**{_members(triangle, language)}**  \n" + md_escape(", ".join(triangle.partnership_ids)))
        with link_column:
            highlight_link(triangle.partnership_ids)


def chain_list(chains: Sequence[network.OpenChain], language: str) -> None:
    """Open chains gathered per German member and Polish partner, each phrased as a suggestion, with a map link."""
    if not chains:
        st.info(t("story.network.no_chains"))
        return
    st.caption(t("story.network.chains_caption"))
    for item in network.suggestions(chains):
        text_column, link_column = st.columns([5, 2], vertical_alignment="center")
        text_column.markdown(md_escape(network.suggestion(item, language)) + "  \n" + md_escape(", ".join(item.partnership_ids)))
        with link_column:
            highlight_link(item.partnership_ids)


def density_charts(areas: network.Density, links: pd.DataFrame, language: str) -> None:
    """Bars of the densest areas at the chosen level and the municipalities with most partners."""
    top = areas.table.head(20)
    if areas.level == "admin1":
        table = top.assign(area=top["admin1_name"].where(top["admin1_name"] != "", t("story.network.unknown_area")))
        chart = story_charts.bar_by_label(
            table,
            "area",
            "partnerships",
            "country",
            t("story.network.level.admin1"),
            t("story.network.partnerships"),
            story_charts.COUNTRY_COLOURS,
        )
    else:
        table = top.assign(area=top["district_name"])
        chart = story_charts.bar_by_label(
            table, "area", "partnerships", None, t("story.network.level.kreis"), t("story.network.partnerships")
        )
        unplaced = network.unplaced_german_sides(links)
        if unplaced:
            st.caption(t("story.network.kreis_unplaced", count=unplaced))
    if len(table):
        st.altair_chart(chart, width="stretch")
    st.subheader(t("story.network.top"))
    st.dataframe(
        network.top_municipalities(links, 15, language).drop(columns="key"),
        column_config={
            "name": t("story.col.municipality"),
            "country": t("story.col.country"),
            "kind": t("story.col.kind"),
            "partners": t("story.network.col.partners"),
            "partnerships": t("story.network.partnerships"),
        },
        hide_index=True,
        width="stretch",
    )


def _on_section() -> None:
    st.query_params[SECTION_PARAM] = st.session_state[state.KEY_STORY_NETWORK_SECTION]


def network_section(sections: Sequence[str]) -> str:
    """The part of the network page to show (triangles, chains, density by admin1 or Kreis), kept in the URL."""
    wanted = st.query_params.get(SECTION_PARAM, sections[0])
    wanted = wanted if wanted in sections else sections[0]
    if state.story_network_section() != wanted:
        st.session_state[state.KEY_STORY_NETWORK_SECTION] = wanted
    chosen = st.segmented_control(
        t("story.network.section"),
        list(sections),
        key=state.KEY_STORY_NETWORK_SECTION,
        format_func=lambda value: t(f"story.network.section.{value}"),
        on_change=_on_section,
        label_visibility="collapsed",
    )
    return chosen or wanted
