"""Growth: our records per year (cumulative) beside the figures others published — never merged."""

import datetime as dt

import streamlit as st

from atlas import growth
from components import data, story_charts
from components.i18n import t
from components.map_view import show_map
from components.story_hooks import year_bounds
from components.story_view import story_view
from components.year_player import year_player

view = story_view()
ours = growth.cumulative_by_year(view.links_all_years, until=dt.date.today().year)
published = growth.published_figures(data.figures())

st.title(t("story.growth.title"))
st.caption(t("story.growth.intro"))

st.subheader(t("story.growth.map"))
year_player(*year_bounds(view.join.links))
show_map(view.links, view.join.places)

st.subheader(t("story.growth.ours"))
if ours.per_year.empty:
    st.info(t("story.empty"))
else:
    st.altair_chart(
        story_charts.cumulative_chart(
            ours.per_year, t("story.axis.year"), t("story.growth.axis.cumulative"), t("story.axis.pair")
        ),
        width="stretch",
    )
undated = ", ".join(f"{pair}: {count}" for pair, count in ours.undated.items())
st.caption(t("story.growth.ours_caption", dated=ours.dated_total, undated=undated))
if len(view.join.unresolved):
    st.caption(t("story.unlocated", count=view.join.unresolved["partnership_id"].nunique()))
if view.filters.has_year_bound:
    st.caption(t("story.growth.years_ignored"))
st.dataframe(
    ours.per_year.pivot(index="year", columns="pair", values="cumulative").sort_index(ascending=False),
    width="stretch",
    height=220,
)

st.subheader(t("story.growth.published"))
st.caption(t("story.growth.published_caption"))
pair = st.segmented_control(t("story.axis.pair"), ["DE-UA", "DE-PL"], default="DE-UA", key="story_growth_pair") or "DE-UA"
chartable = growth.chartable_figures(published, pair)
if len(chartable):
    st.altair_chart(
        story_charts.published_chart(chartable, t("story.axis.year"), t("story.growth.axis.published"), t("story.source")),
        width="stretch",
    )
st.caption(t("story.growth.chart_rule", shown=len(chartable), total=int((published["pair"] == pair).sum())))
st.dataframe(
    published[["date", "pair", "value", "metric", "source_org", "source_url", "note"]],
    column_config={
        "date": t("story.growth.col.date"),
        "pair": t("story.axis.pair"),
        "value": t("story.growth.col.value"),
        "metric": t("story.growth.col.metric"),
        "source_org": t("story.growth.col.source_org"),
        "source_url": st.column_config.LinkColumn(t("story.source")),
        "note": t("story.growth.col.note"),
    },
    hide_index=True,
    width="stretch",
)
