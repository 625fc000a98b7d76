"""Reading partnership tables that people bring: CSV with our headers or a German spreadsheet's.

:func:`read_partnership_table` accepts comma-, semicolon- or tab-separated files in UTF-8 (with or
without byte-order mark) or Windows-1252, with the column names of ``geodata/partnerships.csv`` or
the German export headers of :data:`atlas.schema.GERMAN_HEADERS`. Country, kind and admin1 may be
empty or missing. Anything it cannot read raises :class:`ReadError` naming the file, the row and
the problem; what it could read but had to repair (lines in another encoding) is listed in
``ReadResult.warnings`` with their rows.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd

from atlas.schema import GERMAN_HEADERS, PARTNERSHIP_COLUMNS

__all__ = ["REQUIRED_COLUMNS", "ReadError", "ReadResult", "read_partnership_table", "read_partnership_xlsx"]

REQUIRED_COLUMNS: tuple[str, ...] = ("a_name", "b_name")
_DELIMITERS = (";", ",", "\t")
_UTF8_BOM = b"\xef\xbb\xbf"


class ReadError(ValueError):
    """The table cannot be read. ``source``, ``row`` (1-based, header = row 1) and ``problem`` say why."""

    def __init__(self, source: str, row: int | None, problem: str):
        self.source = source
        self.row = row
        self.problem = problem
        where = f"{source}, row {row}" if row is not None else source
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class ReadResult:
    """A read table.

    ``frame``: one row per record, every value a stripped ``str``; recognised columns carry our names
    (``PARTNERSHIP_COLUMNS``; missing ones are added empty), other columns keep theirs.
    ``columns``: the header as written in the file, in order; ``renamed`` maps it to our names.
    ``delimiter``, ``encoding`` ("utf-8", "utf-8-sig", "cp1252" or "mixed"), ``header_style``
    ("ours" or "german") describe the file; ``warnings`` name rows that needed repair.
    """

    frame: pd.DataFrame
    source_name: str
    columns: tuple[str, ...]
    renamed: dict[str, str]
    delimiter: str
    encoding: str
    header_style: str
    warnings: tuple[str, ...] = field(default_factory=tuple)


def read_partnership_table(source: str | Path | bytes, source_name: str | None = None) -> ReadResult:
    """Read a partnerships CSV from a path or from bytes (an upload).

    >>> result = read_partnership_table("ID;Kommune A;Kommune B\\nX1;Görlitz;Lwiw\\n".encode("cp1252"), "upload.csv")
    >>> result.frame.loc[0, ["id", "a_name", "b_name"]].tolist(), result.encoding, result.header_style
    (['X1', 'Görlitz', 'Lwiw'], 'cp1252', 'german')
    """
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        name = source_name or "upload"
    else:
        path = Path(source)
        name = source_name or path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ReadError(name, None, f"cannot open the file ({error.strerror or error})") from error
    text, encoding, warnings = _decode(data, name)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ReadError(name, 1, "the file is empty; expected a header row and at least one record")
    header_index = next(index for index, line in enumerate(lines) if line.strip())
    delimiter = _sniff_delimiter(lines[header_index])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ReadError(name, reader.line_num, f"not a readable CSV ({error})") from error
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:  # only separators and quotes, e.g. "," (found by tests/test_fuzz_readers.py)
        raise ReadError(name, 1, "the file has no cells with text; expected a header row and at least one record")
    header = [cell.strip().lstrip("\ufeff") for cell in rows[0]]
    renamed, header_style = _map_header(header, name)
    records = rows[1:]
    if not records:
        raise ReadError(name, 2, "the file has a header but no records")
    width = len(header)
    for number, row in enumerate(records, start=2):
        if len(row) != width:
            if len(row) > width and not any(cell.strip() for cell in row[width:]):
                continue  # trailing empty cells, as spreadsheets write them
            raise ReadError(name, number, f"{len(row)} fields, but the header has {width} (separator {delimiter!r})")
    values = [[cell.strip() for cell in row[:width]] + [""] * (width - len(row)) for row in records]
    frame = pd.DataFrame(values, columns=[renamed.get(column, column) for column in header], dtype=str)
    for column in PARTNERSHIP_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    return ReadResult(
        frame=frame,
        source_name=name,
        columns=tuple(header),
        renamed=renamed,
        delimiter=delimiter,
        encoding=encoding,
        header_style=header_style,
        warnings=tuple(warnings),
    )


def _decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode the bytes: UTF-8 (± BOM), else Windows-1252, else line by line (mixed, reported)."""
    if not data.strip():
        raise ReadError(name, 1, "the file is empty; expected a header row and at least one record")
    if b"\x00" in data[:65536] or _looks_binary(data[:65536]):
        raise ReadError(name, 1, "this is not a text CSV file (binary content); save it as CSV (UTF-8 or Windows-1252)")
    if data.startswith(_UTF8_BOM):
        try:
            return data[len(_UTF8_BOM):].decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError:
            data = data[len(_UTF8_BOM):]
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    decoded: list[str] = []
    legacy_rows: list[int] = []
    utf8_non_ascii = False
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8")
            utf8_non_ascii = utf8_non_ascii or not line.isascii()
        except UnicodeDecodeError:
            text = line.decode("cp1252", errors="replace")
            legacy_rows.append(number)
        decoded.append(text)
    if not utf8_non_ascii:
        return data.decode("cp1252", errors="replace"), "cp1252", []
    shown = ", ".join(str(row) for row in legacy_rows[:10]) + (" …" if len(legacy_rows) > 10 else "")
    warning = (
        f"{name}: mixed encodings — line(s) {shown} are not UTF-8 and were read as Windows-1252; "
        "check the names on those rows"
    )
    return "".join(decoded), "mixed", [warning]


def _looks_binary(sample: bytes) -> bool:
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    return control > max(4, len(sample) // 100)


def _sniff_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _map_header(header: list[str], name: str) -> tuple[dict[str, str], str]:
    ours = {column.lower(): column for column in PARTNERSHIP_COLUMNS}
    german = {label.lower(): column for label, column in GERMAN_HEADERS.items()}
    renamed: dict[str, str] = {}
    styles: set[str] = set()
    for cell in header:
        key = " ".join(cell.split()).lower()
        if key in ours:
            renamed[cell] = ours[key]
            styles.add("ours" if key not in german else "either")
        elif key in german:
            renamed[cell] = german[key]
            styles.add("german")
    mapped = [renamed[cell] for cell in header if cell in renamed]
    duplicates = sorted({column for column in mapped if mapped.count(column) > 1})
    if duplicates:
        raise ReadError(name, 1, f"column(s) {', '.join(duplicates)} appear twice in the header")
    missing = [column for column in REQUIRED_COLUMNS if column not in renamed.values()]
    if missing:
        expected_german = {value: key for key, value in GERMAN_HEADERS.items()}
        wanted = ", ".join(f"{column} (or '{expected_german[column]}')" for column in missing)
        shown = ", ".join(repr(cell) for cell in header[:8]) + (" …" if len(header) > 8 else "")
        raise ReadError(name, 1, f"header lacks {wanted}; found {shown}")
    return renamed, "german" if "german" in styles and "ours" not in styles else "ours"


# XLSX (owner: DATA engineer) ---------------------------------------------------------------------

MAX_XLSX_BYTES = 5 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_XLSX_RATIO = 100
MAX_XLSX_ENTRIES = 500
MAX_XLSX_ROWS = 20_000
MAX_XLSX_COLUMNS = 64
_XLSX_REQUIRED_ENTRIES = ("[Content_Types].xml", "xl/workbook.xml")


def check_xlsx_container(data: bytes, source_name: str) -> None:
    """Refuse what is not a plain, modest XLSX BEFORE any XML is parsed.

    Looks only at the zip directory: the file size, the number of entries, the declared uncompressed
    sizes (in total) and the compression ratio of each entry (zip bombs), and that the parts every
    workbook has are there. Python's zip reader enforces the declared sizes while decompressing, so a
    member cannot inflate beyond what was checked here. Raises :class:`ReadError`.
    """
    if len(data) > MAX_XLSX_BYTES:
        raise ReadError(source_name, None, f"{len(data):,} bytes, more than the limit of {MAX_XLSX_BYTES:,} bytes for XLSX")
    if not data.startswith(b"PK\x03\x04"):
        raise ReadError(source_name, None, "not an XLSX workbook (no zip signature); save it as .xlsx or .csv")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise ReadError(source_name, None, f"broken XLSX (zip directory unreadable: {error})") from error
    if len(entries) > MAX_XLSX_ENTRIES:
        raise ReadError(source_name, None, f"{len(entries)} parts in the XLSX, more than the limit of {MAX_XLSX_ENTRIES}")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise ReadError(source_name, None, f"unpacks to {total:,} bytes, more than the limit of {MAX_XLSX_UNCOMPRESSED_BYTES:,}")
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_XLSX_RATIO * max(entry.compress_size, 1):
            raise ReadError(
                source_name, None, f"part {entry.filename!r} is compressed {entry.file_size // max(entry.compress_size, 1)}:1, "
                f"more than {MAX_XLSX_RATIO}:1 (zip bomb?)"
            )
    names = {entry.filename for entry in entries}
    missing = [name for name in _XLSX_REQUIRED_ENTRIES if name not in names]
    if missing:
        raise ReadError(source_name, None, f"a zip file but not an XLSX workbook (missing {', '.join(missing)})")


def _xlsx_cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def xlsx_to_csv_bytes(data: bytes, source_name: str) -> bytes:
    """The first worksheet of an XLSX (cached values, never formulas) as UTF-8 CSV bytes."""
    check_xlsx_container(data, source_name)
    rows: list[list[str]] = []
    workbook = None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        if not workbook.worksheets:
            raise ReadError(source_name, None, "the workbook has no worksheet")
        for number, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            if number > MAX_XLSX_ROWS + 1:
                raise ReadError(source_name, None, f"more than {MAX_XLSX_ROWS:,} rows; split the file")
            cells = [_xlsx_cell_text(value) for value in row[:MAX_XLSX_COLUMNS + 1]]
            if len(cells) > MAX_XLSX_COLUMNS:
                raise ReadError(source_name, number, f"more than {MAX_XLSX_COLUMNS} columns")
            rows.append(cells)
    except ReadError:
        raise
    except Exception as error:  # openpyxl and the XML parsers raise many kinds; all mean "unreadable"
        raise ReadError(source_name, None, f"broken XLSX workbook ({type(error).__name__}: {error})"[:400]) from error
    finally:
        if workbook is not None:
            workbook.close()
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise ReadError(source_name, None, "the first worksheet is empty")
    width = max(len(row) for row in rows)
    while width and not any(len(row) >= width and row[width - 1] for row in rows):
        width -= 1
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([(row + [""] * width)[:width] for row in rows])
    return buffer.getvalue().encode("utf-8")


def read_partnership_xlsx(source: str | Path | bytes, source_name: str | None = None) -> ReadResult:
    """Read the first worksheet of an XLSX with the same headers and checks as the CSV reader.

    Refuses (``ReadError`` with a clear message, before parsing any XML) files over
    ``MAX_XLSX_BYTES``, zip bombs and anything that is not an XLSX workbook.
    """
    if isinstance(source, bytes | bytearray):
        data, source_name = bytes(source), source_name or "upload.xlsx"
    else:
        path = Path(source)
        source_name = source_name or path.name
        try:
            size = path.stat().st_size
            if size > MAX_XLSX_BYTES:
                raise ReadError(source_name, None, f"{size:,} bytes, more than the limit of {MAX_XLSX_BYTES:,} bytes for XLSX")
            data = path.read_bytes()
        except OSError as error:
            raise ReadError(source_name, None, f"cannot read the file ({error.strerror or error})") from error
    return read_partnership_table(xlsx_to_csv_bytes(data, source_name), source_name)
