"""Aid: what help flowed through the partnerships — by category, over time, by pair and region, on a map."""

import streamlit as st

from atlas import aid, storylayers
from atlas.schema import AID_CATEGORIES
from components import state, story_charts
from components.filters import options_for
from components.i18n import t
from components.story_aid import action_list, region_tables
from components.story_map import story_map
from components.story_view import story_view

view = story_view()
actions = aid.aid_for_links(view.aid, view.links)
markers = aid.aid_markers(actions)
categories = {category: t(f"story.aid.category.{category}") for category in AID_CATEGORIES}
precisions = {precision: t(f"story.aid.precision.{precision}") for precision in aid.PRECISIONS}

st.title(t("story.aid.title"))
st.caption(t("story.aid.intro"))
shown, partnerships, places = st.columns(3)
shown.metric(t("story.aid.metric.actions"), len(actions))
partnerships.metric(t("story.aid.metric.partnerships"), actions["partnership_id"].nunique())
places.metric(t("story.aid.metric.places"), len(markers))
if actions.empty:
    st.info(t("story.empty"))
    st.stop()

by_category, by_pair = st.columns([3, 2])
with by_category:
    st.subheader(t("story.aid.by_category"))
    st.altair_chart(
        story_charts.category_chart(aid.by_category(actions), categories, t("story.aid.category"), t("story.aid.actions")),
        width="stretch",
    )
with by_pair:
    st.subheader(t("story.aid.by_pair"))
    st.dataframe(
        aid.by_pair(actions), hide_index=True, column_config={"pair": t("story.axis.pair"), "actions": t("story.aid.actions")}
    )

st.subheader(t("story.aid.over_time"))
st.altair_chart(
    story_charts.precision_chart(
        aid.by_year(actions), precisions, t("story.axis.year"), t("story.aid.actions"), t("story.aid.precision")
    ),
    width="stretch",
)
monthly, year_only = aid.by_month(actions)
st.altair_chart(
    story_charts.month_chart(monthly, categories, t("story.aid.month"), t("story.aid.actions"), t("story.aid.category")),
    width="stretch",
)
st.caption(t("story.aid.month_caption", left_out=year_only))

region_tables(actions, options_for(view.join).admin1_label)

st.subheader(t("story.aid.map"))
st.caption(t("story.aid.receiving_rule"))
story_map(
    [storylayers.aid_layer(markers, state.language())],
    key="story_aid_map",
    points=zip(markers["lat"], markers["lon"], strict=True),
)

st.subheader(t("story.aid.list"))
action_list(actions, categories)
