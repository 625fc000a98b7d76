"""Conferences: a timeline of the partnership conferences, host cities on a map, one conference in full.

``?conference=6`` (a SKEW number) or ``?conference=civil-2`` (a key) opens that conference's panel.
"""

import streamlit as st

from atlas import conferences, storylayers
from atlas.formatting import format_date_range
from components import data, state, story_charts
from components.conference_panel import conference_panel
from components.i18n import t
from components.story_map import story_map
from components.story_view import story_view

story_view()
language = state.language()
records = data.conferences()
rows = conferences.timeline(records)
hosts, unplaced = data.conference_hosts()
chosen = conferences.find_conference(records, st.query_params.get("conference")) or conferences.find_conference(records, "6")
chosen_key = conferences.conference_key(chosen)
labels = {
    row.key: f"{format_date_range(row.start, row.end or None, language) if row.start else '–'} · {row.city or '?'} · "
    f"{storylayers.conference_label(row, language)}"
    for row in rows
}

st.title(t("story.conf.title"))
st.caption(t("story.conf.intro"))
series = {key: t(f"story.conf.series.{key}.name") for key in ("skew", "civil", "event")}
st.altair_chart(story_charts.timeline_chart(rows, labels, series, t("story.axis.year"), t("story.conf.series")), width="stretch")
picked = st.selectbox(t("story.conf.pick"), list(labels), index=list(labels).index(chosen_key), format_func=labels.get)
if picked != chosen_key:
    st.query_params["conference"] = picked
    st.rerun()

map_column, panel_column = st.columns([1, 1])
with map_column:
    story_map(
        [storylayers.conference_layer(hosts, rows, language)],
        key="story_conference_map",
        points=[(host.lat, host.lon) for host in hosts],
    )
    if unplaced:
        st.caption(t("story.conf.unplaced", cities=", ".join(unplaced)))
with panel_column:
    conference_panel(chosen)
