"""Growth of the network over time: our records' cumulative counts and the figures others published.

The two are never merged. Our count is "partnerships in this atlas whose ``since`` year is known"; the
published figures count different things (formal twinnings only, all municipal relations, members of
one network …) and each stays with its date, value as published, definition and source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from atlas.schema import PAIRS

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_YEAR_MONTH = re.compile(r"^\s*(1[89]\d\d|20\d\d)-(0[1-9]|1[0-2])\b")
# A value is a single number when it is one number, optionally qualified and optionally followed by
# a parenthesised remark: ">250", "~80", "almost 30", "~1,400", "128 (+6)". Sums and ranges are not.
_SINGLE_VALUE = re.compile(r"^\s*(?P<qualifier>>|<|~|≈|almost|about|c\.)?\s*(?P<number>\d{1,3}(?:,\d{3})+|\d+)\s*(?:\(.*\))?\s*$")
# What a figure counts, read from its ``metric`` text: a figure is about partnerships when it names
# them (or town/municipal relations, partner towns). Not charted as a count of all partnerships at that
# date: head-counts of participants or municipalities, growth rates, sub-sets (Land–oblast only, Kreise
# only) and counts that describe an earlier moment ("before the war", published later).
_COUNTS_PARTNERSHIPS = re.compile(r"partnership|twinning|relation|cooperation|partner town|partner cit|agreement", re.I)
_NOT_PARTNERSHIPS = re.compile(
    r"participant|representatives|municipalities in|signed up|growth|regional|landkreise|before the war", re.I
)


@dataclass(frozen=True)
class Growth:
    """Our records per year and pair.

    ``per_year`` has one row per (year, pair) from the first to the last known year with columns
    ``year``, ``pair``, ``new`` and ``cumulative``. ``undated`` maps each pair to the number of
    partnerships without a ``since`` year, which are in no yearly count.
    """

    per_year: pd.DataFrame
    undated: dict[str, int]

    @property
    def dated_total(self) -> int:
        return int(self.per_year.groupby("pair")["new"].sum().sum()) if len(self.per_year) else 0


def cumulative_by_year(links: pd.DataFrame, pairs: tuple[str, ...] = PAIRS, until: int | None = None) -> Growth:
    """Count partnerships per ``since_year`` and pair, cumulatively.

    ``until`` extends the series to that year (e.g. the current year) so the last step stays visible.

    >>> frame = pd.DataFrame({"pair": ["DE-UA", "DE-UA", "PL-UA"], "since_year": pd.array([2022, None, 2023], "Int64")})
    >>> growth = cumulative_by_year(frame)
    >>> growth.undated["DE-UA"], int(growth.per_year.query("pair == 'PL-UA' and year == 2023")["cumulative"].iloc[0])
    (1, 1)
    """
    years = pd.to_numeric(links["since_year"], errors="coerce")
    dated = links.loc[years.notna(), ["pair"]].assign(year=years[years.notna()].astype(int))
    undated = {pair: int(((links["pair"] == pair) & years.isna()).sum()) for pair in pairs}
    if dated.empty:
        return Growth(pd.DataFrame(columns=["year", "pair", "new", "cumulative"]), undated)
    last = max(int(dated["year"].max()), until or 0)
    index = pd.MultiIndex.from_product([range(int(dated["year"].min()), last + 1), list(pairs)], names=["year", "pair"])
    new = dated.groupby(["year", "pair"]).size().reindex(index, fill_value=0).rename("new").reset_index()
    new["cumulative"] = new.groupby("pair")["new"].cumsum()
    return Growth(new.astype({"year": int, "new": int, "cumulative": int}), undated)


def stood_in(links: pd.DataFrame, year: int) -> pd.DataFrame:
    """The links as they stood at the end of ``year``: ``since_year`` known and not later.

    Undated rows are left out, because we cannot say whether they existed then.
    """
    years = pd.to_numeric(links["since_year"], errors="coerce")
    return links[years.notna() & (years <= year)]


@dataclass(frozen=True)
class PublishedValue:
    """A published value read for a chart: the number and how it was qualified (">", "~", …)."""

    number: int | None
    qualifier: str


def parse_value(value: object) -> PublishedValue:
    """Read a published value; ``number`` is None when it is not one number (sums, ranges, percentages).

    >>> parse_value(">250"), parse_value("~1,400").number, parse_value("33 twinnings + 26 friendships").number
    (PublishedValue(number=250, qualifier='>'), 1400, None)
    """
    if isinstance(value, bool):
        return PublishedValue(None, "")
    if isinstance(value, int):
        return PublishedValue(value, "")
    match = _SINGLE_VALUE.match(str(value))
    if not match:
        return PublishedValue(None, "")
    return PublishedValue(int(match["number"].replace(",", "")), match["qualifier"] or "")


def figure_date(date: str) -> float | None:
    """A position on a time axis (year + month / 12) for a published date, or None if not one date.

    "2015-12" → 2015.92, "c. 2012" → 2012.0, "2015-10/2018-06" (a span) → None, "undated" → None.
    """
    text = str(date)
    years = set(_YEAR.findall(text))
    if len(years) != 1:
        return None
    month = _YEAR_MONTH.match(text)
    if month:
        return int(month[1]) + (int(month[2]) - 1) / 12
    return float(years.pop())


def counts_partnerships(metric: str) -> bool:
    """True when a figure's ``metric`` says it counts partnerships (not participants or municipalities)."""
    return bool(_COUNTS_PARTNERSHIPS.search(metric)) and not _NOT_PARTNERSHIPS.search(metric)


def published_figures(figures: list[dict]) -> pd.DataFrame:
    """The published figures as a table, each value kept exactly as published.

    Columns: ``date``, ``pair``, ``metric``, ``value`` (text as published), ``source_org``,
    ``source_url`` (may be empty: our own count has none), ``note``, and for charts ``number``,
    ``qualifier``, ``when`` (fractional year or NaN) and ``counts_partnerships``.
    """
    rows = []
    for figure in figures:
        parsed = parse_value(figure.get("value"))
        notes = [str(figure[key]) for key in ("note", "url_note") if figure.get(key)]
        rows.append(
            {
                "date": str(figure.get("date", "")),
                "pair": str(figure.get("pair", "")),
                "metric": str(figure.get("metric", "")),
                "value": str(figure.get("value", "")),
                "source_org": str(figure.get("source_org", "")),
                "source_url": figure.get("source_url") or "",
                "note": "; ".join(notes),
                "number": parsed.number,
                "qualifier": parsed.qualifier,
                "when": figure_date(str(figure.get("date", ""))),
                "counts_partnerships": counts_partnerships(str(figure.get("metric", ""))),
            }
        )
    table = pd.DataFrame(rows)
    table["number"] = table["number"].astype("Int64")
    table["when"] = table["when"].astype(float)
    return table


def chartable_figures(table: pd.DataFrame, pair: str) -> pd.DataFrame:
    """Published figures of ``pair`` that count partnerships and have one date and one number."""
    mask = (table["pair"] == pair) & table["counts_partnerships"] & table["number"].notna() & table["when"].notna()
    return table[mask].sort_values("when", ignore_index=True)
