"""Exports: CSV, XLSX, GeoJSON and the standalone HTML map carry exactly the filtered links, safely."""

import io
import json
import re
import zipfile
from html.parser import HTMLParser

import pandas as pd
import pytest
from openpyxl import load_workbook

from atlas import export, mapbuild

EVIL = '=HYPERLINK("http://evil.example","klick")'


@pytest.fixture()
def links():
    return pd.DataFrame({
        "id": ["P0165", "P0267", "P0508"],
        "pair": ["DE-UA", "DE-UA", "PL-UA"],
        "a_country": ["DE", "DE", "PL"], "a_name": ["Leipzig", "Weimar", "Zamość"],
        "a_kind": ["city"] * 3, "a_admin1": ["Sachsen", "Thüringen", "lubelskie"],
        "b_country": ["UA"] * 3, "b_name": ["Київ", "Жовква", "Жовква"], "b_kind": ["city"] * 3,
        "b_admin1": ["Київ", "Львівська область", "Львівська область"],
        "relation": ["twinning"] * 3, "since": ["1961", "2022", ""], "status": ["active"] * 3,
        "source_url": ["https://example.org/a", "https://example.org/b", "https://example.org/c"],
        "note": ["Kyjiw </script><script>alert(1)</script>", EVIL, "-2+3"],
        "since_year": pd.array([1961, 2022, None], dtype="Int64"),
        "a_municipality_id": ["gn:1", "gn:2", "gn:3"], "b_municipality_id": ["gn:4", "gn:5", "gn:5"],
        "a_lat": [51.34, 50.98, 50.72], "a_lon": [12.37, 11.33, 23.25],
        "b_lat": [50.45, 50.06, 50.06], "b_lon": [30.52, 23.97, 23.97],
        "a_name_de": ["Leipzig", "Weimar", "Zamość"], "a_name_uk": ["Лейпциг", "Веймар", "Замостя"],
        "b_name_de": ["Kyjiw", "Schowkwa", "Schowkwa"], "b_name_uk": ["Київ", "Жовква", "Жовква"],
        "b_name_en": ["Kyiv", "Zhovkva", "Zhovkva"],
    })


def test_csv_neutralises_formulas_and_keeps_cyrillic(links):
    text = export.export_bytes("csv", links).decode("utf-8-sig")
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(table["id"]) == ["P0165", "P0267", "P0508"]
    assert table.loc[1, "note"] == "'" + EVIL
    assert table.loc[2, "note"] == "'-2+3"
    assert "Київ" in set(table["b_name"])


def test_xlsx_stores_formula_text_as_text(links):
    data = export.export_bytes("xlsx", links)
    sheet = load_workbook(io.BytesIO(data)).active
    header = [cell.value for cell in sheet[1]]
    note = header.index("note") + 1
    assert sheet.cell(row=3, column=note).value == EVIL
    assert sheet.cell(row=3, column=note).data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    assert [sheet.cell(row=row, column=1).value for row in range(2, 5)] == ["P0165", "P0267", "P0508"]
    assert sheet.cell(row=2, column=header.index("a_lat") + 1).value == pytest.approx(51.34)


def test_geojson_has_one_line_per_link_with_ids(links):
    collection = json.loads(export.export_bytes("geojson", links))
    assert [feature["properties"]["id"] for feature in collection["features"]] == ["P0165", "P0267", "P0508"]
    assert collection["features"][0]["geometry"]["coordinates"] == [[12.37, 51.34], [30.52, 50.45]]
    assert "a_lat" not in collection["features"][0]["properties"]


def test_geojson_keeps_links_without_coordinates(links):
    links.loc[2, ["b_lat", "b_lon"]] = None
    collection = export.geojson_collection(links)
    assert len(collection["features"]) == 3 and collection["features"][2]["geometry"] is None


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            if tag in {"script", "link", "img", "iframe", "source", "video", "audio"} and values.get(name):
                self.urls.append(values[name])


def test_standalone_html_loads_nothing_and_carries_every_link(links):
    page = export.export_bytes("html", links, language="de", filter_params={"pair": "DE-UA"}).decode("utf-8")
    tags = _Tags()
    tags.feed(page)
    assert tags.urls == [] and tags.scripts == 2
    assert "@import" not in page and not re.search(r"url\((?!#default#VML)", page)
    assert "sourceMappingURL" not in page
    drawn = mapbuild.expand_payload(mapbuild.payload_from_script(page))["features"]
    drawn_ids = [item["properties"]["partnership_id"] for item in drawn if "partnership_id" in item["properties"]]
    assert sorted(drawn_ids) == sorted(links["id"])
    assert "atlas-link pid-" in page
    assert "Kyjiw (Київ)" in page  # table in the UI language with the local name beside


def test_standalone_html_escapes_data(links):
    links.loc[0, "a_name_uk"] = "Лейпциг</script><script>alert(1)</script>"
    page = export.html_bytes(links, language="uk").decode("utf-8")
    assert "<script>alert(1)" not in page
    assert "alert(1)</script>" not in page
    assert 'lang="uk"' in page and "Лейпциг" in page


def test_unknown_format_is_refused(links):
    with pytest.raises(ValueError, match="csv, xlsx, geojson, html"):
        export.export_bytes("pdf", links)


def _fake_join(links):
    from types import SimpleNamespace

    return SimpleNamespace(links=links, places=None, unresolved=pd.DataFrame({"partnership_id": ["P0999"]}))


def test_export_command_writes_the_filtered_records(links, tmp_path, monkeypatch, capsys):
    import atlas.join
    from atlas.commands import export as command

    monkeypatch.setattr(atlas.join, "load_default_join", lambda: _fake_join(links))
    out = tmp_path / "pl-ua.csv"
    assert command.main(["--format", "csv", "--out", str(out), "--pair", "PL-UA"]) == 0
    table = pd.read_csv(out, dtype=str, encoding="utf-8-sig")
    assert list(table["id"]) == ["P0508"]
    message = capsys.readouterr().err
    assert "1 of 3 partnerships" in message and "1 partnership(s) whose places are not resolved" in message


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--format", "pdf", "--out", "x"], "invalid choice: 'pdf'"),
        (["--format", "csv", "--out", "x.csv", "--country", "XX"], "--country: 'XX' is not a valid value"),
        (["--format", "csv", "--out", "x.csv", "--from", "soon"], "--from: 'soon' is not a valid value"),
        (["--format", "csv", "--out", "/no/such/folder/x.csv"], "folder '/no/such/folder' does not exist"),
        (["--format", "csv"], "--out"),
    ],
)
def test_export_command_refuses_bad_options_with_exit_2(argv, expected, capsys):
    from atlas.commands import export as command

    with pytest.raises(SystemExit) as stopped:
        command.main(argv)
    assert stopped.value.code == 2
    assert expected in capsys.readouterr().err
