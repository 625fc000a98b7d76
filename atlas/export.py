"""Exports of what is on screen (CSV here; more formats are added beside it).

Cells a spreadsheet would run as a formula are neutralised: a text cell that begins with ``=``, ``+``,
``-``, ``@`` (or a tab / carriage return, which some spreadsheets skip before reading a formula) gets a
leading apostrophe, so a record like ``=HYPERLINK(...)`` opens as text, not as a live formula.
"""

from __future__ import annotations

import pandas as pd

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix ``'`` to text that a spreadsheet would read as a formula; other values pass unchanged.

    >>> neutralise_cell("=1+1"), neutralise_cell("Kyiv"), neutralise_cell(-3)
    ("'=1+1", 'Kyiv', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with BOM, so spreadsheets read umlauts and Cyrillic), formulas neutralised.

    Numbers stay numbers; empty values are written as empty cells; the index is not written.
    """
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [str(neutralise_cell(str(column))) for column in safe.columns]
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
