"""Data quality for the sources page: counts per source and relation, weak rows, W3I credit, gaps."""

from __future__ import annotations

import pandas as pd
import pytest

from atlas import quality, records

W3I = "https://github.com/MaxSemenchuk/hromada-strategy-collab/blob/e062f/data/releases/twinning-partners.json"


@pytest.fixture
def partnerships() -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            ("P0006", "DE-UA", "project", "2023", "Bayern", "", W3I, "Butschatsch; SKEW-listed, type unspecified"),
            ("P0002", "DE-UA", "project", "", "Hessen", "Хмельницька область", W3I,
             "SKEW-listed relation, type not specified"),
            ("P0003", "PL-UA", "project", "", "lubelskie", "Волинська область", W3I, "Registered agreement"),
            ("P0004", "DE-PL", "twinning", "1990", "Bayern", "małopolskie", "https://www.bavariaworldwide.de/x", ""),
            ("P0005", "DE-UA", "solidarity", "2022", "Sachsen", "Київська область", "https://example.org/a?b=1", ""),
        ],
        columns=["id", "pair", "relation", "since", "a_admin1", "b_admin1", "source_url", "note"],
    )
    frame["a_name"], frame["b_name"] = "A", "B"
    frame["since_year"] = pd.to_numeric(frame["since"].replace("", None)).astype("Int64")
    return frame


def test_source_domain():
    assert quality.source_domain("https://www.bavariaworldwide.de/x") == "bavariaworldwide.de"
    assert quality.source_domain(W3I) == "github.com/MaxSemenchuk/hromada-strategy-collab"
    assert quality.source_domain("") == ""


def test_rows_per_source_domain(partnerships):
    table = quality.rows_per_source_domain(partnerships)
    assert list(table.columns) == ["domain", "rows", "DE-UA", "DE-PL", "PL-UA"]
    assert table.iloc[0].to_dict() == {
        "domain": "github.com/MaxSemenchuk/hromada-strategy-collab", "rows": 3, "DE-UA": 2, "DE-PL": 0, "PL-UA": 1,
    }
    assert list(table["domain"][1:]) == ["bavariaworldwide.de", "example.org"]
    assert table["rows"].sum() == len(partnerships)


def test_rows_per_relation_lists_every_relation(partnerships):
    table = quality.rows_per_relation(partnerships)
    assert list(table["relation"]) == ["twinning", "friendship", "project", "solidarity", "intent"]
    assert dict(zip(table["relation"], table["rows"], strict=True)) == {
        "twinning": 1, "friendship": 0, "project": 3, "solidarity": 1, "intent": 0,
    }
    assert table.set_index("relation").loc["project", "PL-UA"] == 1


def test_summary_counts_weak_rows(partnerships):
    unresolved = pd.DataFrame({"partnership_id": ["P0003", "P0003", "P0005"], "side": ["a", "b", "b"]})
    summary = quality.summarise(partnerships, unresolved)
    assert summary.records == 5
    assert summary.w3i_rows == 3
    assert summary.type_unspecified == 2  # both wordings; the PL-UA W3I row kept its type
    assert dict(summary.type_unspecified_per_pair)["DE-UA"] == 2
    assert summary.doubtful == 1  # P0006 is on the README's list
    assert summary.undated == 2
    assert summary.without_admin1 == 1
    assert summary.source_domains == 3
    assert (summary.unresolved_records, summary.unresolved_sides) == (2, 3)


def test_summary_without_a_join(partnerships):
    assert quality.summarise(partnerships).unresolved_records == 0


def test_doubtful_rows_carry_their_reason(partnerships):
    rows = quality.doubtful_rows(partnerships)
    assert list(rows["id"]) == ["P0006"]
    assert rows.loc[0, "reason"] == "which_place"


def test_real_records_weak_spots_are_found():
    real = records.load_partnerships()
    summary = quality.summarise(real)
    assert summary.records == len(real)
    assert set(quality.doubtful_rows(real)["id"]) == set(quality.DOUBTFUL_ROWS)
    assert summary.w3i_rows == int(real["source_url"].str.contains("hromada-strategy-collab").sum()) > 0
    # the SKEW rows without a type are all German-Ukrainian and all recorded as "project"
    assert summary.type_unspecified > 0
    assert summary.type_unspecified == dict(summary.type_unspecified_per_pair)["DE-UA"]
    assert quality.rows_per_relation(real)["rows"].sum() == len(real)


def test_every_credit_names_a_licence():
    assert all(credit.name and credit.licence and credit.url.startswith("https://") for credit in quality.CREDITS)
    assert any("W3I" in credit.name and credit.licence == "cc-by-4.0" for credit in quality.CREDITS)


def test_a_doubtful_row_a_record_hint_places_says_by_what():
    """P0046 (which Borken?) is placed by geodata/record_hints.csv: the sources page shows the qualifier and the
    evidence beside the doubt; P0006 (which Altenstadt?) has none and says nothing."""
    from atlas.join import load_record_hints

    rows = quality.doubtful_rows(records.load_partnerships(), load_record_hints()).set_index("id")
    assert rows.loc["P0046", "settled"].startswith("Borken (Kreis Borken): ")
    assert "borken.de" in rows.loc["P0046", "settled"]
    assert rows.loc["P0006", "settled"] == ""
