"""``python -m atlas validate`` on tiny geodata folders: problems are listed, exit code says it."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from atlas import GEODATA_DIR
from atlas.commands import validate as validate_command
from atlas.gazetteer import load_gazetteer
from atlas.schema import AID_COLUMNS, PARTNERSHIP_COLUMNS


@pytest.fixture(scope="module")
def small_gazetteer() -> pd.DataFrame:
    table = load_gazetteer().table
    keep = {"gn:2812482", "gn:753866", "gn:687093"}  # Weimar, Zamość, Zhovkva
    return table[table["municipality_id"].isin(keep) | (table["kind"] == "region")]


def _write(folder, gazetteer: pd.DataFrame, records: list[dict], aid: list[dict]) -> None:
    folder.mkdir(exist_ok=True)
    gazetteer.to_csv(folder / "gazetteer.csv.gz", index=False)
    pd.DataFrame(records, columns=list(PARTNERSHIP_COLUMNS)).to_csv(folder / "partnerships.csv", index=False)
    pd.DataFrame(aid, columns=list(AID_COLUMNS)).to_csv(folder / "aid.csv", index=False)
    shutil.copy(GEODATA_DIR / "geonames_admin1_de_pl_ua.csv", folder / "geonames_admin1_de_pl_ua.csv")


def _record(pid, a_country, a_name, a_admin1, b_country, b_name, b_admin1):
    return {"id": pid, "a_country": a_country, "a_name": a_name, "a_kind": "city", "a_admin1": a_admin1,
            "b_country": b_country, "b_name": b_name, "b_kind": "city", "b_admin1": b_admin1,
            "relation": "twinning", "since": "", "status": "active", "source_url": "https://example.org", "note": ""}


def test_clean_folder_passes(tmp_path, small_gazetteer, capsys):
    records = [_record("P1", "DE", "Weimar", "Thüringen", "PL", "Zamość", "lubelskie"),
               _record("P2", "PL", "Zamość", "lubelskie", "UA", "Жовква", "Львівська область")]
    aid = [{"id": "A1", "partnership_id": "P2", "date": "2023", "category": "medical", "what": "x",
            "quantity": "", "amount_eur": "", "source_url": "https://example.org"}]
    _write(tmp_path, small_gazetteer, records, aid)
    assert validate_command.main(["--geodata", str(tmp_path)]) == 0
    assert "every record resolves" in capsys.readouterr().out


def test_problems_are_listed_and_exit_non_zero(tmp_path, small_gazetteer, capsys):
    gazetteer = small_gazetteer.copy()
    gazetteer.loc[gazetteer["municipality_id"] == "gn:753866", ["lat", "lon"]] = (48.85, 2.35)  # Paris
    records = [_record("P1", "DE", "Weimar", "Thüringen", "PL", "Zamość", "lubelskie"),
               _record("P2", "DE", "Nirgendheim", "", "UA", "Жовква", "")]
    aid = [{"id": "A1", "partnership_id": "P9", "date": "2023", "category": "medical", "what": "x",
            "quantity": "", "amount_eur": "", "source_url": "https://example.org"}]
    _write(tmp_path, gazetteer, records, aid)
    assert validate_command.main(["--geodata", str(tmp_path)]) == 1
    errors = capsys.readouterr().err
    assert "gn:753866" in errors and "outside PL" in errors
    assert "P2 side a" in errors and "Nirgendheim" in errors
    assert "P9" in errors


def test_record_hints_are_checked_against_the_records(tmp_path, small_gazetteer, capsys):
    records = [_record("P1", "DE", "Weimar", "Thüringen", "PL", "Zamość", "lubelskie"),
               _record("P2", "PL", "Zamość", "lubelskie", "UA", "Жовква", "Львівська область")]
    _write(tmp_path, small_gazetteer, records, [])
    (tmp_path / "record_hints.csv").write_text(
        "# comment lines are allowed\n"
        "partnership_id,side,name,qualifier,evidence\n"
        "P1,a,Weimar,Kreisfreie Stadt Weimar,the source names the city\n"
        "P1,b,Zamosc,powiat zamojski,written for another spelling\n"
        "P7,a,Weimar,Landkreis Weimarer Land,no such record\n"
        "P1,c,Weimar,Landkreis Weimarer Land,no such side\n"
        "P2,a,Zamość,,\n",
        encoding="utf-8",
    )
    assert validate_command.main(["--geodata", str(tmp_path)]) == 1
    errors = capsys.readouterr().err
    assert "record_hints.csv P1 side b: name 'Zamosc' is not the record's 'Zamość'" in errors
    assert "record_hints.csv P7 side a: no such record" in errors
    assert "record_hints.csv P1 side c: side must be 'a' or 'b'" in errors
    assert "record_hints.csv P2 side a: qualifier and evidence are both required" in errors
    assert "P1 side a: 'Weimar'" not in errors  # the qualified name still resolves


def test_committed_geodata_reports_only_the_record_whose_place_is_unknown():
    problems = validate_command.validate()
    assert len(problems) == 1
    assert problems[0].startswith("partnerships.csv P0006 side a: 'Altenstadt' (DE) is ambiguous")
