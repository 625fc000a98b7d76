"""Altair charts of the story pages (altair ships with Streamlit and renders offline).

Each builder takes a prepared table and the axis titles in the UI language and returns a chart;
pages call ``st.altair_chart(chart)``. Colours: the pair colours of :mod:`atlas.palette`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from atlas.palette import pair_colours
from components import state

COUNTRY_COLOURS: dict[str, str] = {"DE": "#444444", "PL": "#CC79A7", "UA": "#0072B2"}
PRECISION_COLOURS: dict[str, str] = {"day": "#0072B2", "month": "#56B4E9", "year": "#BBBBBB"}


def _pair_scale() -> alt.Scale:
    colours = pair_colours("present" if state.is_presenting() else "light")
    return alt.Scale(domain=list(colours), range=list(colours.values()))


def cumulative_chart(per_year: pd.DataFrame, year_title: str, count_title: str, pair_title: str) -> alt.Chart:
    """Step lines of our cumulative counts per pair (``year``, ``pair``, ``cumulative``)."""
    return (
        alt.Chart(per_year)
        .mark_line(interpolate="step-after", point=True)
        .encode(
            x=alt.X("year:Q", title=year_title, axis=alt.Axis(format="d")),
            y=alt.Y("cumulative:Q", title=count_title),
            color=alt.Color("pair:N", title=pair_title, scale=_pair_scale()),
            tooltip=[alt.Tooltip("year:Q", format="d"), "pair:N", "new:Q", "cumulative:Q"],
        )
        .properties(height=320)
    )


def published_chart(figures: pd.DataFrame, year_title: str, value_title: str, source_title: str) -> alt.Chart:
    """Points of published figures at their date (``when``, ``number``), each tooltip with its source."""
    return (
        alt.Chart(figures)
        .mark_point(filled=True, size=80, shape="diamond")
        .encode(
            x=alt.X("when:Q", title=year_title, axis=alt.Axis(format="d"), scale=alt.Scale(zero=False)),
            y=alt.Y("number:Q", title=value_title),
            color=alt.Color("pair:N", scale=_pair_scale(), legend=None),
            tooltip=[
                alt.Tooltip("date:N"),
                alt.Tooltip("value:N"),
                alt.Tooltip("metric:N"),
                alt.Tooltip("source_org:N", title=source_title),
            ],
        )
        .properties(height=260)
    )


def category_chart(by_category: pd.DataFrame, labels: dict[str, str], category_title: str, count_title: str) -> alt.Chart:
    """Horizontal bars: actions per category (``category``, ``actions``), labels in the UI language."""
    table = by_category.assign(label=by_category["category"].map(labels))
    return (
        alt.Chart(table)
        .mark_bar(color="#D55E00")
        .encode(
            y=alt.Y("label:N", title=category_title, sort="-x", axis=alt.Axis(labelOverlap=False, labelLimit=220)),
            x=alt.X("actions:Q", title=count_title),
            tooltip=["label:N", "actions:Q"],
        )
        .properties(height=max(120, 28 * len(table)))
    )


def precision_chart(
    by_year: pd.DataFrame, labels: dict[str, str], year_title: str, count_title: str, precision_title: str
) -> alt.Chart:
    """Stacked bars per year, split by how precisely the date is known (``year``, ``date_precision``, ``actions``)."""
    table = by_year.assign(precision=by_year["date_precision"].map(labels))
    domain = [labels[key] for key in PRECISION_COLOURS]
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=year_title),
            y=alt.Y("actions:Q", title=count_title, stack="zero"),
            color=alt.Color(
                "precision:N", title=precision_title, scale=alt.Scale(domain=domain, range=list(PRECISION_COLOURS.values()))
            ),
            tooltip=["year:O", "precision:N", "actions:Q"],
        )
        .properties(height=260)
    )


def month_chart(
    by_month: pd.DataFrame, labels: dict[str, str], month_title: str, count_title: str, category_title: str
) -> alt.Chart:
    """Stacked bars per month for actions dated to the month or day (``month``, ``category``, ``actions``)."""
    table = by_month.assign(label=by_month["category"].map(labels))
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=month_title),
            y=alt.Y("actions:Q", title=count_title, stack="zero"),
            color=alt.Color("label:N", title=category_title),
            tooltip=["month:O", "label:N", "actions:Q"],
        )
        .properties(height=260)
    )


def bar_by_label(
    table: pd.DataFrame,
    label: str,
    value: str,
    colour_field: str | None,
    label_title: str,
    value_title: str,
    colours: dict[str, str] | None = None,
) -> alt.Chart:
    """Horizontal bars of ``value`` per ``label``, optionally coloured by a country or pair column."""
    encoding = {
        "y": alt.Y(f"{label}:N", title=label_title, sort="-x", axis=alt.Axis(labelOverlap=False, labelLimit=260)),
        "x": alt.X(f"{value}:Q", title=value_title),
        "tooltip": [f"{label}:N", f"{value}:Q"],
    }
    if colour_field:
        scale = alt.Scale(domain=list(colours), range=list(colours.values())) if colours else alt.Undefined
        encoding["color"] = alt.Color(f"{colour_field}:N", scale=scale, title=None)
    return alt.Chart(table).mark_bar().encode(**encoding).properties(height=max(120, 22 * len(table)))


def _first_day(date: str) -> str:
    """ "2024-09" → "2024-09-01", "2016" → "2016-01-01": where a month- or year-only date sits on an axis."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def timeline_chart(
    rows: list, labels: dict[str, str], series_names: dict[str, str], year_title: str, series_title: str
) -> alt.Chart:
    """Dated conferences and events as points on a time axis, one row per series, city written beside."""
    table = pd.DataFrame(
        [
            {
                "key": row.key,
                "start": _first_day(row.start),
                "series": series_names.get(row.series_key, row.series_key),
                "city": row.city,
                "label": labels[row.key],
            }
            for row in rows
            if row.start
        ]
    )
    table["below"] = _staggered(table)
    base = alt.Chart(table).encode(
        x=alt.X("start:T", title=year_title, axis=alt.Axis(format="%Y")),
        y=alt.Y("series:N", title=series_title, axis=alt.Axis(labelLimit=240), scale=alt.Scale(padding=0.8)),
        tooltip=[alt.Tooltip("label:N", title=None)],
    )
    points = base.mark_point(filled=True, size=120, color="#CC79A7")
    above = base.transform_filter("!datum.below").mark_text(align="left", dx=8, dy=-9, fontSize=11).encode(text="city:N")
    below = base.transform_filter("datum.below").mark_text(align="left", dx=8, dy=11, fontSize=11).encode(text="city:N")
    return (points + above + below).properties(height=230)


def _staggered(table: pd.DataFrame, years: float = 1.5) -> list[bool]:
    """Whether each event's city is written below its point: the next event of a series less than ``years``
    after one written above goes below (Lviv 2016 and Nürnberg 2017 no longer overwrite each other)."""
    if table.empty:
        return []
    starts = pd.to_datetime(table["start"]).tolist()
    series = table["series"].tolist()
    below = [False] * len(table)
    order = sorted(range(len(table)), key=lambda position: (series[position], starts[position]))
    for previous, current in zip(order, order[1:], strict=False):
        if series[previous] == series[current] and (starts[current] - starts[previous]).days < years * 365:
            below[current] = not below[previous]
    return below
