"""Planning an import of partnership rows against the records already in the database (pure).

:func:`plan_import` compares every incoming row with the existing partnerships and returns an
:class:`ImportPlan`: per row its errors and warnings, the municipalities suggested for names that did
not match, and what would happen — ``new``, ``update`` (with the changed fields), ``unchanged`` or
``rejected``. Nothing is written here; :meth:`atlas.store.Store.apply_import` writes a plan in one
transaction.

Matching rule: a row is the same partnership as an existing one when both sides name the same
municipalities (by gazetteer id when the geocoder resolves both, else by country and spelling-folded
name) and the relation is the same. Sides are put in the records' order (German side first in DE–UA
and DE–PL, Polish side first in PL–UA). An update keeps the stored names; empty cells in the file
never erase a stored value, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

import pandas as pd

from atlas.records import validate_partnerships
from atlas.schema import COUNTRIES, PARTNERSHIP_COLUMNS, pair_of

RowAction = Literal["new", "update", "unchanged", "rejected"]
SIDE_COLUMNS = ("country", "name", "kind", "admin1")
# What identifies a partnership: a matching row never rewrites these (the stored spelling stays).
IDENTITY_COLUMNS = ("a_country", "a_name", "b_country", "b_name", "relation")
DEFAULT_STATUS = "active"
MAX_SUGGESTIONS = 3


class ResolvesPlaces(Protocol):
    """What the importer needs of :class:`atlas.geocode.Geocoder`."""

    def resolve(self, name: str, country: str | None = None, kind: str | None = None,
                admin1: str | None = None) -> Any: ...


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class RowReport:
    """What the import would do with one row of the file (``row`` as a spreadsheet numbers it)."""

    row: int
    action: RowAction
    partnership_id: str  # empty for a new row without id: the store assigns the next free one
    values: dict[str, str]
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    changes: tuple[FieldChange, ...] = ()
    expected_version: int | None = None
    a_municipality_id: str = ""
    b_municipality_id: str = ""


@dataclass(frozen=True)
class ImportPlan:
    source: str
    rows: tuple[RowReport, ...] = field(default_factory=tuple)

    def count(self, action: RowAction) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def rejected(self) -> tuple[RowReport, ...]:
        return tuple(row for row in self.rows if row.action == "rejected")

    @property
    def writes(self) -> tuple[RowReport, ...]:
        """The rows that would change the database."""
        return tuple(row for row in self.rows if row.action in ("new", "update"))

    def summary(self) -> dict[str, int]:
        return {action: self.count(action) for action in ("new", "update", "unchanged", "rejected")}

    def to_frame(self) -> pd.DataFrame:
        """One line per row for display: row, action, id, the pair, errors, warnings, changes."""
        return pd.DataFrame(
            [
                {
                    "row": report.row,
                    "action": report.action,
                    "partnership_id": report.partnership_id,
                    "a_name": report.values.get("a_name", ""),
                    "b_name": report.values.get("b_name", ""),
                    "relation": report.values.get("relation", ""),
                    "errors": "; ".join(report.errors),
                    "warnings": "; ".join(report.warnings),
                    "changes": "; ".join(f"{c.column}: {c.old!r} → {c.new!r}" for c in report.changes),
                }
                for report in self.rows
            ],
            columns=["row", "action", "partnership_id", "a_name", "b_name", "relation", "errors", "warnings", "changes"],
        )


def name_key(country: str, name: str) -> str:
    """Country plus the spelling-folded name (:func:`atlas.normalise.search_key`)."""
    try:
        from atlas.normalise import search_key
    except ImportError:  # the normaliser arrives with the geocoder; until then fold case and accents
        def search_key(text: str) -> str:
            folded = unicodedata.normalize("NFKD", text.casefold())
            return " ".join("".join(ch for ch in folded if not unicodedata.combining(ch)).split())
    return f"{country}:{search_key(name)}"


def _describe_candidate(candidate: Any) -> str:
    return str(candidate)


def _resolve(geocoder: ResolvesPlaces | None, values: Mapping[str, str], side: str,
             cache: dict[tuple[str, ...], Any]) -> Any:
    if geocoder is None or not values[f"{side}_name"]:
        return None
    key = tuple(values[f"{side}_{column}"] for column in SIDE_COLUMNS)
    if key not in cache:
        cache[key] = geocoder.resolve(
            values[f"{side}_name"], country=values[f"{side}_country"] or None,
            kind=values[f"{side}_kind"] or None, admin1=values[f"{side}_admin1"] or None,
        )
    return cache[key]


def _orient(values: dict[str, str]) -> bool:
    """Swap the sides in place when the file has them the other way round (Ukrainian side first, …)."""
    a, b = values["a_country"], values["b_country"]
    if a in COUNTRIES and b in COUNTRIES and a != b and pair_of(a, b).split("-")[0] != a:
        for column in SIDE_COLUMNS:
            values[f"a_{column}"], values[f"b_{column}"] = values[f"b_{column}"], values[f"a_{column}"]
        return True
    return False


def _fill_from_gazetteer(values: dict[str, str], side: str, place: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """Fill an empty country, kind or region of a matched side from its gazetteer row; returns what was filled.

    Only new rows keep these values: an update never writes what the file left empty.
    """
    filled = []
    for column, source in (("country", "country"), ("kind", "kind"), ("admin1", "admin1_name")):
        if not values[f"{side}_{column}"] and place and place.get(source):
            values[f"{side}_{column}"] = str(place[source])
            filled.append((f"{side}_{column}", str(place[source])))
    return filled


def _keys(values: Mapping[str, str], a_id: str, b_id: str) -> list[tuple[str, str, str]]:
    keys = []
    if a_id and b_id:
        keys.append((a_id, b_id, values["relation"]))
    keys.append((name_key(values["a_country"], values["a_name"]), name_key(values["b_country"], values["b_name"]),
                 values["relation"]))
    return keys


def _clean_row(row: Mapping[str, Any]) -> dict[str, str]:
    values = {column: "" if row.get(column) is None or pd.isna(row.get(column)) else str(row.get(column)).strip()
              for column in PARTNERSHIP_COLUMNS}
    for column in ("a_country", "b_country"):
        values[column] = values[column].upper()
    for column in ("a_kind", "b_kind", "relation", "status"):
        values[column] = values[column].lower()
    return values


def plan_import(
    incoming: pd.DataFrame,
    existing: pd.DataFrame,
    versions: Mapping[str, int],
    geocoder: ResolvesPlaces | None = None,
    source: str = "",
    row_numbers: Sequence[int] | None = None,
    place_row: Callable[[str], Mapping[str, Any] | None] | None = None,
) -> ImportPlan:
    """Compare the rows of ``incoming`` with ``existing`` partnerships (``versions``: id → version).

    ``incoming`` has (a subset of) the columns of ``PARTNERSHIP_COLUMNS`` as text; ``row_numbers``
    gives each row's number in the file (default: 2, 3, … below a header row). ``place_row``
    (e.g. ``Gazetteer.row``) fills an empty country, kind or region of a matched name.
    """
    numbers = list(row_numbers) if row_numbers is not None else [index + 2 for index in range(len(incoming))]
    cache: dict[tuple[str, ...], Any] = {}
    existing_rows = {row["id"]: _clean_row(row) for row in existing.to_dict("records")}
    index: dict[tuple[str, str, str], list[str]] = {}
    for record_id, values in existing_rows.items():
        ids = [_matched_id(_resolve(geocoder, values, side, cache)) for side in ("a", "b")]
        for key in _keys(values, *ids):
            index.setdefault(key, []).append(record_id)
    seen: dict[tuple[str, str, str], int] = {}
    seen_ids: dict[str, int] = {}
    reports = [
        _plan_row(row, number, existing_rows, versions, index, seen, seen_ids, geocoder, cache, place_row)
        for row, number in zip(incoming.to_dict("records"), numbers, strict=True)
    ]
    return ImportPlan(source=source, rows=tuple(reports))


def _matched_id(match: Any) -> str:
    if match is not None and getattr(match, "status", "") == "matched":
        return str(getattr(match, "municipality_id", "") or "")
    return ""


def _plan_row(row: Mapping[str, Any], number: int, existing_rows: Mapping[str, dict[str, str]],
              versions: Mapping[str, int], index: Mapping[tuple[str, str, str], list[str]],
              seen: dict[tuple[str, str, str], int], seen_ids: dict[str, int],
              geocoder: ResolvesPlaces | None, cache: dict[tuple[str, ...], Any],
              place_row: Callable[[str], Mapping[str, Any] | None] | None) -> RowReport:
    values = _clean_row(row)
    errors: list[str] = []
    warnings: list[str] = []
    filled: set[str] = set()
    fill_notes: list[str] = []  # reported for new rows only: an update never writes what the file left empty
    municipality_ids = []
    for side in ("a", "b"):
        match = _resolve(geocoder, values, side, cache)
        municipality_ids.append(_matched_id(match))
        if match is None:
            continue
        status = getattr(match, "status", "unmatched")
        if status != "matched":
            likeliest = ", ".join(_describe_candidate(c) for c in tuple(getattr(match, "candidates", ()))[:MAX_SUGGESTIONS])
            warnings.append(
                f"{side}_name: {values[f'{side}_name']!r} is {status} in the gazetteer"
                + (f"; likeliest: {likeliest}" if likeliest else "; no similar name found")
            )
        elif place_row is not None:
            for column, value in _fill_from_gazetteer(values, side, place_row(municipality_ids[-1])):
                filled.add(column)
                fill_notes.append(f"{column}: empty, taken from the gazetteer ({value})")
    if _orient(values):
        municipality_ids.reverse()
        filled = {("b" if column[0] == "a" else "a") + column[1:] for column in filled}
    checked = values | {"id": values["id"] or "new", "status": values["status"] or DEFAULT_STATUS}
    problems = validate_partnerships(pd.DataFrame([checked], dtype=str), "file")
    errors += [f"{problem.column}: got {problem.value!r}, expected {problem.expected}" for problem in problems]
    keys = _keys(values, *municipality_ids)
    # Several stored records can share a pair (a gmina and its town of the same name resolve alike):
    # the file's own id decides between them.
    candidates = [record_id for key in keys for record_id in index.get(key, [])]
    target = values["id"] if values["id"] in candidates else (candidates[0] if candidates else None)
    if target is not None:
        duplicate_of = seen.get(("id", target, ""))
        seen.setdefault(("id", target, ""), number)
    else:
        duplicate_of = next((seen[key] for key in keys if key in seen), None)
        for key in keys:
            seen.setdefault(key, number)
    if duplicate_of is not None:
        errors.append(f"the same partnership as row {duplicate_of}")
    if target is None and values["id"]:
        if values["id"] in existing_rows:
            other = existing_rows[values["id"]]
            errors.append(f"id: {values['id']!r} already belongs to {other['a_name']} – {other['b_name']} ({other['relation']})")
        elif values["id"] in seen_ids:
            errors.append(f"id: {values['id']!r} also on row {seen_ids[values['id']]}")
        seen_ids.setdefault(values["id"], number)
    report = {"row": number, "values": values, "warnings": tuple(warnings),
              "a_municipality_id": municipality_ids[0], "b_municipality_id": municipality_ids[1]}
    if errors:
        report["warnings"] += tuple(fill_notes)
        return RowReport(action="rejected", partnership_id=target or values["id"], errors=tuple(errors), **report)
    if target is None:
        report["warnings"] += tuple(fill_notes)
        if not values["status"]:  # a new row needs a status; a matched one keeps its stored status
            values["status"] = DEFAULT_STATUS
            report["warnings"] += (f"status: empty, taken as {DEFAULT_STATUS!r}",)
        return RowReport(action="new", partnership_id=values["id"], **report)
    if values["id"] and values["id"] != target:
        report["warnings"] += (f"id: the file says {values['id']!r}, the records know this partnership as {target!r}",)
    old = existing_rows[target]
    changes = tuple(
        FieldChange(column, old[column], values[column])
        for column in PARTNERSHIP_COLUMNS[1:]
        if column not in IDENTITY_COLUMNS and column not in filled and values[column] and values[column] != old[column]
    )
    merged = old | {change.column: change.new for change in changes}
    report["values"] = merged
    if not changes:
        return RowReport(action="unchanged", partnership_id=target, **report)
    return RowReport(action="update", partnership_id=target, changes=changes,
                     expected_version=int(versions[target]), **report)


def suggestions_text(reports: Iterable[RowReport]) -> list[str]:
    """Every warning and error as ``row N: …`` lines (for the command line and logs)."""
    lines = []
    for report in reports:
        lines += [f"row {report.row}: error: {message}" for message in report.errors]
        lines += [f"row {report.row}: warning: {message}" for message in report.warnings]
    return lines


MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ImportInput:
    """The rows read from a file, with the row number each has in the file."""

    source: str
    frame: pd.DataFrame
    row_numbers: tuple[int, ...]


def read_import_file(path_or_bytes: Path | str | bytes, source_name: str | None = None) -> ImportInput:
    """Read a CSV or XLSX of partnerships (XLSX recognised by its zip signature, not by the name).

    Raises :class:`atlas.reader.ReadError` with a clear message for anything unreadable: too large,
    binary junk, a wrong encoding, a broken or oversized workbook.
    """
    from atlas import reader

    if isinstance(path_or_bytes, bytes):
        data, source_name = path_or_bytes, source_name or "upload"
    else:
        path = Path(path_or_bytes)
        source_name = source_name or path.name
        try:
            if path.stat().st_size > MAX_UPLOAD_BYTES:
                raise reader.ReadError(source_name, None, f"larger than the limit of {MAX_UPLOAD_BYTES:,} bytes")
            data = path.read_bytes()
        except OSError as error:
            raise reader.ReadError(source_name, None, f"cannot read the file ({error.strerror or error})") from error
    if len(data) > MAX_UPLOAD_BYTES:
        raise reader.ReadError(source_name, None, f"{len(data):,} bytes, larger than the limit of {MAX_UPLOAD_BYTES:,} bytes")
    if data.startswith(b"PK\x03\x04"):
        result = reader.read_partnership_xlsx(data, source_name)
    else:
        result = reader.read_partnership_table(data, source_name)
    frame = result.frame.reset_index(drop=True)
    return ImportInput(source_name, frame, tuple(index + 2 for index in range(len(frame))))


def plan_from_store(incoming: ImportInput, store: Any, geocoder: ResolvesPlaces | None = None,
                    place_row: Callable[[str], Mapping[str, Any] | None] | None = None) -> ImportPlan:
    """:func:`plan_import` against the partnerships currently in ``store`` (an :class:`atlas.store.Store`)."""
    return plan_import(incoming.frame, store.partnerships_frame(), store.versions("partnerships"), geocoder=geocoder,
                       source=incoming.source, row_numbers=incoming.row_numbers, place_row=place_row)


def preview_frame(plan: ImportPlan) -> pd.DataFrame:
    """The rows an import would keep (new, update, unchanged) as a partnerships table in the shape of
    :func:`atlas.records.load_partnerships`, for a map preview; new rows without id get ``row-<n>``."""
    kept = [row for row in plan.rows if row.action != "rejected"]
    frame = pd.DataFrame(
        [{**{column: row.values.get(column, "") for column in PARTNERSHIP_COLUMNS},
          "id": row.partnership_id or f"row-{row.row}"} for row in kept],
        columns=list(PARTNERSHIP_COLUMNS), dtype=str,
    )
    frame["pair"] = pd.Series([pair_of(a, b) for a, b in zip(frame["a_country"], frame["b_country"], strict=True)],
                              dtype=str)
    frame["since_year"] = pd.to_numeric(frame["since"].replace("", None), errors="coerce").astype("Int64")
    return frame
