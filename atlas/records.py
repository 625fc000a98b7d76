"""Loading and validating the curated records in ``geodata/``.

Every loader checks the schema and raises :class:`RecordError` naming the file, the row, the column,
the value received and what was expected. Nothing is dropped silently.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from atlas import GEODATA_DIR
from atlas.schema import (
    AID_CATEGORIES,
    AID_COLUMNS,
    COUNTRIES,
    KINDS,
    PARTNERSHIP_COLUMNS,
    RELATIONS,
    STATUSES,
    pair_of,
)

PARTNERSHIPS_FILE = "partnerships.csv"
AID_FILE = "aid.csv"
CONFERENCES_FILE = "conferences.json"
FIGURES_FILE = "figures.json"
ADMIN1_FILE = "geonames_admin1_de_pl_ua.csv"

_AID_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value of one row."""

    source: str
    row: int  # 1-based data row number as a spreadsheet shows it (header is row 1, first record row 2)
    column: str
    value: str
    expected: str

    def __str__(self) -> str:
        return f"{self.source}, row {self.row}, column '{self.column}': got {self.value!r}, expected {self.expected}"


class RecordError(ValueError):
    """Raised when a records file does not meet its schema; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(problem) for problem in problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s):\n{shown}{more}")


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _check_columns(frame: pd.DataFrame, expected: tuple[str, ...], source: str) -> None:
    missing = [column for column in expected if column not in frame.columns]
    if missing:
        raise RecordError([Problem(source, 1, column, "", "this column in the header") for column in missing])


def validate_partnerships(frame: pd.DataFrame, source: str = PARTNERSHIPS_FILE) -> list[Problem]:
    """Return every schema problem of a partnerships table (empty list when it is valid)."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(frame.to_dict("records")):
        line = index + 2
        record_id = row["id"].strip()
        if not record_id:
            problems.append(Problem(source, line, "id", row["id"], "a non-empty id"))
        elif record_id in seen:
            problems.append(Problem(source, line, "id", record_id, f"a unique id (also on row {seen[record_id]})"))
        else:
            seen[record_id] = line
        for side in ("a", "b"):
            if row[f"{side}_country"] not in COUNTRIES:
                problems.append(Problem(source, line, f"{side}_country", row[f"{side}_country"], "one of DE, PL, UA"))
            if not row[f"{side}_name"].strip():
                problems.append(Problem(source, line, f"{side}_name", row[f"{side}_name"], "a municipality name"))
            if row[f"{side}_kind"] not in KINDS:
                problems.append(Problem(source, line, f"{side}_kind", row[f"{side}_kind"], "one of " + ", ".join(KINDS)))
        if row["a_country"] == row["b_country"] and row["a_country"] in COUNTRIES:
            problems.append(Problem(source, line, "b_country", row["b_country"], "a country other than a_country"))
        if row["relation"] not in RELATIONS:
            problems.append(Problem(source, line, "relation", row["relation"], "one of " + ", ".join(RELATIONS)))
        if row["status"] not in STATUSES:
            problems.append(Problem(source, line, "status", row["status"], "one of " + ", ".join(STATUSES)))
        since = row["since"].strip()
        if since and not (since.isdigit() and 1900 <= int(since) <= 2100):
            problems.append(Problem(source, line, "since", since, "a year between 1900 and 2100, or empty"))
    return problems


def load_partnerships(path: Path | None = None) -> pd.DataFrame:
    """Load and validate the partnerships table.

    Returns one row per partnership with the columns of ``PARTNERSHIP_COLUMNS`` plus ``pair``
    ("DE-UA", "DE-PL", "PL-UA") and ``since_year`` (nullable integer).
    Raises :class:`RecordError` when the file breaks the schema.
    """
    path = path or GEODATA_DIR / PARTNERSHIPS_FILE
    frame = _read_csv(path)
    _check_columns(frame, PARTNERSHIP_COLUMNS, path.name)
    problems = validate_partnerships(frame, path.name)
    if problems:
        raise RecordError(problems)
    frame = frame[list(PARTNERSHIP_COLUMNS)].copy()
    frame["pair"] = [pair_of(a, b) for a, b in zip(frame["a_country"], frame["b_country"], strict=True)]
    frame["since_year"] = pd.to_numeric(frame["since"].replace("", None), errors="coerce").astype("Int64")
    return frame


def load_aid(path: Path | None = None, partnership_ids: set[str] | None = None) -> pd.DataFrame:
    """Load and validate the aid actions table.

    ``partnership_ids``, when given, must contain every ``partnership_id`` referenced.
    Adds ``date_precision`` ("day", "month", "year") and ``year`` (int).
    """
    path = path or GEODATA_DIR / AID_FILE
    frame = _read_csv(path)
    _check_columns(frame, AID_COLUMNS, path.name)
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, row in enumerate(frame.to_dict("records")):
        line = index + 2
        if not row["id"] or row["id"] in seen:
            problems.append(Problem(path.name, line, "id", row["id"], "a unique, non-empty id"))
        seen.add(row["id"])
        if partnership_ids is not None and row["partnership_id"] not in partnership_ids:
            problems.append(Problem(path.name, line, "partnership_id", row["partnership_id"], "the id of a known partnership"))
        if not _AID_DATE.match(row["date"]):
            problems.append(Problem(path.name, line, "date", row["date"], "YYYY, YYYY-MM or YYYY-MM-DD"))
        if row["category"] not in AID_CATEGORIES:
            problems.append(Problem(path.name, line, "category", row["category"], "one of " + ", ".join(AID_CATEGORIES)))
    if problems:
        raise RecordError(problems)
    frame = frame[list(AID_COLUMNS)].copy()
    frame["date_precision"] = frame["date"].str.len().map({4: "year", 7: "month", 10: "day"})
    frame["year"] = frame["date"].str[:4].astype(int)
    return frame


def load_conferences(path: Path | None = None) -> list[dict]:
    """Load the conferences list (see ``geodata/README.md`` for its fields)."""
    path = path or GEODATA_DIR / CONFERENCES_FILE
    with path.open(encoding="utf-8") as handle:
        conferences = json.load(handle)
    if not isinstance(conferences, list):
        raise RecordError([Problem(path.name, 1, "(top level)", type(conferences).__name__, "a JSON list")])
    return conferences


def load_figures(path: Path | None = None) -> list[dict]:
    """Load the published headline figures, each with its date, metric, value and source."""
    path = path or GEODATA_DIR / FIGURES_FILE
    with path.open(encoding="utf-8") as handle:
        figures = json.load(handle)
    if not isinstance(figures, list):
        raise RecordError([Problem(path.name, 1, "(top level)", type(figures).__name__, "a JSON list")])
    return figures


def load_admin1(path: Path | None = None) -> pd.DataFrame:
    """Load the GeoNames admin1 table: country, code, local/German/English name, ISO 3166-2."""
    path = path or GEODATA_DIR / ADMIN1_FILE
    return _read_csv(path)
