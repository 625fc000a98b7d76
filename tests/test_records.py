"""Contract tests on the committed records and the loaders' error messages."""

import pandas as pd
import pytest

from atlas import records
from atlas.schema import PAIRS


def test_committed_partnerships_load_with_every_source_url():
    frame = records.load_partnerships()
    assert len(frame) == 456
    assert frame["id"].is_unique
    assert set(frame["pair"]) == set(PAIRS)
    assert (frame["source_url"].str.startswith("http")).all()


def test_committed_aid_references_known_partnerships():
    partnerships = records.load_partnerships()
    aid = records.load_aid(partnership_ids=set(partnerships["id"]))
    assert len(aid) == 99
    assert set(aid["date_precision"]) <= {"day", "month", "year"}
    assert aid["source_url"].str.startswith("http").all()


def test_conferences_include_leipzig_2023_in_full():
    leipzig = [c for c in records.load_conferences() if c.get("number") == 6 and c.get("kind") == "conference"]
    assert len(leipzig) == 1
    assert leipzig[0]["city"] == "Leipzig" and leipzig[0]["start_date"] == "2023-11-13"


def test_bad_rows_are_named_by_row_column_and_value(tmp_path):
    frame = records.load_partnerships()
    broken = frame[list(records.PARTNERSHIP_COLUMNS)].head(3).copy()
    broken.loc[1, "relation"] = "marriage"
    broken.loc[2, "id"] = broken.loc[0, "id"]
    path = tmp_path / "partnerships.csv"
    broken.to_csv(path, index=False)
    with pytest.raises(records.RecordError) as error:
        records.load_partnerships(path)
    message = str(error.value)
    assert "row 3, column 'relation': got 'marriage'" in message
    assert "row 4, column 'id'" in message and "also on row 2" in message


def test_missing_column_is_reported(tmp_path):
    path = tmp_path / "partnerships.csv"
    pd.DataFrame({"id": ["P1"]}).to_csv(path, index=False)
    with pytest.raises(records.RecordError, match="a_name"):
        records.load_partnerships(path)
