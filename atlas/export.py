"""Exports of what is on screen: CSV, XLSX, GeoJSON and the map as one standalone HTML file.

Cells a spreadsheet would run as a formula are neutralised: a text cell that begins with ``=``, ``+``,
``-``, ``@`` (or a tab / carriage return, which some spreadsheets skip before reading a formula) gets a
leading apostrophe, so a record like ``=HYPERLINK(...)`` opens as text, not as a live formula.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import math
import re
from collections.abc import Collection, Mapping
from functools import lru_cache
from typing import Any, Literal

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


ExportFormat = Literal["csv", "xlsx", "geojson", "html"]
EXPORT_FORMATS: tuple[str, ...] = ("csv", "xlsx", "geojson", "html")
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "html": "text/html",
}
RECORD_COLUMNS: tuple[str, ...] = (
    "id", "pair", "a_country", "a_name", "a_kind", "a_admin1", "b_country", "b_name", "b_kind", "b_admin1",
    "relation", "since", "status", "source_url", "note",
)
PLACE_COLUMNS: tuple[str, ...] = (
    "a_municipality_id", "a_name_de", "a_name_en", "a_name_pl", "a_name_uk", "a_admin1_code", "a_lat", "a_lon",
    "b_municipality_id", "b_name_de", "b_name_en", "b_name_pl", "b_name_uk", "b_admin1_code", "b_lat", "b_lon",
)
HTML_SIZE_LIMIT = 2 * 1024 * 1024


def record_table(links: pd.DataFrame) -> pd.DataFrame:
    """The columns an export carries, in a fixed order: the record, then the join's place columns it has.

    Works on the plain records (``records.load_partnerships()``) as well as on the join's links.
    """
    frame = links.copy()
    if "id" not in frame.columns and "partnership_id" in frame.columns:
        frame["id"] = frame["partnership_id"]
    columns = [column for column in (*RECORD_COLUMNS, *PLACE_COLUMNS) if column in frame.columns]
    return frame[columns].reset_index(drop=True)


def _plain(value: Any) -> Any:
    """A cell value without pandas' missing markers (None stays an empty cell)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "Partnerschaften") -> bytes:
    """The table as an Excel workbook; every text cell is stored as text, never as a formula.

    openpyxl would turn a text starting with ``=`` into a live formula; here such cells are written
    with the string type, so ``=HYPERLINK(...)`` from a record shows as the text it is. The header row
    is bold and frozen, columns get a readable width.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name[:31]
    columns = [str(column) for column in frame.columns]
    for column_number, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=column_number, value=name)
        cell.data_type = "s"
        cell.font = Font(bold=True)
    for row_number, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for column_number, raw in enumerate(row, start=1):
            value = _plain(raw)
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=column_number, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with "=": never a formula
    sheet.freeze_panes = "A2"
    for column_number, name in enumerate(columns, start=1):
        longest = max([len(name), *(len(str(_plain(value) or "")) for value in frame.iloc[:200, column_number - 1])])
        sheet.column_dimensions[sheet.cell(row=1, column=column_number).column_letter].width = min(max(8, longest + 2), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _number(value: Any) -> float | None:
    value = _plain(value)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def geojson_collection(links: pd.DataFrame) -> dict:
    """One LineString feature (a -> b, straight) per partnership, properties = the exported columns.

    Partnerships without coordinates on both sides are kept with ``"geometry": null`` (valid GeoJSON),
    so the export never drops a record silently.
    """
    table = record_table(links)
    features = []
    for row in table.to_dict("records"):
        ends = [_number(row.get(column)) for column in ("a_lon", "a_lat", "b_lon", "b_lat")]
        geometry = None
        if all(value is not None for value in ends):
            geometry = {"type": "LineString", "coordinates": [[ends[0], ends[1]], [ends[2], ends[3]]]}
        properties = {key: _plain(value) for key, value in row.items() if key not in {"a_lat", "a_lon", "b_lat", "b_lon"}}
        features.append({"type": "Feature", "id": row["id"], "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(links: pd.DataFrame) -> bytes:
    """:func:`geojson_collection` as UTF-8 JSON (RFC 7946, WGS 84 longitude/latitude)."""
    return json.dumps(geojson_collection(links), ensure_ascii=False, default=str).encode("utf-8")


def _script_safe(text: str) -> str:
    """Text that cannot end an inline ``<script>`` or ``<style>`` element early."""
    return re.sub(r"</(script|style)", lambda match: "<\\/" + match.group(1), text, flags=re.IGNORECASE)


def _json_for_script(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace(
        "\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _leaflet_inline() -> tuple[str, str]:
    """Leaflet's JS and CSS from the installed package, ready to inline (no image or source-map URLs)."""
    from atlas.assets import leaflet_source_dir

    folder = leaflet_source_dir()
    script = (folder / "leaflet.js").read_text(encoding="utf-8")
    script = re.sub(r"//# sourceMappingURL=\S+", "", script)
    style = (folder / "leaflet.css").read_text(encoding="utf-8")
    style = re.sub(r"url\(images/[^)]*\)", "none", style)  # we draw no icon markers; avoid file requests
    return _script_safe(script), _script_safe(style)


_HTML_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Partnerschaftsatlas">
<title>{title}</title>
<style>{leaflet_css}</style>
<style>
html,body{{margin:0;padding:0;color:{text};background:{background};
  font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;}}
header,section,footer{{padding:0.5rem 1rem;}}
h1{{font-size:1.4rem;margin:0.3rem 0;}}
p{{margin:0.3rem 0;}}
.muted{{color:{muted};font-size:0.9rem;}}
#atlas-map{{height:72vh;min-height:360px;border-top:1px solid {border};border-bottom:1px solid {border};}}
.legend{{list-style:none;display:flex;flex-wrap:wrap;gap:1.2rem;padding:0;margin:0.5rem 0;}}
.legend span{{display:inline-block;width:2.2rem;height:0;border-top:4px solid;vertical-align:middle;margin-right:0.4rem;}}
table{{border-collapse:collapse;font-size:0.85rem;width:100%;}}
th,td{{border-bottom:1px solid {border};padding:0.2rem 0.4rem;text-align:left;vertical-align:top;}}
a{{color:{link};}}
{map_css}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p>{summary}</p>
<p class="muted">{filters}</p>
</header>
<div id="atlas-map" role="img" aria-label="{map_label}"></div>
<section>
<ul class="legend">{legend}</ul>
<details><summary>{table_label}</summary>
<table><thead><tr>{table_head}</tr></thead><tbody>{table_rows}</tbody></table>
</details>
</section>
<footer class="muted"><p>{credits}</p><p>{exported}</p></footer>
<script>{leaflet_js}</script>
<script>
(function () {{
  var map = L.map('atlas-map', {{zoomSnap: 0.25, minZoom: 3, maxZoom: 13, preferCanvas: false}});
  var basemap = {basemap};
  L.geoJSON(basemap.countries, {{interactive: false, style: function (f) {{
    return {{color: '{border}', weight: f.properties.focus ? 1.2 : 0.6,
            fillColor: '{land}', fillOpacity: f.properties.focus ? 1 : 0.55}};
  }}}}).addTo(map);
  L.geoJSON(basemap.admin1, {{interactive: false, style: function () {{
    return {{color: '{border}', weight: 0.5, opacity: 0.6, fill: false}};
  }}}}).addTo(map);
  var linksGroup = L.featureGroup().addTo(map);
  {links_script}
  map.fitBounds({bounds}, {{padding: [12, 12]}});
  L.control.scale().addTo(map);
}})();
</script>
</body>
</html>
"""


@lru_cache(maxsize=1)
def _outlines_json() -> str:
    """Country outlines and admin-1 borders for the standalone map (simplified once per process)."""
    from atlas import basemap

    return _json_for_script({name: basemap.display_collection(name) for name in ("countries", "admin1")})


def _links_script(links: pd.DataFrame, places: pd.DataFrame | None, language: str, theme_name: str,
                  highlight_ids: Collection[str]) -> str:
    """The map's own link-drawing script and payload (:func:`atlas.mapbuild.links_layer`), bound to ``linksGroup``.

    Taken from the feature group the app itself draws, so the file shows the links exactly as the app
    does; always SVG, so every link stays a path with class ``atlas-link``.
    """
    from atlas import mapbuild

    options = mapbuild.MapOptions(language=language, theme=theme_name, canvas_threshold=10**9)  # type: ignore[arg-type]
    group = mapbuild.links_layer(links, places, language, options, highlight_ids)
    scripts = [child for child in group._children.values() if isinstance(getattr(child, "payload", None), str)]
    if len(scripts) != 1:
        raise RuntimeError("atlas.mapbuild.links_layer no longer carries one payload script; update atlas.export")
    script = mapbuild.LINKS_SCRIPT
    for placeholder in ("{{ this._parent.get_name() }}", "{{ this.payload }}"):
        if placeholder not in script:
            raise RuntimeError(f"atlas.mapbuild.LINKS_SCRIPT no longer has {placeholder}; update atlas.export")
    script = script.replace("{{ this._parent.get_name() }}", "linksGroup")
    return script.replace("{{ this.payload }}", scripts[0].payload)


def _cell(value: Any) -> str:
    value = _plain(value)
    return "" if value is None else html.escape(str(value))


def html_bytes(
    links: pd.DataFrame,
    places: pd.DataFrame | None = None,
    language: str = "de",
    filter_params: Mapping[str, str] | None = None,
    theme_name: Literal["light", "present"] = "light",
    highlight_ids: Collection[str] = (),
    exported_at: dt.datetime | None = None,
) -> bytes:
    """The current map as ONE HTML file: Leaflet, styles, outlines and every link inline; no URL loaded.

    Opens from a USB stick (``file://``) with no network: each drawn link is an SVG path with classes
    ``atlas-link pid-<id>``. Below the map: a legend, the partnerships as a table (the text alternative
    to the map, with their sources), credits. ``filter_params`` (the URL form of the filters) is shown
    so the reader knows what was selected.
    """
    from atlas import mapbuild
    from atlas.i18n import translate
    from atlas.palette import THEMES
    from atlas.placenames import display_label

    theme = THEMES[theme_name]
    leaflet_js, leaflet_css = _leaflet_inline()
    located = links[links[["a_lat", "a_lon", "b_lat", "b_lon"]].notna().all(axis=1)] if len(links) else links
    bounds = mapbuild.data_bounds(located) if len(located) else None
    (south, west), (north, east) = bounds or mapbuild.DEFAULT_BOUNDS
    legend = "".join(
        f'<li><span style="border-color:{colour}"></span>{html.escape(translate(f"map.pair.{pair}", language))}</li>'
        for pair, colour in theme.pairs.items()
    )
    head = ["id", "stage.export.column.a", "stage.export.column.b", "stage.export.column.relation",
            "stage.export.column.since", "stage.export.column.status", "stage.export.column.source"]
    table_head = "".join(f"<th>{html.escape(translate(key, language) if key != 'id' else 'ID')}</th>" for key in head)
    rows = []
    ids = mapbuild.partnership_ids(links) if len(links) else pd.Series(dtype=str)
    for pid, row in zip(ids, links.to_dict("records"), strict=True):
        source = _plain(row.get("source_url")) or ""
        source_cell = _cell(source)
        if source.startswith(("http://", "https://")):
            link_text = html.escape(translate("stage.export.source_link", language))
            source_cell = f'<a href="{html.escape(source, quote=True)}">{link_text}</a>'
        relation = translate(f"map.relation.{_plain(row.get('relation')) or ''}", language)
        status = translate(f"map.status.{_plain(row.get('status')) or ''}", language)
        cells = [html.escape(pid), html.escape(display_label(row, "a", language)), html.escape(display_label(row, "b", language)),
                 html.escape(relation), _cell(row.get("since")), html.escape(status), source_cell]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    params = dict(filter_params or {})
    filters_text = ", ".join(f"{key}={value}" for key, value in params.items()) or translate("stage.export.no_filters", language)
    moment = (exported_at or dt.datetime.now(dt.UTC)).date().isoformat()
    page = _HTML_PAGE.format(
        lang=html.escape(language),
        title=html.escape(translate("app.title", language)),
        summary=html.escape(translate("stage.export.summary", language, shown=len(links), drawn=len(located))),
        filters=html.escape(translate("stage.export.filters", language, filters=filters_text)),
        map_label=html.escape(translate("stage.export.map_label", language, shown=len(located))),
        legend=legend,
        table_label=html.escape(translate("stage.export.table", language)),
        table_head=table_head,
        table_rows="".join(rows),
        credits=html.escape(translate("stage.export.credits", language)),
        exported=html.escape(translate("stage.export.exported", language, date=moment)),
        leaflet_css=leaflet_css,
        leaflet_js=leaflet_js,
        map_css=".leaflet-container{background:" + theme.sea + ";}",
        text=theme.text, background=theme.background, muted=theme.muted_text, border=theme.border,
        land=theme.land, link=theme.primary,
        basemap=_outlines_json(),
        links_script=_links_script(links, places, language, theme_name, highlight_ids),
        bounds=json.dumps([[south, west], [north, east]]),
    )
    return page.encode("utf-8")


def export_bytes(fmt: str, links: pd.DataFrame, places: pd.DataFrame | None = None, language: str = "de",
                 filter_params: Mapping[str, str] | None = None) -> bytes:
    """Dispatch on ``fmt`` (one of :data:`EXPORT_FORMATS`); raises ``ValueError`` for any other."""
    if fmt == "csv":
        return csv_bytes(record_table(links))
    if fmt == "xlsx":
        return xlsx_bytes(record_table(links))
    if fmt == "geojson":
        return geojson_bytes(links)
    if fmt == "html":
        return html_bytes(links, places, language, filter_params)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
