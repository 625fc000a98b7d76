"""Sources and data quality: every source and licence, rows per source and relation, weak rows, gaps."""

import streamlit as st

from atlas import quality
from atlas.join import load_record_hints
from components import data
from components.filters import filtered_links, sidebar_filters
from components.i18n import t

join = data.atlas_join()
filters = sidebar_filters(join)
records = data.partnerships()
summary = quality.summarise(records, join.unresolved)
per_pair = dict(summary.per_pair)
Link = st.column_config.LinkColumn


def columns(**labels: str) -> dict:
    """Column headers in the UI language: data column -> ``sources.col.<label>``."""
    return {column: st.column_config.TextColumn(t(f"sources.col.{label}")) for column, label in labels.items()}


st.title(t("sources.title"))
st.write(t("sources.intro"))
st.caption(t("sources.scope", records=summary.records, shown=len(filtered_links(join, filters))))

st.header(t("sources.credits.heading"))
st.write(t("sources.records_note", w3i=summary.w3i_rows))
credits = [
    {"name": item.name, "licence": t(f"sources.licence.{item.licence}"), "use": t(f"sources.topic.{item.topic}"),
     "link": item.url}
    for item in quality.CREDITS
]
st.dataframe(
    credits, hide_index=True, width="stretch",
    column_config=columns(name="name", licence="licence", use="use") | {"link": Link(t("sources.col.link"))},
)

st.header(t("sources.quality.heading"))
metrics = {
    "records": summary.records, "domains": summary.source_domains, "w3i": summary.w3i_rows,
    "unspecified": summary.type_unspecified, "doubtful": summary.doubtful, "undated": summary.undated,
    "unresolved": summary.unresolved_records,
}
for column, (name, value) in zip(st.columns(len(metrics)), metrics.items(), strict=True):
    column.metric(t(f"sources.metric.{name}"), value)
domain_column, relation_column = st.columns(2)
with domain_column:
    st.subheader(t("sources.per_domain.heading"))
    st.dataframe(
        quality.rows_per_source_domain(records), hide_index=True, height=320,
        column_config=columns(domain="domain", rows="rows"),
    )
with relation_column:
    st.subheader(t("sources.per_relation.heading"))
    relations = quality.rows_per_relation(records)
    relations["relation"] = relations["relation"].map(lambda code: t(f"filters.relation.{code}"))
    st.dataframe(relations, hide_index=True, column_config=columns(relation="relation", rows="rows"))

st.subheader(t("sources.weak.heading"))
st.markdown(t("sources.weak.unspecified", count=summary.type_unspecified))
st.write(t("sources.weak.undated", undated=summary.undated, without_admin1=summary.without_admin1))
st.markdown(f"**{t('sources.weak.doubtful')}**")
doubtful = quality.doubtful_rows(records, load_record_hints())
doubtful["reason"] = doubtful["reason"].map(lambda code: t(f"sources.doubt.{code}"))
st.dataframe(
    doubtful[["id", "a_name", "b_name", "reason", "settled", "note", "source_url"]], hide_index=True, width="stretch",
    column_config=columns(id="id", a_name="a", b_name="b", reason="reason", settled="settled", note="note")
    | {"source_url": Link(t("sources.col.source"), display_text=r"https?://(?:www\.)?([^/?#]+)")},
)

st.subheader(t("sources.missing.heading"))
st.markdown(t("sources.missing.body", de_pl=per_pair["DE-PL"], pl_ua=per_pair["PL-UA"], de_ua=per_pair["DE-UA"]))

st.subheader(t("sources.unresolved.heading"))
if join.unresolved.empty:
    st.write(t("sources.unresolved.none"))
else:
    st.write(t("sources.unresolved.intro", records=summary.unresolved_records, sides=summary.unresolved_sides))
    unresolved = join.unresolved.assign(match=join.unresolved["match"].map(lambda code: t(f"sources.match.{code}")))
    st.dataframe(
        unresolved, hide_index=True, width="stretch",
        column_config=columns(
            partnership_id="id", side="side", name="place", country="country", match="match",
            candidates="candidates", reason="why",
        ),
    )
