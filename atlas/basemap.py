"""The offline basemap: country outlines, admin-1 borders and German Kreise from ``geodata/basemap/``.

The files are built by ``tools/build_basemap.py`` from registry packages (see ``geodata/README.md``,
section "Basemap"): Natural Earth 10m (German point of view, Crimea and Sevastopol in Ukraine) and the
BKG VG250 Kreise. No tiles are needed; :mod:`atlas.mapbuild` draws these outlines under the links.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Literal

import geopandas as gpd
import shapely
from shapely.geometry import mapping, shape

from atlas import GEODATA_DIR

BASEMAP_DIR = GEODATA_DIR / "basemap"
LayerName = Literal["countries", "admin1", "kreise"]
LAYERS: tuple[str, ...] = ("countries", "admin1", "kreise")
# What the browser draws needs less detail than the committed files hold (about 1 km at zoom 5-8).
DISPLAY_TOLERANCE = 0.02
DISPLAY_DIGITS = 2
_DISPLAY_PROPERTIES: dict[str, tuple[str, ...]] = {
    "countries": ("iso_a2", "focus"),
    "admin1": ("iso_3166_2", "country"),
    "kreise": ("kreis_key", "name"),
}


def layer_path(name: LayerName, basemap_dir: Path = BASEMAP_DIR) -> Path:
    if name not in LAYERS:
        raise ValueError(f"unknown basemap layer {name!r}; expected one of {', '.join(LAYERS)}")
    return basemap_dir / f"{name}.geojson"


def load_collection(name: LayerName, basemap_dir: Path = BASEMAP_DIR) -> dict:
    """The GeoJSON FeatureCollection of one layer, as committed."""
    with layer_path(name, basemap_dir).open(encoding="utf-8") as handle:
        return json.load(handle)


def load_layer(name: LayerName, basemap_dir: Path = BASEMAP_DIR) -> gpd.GeoDataFrame:
    """One layer as a GeoDataFrame in EPSG:4326 (for analysis, e.g. a per-Kreis choropleth)."""
    return gpd.GeoDataFrame.from_features(load_collection(name, basemap_dir)["features"], crs="EPSG:4326")


def display_collection(name: LayerName, basemap_dir: Path = BASEMAP_DIR) -> dict:
    """A lighter copy of one layer for drawing: simplified, 2 decimals, only the properties styling needs."""
    keep = _DISPLAY_PROPERTIES[name]
    features = []
    for item in load_collection(name, basemap_dir)["features"]:
        geometry = shape(item["geometry"]).simplify(DISPLAY_TOLERANCE, preserve_topology=True)
        geometry = shapely.set_precision(geometry, 10**-DISPLAY_DIGITS)
        if geometry.is_empty:
            continue
        properties = {key: item["properties"][key] for key in keep}
        features.append({"type": "Feature", "properties": properties, "geometry": _rounded_mapping(geometry)})
    return {"type": "FeatureCollection", "features": features}


def _rounded_mapping(geometry) -> dict:
    """GeoJSON mapping with coordinates as short floats (set_precision leaves binary noise like 0.30000000000000004)."""
    def walk(value):
        if isinstance(value, float):
            return round(value, DISPLAY_DIGITS)
        if isinstance(value, (list, tuple)):
            return [walk(part) for part in value]
        return value

    raw = mapping(geometry)
    return {"type": raw["type"], "coordinates": walk(raw["coordinates"])}


@lru_cache(maxsize=1)
def kreis_names(basemap_dir: Path = BASEMAP_DIR) -> dict[str, str]:
    """5-digit Kreis key -> name, for labels of a per-Kreis choropleth."""
    features = load_collection("kreise", basemap_dir)["features"]
    return {item["properties"]["kreis_key"]: item["properties"]["name"] for item in features}
