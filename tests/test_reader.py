"""Reading the partnership tables people bring: separators, encodings, headers, and clear errors."""

import pytest

from atlas.reader import ReadError, read_partnership_table
from atlas.schema import PARTNERSHIP_COLUMNS

OUR_HEADER = ",".join(PARTNERSHIP_COLUMNS)
OUR_ROW = "P1,DE,Görlitz,city,Sachsen,UA,Житомир,city,Житомирська область,twinning,2022,active,https://example.org,\"a, b\""
GERMAN_HEADER = (
    "ID;Kommune A Land;Kommune A;Art A;Bundesland/Region A;Kommune B Land;Kommune B;Art B;Region B;"
    "Beziehung;seit;Status;Quelle;Notiz"
)
GERMAN_ROW = "X1;DE;Görlitz;Stadt;Sachsen;UA;Schytomyr;;;twinning;2022;active;;Straße"


def test_our_header_utf8_comma():
    result = read_partnership_table(f"{OUR_HEADER}\n{OUR_ROW}\n".encode(), "records.csv")
    assert result.delimiter == "," and result.encoding == "utf-8" and result.header_style == "ours"
    row = result.frame.iloc[0]
    assert (row["a_name"], row["b_name"], row["note"]) == ("Görlitz", "Житомир", "a, b")


def test_utf8_with_bom():
    result = read_partnership_table(f"\ufeff{OUR_HEADER}\n{OUR_ROW}\n".encode(), "bom.csv")
    assert result.encoding == "utf-8-sig"
    assert result.columns[0] == "id"
    assert result.frame.loc[0, "id"] == "P1"


def test_german_headers_semicolon_windows_1252():
    data = f"{GERMAN_HEADER}\r\n{GERMAN_ROW}\r\n".encode("cp1252")
    result = read_partnership_table(data, "export.csv")
    assert (result.delimiter, result.encoding, result.header_style) == (";", "cp1252", "german")
    row = result.frame.iloc[0]
    assert (row["a_name"], row["b_name"], row["note"], row["b_admin1"]) == ("Görlitz", "Schytomyr", "Straße", "")
    assert result.renamed["Kommune A"] == "a_name"


def test_minimal_columns_rest_filled_empty(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("a_name;b_name\nGörlitz;Lwiw\n", encoding="utf-8")
    result = read_partnership_table(path)
    assert result.source_name == "short.csv"
    assert set(PARTNERSHIP_COLUMNS) <= set(result.frame.columns)
    assert result.frame.loc[0, "a_country"] == "" and result.frame.loc[0, "b_name"] == "Lwiw"


def test_mixed_encodings_are_read_and_reported_by_row():
    data = (f"{GERMAN_HEADER}\n".encode() + "X1;DE;Görlitz;;;UA;Lwiw;;;;;;;\n".encode()
            + "X2;DE;Fürth;;;UA;Uschhorod;;;;;;;\n".encode("cp1252"))
    result = read_partnership_table(data, "mixed.csv")
    assert result.encoding == "mixed"
    assert list(result.frame["a_name"]) == ["Görlitz", "Fürth"]
    assert len(result.warnings) == 1 and "mixed.csv" in result.warnings[0] and "3" in result.warnings[0]


@pytest.mark.parametrize(
    ("data", "row", "words"),
    [
        (b"", 1, "empty"),
        (b"   \n\n", 1, "empty"),
        (f"{OUR_HEADER}\n".encode(), 2, "no records"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", 1, "binary"),
        (bytes(range(256)) * 20, 1, "binary"),
        (b"name,city,year\nfoo,bar,2020\n", 1, "a_name"),
        (f"{OUR_HEADER}\n{OUR_ROW}\nP2,DE,Aachen\n".encode(), 3, "fields"),
        (b"a_name,b_name,a_name\nx,y,z\n", 1, "twice"),
    ],
)
def test_unreadable_input_names_file_row_and_problem(data, row, words):
    with pytest.raises(ReadError) as caught:
        read_partnership_table(data, "bad.csv")
    error = caught.value
    assert error.source == "bad.csv" and error.row == row
    assert words in str(error) and str(error).startswith(f"bad.csv, row {row}:")


def test_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(ReadError) as caught:
        read_partnership_table(tmp_path / "nope.csv")
    assert "nope.csv" in str(caught.value)


def test_trailing_empty_cells_are_tolerated():
    result = read_partnership_table(b"a_name;b_name\nGoerlitz;Lwiw;;\n", "trailing.csv")
    assert list(result.frame.loc[0, ["a_name", "b_name"]]) == ["Goerlitz", "Lwiw"]
