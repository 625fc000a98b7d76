"""CSV export: formulas neutralised, text in any script survives, numbers stay numbers."""

import io

import pandas as pd

from atlas.export import csv_bytes


def test_cells_that_start_a_formula_are_neutralised():
    frame = pd.DataFrame({"note": ["=HYPERLINK(\"http://x\")", "+49 30", "-2", "@SUM(A1)", "\tcmd", "ok - fine"]})
    text = csv_bytes(frame).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), dtype=str)
    assert list(back["note"]) == ["'=HYPERLINK(\"http://x\")", "'+49 30", "'-2", "'@SUM(A1)", "'\tcmd", "ok - fine"]


def test_unicode_numbers_and_empty_cells_survive():
    frame = pd.DataFrame({"name": ["Київ", "Gießen", None], "since": pd.array([1961, None, -1], dtype="Int64")})
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read Cyrillic and umlauts correctly
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back["name"]) == ["Київ", "Gießen", ""]
    assert list(back["since"]) == ["1961", "", "-1"]  # a negative number is a number, not a formula
