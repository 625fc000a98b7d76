"""``python -m atlas geocode IN.csv --out OUT.csv`` on good and bad input (tiny gazetteer of real places)."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from atlas.__main__ import main
from atlas.schema import GEOCODE_OUTPUT_COLUMNS, PARTNERSHIP_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "data" / "mini_gazetteer.csv"
GERMAN_HEADER = (
    "ID;Kommune A Land;Kommune A;Art A;Bundesland/Region A;Kommune B Land;Kommune B;Art B;Region B;"
    "Beziehung;seit;Status;Quelle;Notiz"
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def run(tmp_path, content: bytes, capsys, name="in.csv"):
    source = tmp_path / name
    source.write_bytes(content)
    out = tmp_path / "out.csv"
    code = main(["geocode", str(source), "--out", str(out), "--gazetteer", str(MINI)])
    captured = capsys.readouterr()
    return code, out, captured.out, captured.err


def read_rows(path: Path, delimiter=","):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def test_all_matched_exit_0_and_columns_added(tmp_path, capsys):
    content = (",".join(PARTNERSHIP_COLUMNS) + "\n"
               + "P1,DE,Görlitz,city,Sachsen,UA,Житомир,city,Житомирська область,twinning,2022,active,,\n"
               + "P2,DE,Landkreis Görlitz,district,,PL,Powiat bieszczadzki,district,podkarpackie,friendship,,active,,\n")
    code, out, stdout, _ = run(tmp_path, content.encode(), capsys)
    assert code == 0
    rows = read_rows(out)
    assert rows[0] == list(PARTNERSHIP_COLUMNS) + list(GEOCODE_OUTPUT_COLUMNS)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert (first["a_municipality_id"], first["a_match"]) == ("gn:2921466", "matched")
    assert (first["b_municipality_id"], first["b_match"]) == ("gn:686967", "matched")
    assert abs(float(first["b_lat"]) - 50.26487) < 1e-4
    assert "4 matched, 0 ambiguous, 0 unmatched" in stdout


def test_some_not_matched_exit_1_and_reported(tmp_path, capsys):
    content = "id,a_name,b_name\nP1,Altenstadt,Lwiw\nP2,Xyzzyville,Kiew\n"
    code, out, stdout, stderr = run(tmp_path, content.encode(), capsys)
    assert code == 1
    rows = read_rows(out)
    header = rows[0]
    assert header[:3] == ["id", "a_name", "b_name"]
    statuses = [dict(zip(header, row, strict=True))["a_match"] for row in rows[1:]]
    assert statuses == ["ambiguous", "unmatched"]
    assert dict(zip(header, rows[1], strict=True))["a_lat"] == ""
    assert "row 2 (P1), side a: 'Altenstadt' ambiguous" in stderr
    assert "row 3 (P2), side a: 'Xyzzyville' unmatched" in stderr
    assert "2 matched, 1 ambiguous, 1 unmatched" in stdout


def test_german_headers_semicolon_cp1252_keep_their_shape(tmp_path, capsys):
    content = f"{GERMAN_HEADER}\r\nX1;DE;Görlitz;Stadt;Sachsen;UA;Schytomyr;;;twinning;;active;;Straße\r\n"
    code, out, _, _ = run(tmp_path, content.encode("cp1252"), capsys, name="export.csv")
    assert code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 semicolon files with a BOM
    rows = read_rows(out, delimiter=";")
    assert rows[0] == GERMAN_HEADER.split(";") + list(GEOCODE_OUTPUT_COLUMNS)
    assert rows[1][2] == "Görlitz" and rows[1][13] == "Straße"
    assert rows[1][-1] == "matched"


def test_mixed_encodings_warn_with_rows(tmp_path, capsys):
    content = (f"{GERMAN_HEADER}\n".encode() + "X1;DE;Görlitz;;;UA;Lwiw;;;;;;;\n".encode()
               + "X2;DE;Görlitz;;;UA;Schytomyr;;;;;;;Fürth\n".encode("cp1252"))
    code, out, _, stderr = run(tmp_path, content, capsys)
    assert code == 0
    assert "mixed encodings" in stderr and "line(s) 3" in stderr
    assert read_rows(out, delimiter=";")[2][13] == "Fürth"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "row 1: the file is empty"),
        (b"id,a_name,b_name\n", "row 2: the file has a header but no records"),
        (b"Stadt,Partnerstadt\nGoerlitz,Lwiw\n", "row 1: header lacks a_name"),
        (b"\x00\x01\x02\x03garbage\xff\xfe" * 50, "row 1: this is not a text CSV file"),
        (b"id,a_name,b_name\nP1,Aachen\n", "row 2: 2 fields, but the header has 3"),
    ],
)
def test_unreadable_input_exit_2_with_file_row_problem(tmp_path, capsys, content, words):
    code, out, _, stderr = run(tmp_path, content, capsys, name="broken.csv")
    assert code == 2
    assert "broken.csv" in stderr and words in stderr
    assert not out.exists()


def test_ten_thousand_rows(tmp_path, capsys):
    names = [("Görlitz", "Schytomyr"), ("Landkreis Görlitz", "Oblast Lwiw"), ("Frankfurt (Oder)", "Kiew"),
             ("Ustrzyki Dolne", "Tscherniwzi")]
    lines = ["id;a_name;b_name"] + [f"R{index};{names[index % 4][0]};{names[index % 4][1]}" for index in range(10_000)]
    code, out, stdout, _ = run(tmp_path, ("\n".join(lines) + "\n").encode(), capsys)
    assert code == 0
    rows = read_rows(out, delimiter=";")
    assert len(rows) == 10_001
    assert rows[-1][0] == "R9999" and rows[-1][-1] == "matched"
    assert "10000 rows, 20000 ends — 20000 matched" in stdout


def test_runs_as_module(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("a_name,b_name\nGörlitz,Lwiw\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    completed = subprocess.run(
        [sys.executable, "-m", "atlas", "geocode", str(source), "--out", str(out), "--gazetteer", str(MINI)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)},
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert out.exists() and "2 matched" in completed.stdout


def test_an_ambiguous_end_lists_every_candidate_found(tmp_path, capsys):
    """Five hromadas are called Кам'янська: the report names all five with their oblast, so the steward can
    add the admin1 that decides (on the committed gazetteer)."""
    source = tmp_path / "in.csv"
    source.write_text(GERMAN_HEADER + "\n1;DE;Jena;;Thüringen;UA;Kamianska hromada;;;Partnerschaft;2023;aktiv;"
                      "https://example.org;\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code = main(["geocode", str(source), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    line = next(text for text in err.splitlines() if "Kamianska hromada" in text)
    assert "ambiguous" in line
    assert line.count("Кам’янська громада") == 5
    assert all(oblast in line for oblast in ("UA-12", "UA-71", "UA-77"))
