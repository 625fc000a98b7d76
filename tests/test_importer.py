"""Import: per-row report, matching by pair and relation, idempotence, exit codes, nothing half-written."""

import io

import openpyxl
import pandas as pd
import pytest

from atlas import importer
from atlas.commands import importer as import_command
from atlas.schema import PARTNERSHIP_COLUMNS
from atlas.store import open_store

HEADER = ",".join(PARTNERSHIP_COLUMNS)
EXISTING = pd.DataFrame([
    dict(zip(PARTNERSHIP_COLUMNS, (
        "P0001", "DE", "Aachen", "city", "Nordrhein-Westfalen", "UA", "Чернігів", "city", "", "twinning",
        "2022", "active", "https://example.org/a", "",
    ), strict=True)),
], dtype=str)


def incoming(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{column: row.get(column, "") for column in PARTNERSHIP_COLUMNS} for row in rows], dtype=str)


# Made-up places ("Musterstadt" is German for a placeholder town): never mistaken for a real record.
NEW_ROW = {"a_country": "DE", "a_name": "Musterstadt", "a_kind": "city", "b_country": "UA", "b_name": "Зразкове",
           "b_kind": "city", "relation": "twinning", "since": "1961", "status": "active"}
SAME_AS_P0001 = {"a_country": "UA", "a_name": "Чернігів", "a_kind": "city", "b_country": "DE", "b_name": "aachen",
                 "b_kind": "city", "relation": "twinning", "note": "Ratsbeschluss 2022"}


def test_rows_are_new_updated_or_rejected_with_the_reason():
    plan = importer.plan_import(
        incoming(NEW_ROW, SAME_AS_P0001, NEW_ROW | {"relation": "marriage"}), EXISTING, {"P0001": 3}, source="f.csv"
    )
    new, update, rejected = plan.rows
    assert (new.action, new.row, new.partnership_id) == ("new", 2, "")
    assert (update.action, update.partnership_id, update.expected_version) == ("update", "P0001", 3)
    assert [(c.column, c.old, c.new) for c in update.changes] == [("note", "", "Ratsbeschluss 2022")]
    assert update.values["a_name"] == "Aachen"  # records' side order and spelling kept, empty cells keep values
    assert rejected.action == "rejected" and "relation" in rejected.errors[0]
    assert plan.summary() == {"new": 1, "update": 1, "unchanged": 0, "rejected": 1}


def test_a_row_twice_in_one_file_is_rejected_the_second_time():
    plan = importer.plan_import(incoming(NEW_ROW, NEW_ROW), EXISTING, {"P0001": 1})
    assert [row.action for row in plan.rows] == ["new", "rejected"]
    assert plan.rows[1].errors == ("the same partnership as row 2",)


def test_an_id_that_belongs_to_another_partnership_is_rejected():
    plan = importer.plan_import(incoming(NEW_ROW | {"id": "P0001"}), EXISTING, {"P0001": 1})
    assert plan.rows[0].action == "rejected" and "already belongs to Aachen" in plan.rows[0].errors[0]


class FakeGeocoder:
    """Matches only "Musterstadt"; anything else is unmatched with one suggestion."""

    def resolve(self, name, country=None, kind=None, admin1=None):
        from atlas.geocode import Candidate, Match

        if name == "Musterstadt":
            return Match("matched", "gn:2879139", 51.34, 12.37)
        suggestion = Candidate("gn:703448", "Київ", "city", "UA", "UA-30", "", 50.45, 30.52, 2_900_000)
        return Match("unmatched", None, None, None, (suggestion,), "no such name")


def test_unmatched_names_are_warnings_with_the_likeliest_municipalities():
    plan = importer.plan_import(incoming(NEW_ROW | {"b_name": "Kyyiv"}), EXISTING, {"P0001": 1}, geocoder=FakeGeocoder())
    row = plan.rows[0]
    assert row.action == "new" and row.a_municipality_id == "gn:2879139"
    assert "'Kyyiv' is unmatched" in row.warnings[0] and "Київ" in row.warnings[0] and "gn:703448" in row.warnings[0]


# The command on real files and a real (temporary) database -----------------------------------------


@pytest.fixture
def database(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("ATLAS_DB_PATH", str(tmp_path / "import.sqlite"))
    monkeypatch.setattr(import_command, "default_geocoder", lambda: (None, None))
    db = open_store()
    yield db
    db.dispose()


def csv_file(tmp_path, *rows: dict, name="in.csv"):
    lines = [HEADER] + [",".join(row.get(column, "") for column in PARTNERSHIP_COLUMNS) for row in rows]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_importing_the_same_file_twice_changes_nothing(database, tmp_path):
    path = csv_file(tmp_path, NEW_ROW, NEW_ROW | {"b_name": "Вигадане", "relation": "solidarity"})
    assert import_command.main([str(path)]) == 0
    snapshot, version = database.dump(), database.data_version()
    assert import_command.main([str(path)]) == 0
    assert database.dump() == snapshot and database.data_version() == version
    assert len(database.audit_entries()) == 2


def test_dry_run_writes_nothing(database, tmp_path):
    before = database.dump()
    assert import_command.main([str(csv_file(tmp_path, NEW_ROW)), "--dry-run"]) == 0
    assert database.dump() == before


def test_one_bad_row_writes_nothing_unless_only_valid_is_chosen(database, tmp_path):
    path = csv_file(tmp_path, NEW_ROW, NEW_ROW | {"b_name": "Вигадане", "b_country": "XX"})
    before = database.dump()
    assert import_command.main([str(path)]) == 1
    assert database.dump() == before
    assert import_command.main([str(path), "--only-valid"]) == 1
    assert len(database.partnerships_frame()) == len(before["partnerships"]) + 1


def test_an_update_is_shown_then_applied_with_an_audit_entry(database, tmp_path, capsys):
    path = csv_file(tmp_path, {"a_country": "DE", "a_name": "Aachen", "a_kind": "city", "b_country": "UA",
                               "b_name": "Чернігів", "b_kind": "city", "relation": "twinning", "since": "2021"})
    assert import_command.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "P0001" in out and "since: '2022' → '2021'" in out
    assert database.get_partnership("P0001")["since"] == "2021"
    assert database.audit_entries(limit=1)[0].action == "update"


def test_unreadable_files_exit_2_and_write_nothing(database, tmp_path, capsys):
    before = database.dump()
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 20)
    assert import_command.main([str(junk)]) == 2
    assert import_command.main([str(tmp_path / "missing.csv")]) == 2
    not_xlsx = tmp_path / "fake.xlsx"
    not_xlsx.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    assert import_command.main([str(not_xlsx)]) == 2
    assert "broken XLSX" in capsys.readouterr().err
    assert database.dump() == before


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_german_headers_is_imported(database, tmp_path):
    from atlas.schema import GERMAN_HEADERS

    german = list(GERMAN_HEADERS)
    row = [NEW_ROW.get(GERMAN_HEADERS[header], "") for header in german]
    row[german.index("seit")] = 1961  # a number cell, as spreadsheets store years
    path = tmp_path / "in.xlsx"
    path.write_bytes(xlsx_bytes([german, row]))
    assert import_command.main([str(path)]) == 0
    frame = database.partnerships_frame()
    assert frame.loc[frame["a_name"] == "Musterstadt", "since"].tolist() == ["1961"]


def test_an_empty_status_keeps_the_stored_one_and_new_rows_default_to_active():
    ended = EXISTING.assign(status="ended")
    plan = importer.plan_import(incoming(SAME_AS_P0001 | {"note": ""}, NEW_ROW | {"status": ""}), ended, {"P0001": 1})
    assert plan.rows[0].action == "unchanged" and plan.rows[0].values["status"] == "ended"
    assert plan.rows[1].values["status"] == "active" and "status: empty" in plan.rows[1].warnings[0]


def test_the_preview_has_the_kept_rows_in_the_records_shape():
    plan = importer.plan_import(incoming(NEW_ROW, SAME_AS_P0001, NEW_ROW | {"relation": "x"}), EXISTING, {"P0001": 1})
    frame = importer.preview_frame(plan)
    assert frame["id"].tolist() == ["row-2", "P0001"]
    assert list(frame.columns) == [*PARTNERSHIP_COLUMNS, "pair", "since_year"]
    assert frame["pair"].tolist() == ["DE-UA", "DE-UA"]


def test_two_stored_records_on_one_pair_are_told_apart_by_the_files_ids():
    twins = pd.concat([EXISTING, EXISTING.assign(id="P0002", a_name="Gemeinde Aachen", a_kind="municipality")])

    class SameId:
        def resolve(self, name, country=None, kind=None, admin1=None):
            from atlas.geocode import Match

            return Match("matched", f"id:{'aachen' if 'Aachen' in name else name}", 0.0, 0.0)

    rows = incoming(*[dict(row) | {"note": "checked"} for row in twins.to_dict("records")])
    plan = importer.plan_import(rows, twins, {"P0001": 1, "P0002": 1}, geocoder=SameId())
    assert [(row.action, row.partnership_id) for row in plan.rows] == [("update", "P0001"), ("update", "P0002")]


def test_an_update_never_writes_what_the_file_left_empty():
    class WithPlace:
        def resolve(self, name, country=None, kind=None, admin1=None):
            from atlas.geocode import Match

            return Match("matched", f"id:{name}", 0.0, 0.0)

    plan = importer.plan_import(incoming({k: v for k, v in SAME_AS_P0001.items() if k != "note"}), EXISTING,
                                {"P0001": 1}, geocoder=WithPlace(), place_row=lambda mid: {"admin1_name": "Somewhere"})
    assert plan.rows[0].action == "unchanged" and plan.rows[0].values["b_admin1"] == ""
