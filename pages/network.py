"""Network: DE–PL–UA triangles, open chains as suggestions, and where the network is dense or thin."""

import streamlit as st

from atlas import network, records, storylayers
from components import state
from components.i18n import t
from components.story_map import story_map
from components.story_network import chain_list, density_charts, network_section, triangle_list, triangle_map
from components.story_view import legend, story_view

view = story_view()
language = state.language()
found = network.find_network(view.links)

st.title(t("story.network.title"))
st.caption(t("story.network.intro"))
if len(view.join.unresolved):
    st.caption(t("story.unlocated", count=view.join.unresolved["partnership_id"].nunique()))
closed, open_chains, germans = st.columns(3)
closed.metric(t("story.network.metric.triangles"), len(found.triangles))
open_chains.metric(t("story.network.metric.chains"), len(found.chains))
germans.metric(t("story.network.metric.germans"), len(network.chains_by_german_member(found.chains)))

sections = ("triangles", "chains", "admin1", "kreis")
section = network_section(sections)
if section == "triangles":
    if found.triangles:
        triangle_map(found.triangles, view.links, language)
    triangle_list(found.triangles, language)
elif section == "chains":
    chain_list(found.chains, language)
else:
    areas = network.density(view.links, section, records.load_admin1())
    code_of = storylayers.admin1_code if section == "admin1" else storylayers.kreis_district_id
    boundaries = storylayers.boundaries("admin1" if section == "admin1" else "kreise")
    layer, entries = storylayers.choropleth_layer(
        boundaries, areas.counts, code_of, areas.names, t(f"story.network.section.{section}"), language
    )
    story_map([layer], key=f"story_density_map_{section}")
    legend(entries, t("story.network.legend"))
    density_charts(areas, view.links, language)
