"""A links layer that stays fast from a few hundred to 100,000 partnerships.

:func:`scalable_links_layer` sends the browser a compact payload instead of geometry: every place once
(coordinates as integers of 1e-4 degrees), every link as two place indices plus small codes for
pair, status, relation and year, ids delta-encoded where they share a prefix; on the wire the whole
numbers travel as base-64 digits and the place ids and labels as one text each (:func:`pack_payload`),
which the browser unpacks, cutting out a label only when it is shown. The arcs (a few points
each, the same curve as :func:`atlas.mapbuild.arc_points`) and the styling are computed by a small
script in the browser (:data:`SCALE_SCRIPT`); no Python ``style_function``, no plugin, no CDN.

Above ``aggregate_above`` links the layer also carries region bundles (:mod:`atlas.aggregate`): below
``zoom_threshold`` the map shows one arc per pair of regions, as thick as its count, and a circle per
region; from ``zoom_threshold`` on it shows the individual links with an end in the current view (or
the bundles again while more than ``max_drawn`` links would be drawn). Clicking a bundle opens it up
into its links. Panning and zooming happen in the browser only — no rerun.

Above ``canvas_above`` links everything draws on one Leaflet canvas. With the SVG renderer each link is
a ``<path class="atlas-link pid-<id>">`` and each place a ``<path class="atlas-place kind-<kind>">``
(the map engineer's contract). Clicks report GeoJSON features with ``partnership_id`` or
``municipality_id`` in their properties, as :func:`atlas.mapbuild.click_target` reads them; bundle
features carry ``bundle_id`` only.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import branca.element
import folium
import numpy as np
import pandas as pd
from jinja2 import Template

from atlas.aggregate import Level, bundle_links
from atlas.i18n import translate
from atlas.palette import THEMES
from atlas.schema import COUNTRIES, KINDS, PAIRS, RELATIONS, STATUSES

COORDINATE_SCALE = 10_000
"""Coordinates travel as integers of 1/10,000 degree (about 11 m)."""
_NAME_FALLBACK: dict[str, tuple[str, ...]] = {"de": ("de", "en"), "uk": ("uk",), "pl": ("pl", "en"), "en": ("en",)}
_PADDED_ID_PATTERN = r"^([A-Za-z]*)([0-9]+)$"


@dataclass(frozen=True)
class ScaleOptions:
    """Thresholds of the scalable layer (plain values)."""

    zoom_threshold: float = 8
    """Below this zoom large networks show region bundles; from it on, the links with an end in view."""
    canvas_above: int = 1500
    """More links than this draw on a canvas instead of SVG paths."""
    aggregate_above: int = 3000
    """More links than this get region bundles at low zoom."""
    max_drawn: int = 5_000
    """Above the zoom threshold, show bundles while more links than this have an end in the view."""
    bundle_level: Level = "admin1"
    arc_segments: int = 6
    arc_bend: float = 0.18


def _strings(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].fillna("").astype(str).str.strip()


def _display_labels(ends: pd.DataFrame, language: str) -> pd.Series:
    """Vectorised :func:`atlas.placenames.display_label`: UI-language name, local name in brackets."""
    local = _strings(ends, "name_local")
    name = pd.Series("", index=ends.index, dtype=object)
    for candidate in _NAME_FALLBACK.get(language, ("de", "en")):
        name = name.where(name != "", _strings(ends, f"name_{candidate}"))
    name = name.where(name != "", local)
    differs = (local != "") & (local.str.casefold() != name.str.casefold())
    return name.where(~differs, name + " (" + local + ")")


def _place_table(links: pd.DataFrame, first_rows: np.ndarray) -> pd.DataFrame:
    """One row per place: the side columns of its first occurrence (row ``r`` < n: side a, else side b)."""
    count = len(links)

    def column(name: str, numeric: bool = False) -> np.ndarray:
        parts = []
        for side in ("a", "b"):
            key = f"{side}_{name}"
            parts.append(links[key] if key in links.columns else pd.Series(np.nan if numeric else "", index=links.index))
        joined = pd.concat(parts, ignore_index=True).iloc[first_rows] if count else pd.Series([], dtype=object)
        if numeric:
            return pd.to_numeric(joined, errors="coerce").to_numpy(dtype=float)
        return joined.fillna("").astype(str).to_numpy(dtype=object)

    table = pd.DataFrame({
        "municipality_id": column("municipality_id"),
        "country": column("country"),
        "kind": column("kind"),
        "lat": column("lat", numeric=True),
        "lon": column("lon", numeric=True),
        "name_local": column("name"),
    })
    for language in ("de", "en", "pl", "uk"):
        table[f"name_{language}"] = column(f"name_{language}")
    return table


def encode_ids(ids: pd.Series | list[str]) -> list[str] | dict[str, Any]:
    """Ids as a list, or — when all share a letter prefix and a digit width — as deltas.

    ``["S000001", "S000002", "S000005"]`` becomes ``{"p": "S", "w": 6, "d": [1, 1, 3]}``; the browser
    rebuilds the exact strings. Anything else travels as the plain list.
    """
    values = pd.Series(ids, dtype=str) if not isinstance(ids, pd.Series) else ids.astype(str)
    if values.empty:
        return []
    match = re.fullmatch(r"([A-Za-z]*)([0-9]{1,15})", values.iloc[0])
    if match:
        prefix, width = match.group(1), len(match.group(2))
        digits = values.str.slice(len(prefix))
        if (
            bool((values.str.len() == len(prefix) + width).all())
            and bool(values.str.startswith(prefix).all())
            and bool(digits.str.isdigit().all())
        ):
            deltas = np.diff(digits.astype(np.int64).to_numpy(), prepend=0)
            return {"p": prefix, "w": width, "d": deltas.tolist()}
    return values.tolist()


def decode_ids(encoded: list[str] | dict[str, Any]) -> list[str]:
    """Inverse of :func:`encode_ids` (the browser does the same)."""
    if isinstance(encoded, list):
        return list(encoded)
    numbers = np.cumsum(np.asarray(encoded["d"], dtype=np.int64))
    return [f"{encoded['p']}{number:0{encoded['w']}d}" for number in numbers.tolist()]


# Whole numbers travel as fixed-width base-64 digits in one string (:func:`pack_ints`). The digits are
# letters, numbers, "+" and "." only: nothing JSON, HTML or st_folium's identifier rewriting would touch.
PACK_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+."
_PACK_BYTES = np.frombuffer(PACK_DIGITS.encode("ascii"), dtype=np.uint8)
# The payload's integer arrays that are packed before sending (the rest is small or text).
PACKED_FIELDS = {"pl": ("y", "x", "c", "k", "n", "g"), "li": ("a", "b", "p", "s", "r", "y")}


def pack_ints(values: Any) -> dict[str, Any] | list[int]:
    """Whole numbers as ``{"o": offset, "w": width, "s": digits}``: each value minus the smallest, in
    ``w`` base-64 digits of :data:`PACK_DIGITS`. A place index of 25,000 places takes 3 characters instead
    of 6 ("12345,"), a code 1 instead of 2. Empty input stays ``[]``."""
    array = np.asarray(values, dtype=np.int64).ravel()
    if array.size == 0:
        return []
    low = int(array.min())
    rest = array - low
    width = 1
    while 64 ** width <= int(rest.max()):
        width += 1
    digits = np.empty((array.size, width), dtype=np.int64)
    for position in range(width - 1, -1, -1):
        digits[:, position] = rest % 64
        rest = rest // 64
    return {"o": low, "w": width, "s": _PACK_BYTES[digits].tobytes().decode("ascii")}


def unpack_ints(packed: dict[str, Any] | list[int]) -> list[int]:
    """Inverse of :func:`pack_ints` (the browser script does the same)."""
    if isinstance(packed, list):
        return list(packed)
    width = packed["w"]
    raw = np.frombuffer(packed["s"].encode("ascii"), dtype=np.uint8).reshape(-1, width)
    lookup = np.zeros(128, dtype=np.int64)
    lookup[_PACK_BYTES] = np.arange(64)
    values = np.zeros(len(raw), dtype=np.int64)
    for position in range(width):
        values = values * 64 + lookup[raw[:, position]]
    return (values + packed["o"]).tolist()


def pack_texts(texts: list[str]) -> dict[str, Any] | list[str]:
    """Strings as one string and the packed end of each (``{"s": joined, "e": ends}``), counted in UTF-16
    code units as JavaScript's ``slice`` counts them; the browser cuts out a label only when a tooltip
    needs it instead of making 15,000 strings at start. Empty input stays ``[]``."""
    if not texts:
        return []
    ends = np.cumsum([len(text.encode("utf-16-le")) // 2 for text in texts])
    return {"s": "".join(texts), "e": pack_ints(ends)}


def unpack_texts(packed: dict[str, Any] | list[str]) -> list[str]:
    """Inverse of :func:`pack_texts`."""
    if isinstance(packed, list):
        return list(packed)
    units = packed["s"].encode("utf-16-le")
    ends = unpack_ints(packed["e"])
    starts = [0, *ends[:-1]]
    return [units[2 * start:2 * end].decode("utf-16-le") for start, end in zip(starts, ends, strict=True)]


def _convert_payload(payload: dict[str, Any], ints: Any, texts: Any) -> dict[str, Any]:
    """A copy of ``payload`` with ``ints`` applied to the fields of :data:`PACKED_FIELDS` and the id deltas,
    ``texts`` to the place ids and labels (packing one way, unpacking the other)."""
    converted = dict(payload)
    for part, fields in PACKED_FIELDS.items():
        section = dict(payload[part])
        for field in fields:
            section[field] = ints(section[field])
        if part == "li" and isinstance(section.get("id"), dict):
            section["id"] = {**section["id"], "d": ints(section["id"]["d"])}
        if part == "pl":
            section["id"], section["t"] = texts(section["id"]), texts(section["t"])
        converted[part] = section
    return converted


def pack_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """:func:`scale_payload` as sent: the integer arrays of :data:`PACKED_FIELDS` and the id deltas packed
    (at 25,000 links about 40 % fewer bytes than the plain JSON lists), place ids and labels as one text
    each (:func:`pack_texts`)."""
    return _convert_payload(payload, pack_ints, pack_texts)


def unpack_payload(packed: dict[str, Any]) -> dict[str, Any]:
    """Inverse of :func:`pack_payload` (for tests and tools)."""
    return _convert_payload(packed, unpack_ints, unpack_texts)


def payload_of_scale_script(script: str) -> dict[str, Any]:
    """The plain payload inside a :func:`scale_script` string (for tests and tools)."""
    return unpack_payload(json.loads(js_string_value(script)))


def _codes(values: pd.Series, vocabulary: tuple[str, ...]) -> list[int]:
    """Index of each value in ``vocabulary`` (unknown values: ``len(vocabulary)``)."""
    codes, uniques = pd.factorize(values)
    unknown = len(vocabulary)
    lookup = np.array([vocabulary.index(value) if value in vocabulary else unknown for value in uniques] + [unknown])
    return lookup[codes].tolist()  # factorize gives -1 for missing values: the appended "unknown"


def _browser_texts(language: str) -> dict[str, Any]:
    return {
        "relations": [html.escape(translate(f"map.relation.{name}", language)) for name in RELATIONS] + [""],
        "statuses": [html.escape(translate(f"map.status.{name}", language)) for name in STATUSES] + [""],
        "kinds": [html.escape(translate(f"map.kind.{name}", language)) for name in KINDS] + [""],
        "since": html.escape(translate("map.tooltip.since", language)),
        "bundle": html.escape(translate("scale.bundle.tooltip", language)),
        "place": html.escape(translate("scale.place.tooltip", language)),
    }


def scale_payload(
    links: pd.DataFrame,
    places: pd.DataFrame | None,
    language: str,
    options: ScaleOptions | None = None,
    highlight_ids: Collection[str] = (),
    theme: str = "light",
) -> dict[str, Any]:
    """The compact data the browser script draws (pure; JSON-ready).

    ``pl``: places (``id``, ``y``/``x`` integer coordinates, ``c`` country, ``k`` kind, ``n`` partner
    count, ``t`` escaped label, ``g`` bundle node). ``li``: links (``id`` ids, ``a``/``b`` place
    indices, ``p`` pair, ``s`` status, ``r`` relation codes, ``y`` year or 0, ``h`` highlighted
    indices). ``bu``: bundles or ``None``. ``o``: drawing options. ``t``: escaped UI texts.
    Links without coordinates on both ends are left out (``o.skipped`` counts them).
    """
    options = options or ScaleOptions()
    located_mask = links[["a_lat", "a_lon", "b_lat", "b_lon"]].notna().all(axis=1).to_numpy()
    located = links.loc[located_mask]
    count = len(located)
    ids = _strings(located, "partnership_id" if "partnership_id" in located.columns else "id")

    end_ids = pd.concat([located["a_municipality_id"], located["b_municipality_id"]], ignore_index=True).astype(str)
    place_codes, place_ids = pd.factorize(end_ids, sort=False)
    _, first_rows = np.unique(place_codes, return_index=True)
    place_table = _place_table(located, first_rows)
    partner_count = np.bincount(place_codes, minlength=len(place_ids)) if count else np.zeros(0, int)
    if places is not None and len(places) and "municipality_id" in places.columns:
        known = places.drop_duplicates("municipality_id")
        rows = pd.Index(known["municipality_id"].astype(str)).get_indexer(place_table["municipality_id"])
        found = rows >= 0
        for column in ("kind", "name_local", "name_de", "name_en", "name_pl", "name_uk"):
            if column in known.columns:
                values = known[column].fillna("").astype(str).to_numpy(dtype=object)[rows[found]]
                current = place_table[column].to_numpy(dtype=object, copy=True)
                current[np.flatnonzero(found)] = np.where(values != "", values, current[found])
                place_table[column] = current
    labels = [html.escape(label) for label in _display_labels(place_table, language).tolist()]

    bundles = None
    node_of_place = np.zeros(len(place_table), dtype=int)
    if count > options.aggregate_above:
        bundled = bundle_links(located, options.bundle_level)
        node_of_place[place_codes] = bundled.end_nodes
        node_index = pd.Index(bundled.nodes["node_id"])
        flows = bundled.flows
        bundles = {
            "id": flows["bundle_id"].tolist(),
            "nm": [html.escape(name) for name in bundled.nodes["name"].tolist()],
            "y": np.round(bundled.nodes["lat"].to_numpy() * COORDINATE_SCALE).astype(int).tolist(),
            "x": np.round(bundled.nodes["lon"].to_numpy() * COORDINATE_SCALE).astype(int).tolist(),
            "a": node_index.get_indexer(flows["a_node"]).tolist(),
            "b": node_index.get_indexer(flows["b_node"]).tolist(),
            "n": flows["count"].astype(int).tolist(),
            "p": _codes(flows["pair"], PAIRS),
            "c": bundled.nodes["link_count"].astype(int).tolist(),
            "cc": _codes(bundled.nodes["country"], COUNTRIES),
        }

    years = pd.to_numeric(located["since_year"] if "since_year" in located.columns else located.get("since"), errors="coerce")
    wanted = set(highlight_ids)
    highlighted = [index for index, value in enumerate(ids.tolist()) if value in wanted] if wanted else []
    theme_values = THEMES.get(theme, THEMES["light"])  # type: ignore[call-overload]
    return {
        "o": {
            "q": COORDINATE_SCALE,
            "zt": options.zoom_threshold,
            "max": options.max_drawn,
            "seg": options.arc_segments,
            "bend": options.arc_bend,
            "canvas": count > options.canvas_above,
            "pairColours": [theme_values.pairs.get(pair, "#777777") for pair in PAIRS] + ["#777777"],
            "countryColours": [theme_values.countries.get(code, "#555555") for code in COUNTRIES] + ["#555555"],
            "highlight": theme_values.highlight,
            "kinds": list(KINDS),
            "relations": list(RELATIONS),
            "statuses": list(STATUSES),
            "skipped": int((~located_mask).sum()),
        },
        "pl": {
            "id": place_table["municipality_id"].tolist(),
            "y": np.round(place_table["lat"].to_numpy() * COORDINATE_SCALE).astype(int).tolist(),
            "x": np.round(place_table["lon"].to_numpy() * COORDINATE_SCALE).astype(int).tolist(),
            "c": _codes(place_table["country"], COUNTRIES),
            "k": _codes(place_table["kind"], KINDS),
            "n": partner_count.astype(int).tolist(),
            "t": labels,
            "g": node_of_place.tolist(),
        },
        "li": {
            "id": encode_ids(ids),
            "a": place_codes[:count].tolist(),
            "b": place_codes[count:].tolist(),
            "p": _codes(_strings(located, "pair"), PAIRS),
            "s": _codes(_strings(located, "status"), STATUSES),
            "r": _codes(_strings(located, "relation"), RELATIONS),
            "y": years.fillna(0).astype(int).tolist(),
            "h": highlighted,
        },
        "bu": bundles,
        "t": _browser_texts(language),
    }


def safe_json(value: Any) -> str:
    """Compact JSON that is also safe inside an HTML ``<script>`` and st_folium's rewriting.

    ``<``, ``>``, ``&`` and the JS line separators are escaped; ``{{`` (only possible inside strings) is
    split so that no template engine sees an expression in data.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for character in ("<", ">", "&", "\u2028", "\u2029"):
        text = text.replace(character, f"\\u{ord(character):04x}")
    for opening in ("{{", "{%", "{#"):  # only possible inside strings: no template ever sees syntax in data
        text = text.replace(opening, "{\\u" + f"{ord(opening[1]):04x}")
    return text


def js_string(text: str) -> str:
    """``text`` as a single-quoted JavaScript string literal (for ``JSON.parse('…')``).

    The browser parses a JSON string several times faster than the same data written as an object
    literal (about 30 ms instead of 150–350 ms for 25,000 links here); single quotes keep the literal
    almost as small as the JSON, whose text already has no raw line breaks.
    """
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r") + "'"


def js_string_value(literal: str) -> str:
    """Inverse of :func:`js_string` (for tests and tools)."""
    return re.sub(r"\\(.)", lambda match: {"n": "\n", "r": "\r"}.get(match.group(1), match.group(1)), literal[1:-1])


SCALE_SCRIPT = """
(function (group, D) {
  var O = D.o, P = D.pl, K = D.li, B = D.bu, T = D.t, q = O.q;
  var DIGITS = '__PACK_DIGITS__', digitOf = new Int16Array(128);
  for (var d = 0; d < 64; d++) { digitOf[DIGITS.charCodeAt(d)] = d; }
  function ints(e) {
    if (Array.isArray(e)) { return e; }
    var w = e.w, s = e.s, n = s.length / w, out = new Float64Array(n), c = 0, v, i, k;
    for (i = 0; i < n; i++) { v = 0; for (k = 0; k < w; k++) { v = v * 64 + digitOf[s.charCodeAt(c++)]; } out[i] = v + e.o; }
    return out;
  }
  ['y', 'x', 'c', 'k', 'n', 'g'].forEach(function (f) { P[f] = ints(P[f]); });
  ['a', 'b', 'p', 's', 'r', 'y'].forEach(function (f) { K[f] = ints(K[f]); });
  if (!Array.isArray(K.id)) { K.id.d = ints(K.id.d); }
  var nP = P.y.length, nL = K.a.length;
  // ids and labels are made when a layer needs them, not all at start (tens of thousands of strings)
  function texts(e) {
    if (Array.isArray(e)) { return function (j) { return e[j]; }; }
    var ends = ints(e.e);
    return function (j) { return e.s.slice(j ? ends[j - 1] : 0, ends[j]); };
  }
  var placeId = texts(P.id), label = texts(P.t);
  var linkId = (function (e) {
    if (Array.isArray(e)) { return function (i) { return e[i]; }; }
    var sums = new Float64Array(e.d.length), v = 0;
    for (var i = 0; i < e.d.length; i++) { v += e.d[i]; sums[i] = v; }
    return function (i) { var s = String(sums[i]); while (s.length < e.w) { s = '0' + s; } return e.p + s; };
  })(K.id);
  var lat = new Float64Array(nP), lon = new Float64Array(nP), i, j;
  for (i = 0; i < nP; i++) { lat[i] = P.y[i] / q; lon[i] = P.x[i] / q; }
  var ENDED = O.statuses.indexOf('ended'), PLANNED = O.statuses.indexOf('planned'), INTENT = O.relations.indexOf('intent');
  var AREA = [O.kinds.indexOf('district'), O.kinds.indexOf('region')];
  var rend = O.canvas ? L.canvas({padding: 0.3}) : null;
  var highlighted = {};
  K.h.forEach(function (x) { highlighted[x] = true; });

  function arc(y1, x1, y2, x2) {
    var s = Math.cos((y1 + y2) * Math.PI / 360) || 1, u1 = x1 * s, u2 = x2 * s;
    var cy = (y1 + y2) / 2 + (u2 - u1) * O.bend, cx = (u1 + u2) / 2 - (y2 - y1) * O.bend, pts = [];
    for (var k = 0; k <= O.seg; k++) {
      var t = k / O.seg, r = 1 - t;
      pts.push([r * r * y1 + 2 * r * t * cy + t * t * y2, (r * r * u1 + 2 * r * t * cx + t * t * u2) / s]);
    }
    return pts;
  }
  function withRenderer(o) { if (rend) { o.renderer = rend; } return o; }
  function makeLink(i) {
    var a = K.a[i], b = K.b[i], h = highlighted[i] === true;
    var layer = L.polyline(arc(lat[a], lon[a], lat[b], lon[b]), withRenderer({
      color: h ? O.highlight : O.pairColours[K.p[i]], weight: h ? 4 : 2,
      opacity: K.s[i] === ENDED ? 0.3 : (h ? 1 : 0.8),
      dashArray: (K.s[i] === PLANNED || K.r[i] === INTENT) ? '6 5' : null, lineCap: 'round',
      className: 'atlas-link pid-' + linkId(i) + (h ? ' atlas-highlight' : '')
    }));
    layer.feature = {type: 'Feature', properties: {partnership_id: linkId(i)}};
    layer._atlasLink = i;
    return layer;
  }
  function makePlace(j) {
    var k = P.k[j], area = AREA.indexOf(k) >= 0, colour = O.countryColours[P.c[j]];
    var layer = L.circleMarker([lat[j], lon[j]], withRenderer({
      radius: Math.min(14, 3 + 2.2 * Math.sqrt(P.n[j])), color: area ? colour : '#ffffff', weight: area ? 3 : 1,
      dashArray: k === O.kinds.indexOf('region') ? '3 2' : null, fillColor: colour, fillOpacity: area ? 0.25 : 0.9,
      className: 'atlas-place kind-' + O.kinds[k]
    }));
    layer.feature = {type: 'Feature', properties: {municipality_id: placeId(j)}};
    layer._atlasPlace = j;
    return layer;
  }
  function makeBundle(f) {
    var a = B.a[f], b = B.b[f], n = B.n[f];
    var layer = L.polyline(arc(B.y[a] / q, B.x[a] / q, B.y[b] / q, B.x[b] / q), withRenderer({
      color: O.pairColours[B.p[f]], weight: Math.min(14, 1.5 + 1.6 * Math.log(1 + n)), opacity: 0.55,
      lineCap: 'round', className: 'atlas-bundle'
    }));
    layer.feature = {type: 'Feature', properties: {bundle_id: B.id[f], count: n}};
    layer._atlasBundle = f;
    return layer;
  }
  function makeNode(k) {
    var layer = L.circleMarker([B.y[k] / q, B.x[k] / q], withRenderer({
      radius: Math.min(16, 3 + 1.2 * Math.sqrt(B.c[k])), color: '#ffffff', weight: 1,
      fillColor: O.countryColours[B.cc[k]], fillOpacity: 0.85, className: 'atlas-region'
    }));
    layer._atlasNode = k;
    return layer;
  }
  function linkTip(i) {
    var extra = [T.relations[K.r[i]]];
    if (K.y[i]) { extra.push(T.since + ' ' + K.y[i]); }
    if (K.s[i] === PLANNED || K.s[i] === ENDED) { extra.push(T.statuses[K.s[i]]); }
    return label(K.a[i]) + ' \\u2013 ' + label(K.b[i]) + '<br>' + extra.join(' \\u00b7 ');
  }
  function fill(text, values) {
    return text.replace(/\\{(\\w+)\\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }
  function tipOf(layer) {
    if (layer._atlasLink !== undefined) { return linkTip(layer._atlasLink); }
    if (layer._atlasPlace !== undefined) { var j = layer._atlasPlace; return label(j) + '<br>' + fill(T.place, {count: P.n[j]}); }
    if (layer._atlasNode !== undefined) { var k = layer._atlasNode; return B.nm[k] + '<br>' + fill(T.place, {count: B.c[k]}); }
    if (layer._atlasBundle !== undefined) {
      var f = layer._atlasBundle;
      return fill(T.bundle, {count: B.n[f], a: B.nm[B.a[f]] || B.id[f].split('~')[0], b: B.nm[B.b[f]] || B.id[f].split('~')[1]});
    }
    return null;
  }

  var bundleGroup = L.featureGroup(), linkGroup = L.featureGroup(), placeGroup = L.featureGroup();
  group.addLayer(bundleGroup); group.addLayer(linkGroup); group.addLayer(placeGroup);
  var drawnLinks = {}, drawnPlaces = {}, bundlesDrawn = false, opened = {}, map = null, mode = null;

  function setLinks(list, bounds) {
    var want = {}, wantPlaces = {}, k, x, p;
    for (k = 0; k < list.length; k++) {
      x = list[k]; want[x] = true;
      p = K.a[x]; if (!bounds || inside(p, bounds)) { wantPlaces[p] = true; }
      p = K.b[x]; if (!bounds || inside(p, bounds)) { wantPlaces[p] = true; }
    }
    for (x in drawnLinks) { if (!want[x]) { linkGroup.removeLayer(drawnLinks[x]); delete drawnLinks[x]; } }
    for (x in drawnPlaces) { if (!wantPlaces[x]) { placeGroup.removeLayer(drawnPlaces[x]); delete drawnPlaces[x]; } }
    var order = list.slice().sort(function (u, v) { return (highlighted[u] === true) - (highlighted[v] === true); });
    for (k = 0; k < order.length; k++) {
      x = order[k];
      if (!drawnLinks[x]) { drawnLinks[x] = makeLink(x); linkGroup.addLayer(drawnLinks[x]); }
    }
    for (x in wantPlaces) { if (!drawnPlaces[x]) { drawnPlaces[x] = makePlace(+x); placeGroup.addLayer(drawnPlaces[x]); } }
  }
  function inside(p, b) { return lat[p] >= b[0] && lat[p] <= b[1] && lon[p] >= b[2] && lon[p] <= b[3]; }
  function setBundles(on) {
    if (on && !bundlesDrawn) {
      for (var f = 0; f < B.n.length; f++) { if (!opened[f]) { bundleGroup.addLayer(makeBundle(f)); } }
      for (var k = 0; k < B.y.length; k++) { bundleGroup.addLayer(makeNode(k)); }
    }
    if (!on && bundlesDrawn) { bundleGroup.clearLayers(); }
    bundlesDrawn = on;
  }
  function box(bounds) { return [bounds.getSouth(), bounds.getNorth(), bounds.getWest(), bounds.getEast()]; }
  function inView(b) {
    var out = [];
    for (var i = 0; i < nL; i++) { if (inside(K.a[i], b) || inside(K.b[i], b)) { out.push(i); } }
    return out;
  }
  function openedLinks() {
    var out = [], f;
    for (var i = 0; i < nL; i++) {
      var ga = P.g[K.a[i]], gb = P.g[K.b[i]];
      for (f in opened) { if ((B.a[f] === ga && B.b[f] === gb) || (B.a[f] === gb && B.b[f] === ga)) { out.push(i); break; } }
    }
    return out;
  }
  function all() { var out = new Array(nL); for (var i = 0; i < nL; i++) { out[i] = i; } return out; }
  function report() {
    var stats = {mode: mode, links: Object.keys(drawnLinks).length, places: Object.keys(drawnPlaces).length,
                 bundles: bundlesDrawn ? bundleGroup.getLayers().length : 0, total: nL, canvas: !!O.canvas};
    group._atlasStats = stats;
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      stats.drawnAt = performance.now();
      window.atlasScaleStats = stats;
      group.fire('atlas:drawn', stats);
    }); });
  }
  function update() {
    if (!map) { return; }
    if (!B) {
      if (mode !== 'all') { mode = 'all'; setLinks(all()); }
    } else {
      var view = box(map.getBounds().pad(0.1)), visible = map.getZoom() >= O.zt ? inView(view) : null;
      if (visible !== null && visible.length <= O.max) {
        mode = 'view'; setBundles(false); opened = {}; setLinks(visible, view);
      } else {
        mode = 'bundles'; setBundles(true); setLinks(openedLinks().concat(K.h));
      }
    }
    report();
  }
  function onMove() { update(); }
  group.on('add', function () { map = group._map; map.on('moveend', onMove); update(); });
  group.on('remove', function () { if (map) { map.off('moveend', onMove); } map = null; });
  group.on('mouseover', function (e) {
    var layer = e.layer;
    if (!layer || !layer.bindTooltip) { return; }
    if (!layer.getTooltip()) { var tip = tipOf(layer); if (tip === null) { return; } layer.bindTooltip(tip, {sticky: true}); }
    layer.openTooltip(e.latlng);
  });
  group.on('click', function (e) {
    var layer = e.layer;
    if (layer && layer._atlasBundle !== undefined) {
      opened[layer._atlasBundle] = true; bundleGroup.removeLayer(layer); setLinks(openedLinks().concat(K.h)); report();
    }
  });
  if (group._map) { map = group._map; map.on('moveend', onMove); update(); }
})({{ this._parent.get_name() }}, JSON.parse({{ this.payload }}));
"""
SCALE_SCRIPT = SCALE_SCRIPT.replace("__PACK_DIGITS__", PACK_DIGITS)


class _RawScript(branca.element.Element):
    """Finished JavaScript added to the page as it is (never compiled as a template)."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _ScaleScript(branca.element.MacroElement):
    """The browser script of the scalable layer, run with its parent feature group and the payload.

    ``render`` adds the finished script without compiling it as a Jinja template again (branca's
    default would lex the whole payload, about half a second at 25,000 links, and would read any
    ``{%`` in data as template syntax).
    """

    _template = Template("{% macro script(this, kwargs) %}" + SCALE_SCRIPT + "{% endmacro %}")

    def __init__(self, payload_json: str):
        super().__init__()
        self._name = "ScaleScript"
        self.payload = payload_json

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if isinstance(figure, branca.element.Figure):
            figure.script.add_child(_RawScript(self._template.module.script(self, kwargs)), name=self.get_name())


def scalable_links_layer(
    links: pd.DataFrame, places: pd.DataFrame | None, language: str, map_options: Any = None, *,
    name: str = "partnerships", **script_options: Any,
) -> folium.FeatureGroup:
    """The links (and their places) as one feature group for ``st_folium(feature_group_to_add=...)``.

    ``links`` has the join's link columns; ``places`` the join's place columns (kind, names; may be
    ``None``). ``map_options`` is the map's :class:`atlas.mapbuild.MapOptions` when called from
    :func:`atlas.mapbuild.links_layer` (its ``theme``, ``highlight_ids`` and ``selected_id`` are used).
    ``script_options`` are those of :func:`scale_script` (``zoom_threshold`` overrides
    ``options.zoom_threshold``; ``options``; ``highlight_ids``).

    >>> import pandas as pd
    >>> links = pd.DataFrame({"id": ["P1"], "pair": ["DE-UA"], "status": ["active"], "relation": ["twinning"],
    ...     "since_year": [2022], "a_municipality_id": ["gn:1"], "b_municipality_id": ["gn:2"],
    ...     "a_country": ["DE"], "b_country": ["UA"], "a_kind": ["city"], "b_kind": ["city"],
    ...     "a_name": ["Aachen"], "b_name": ["Чернігів"], "a_lat": [50.78], "a_lon": [6.08],
    ...     "b_lat": [51.5], "b_lon": [31.3], "a_admin1_code": ["DE-NW"], "b_admin1_code": ["UA-74"]})
    >>> type(scalable_links_layer(links, None, "de")).__name__
    'FeatureGroup'
    """
    return layer_of_script(scale_script(links, places, language, map_options, **script_options), name)


def scale_script(
    links: pd.DataFrame,
    places: pd.DataFrame | None,
    language: str,
    map_options: Any = None,
    *,
    zoom_threshold: float | None = None,
    options: ScaleOptions | None = None,
    highlight_ids: Collection[str] = (),
) -> str:
    """The layer's data as the JavaScript string literal :func:`layer_of_script` embeds: the costly part
    of :func:`scalable_links_layer` (about 0.1-0.2 s at 25,000 links), made once per view by the UI's cache."""
    options = options or ScaleOptions()
    if zoom_threshold is not None:
        options = ScaleOptions(**{**options.__dict__, "zoom_threshold": zoom_threshold})
    emphasised = set(highlight_ids)
    theme = "light"
    if map_options is not None:
        emphasised |= set(getattr(map_options, "highlight_ids", ()) or ())
        selected = getattr(map_options, "selected_id", None)
        if selected:
            emphasised.add(selected)
        theme = getattr(map_options, "theme", "light") or "light"
    return js_string(safe_json(pack_payload(scale_payload(links, places, language, options, emphasised, theme))))


def layer_of_script(script: str, name: str = "partnerships") -> folium.FeatureGroup:
    """A fresh feature group drawing the layer whose data :func:`scale_script` made."""
    group = folium.FeatureGroup(name=name, control=False)
    group.add_child(_ScaleScript(script))
    return group
