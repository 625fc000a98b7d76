"""Property-based fuzzing of the CSV and XLSX readers.

Whatever bytes arrive, a reader returns rows or raises ``ReadError`` (or refuses with a clear
message) — never another exception, and never a hang. Each test prints how many inputs it tried.
"""

import io
import random
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from atlas import reader
from atlas.schema import GERMAN_HEADERS, PARTNERSHIP_COLUMNS

# Random zip parts may repeat a name on purpose; zipfile warns about it while we build the input.
pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
FUZZ = settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1", "koi8-u")
cell_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def outcome(read, data: bytes, name: str) -> str:
    try:
        result = read(data, name)
    except reader.ReadError as error:
        assert str(error).strip(), "a ReadError must say what is wrong"
        return "refused"
    assert set(PARTNERSHIP_COLUMNS) <= set(result.frame.columns)
    return "read"


class Tally:
    def __init__(self, label):
        self.label, self.counts = label, {"read": 0, "refused": 0}

    def add(self, result):
        self.counts[result] += 1

    def report(self):
        print(f"\n[fuzz] {self.label}: {sum(self.counts.values())} inputs, {self.counts['read']} read, "
              f"{self.counts['refused']} refused with ReadError, 0 other exceptions")


def csv_text(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    return "\n".join(delimiter.join(row) for row in [header, *rows]) + "\n"


def test_csv_reader_on_arbitrary_bytes():
    tally = Tally("CSV, arbitrary bytes")

    @FUZZ
    @given(st.binary(max_size=3000))
    @example(b",")  # once raised IndexError: only separators, no cell with text
    @example(b'"";""\n')
    def check(data):
        tally.add(outcome(reader.read_partnership_table, data, "fuzz.csv"))

    check()
    tally.report()


def test_csv_reader_on_plausible_tables_in_any_encoding():
    tally = Tally("CSV, our/German headers, random cells, delimiters, encodings")
    headers = st.sampled_from([list(PARTNERSHIP_COLUMNS), list(GERMAN_HEADERS)])
    full_rows = st.lists(cell_text, min_size=len(PARTNERSHIP_COLUMNS), max_size=len(PARTNERSHIP_COLUMNS))
    rows = st.lists(st.one_of(full_rows, st.lists(cell_text, max_size=16)), max_size=6)

    @FUZZ
    @given(headers, rows, st.sampled_from([",", ";", "\t"]), st.sampled_from(ENCODINGS))
    def check(header, body, delimiter, encoding):
        data = csv_text(header, body, delimiter).encode(encoding, errors="replace")
        tally.add(outcome(reader.read_partnership_table, data, "fuzz.csv"))

    check()
    tally.report()


def xlsx_from(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


VALID_XLSX = xlsx_from([list(PARTNERSHIP_COLUMNS), ["P1", "DE", "Musterstadt", "city", "", "UA", "Зразкове", "city", "",
                                                   "twinning", 2020, "active", "https://example.org", "=1+1"]])


def test_xlsx_reader_on_random_workbooks():
    tally = Tally("XLSX, generated workbooks with random cells")
    xlsx_cell = st.one_of(
        st.text(alphabet=st.characters(min_codepoint=32, exclude_categories=("Cs",)), max_size=30),
        st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False), st.none(), st.booleans(),
    )
    headers = st.sampled_from([list(PARTNERSHIP_COLUMNS), list(GERMAN_HEADERS), []])

    @settings(FUZZ, max_examples=60)
    @given(headers, st.lists(st.lists(xlsx_cell, max_size=16), max_size=6))
    def check(header, body):
        tally.add(outcome(reader.read_partnership_xlsx, xlsx_from([header, *body]), "fuzz.xlsx"))

    check()
    tally.report()


def test_xlsx_reader_on_corrupted_workbooks():
    tally = Tally("XLSX, valid workbook with random byte corruption")

    @settings(FUZZ, max_examples=200)
    @given(st.lists(st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=20),
           st.integers(0, len(VALID_XLSX)))
    def check(flips, cut):
        data = bytearray(VALID_XLSX[:cut] if cut > 4 else VALID_XLSX)
        for position, value in flips:
            if position < len(data):
                data[position] = value
        tally.add(outcome(reader.read_partnership_xlsx, bytes(data), "fuzz.xlsx"))

    check()
    tally.report()


def test_xlsx_reader_on_random_zip_archives():
    tally = Tally("XLSX, zip archives with random parts")
    names = st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
                             "xl/_rels/workbook.xml.rels", "_rels/.rels", "xl/sharedStrings.xml", "junk.bin"])

    @settings(FUZZ, max_examples=150)
    @given(st.lists(st.tuples(names, st.binary(max_size=400)), max_size=7))
    def check(parts):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in parts:
                archive.writestr(name, content)
        tally.add(outcome(reader.read_partnership_xlsx, buffer.getvalue(), "fuzz.xlsx"))

    check()
    tally.report()


def test_zip_bombs_and_oversized_files_are_refused_before_parsing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", b"<" + b" " * (60 * 1024 * 1024) + b"/>")  # 60 MB of spaces
    bomb = buffer.getvalue()
    assert len(bomb) < 200_000
    for data, expected in ((bomb, "unpacks to"), (b"PK\x03\x04" + bytes(reader.MAX_XLSX_BYTES), "limit"),
                           (b"%PDF-1.7 not a workbook", "not an XLSX")):
        try:
            reader.read_partnership_xlsx(data, "evil.xlsx")
        except reader.ReadError as error:
            assert expected in str(error) and "evil.xlsx" in str(error)
        else:
            raise AssertionError(f"accepted {data[:20]!r}")


def test_a_bomb_hidden_by_a_high_ratio_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<w/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))
    try:
        reader.read_partnership_xlsx(buffer.getvalue(), "ratio.xlsx")
    except reader.ReadError as error:
        assert "zip bomb" in str(error)
    else:
        raise AssertionError("a 1000:1 part was accepted")


def test_random_seeded_garbage_never_escapes_as_another_exception():
    generator = random.Random(20251126)
    tried = 0
    for _ in range(200):
        data = bytes(generator.randrange(256) for _ in range(generator.randrange(1, 600)))
        for prefix in (b"", b"PK\x03\x04", "\ufeffid,a_country\n".encode()):
            outcome(reader.read_partnership_table if not prefix.startswith(b"PK") else reader.read_partnership_xlsx,
                    prefix + data, "garbage")
            tried += 1
    print(f"\n[fuzz] seeded garbage: {tried} inputs, none escaped as another exception")
