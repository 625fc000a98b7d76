"""Map layers of the story pages as ``folium.FeatureGroup``s for ``atlas.mapbuild``'s ``extra_layers``.

Offline-safe by construction: one ``folium.GeoJson`` per layer, circle markers only (no ``folium.Icon``,
no plugin, no branca colormap — none of them adds a CDN URL), and legends are returned as data for
Streamlit to draw. Every text that reaches a tooltip is HTML-escaped here, because folium's
``GeoJsonTooltip`` writes property values into the page as HTML.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import folium
import pandas as pd

from atlas.basemap import display_collection
from atlas.conferences import Conference, HostCity
from atlas.formatting import format_date_range
from atlas.i18n import translate
from atlas.palette import HIGHLIGHT_COLOUR_LIGHT

# ColorBrewer YlGnBu, 5 classes: sequential, readable for the common colour-vision deficiencies.
SEQUENTIAL: tuple[str, ...] = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
NO_DATA_FILL = "#ffffff"
CONFERENCE_COLOUR = "#CC79A7"  # Okabe–Ito reddish purple: apart from the three pair colours
AID_COLOUR = "#D55E00"  # Okabe–Ito vermillion


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str


@dataclass(frozen=True)
class Classes:
    """Class breaks of a choropleth: class i holds values in ``[lower[i], upper[i]]``; 0 has no fill."""

    lower: tuple[int, ...]
    upper: tuple[int, ...]

    def colour(self, value: int) -> str:
        if value <= 0:
            return NO_DATA_FILL
        for index, upper in enumerate(self.upper):
            if value <= upper:
                return SEQUENTIAL[index]
        return SEQUENTIAL[len(self.upper) - 1]

    def legend(self, zero_label: str) -> list[LegendEntry]:
        entries = [LegendEntry(NO_DATA_FILL, zero_label)]
        for index, (lower, upper) in enumerate(zip(self.lower, self.upper, strict=True)):
            entries.append(LegendEntry(SEQUENTIAL[index], str(lower) if lower == upper else f"{lower}–{upper}"))
        return entries


def classes_for(values: Sequence[int], count: int = len(SEQUENTIAL)) -> Classes:
    """Quantile classes of the positive values (at most ``count``; fewer when values repeat).

    >>> classes_for([1, 1, 2, 3, 10, 40], count=3)
    Classes(lower=(1, 2, 4), upper=(1, 3, 40))
    """
    positive = sorted(int(value) for value in values if value > 0)
    if not positive:
        return Classes((), ())
    uppers: list[int] = []
    for index in range(1, count + 1):
        upper = positive[min(len(positive) - 1, math.ceil(index * len(positive) / count) - 1)]
        if not uppers or upper > uppers[-1]:
            uppers.append(upper)
    lowers = [positive[0]] + [upper + 1 for upper in uppers[:-1]]
    return Classes(tuple(lowers), tuple(uppers))


def _escape(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _tooltip_field(layer: folium.GeoJson) -> None:
    folium.GeoJsonTooltip(fields=["tooltip_html"], labels=False, sticky=True).add_to(layer)


@lru_cache(maxsize=2)
def boundaries(name: str) -> dict:
    """The simplified admin-1 or Kreis polygons for drawing (:func:`atlas.basemap.display_collection`).

    Cached per process because simplifying the 400 Kreise takes about 0.4 s; callers must not mutate it.
    """
    return display_collection(name)  # type: ignore[arg-type]


def admin1_code(properties: Mapping[str, object]) -> str:
    """Code of an admin-1 polygon: its ISO 3166-2 code, as in the join's ``admin1_code``."""
    return str(properties.get("iso_3166_2", ""))


def kreis_district_id(properties: Mapping[str, object]) -> str:
    """Code of a Kreis polygon as the gazetteer's ``district_id`` ("de-kreis:16071")."""
    return str(properties.get("municipality_id") or f"de-kreis:{properties.get('kreis_key', '')}")


def choropleth_layer(
    geojson: Mapping,
    counts: Mapping[str, int],
    code_of: Callable[[Mapping[str, object]], str],
    names: Mapping[str, str],
    name: str,
    language: str,
    show: bool = True,
) -> tuple[folium.FeatureGroup, list[LegendEntry]]:
    """Fill polygons by a count per code (partnerships per admin1 unit or per Kreis).

    ``code_of(properties)`` gives a feature's code (:func:`admin1_code`, :func:`kreis_district_id`);
    ``names`` maps codes to labels for the tooltip (the feature's ``name`` property stands in).
    Polygons with no count are drawn without fill so "none in our records" stays visible. Returns the
    layer and its legend (drawn by the page, not on the map).
    """
    classes = classes_for(list(counts.values()))
    features = []
    for feature in geojson.get("features", []):
        properties = feature.get("properties", {})
        code = code_of(properties)
        value = int(counts.get(code, 0))
        label = names.get(code) or properties.get("name") or code
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "code": code,
                    "count": value,
                    "fill": classes.colour(value),
                    "tooltip_html": f"{_escape(label)}: {value}",
                },
            }
        )
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        style_function=lambda feature: {
            "fillColor": feature["properties"]["fill"],
            "fillOpacity": 0.65 if feature["properties"]["count"] else 0.0,
            "color": "#6b6b6b",
            "weight": 0.6,
        },
        smooth_factor=1.0,
    )
    _tooltip_field(layer)
    group = folium.FeatureGroup(name=name, show=show)
    layer.add_to(group)
    return group, classes.legend(translate("story.legend.none", language))


def conference_layer(hosts: Sequence[HostCity], conferences: Sequence[Conference], language: str) -> folium.FeatureGroup:
    """Circle markers at the conference host cities; the tooltip lists each conference held there."""
    by_key = {conference.key: conference for conference in conferences}
    features = []
    for host in hosts:
        lines = [f"<b>{_escape(host.city)}</b>"]
        for key in host.conference_keys:
            conference = by_key[key]
            when = format_date_range(conference.start, conference.end or None, language)
            label = conference_label(conference, language)
            lines.append(f"{_escape(when)} – {_escape(label)}")
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [host.lon, host.lat]},
                "properties": {
                    "municipality_id": host.municipality_id,
                    "conference_keys": ",".join(host.conference_keys),
                    "radius": 7 + 2 * len(host.conference_keys),
                    "tooltip_html": "<br>".join(lines),
                },
            }
        )
    name = translate("story.layer.conferences", language)
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        marker=folium.CircleMarker(radius=8),
        style_function=lambda feature: {
            "radius": feature["properties"]["radius"],
            "color": "#1a1a1a",
            "weight": 2,
            "fill": True,
            "fillColor": CONFERENCE_COLOUR,
            "fillOpacity": 0.85,
            "className": "atlas-conference",
        },
    )
    _tooltip_field(layer)
    group = folium.FeatureGroup(name=name)
    layer.add_to(group)
    return group


def conference_label(conference: Conference, language: str) -> str:
    """A short label: "6. Deutsch-Ukrainische Partnerschaftskonferenz" style, per language."""
    if conference.kind == "related_event":
        return conference.title
    if conference.number is not None:
        return translate(f"story.conf.series.{conference.series_key}.numbered", language, number=conference.number)
    return translate(f"story.conf.series.{conference.series_key}.unnumbered", language)


def aid_radius(actions: int) -> float:
    """Marker radius in pixels: area grows with the number of actions (4 px for one, 8 px for four)."""
    return round(4 * math.sqrt(max(actions, 1)), 1)


def aid_layer(markers: pd.DataFrame, language: str) -> folium.FeatureGroup:
    """Circle markers at receiving municipalities (see :mod:`atlas.aid`) sized by number of actions."""
    features = []
    for row in markers.to_dict("records"):
        categories = ", ".join(
            f"{_escape(translate(f'story.aid.category.{category}', language))} {count}"
            for category, count in row["categories"].items()
        )
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": {
                    "municipality_id": row["municipality_id"],
                    "actions": int(row["actions"]),
                    "radius": aid_radius(int(row["actions"])),
                    "tooltip_html": f"<b>{_escape(row['name'])}</b><br>"
                    + _escape(translate("story.aid.tooltip.actions", language, count=int(row["actions"])))
                    + f"<br>{categories}",
                },
            }
        )
    name = translate("story.layer.aid", language)
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        marker=folium.CircleMarker(radius=4),
        style_function=lambda feature: {
            "radius": feature["properties"]["radius"],
            "color": "#1a1a1a",
            "weight": 1,
            "fill": True,
            "fillColor": AID_COLOUR,
            "fillOpacity": 0.7,
            "className": "atlas-aid",
        },
    )
    _tooltip_field(layer)
    group = folium.FeatureGroup(name=name)
    layer.add_to(group)
    return group


def highlight_layer(links: pd.DataFrame, partnership_ids: Sequence[str], language: str) -> folium.FeatureGroup:
    """Thick outlines under the given partnerships (a triangle or chain), drawn from the join's coordinates.

    ``links`` needs ``id`` (or ``partnership_id``), ``a_lat``, ``a_lon``, ``b_lat``, ``b_lon``,
    ``a_name`` and ``b_name``; ids not in ``links`` are skipped.
    """
    id_column = "partnership_id" if "partnership_id" in links.columns else "id"
    wanted = set(partnership_ids)
    features = []
    for row in links[links[id_column].astype(str).isin(wanted)].to_dict("records"):
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[row["a_lon"], row["a_lat"]], [row["b_lon"], row["b_lat"]]]},
                "properties": {
                    "partnership_id": str(row[id_column]),
                    "tooltip_html": f"{_escape(row['a_name'])} – {_escape(row['b_name'])}",
                },
            }
        )
    name = translate("story.layer.highlight", language)
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        style_function=lambda feature: {
            "color": HIGHLIGHT_COLOUR_LIGHT, "weight": 7, "opacity": 0.55, "className": "atlas-highlight"
        },
    )
    _tooltip_field(layer)
    group = folium.FeatureGroup(name=name)
    layer.add_to(group)
    return group
