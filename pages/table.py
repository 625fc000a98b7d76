"""The partnerships table: the text alternative to the map, with the same filters and a CSV download."""

from functools import partial

import streamlit as st

from atlas.export import csv_bytes
from atlas.table import TABLE_COLUMNS, partnership_table, records_of
from components import data, state, synthetic_notice
from components.filters import filtered_links, options_for, sidebar_filters
from components.i18n import t
from components.key_figures import show_key_figures


def _csv_of(links) -> bytes:
    return csv_bytes(records_of(links))


join = data.atlas_join()
filters = sidebar_filters(join)
links = filtered_links(join, filters)
synthetic_notice.synthetic_notice(links)
options = options_for(join)

st.title(t("table.title"))
show_key_figures(data.key_figures(links))
st.caption(t("table.caption"))
if links.empty:
    st.info(t("table.empty"))
table = partnership_table(links, state.language(), data.aid_actions(), lambda key: t(f"filters.{key}"), options.admin1_label)
columns = {column: st.column_config.TextColumn(t(f"table.col.{column}")) for column in TABLE_COLUMNS}
columns["since"] = st.column_config.NumberColumn(t("table.col.since"), format="%d")
columns["aid_actions"] = st.column_config.NumberColumn(t("table.col.aid_actions"), format="%d")
columns["source_url"] = st.column_config.LinkColumn(t("table.col.source_url"), display_text=r"https?://(?:www\.)?([^/?#]+)")
st.dataframe(table, column_config=columns, hide_index=True, width="stretch", key=state.KEY_FILTERS_TABLE)
st.download_button(
    t("table.download"),
    data=partial(_csv_of, links),  # made when pressed, not on every rerun
    on_click="ignore",
    file_name=t("table.file_name"),
    mime="text/csv",
    help=t("table.download.help", count=len(links)),
    key=state.KEY_FILTERS_DOWNLOAD,
)
