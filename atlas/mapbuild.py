"""Building the offline Folium map: base map, the links layer, and reading clicks back.

The base map (:func:`base_map`) loads Leaflet from the app itself (relative URLs, see
:mod:`atlas.assets`), has no tiles unless asked, and draws the outlines of :mod:`atlas.basemap`, which
the browser fetches once from the app's static folder. It stays the same while filters change, so
st_folium keeps the user's zoom and pan; the filtered data travels as a separate feature group
(:func:`links_layer`).

The links layer is ONE GeoJSON FeatureCollection — links as gently curved arcs, then the municipalities
as points — styled in the browser from the feature properties by a small script
(:data:`LINKS_SCRIPT`). With the SVG renderer every link is a ``<path class="atlas-link pid-<id>">``
and every municipality a ``<path class="atlas-place ...">``; above :data:`CANVAS_THRESHOLD` links it
draws on a canvas instead. Feature properties carry ids (``partnership_id``, ``municipality_id``);
:func:`click_target` turns st_folium's return value back into one of them.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import branca.element
import folium
import pandas as pd
from jinja2 import Template

from atlas.assets import BASEMAP_URL, LEAFLET_CSS_URL, LEAFLET_JS_URL
from atlas.i18n import translate
from atlas.palette import THEMES, ThemeName
from atlas.placenames import display_label
from atlas.schema import COUNTRIES, KINDS, PAIRS, RELATIONS, STATUSES, Bounds, LonLat

CANVAS_THRESHOLD = 2000
"""Above this many links the layer draws on a canvas (no per-link SVG path, much faster)."""
SCALE_THRESHOLD = 3000
"""Above this many links :func:`links_layer` hands over to ``atlas.mapscale`` when it exists."""
ARC_BEND = 0.12
ARC_SEGMENTS = 6
COORDINATE_DIGITS = 3
COUNTRY_COLOURS: dict[str, str] = THEMES["light"].countries
"""Marker fill per country in the everyday theme (``atlas.palette``: each theme has its own)."""
DEFAULT_BOUNDS: Bounds = ((44.3, 5.8), (55.1, 40.3))
"""Germany to eastern Ukraine: the view when there is nothing to fit."""
BASEMAP_ATTRIBUTION = "Natural Earth; &copy; GeoBasis-DE / BKG (2016); GeoNames (CC BY 4.0)"
ONLINE_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
ONLINE_TILES_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'

SelectionKind = Literal["partnership", "place"]


@dataclass(frozen=True)
class Selection:
    """What a click on the map picked: a partnership or a municipality, by id."""

    kind: SelectionKind
    id: str


@dataclass(frozen=True)
class MapOptions:
    """How the map is drawn (plain values, safe to compare between reruns)."""

    language: str = "de"
    theme: ThemeName = "light"
    online_tiles: bool = False
    canvas_threshold: int = CANVAS_THRESHOLD
    highlight_ids: frozenset[str] = field(default_factory=frozenset)
    selected_id: str | None = None


def partnership_ids(links: pd.DataFrame) -> pd.Series:
    """The partnership id column of a links table (``partnership_id``, else the records' ``id``)."""
    column = "partnership_id" if "partnership_id" in links.columns else "id"
    return links[column].astype(str)


def payload_ids(links: pd.DataFrame) -> tuple[str, ...] | None:
    """The ids that key a cached payload of this view: the links with both ends placed, in order.

    None when there are too many links for one payload (the scalable layer draws them) or ``links``
    are not rows of a join (no coordinates).
    """
    if len(links) > SCALE_THRESHOLD or not {"a_lat", "b_lat"} <= set(links.columns):
        return None
    return tuple(partnership_ids(links[links[["a_lat", "a_lon", "b_lat", "b_lon"]].notna().all(axis=1)]))


def _round(value: float) -> float:
    return round(float(value), COORDINATE_DIGITS)


def arc_points(start: LonLat, end: LonLat, bend: float = ARC_BEND, segments: int = ARC_SEGMENTS) -> list[LonLat]:
    """A gentle arc from ``start`` to ``end`` (lon, lat) as ``segments + 1`` rounded points.

    A quadratic Bézier curve whose control point sits ``bend`` × the distance to the left of the
    midpoint; computed in a plane where a degree of longitude is shortened by cos(latitude), so arcs
    look equally curved in every direction. The first and last points are the endpoints.
    """
    (lon_a, lat_a), (lon_b, lat_b) = start, end
    scale = math.cos(math.radians((lat_a + lat_b) / 2)) or 1.0
    x_a, x_b = lon_a * scale, lon_b * scale
    middle_x, middle_y = (x_a + x_b) / 2, (lat_a + lat_b) / 2
    delta_x, delta_y = x_b - x_a, lat_b - lat_a
    control_x, control_y = middle_x - delta_y * bend, middle_y + delta_x * bend
    points: list[LonLat] = []
    for step in range(segments + 1):
        share = step / segments
        rest = 1 - share
        x = rest * rest * x_a + 2 * rest * share * control_x + share * share * x_b
        y = rest * rest * lat_a + 2 * rest * share * control_y + share * share * lat_b
        points.append((_round(x / scale), _round(y)))
    points[0], points[-1] = (_round(lon_a), _round(lat_a)), (_round(lon_b), _round(lat_b))
    return points


def _has_coordinates(links: pd.DataFrame) -> pd.Series:
    columns = ["a_lat", "a_lon", "b_lat", "b_lon"]
    return links[columns].notna().all(axis=1)


def data_bounds(links: pd.DataFrame) -> Bounds | None:
    """``((south, west), (north, east))`` of both ends of every link, or None without coordinates."""
    located = links[_has_coordinates(links)] if len(links) else links
    if not len(located):
        return None
    lats = pd.concat([located["a_lat"], located["b_lat"]]).astype(float)
    lons = pd.concat([located["a_lon"], located["b_lon"]]).astype(float)
    return ((_round(lats.min()), _round(lons.min())), (_round(lats.max()), _round(lons.max())))


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def _year(value: Any) -> int | None:
    text = _text(value).strip()
    return int(float(text)) if text else None


def link_features(links: pd.DataFrame, highlight_ids: Collection[str] = ()) -> list[dict]:
    """One GeoJSON LineString feature per link with coordinates, in the order of ``links``.

    Properties: ``partnership_id``, ``pair``, ``relation``, ``status``, ``since`` (int or null),
    ``a``/``b`` (municipality ids, for the tooltip) and ``highlight`` (bool).
    Links without coordinates on both ends are not drawable and are left out (the join lists them
    as unresolved).
    """
    features = []
    located = links[_has_coordinates(links)]
    ids = partnership_ids(located)
    highlighted = set(highlight_ids)
    for pid, row in zip(ids, located.to_dict("records"), strict=True):
        points = arc_points((float(row["a_lon"]), float(row["a_lat"])), (float(row["b_lon"]), float(row["b_lat"])))
        features.append({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [list(point) for point in points]},
            "properties": {
                "partnership_id": pid,
                "pair": _text(row.get("pair")),
                "relation": _text(row.get("relation")),
                "status": _text(row.get("status")),
                "since": _year(row.get("since_year", row.get("since"))),
                "a": _text(row.get("a_municipality_id")),
                "b": _text(row.get("b_municipality_id")),
                "highlight": pid in highlighted,
            },
        })
    return features


_NAME_COLUMNS = ["name_local", "name_de", "name_en", "name_pl", "name_uk"]


def place_rows(links: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per municipality at either end of ``links``, with ``count`` = its links among them.

    Name, kind and country come from ``places`` (the gazetteer row) where it has the id, else from
    the link's own side columns.
    """
    located = links[_has_coordinates(links)]
    sides = []
    for side in ("a", "b"):
        part = pd.DataFrame({
            "municipality_id": located[f"{side}_municipality_id"].astype(str),
            "country": located[f"{side}_country"],
            "kind": located[f"{side}_kind"],
            "lat": located[f"{side}_lat"].astype(float),
            "lon": located[f"{side}_lon"].astype(float),
            "name_local": located[f"{side}_name"],
        })
        for language in ("de", "en", "pl", "uk"):
            column = f"{side}_name_{language}"
            part[f"name_{language}"] = located[column] if column in located.columns else ""
        sides.append(part)
    if not sides or not len(located):
        return pd.DataFrame(columns=["municipality_id", "country", "kind", "lat", "lon", *_NAME_COLUMNS, "count"])
    both = pd.concat(sides, ignore_index=True)
    counts = both.groupby("municipality_id").size().rename("count")
    rows = both.drop_duplicates("municipality_id").set_index("municipality_id")
    if places is not None and len(places):
        known = places.drop_duplicates("municipality_id").set_index("municipality_id")
        for column in ("country", "kind", "name_local", "name_de", "name_en", "name_pl", "name_uk"):
            if column in known.columns:
                values = pd.Series(rows.index.map(known[column]), index=rows.index, dtype=object)
                usable = values.notna() & (values.astype(str) != "")
                rows[column] = values.where(usable, rows[column])
    rows = rows.join(counts).reset_index()
    return rows.sort_values(["count", "municipality_id"], ascending=[False, True], ignore_index=True)


def place_features(rows: pd.DataFrame, language: str) -> list[dict]:
    """GeoJSON Point features of :func:`place_rows`, with an escaped display ``label``."""
    features = []
    for row in rows.to_dict("records"):
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [_round(row["lon"]), _round(row["lat"])]},
            "properties": {
                "municipality_id": row["municipality_id"],
                "country": _text(row["country"]),
                "kind": _text(row["kind"]),
                "count": int(row["count"]),
                "label": html.escape(display_label(row, None, language)),
            },
        })
    return features


def links_collection(
    links: pd.DataFrame,
    places: pd.DataFrame | None,
    language: str,
    highlight_ids: Collection[str] = (),
) -> dict:
    """The FeatureCollection the browser draws: links (arcs, highlighted ones last, so on top), then places."""
    lines = link_features(links, highlight_ids)
    lines.sort(key=lambda item: item["properties"]["highlight"])  # stable: highlighted last, drawn on top
    features = lines + place_features(place_rows(links, places), language)
    return {"type": "FeatureCollection", "features": features}


def _browser_texts(language: str) -> dict:
    """Escaped UI texts the browser script needs for tooltips."""
    relation = {name: html.escape(translate(f"map.relation.{name}", language)) for name in RELATIONS}
    status = {name: html.escape(translate(f"map.status.{name}", language)) for name in ("planned", "ended")}
    return {"relation": relation, "status": status, "since": html.escape(translate("map.tooltip.since", language))}


def _safe_json(value: Any) -> str:
    """JSON that is also safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for character in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(character, f"\\u{ord(character):04x}")
    return text


PAYLOAD_START = "/*atlas-links-payload*/"
PAYLOAD_END = "/*end-atlas-links-payload*/"
VOCABULARY: dict[str, tuple[str, ...]] = {
    "pair": PAIRS, "relation": RELATIONS, "status": STATUSES, "country": COUNTRIES, "kind": KINDS,
}


def _code(value: Any, vocabulary: tuple[str, ...]) -> int:
    """Index of ``value`` in ``vocabulary``; -1 for anything else (drawn grey, never dropped)."""
    text = _text(value)
    return vocabulary.index(text) if text in vocabulary else -1


def compact_payload(
    links: pd.DataFrame,
    places: pd.DataFrame | None,
    language: str,
    highlight_ids: Collection[str] = (),
) -> dict:
    """The links layer's data in columns, about a fifth of the GeoJSON's size.

    ``places``: one entry per municipality (id, lon, lat, country/kind codes, count, escaped label);
    ``links``: one entry per drawable link (id, pair/relation/status codes, year, the two place
    indices), highlighted ones last. The browser turns it into exactly the FeatureCollection of
    :func:`links_collection` (see :func:`expand_payload`, the same steps in Python).
    """
    rows = place_rows(links, places)
    position = {municipality_id: index for index, municipality_id in enumerate(rows["municipality_id"])}
    located = links[_has_coordinates(links)]
    since = located["since_year"] if "since_year" in located.columns else located["since"]
    payload = {
        "vocabulary": {name: list(values) for name, values in VOCABULARY.items()},
        "places": {
            "id": list(rows["municipality_id"]),
            "lon": [_round(value) for value in rows["lon"]],
            "lat": [_round(value) for value in rows["lat"]],
            "country": [_code(value, COUNTRIES) for value in rows["country"]],
            "kind": [_code(value, KINDS) for value in rows["kind"]],
            "count": [int(value) for value in rows["count"]],
            "label": [html.escape(display_label(row, None, language)) for row in rows[_NAME_COLUMNS].to_dict("records")],
        },
        "links": {
            "id": list(partnership_ids(located)),
            "pair": [_code(value, PAIRS) for value in located["pair"]],
            "relation": [_code(value, RELATIONS) for value in located["relation"]],
            "status": [_code(value, STATUSES) for value in located["status"]],
            "since": [_year(value) for value in since],
            "a": [position[str(value)] for value in located["a_municipality_id"]],
            "b": [position[str(value)] for value in located["b_municipality_id"]],
            "highlight": [False] * len(located),
        },
    }
    return with_highlight(payload, highlight_ids)


def with_highlight(payload: dict, highlight_ids: Collection[str]) -> dict:
    """A copy of a compact payload with ``highlight_ids`` flagged and moved last (drawn on top); cheap.

    Lets the UI cache the payload of a filtered view and still emphasise the clicked link.
    """
    links = payload["links"]
    highlighted = set(highlight_ids)
    flags = [pid in highlighted for pid in links["id"]]
    order = sorted(range(len(flags)), key=flags.__getitem__)  # stable: highlighted last
    reordered = {name: [values[index] for index in order] for name, values in links.items() if name != "highlight"}
    reordered["highlight"] = [flags[index] for index in order]
    return {**payload, "links": reordered}


def expand_payload(payload: dict) -> dict:
    """The FeatureCollection the browser script builds from :func:`compact_payload` (Python mirror, for tests)."""
    vocabulary, places, links = payload["vocabulary"], payload["places"], payload["links"]

    def word(name: str, code: int) -> str:
        return vocabulary[name][code] if code >= 0 else ""

    features = []
    for index, pid in enumerate(links["id"]):
        a, b = links["a"][index], links["b"][index]
        points = arc_points((places["lon"][a], places["lat"][a]), (places["lon"][b], places["lat"][b]))
        features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": [list(point) for point in points]},
                         "properties": {
                             "partnership_id": pid, "pair": word("pair", links["pair"][index]),
                             "relation": word("relation", links["relation"][index]),
                             "status": word("status", links["status"][index]), "since": links["since"][index],
                             "a": places["id"][a], "b": places["id"][b], "highlight": links["highlight"][index],
                         }})
    for index, municipality_id in enumerate(places["id"]):
        point = [places["lon"][index], places["lat"][index]]
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": point},
                         "properties": {
                             "municipality_id": municipality_id, "country": word("country", places["country"][index]),
                             "kind": word("kind", places["kind"][index]), "count": places["count"][index],
                             "label": places["label"][index],
                         }})
    return {"type": "FeatureCollection", "features": features}


def payload_from_script(script: str) -> dict:
    """Read the links payload back out of a rendered map or feature-group script (for tests and benchmarks)."""
    start = script.index(PAYLOAD_START) + len(PAYLOAD_START)
    return json.loads(script[start:script.index(PAYLOAD_END, start)])


LINKS_SCRIPT = """
(function (group, payload) {
  var V = payload.vocabulary, P = payload.places, K = payload.links, texts = payload.texts;
  var bend = payload.arc.bend, segments = payload.arc.segments;
  function word(name, code) { return code >= 0 ? V[name][code] : ''; }
  function arc(a, b) {
    var scale = Math.cos((a[1] + b[1]) / 2 * Math.PI / 180) || 1;
    var xa = a[0] * scale, xb = b[0] * scale;
    var cx = (xa + xb) / 2 - (b[1] - a[1]) * bend, cy = (a[1] + b[1]) / 2 + (xb - xa) * bend;
    var points = [a];
    for (var step = 1; step < segments; step++) {
      var t = step / segments, r = 1 - t;
      points.push([(r * r * xa + 2 * r * t * cx + t * t * xb) / scale, r * r * a[1] + 2 * r * t * cy + t * t * b[1]]);
    }
    points.push(b);
    return points;
  }
  var features = [];
  K.id.forEach(function (pid, i) {
    var a = K.a[i], b = K.b[i];
    features.push({type: 'Feature',
      geometry: {type: 'LineString', coordinates: arc([P.lon[a], P.lat[a]], [P.lon[b], P.lat[b]])},
      properties: {partnership_id: pid, pair: word('pair', K.pair[i]), relation: word('relation', K.relation[i]),
                   status: word('status', K.status[i]), since: K.since[i], a: P.id[a], b: P.id[b],
                   highlight: K.highlight[i]}});
  });
  var labels = {};
  P.id.forEach(function (mid, j) {
    labels[mid] = P.label[j];
    features.push({type: 'Feature', geometry: {type: 'Point', coordinates: [P.lon[j], P.lat[j]]},
      properties: {municipality_id: mid, country: word('country', P.country[j]), kind: word('kind', P.kind[j]),
                   count: P.count[j], label: P.label[j]}});
  });
  var options = {
    style: function (f) {
      var p = f.properties;
      if (p.partnership_id === undefined) { return {}; }
      var dashed = p.relation === 'intent' || p.status === 'planned';
      var ended = p.status === 'ended';
      return {
        color: p.highlight ? payload.highlight : (payload.colours[p.pair] || '#777777'),
        weight: p.highlight ? payload.weights.highlight : payload.weights.link,
        opacity: ended ? 0.3 : (p.highlight ? 1 : 0.8),
        dashArray: dashed ? '6 5' : null,
        lineCap: 'round'
      };
    },
    pointToLayer: function (f, latlng) {
      var p = f.properties;
      var area = p.kind === 'district' || p.kind === 'region';
      var fill = payload.countryColours[p.country] || '#555555';
      return L.circleMarker(latlng, {
        radius: Math.min(14, 3 + 2.2 * Math.sqrt(p.count)),
        color: area ? fill : '#ffffff',
        weight: area ? 3 : 1,
        dashArray: p.kind === 'region' ? '3 2' : null,
        fillColor: fill,
        fillOpacity: area ? 0.25 : 0.9,
        className: 'atlas-place kind-' + p.kind
      });
    },
    onEachFeature: function (f, layer) {
      var p = f.properties;
      if (p.partnership_id !== undefined) {
        layer.options.className = 'atlas-link pid-' + p.partnership_id + (p.highlight ? ' atlas-highlight' : '');
      }
    }
  };
  function tooltip(p) {
    if (p.partnership_id === undefined) { return p.label; }
    var extra = [texts.relation[p.relation] || ''];
    if (p.since) { extra.push(texts.since + ' ' + p.since); }
    if (texts.status[p.status]) { extra.push(texts.status[p.status]); }
    return (labels[p.a] || '') + ' \\u2013 ' + (labels[p.b] || '') + '<br>' + extra.join(' \\u00b7 ');
  }
  if (payload.canvas) { options.renderer = L.canvas({padding: 0.3}); }
  var layer = L.geoJSON({type: 'FeatureCollection', features: features}, options);
  // Tooltips are made on the first hover of a line or marker, not for all of them up front (a thousand
  // tooltip objects and their listeners were a good part of drawing the map).
  layer.on('mouseover', function (event) {
    var target = event.layer;
    if (!target || target.getTooltip()) { return; }
    var p = target.feature.properties;
    target.bindTooltip(tooltip(p), p.partnership_id === undefined ? {direction: 'top'} : {sticky: true});
    target.openTooltip(event.latlng);
  });
  layer.addTo(group);
})({{ this._parent.get_name() }}, {{ this.payload }});
"""


@lru_cache(maxsize=16)
def _script_template(body: str) -> Template:
    """The compiled Jinja template of one of our scripts (compiling it on every rerun took ~10 ms)."""
    return Template("{% macro script(this, kwargs) %}" + body + "{% endmacro %}")


class _BrowserScript(branca.element.MacroElement):
    """A piece of our own JavaScript run with its parent layer and a JSON payload."""

    def __init__(self, body: str, payload: Any, marked: bool = False):
        super().__init__()
        self._name = "BrowserScript"
        text = _safe_json(payload)
        self.payload = f"{PAYLOAD_START}{text}{PAYLOAD_END}" if marked else text
        self._template = _script_template(body)


def links_layer(
    links: pd.DataFrame,
    places: pd.DataFrame | None,
    language: str,
    options: MapOptions | None = None,
    highlight_ids: Collection[str] = (),
    payload: dict | None = None,
) -> folium.FeatureGroup:
    """The filtered partnerships as one feature group for ``st_folium(feature_group_to_add=...)``.

    ``payload``, when given, is :func:`compact_payload` of exactly these ``links`` computed earlier
    (the UI caches it per filtered view); highlights are applied to it here.

    The browser builds one GeoJSON FeatureCollection (:func:`links_collection`) from the compact
    payload (:func:`compact_payload`) and styles it from the properties. ``highlight_ids`` (and
    ``options.highlight_ids`` / ``options.selected_id``) are drawn on top, thicker and in the theme's
    highlight colour. Above :data:`SCALE_THRESHOLD` links the group comes from
    ``atlas.mapscale.scalable_links_layer`` when that module exists.
    """
    options = options or MapOptions(language=language)
    emphasised = set(highlight_ids) | set(options.highlight_ids) | ({options.selected_id} if options.selected_id else set())
    if len(links) > SCALE_THRESHOLD:
        scalable = _scalable_links_layer()
        if scalable is not None:
            return scalable(links, places, language, options, highlight_ids=emphasised)
    theme = THEMES[options.theme]
    data = with_highlight(payload, emphasised) if payload is not None else compact_payload(links, places, language, emphasised)
    browser_payload = data | {
        "arc": {"bend": ARC_BEND, "segments": ARC_SEGMENTS},
        "colours": theme.pairs,
        "countryColours": theme.countries,
        "highlight": theme.highlight,
        # Lines a projector at the back of a hall still shows: thicker in the presentation theme.
        "weights": {"link": 3.5, "highlight": 7} if options.theme == "present" else {"link": 2, "highlight": 4},
        "texts": _browser_texts(language),
        "canvas": len(links) > options.canvas_threshold,
    }
    group = folium.FeatureGroup(name="partnerships", control=False)
    group.add_child(_BrowserScript(LINKS_SCRIPT, browser_payload, marked=True))
    return group


def _scalable_links_layer():
    try:
        from atlas.mapscale import scalable_links_layer  # optional module of the scale work
    except ImportError:
        return None
    return scalable_links_layer


BASEMAP_SCRIPT = """
(function (map, payload) {
  var pane = map.createPane('atlas-basemap');
  pane.style.zIndex = 250;
  pane.style.pointerEvents = 'none';
  var styles = {
    countries: function (f) {
      return {color: payload.border, weight: f.properties.focus ? 1.2 : 0.6, opacity: 0.9,
              fillColor: payload.land, fillOpacity: payload.fill ? (f.properties.focus ? 1 : 0.55) : 0};
    },
    admin1: function () { return {color: payload.border, weight: 0.5, opacity: 0.6, fill: false}; }
  };
  var requests = payload.layers.map(function (name) {
    return fetch(payload.url + '/' + name + '.json').then(function (response) {
      if (!response.ok) { throw new Error(name + ': HTTP ' + response.status); }
      return response.json();
    });
  });
  if (map.attributionControl) { map.attributionControl.addAttribution(payload.attribution); }
  // Leaflet focuses the map on every mousedown (for its arrow-key panning). Inside the app's iframe that
  // focus made the page scroll the whole map into view between mousedown and mouseup, so a click on a
  // map not fully on screen moved the page and was lost. Focus without scrolling instead.
  var container = map.getContainer();
  container.focus = function () { HTMLElement.prototype.focus.call(container, {preventScroll: true}); };
  // the outlines are never clicked: one canvas draws them all instead of a hundred SVG paths
  var renderer = L.canvas({pane: 'atlas-basemap', padding: 0.5});
  Promise.allSettled(requests).then(function (results) {
    results.forEach(function (result, index) {
      var name = payload.layers[index];
      if (result.status === 'fulfilled') {
        L.geoJSON(result.value, {pane: 'atlas-basemap', interactive: false, style: styles[name], renderer: renderer}).addTo(map);
      } else {
        console.warn('basemap layer not loaded: ' + result.reason);
      }
    });
  });
})({{ this._parent.get_name() }}, {{ this.payload }});
"""


def _map_css(theme_name: ThemeName) -> str:
    """Sea colour and tooltip size; on a narrow map the credits wrap beside the scale bar instead of covering
    it. Lines need no halo: the theme's colours have 3:1 on every surface."""
    theme = THEMES[theme_name]
    css = (f".leaflet-container{{background:{theme.sea};}}.leaflet-tooltip{{font-size:13px;}}"
           ".leaflet-right .leaflet-control-attribution{max-width:calc(100vw - 140px);}")
    if theme_name == "present":
        # on stage the app sizes the map's frame to the screen (components.presentation); the map fills it
        css += "#map_div{height:100vh !important;}"
    return css


def base_map(
    bounds: Bounds | None = None,
    theme: ThemeName = "light",
    online_tiles: bool = False,
) -> folium.Map:
    """The offline base map: Leaflet from the app, outlines from :mod:`atlas.basemap`, fitted to ``bounds``.

    No jQuery, Bootstrap or Font Awesome are loaded; no tiles unless ``online_tiles`` (an OpenStreetMap
    layer that needs the internet; a failing tile server leaves the outlines and lines drawn).
    Keep the arguments the same between reruns to keep the user's view: the data goes in
    :func:`links_layer`.
    """
    fitted = bounds or DEFAULT_BOUNDS
    (south, west), (north, east) = fitted
    center = ((south + north) / 2, (west + east) / 2)
    figure_map = folium.Map(
        location=center,
        zoom_start=5,
        tiles=None,
        prefer_canvas=False,
        control_scale=True,
        zoom_snap=0.25,
        min_zoom=3,
        max_zoom=13,
    )
    figure_map.default_js = [("leaflet", LEAFLET_JS_URL)]
    figure_map.default_css = [("leaflet_css", LEAFLET_CSS_URL)]
    if online_tiles:
        folium.TileLayer(ONLINE_TILES_URL, attr=ONLINE_TILES_ATTRIBUTION, name="OpenStreetMap", max_zoom=13).add_to(figure_map)
    theme_values = THEMES[theme]
    figure_map.add_child(_BrowserScript(BASEMAP_SCRIPT, {
        "url": BASEMAP_URL,
        "layers": ["countries", "admin1"],
        "land": theme_values.land,
        "border": theme_values.border,
        "fill": not online_tiles,
        "attribution": BASEMAP_ATTRIBUTION,
    }))
    figure_map.get_root().header.add_child(branca.element.Element(f"<style>{_map_css(theme)}</style>"), name="atlas_map_css")
    padded = _padded(fitted)
    # Fitted without the zoom animation: folium's fitBounds runs on a map already set to zoom 5, so Leaflet
    # would animate to the fitted zoom for a quarter of a second, draw the layers twice, and drop any
    # setView that comes meanwhile (a "fit view" click, a test zooming in right after the first draw).
    fit = folium.map.FitBounds([list(padded[0]), list(padded[1])])
    fit.options["animate"] = False
    figure_map.add_child(fit)
    return figure_map


def _padded(bounds: Bounds, share: float = 0.05, minimum: float = 0.3) -> Bounds:
    """Bounds grown a little on each side (a single place or one short link still gets a sensible view)."""
    (south, west), (north, east) = bounds
    pad_lat = max((north - south) * share, minimum)
    pad_lon = max((east - west) * share, minimum)
    return ((_round(south - pad_lat), _round(west - pad_lon)), (_round(north + pad_lat), _round(east + pad_lon)))


def asset_urls(figure_map: folium.Map, layers: Iterable[folium.Element] = ()) -> list[str]:
    """Every script and stylesheet URL the map makes the browser load (as st_folium collects them)."""
    urls: list[str] = []

    def walk(element: Any) -> None:
        urls.extend(src for _, src in getattr(element, "default_js", []))
        urls.extend(href for _, href in getattr(element, "default_css", []))
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(figure_map)
    for layer in layers:
        walk(layer)
    return list(dict.fromkeys(urls))


def click_target(returned: Mapping[str, Any] | None) -> Selection | None:
    """Map st_folium's return value to the clicked partnership or municipality, by id (pure).

    Reads the clicked feature (``last_active_drawing``, a GeoJSON Feature with our properties); a
    ``partnership_id`` wins over a ``municipality_id``. Anything else — no click yet, a click on the
    basemap, a feature of another layer without ids — gives None.

    >>> click_target({"last_active_drawing": {"type": "Feature", "properties": {"partnership_id": "P0001"}}})
    Selection(kind='partnership', id='P0001')
    """
    if not isinstance(returned, Mapping):
        return None
    drawing = returned.get("last_active_drawing")
    properties = drawing.get("properties") if isinstance(drawing, Mapping) else None
    if not isinstance(properties, Mapping):
        return None
    for key, kind in (("partnership_id", "partnership"), ("municipality_id", "place")):
        value = properties.get(key)
        if isinstance(value, str) and value.strip():
            return Selection(kind, value.strip())  # type: ignore[arg-type]
    return None


def click_signature(returned: Mapping[str, Any] | None) -> str | None:
    """A value that changes with every new click (to tell a new click from the last one seen again).

    st_folium keeps returning the last click on every rerun; comparing signatures lets the page act
    on a click once, so a later selection in the panel is not overridden by an old click.
    """
    if not isinstance(returned, Mapping):
        return None
    target = click_target(returned)
    if target is None:
        return None
    return json.dumps([returned.get("last_object_clicked"), target.kind, target.id], sort_keys=True, default=str)


def map_layers(
    links: pd.DataFrame,
    places: pd.DataFrame | None,
    options: MapOptions,
    extra_layers: Sequence[folium.FeatureGroup] = (),
    highlight_ids: Collection[str] = (),
    payload: dict | None = None,
    scale_script: str | None = None,
) -> list[folium.FeatureGroup]:
    """The feature groups to pass to ``st_folium(feature_group_to_add=...)``: links first, then extras.

    ``scale_script``, when given, is ``atlas.mapscale.scale_script`` of exactly these links and options,
    made earlier (the UI caches it per view): above :data:`SCALE_THRESHOLD` the layer is then built from it.
    """
    if scale_script is not None and len(links) > SCALE_THRESHOLD:
        from atlas.mapscale import layer_of_script

        return [layer_of_script(scale_script), *extra_layers]
    return [links_layer(links, places, options.language, options, highlight_ids, payload=payload), *extra_layers]

