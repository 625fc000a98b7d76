"""A small map for the story pages: the offline base map with the story layers, no reruns on pan or zoom."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import folium
from streamlit_folium import st_folium

from atlas.mapbuild import base_map
from atlas.schema import Bounds
from components import state

STORY_MAP_HEIGHT = 480


def bounds_of(points: Iterable[tuple[float, float]]) -> Bounds | None:
    """((south, west), (north, east)) around (lat, lon) points, or None when there are none."""
    pairs = [(float(lat), float(lon)) for lat, lon in points]
    if not pairs:
        return None
    lats, lons = [lat for lat, _ in pairs], [lon for _, lon in pairs]
    return ((min(lats), min(lons)), (max(lats), max(lons)))


def story_map(layers: Sequence[folium.FeatureGroup], key: str, points: Iterable[tuple[float, float]] = ()) -> None:
    """Draw the base map fitted to ``points`` (default view without) with ``layers`` on top."""
    theme = "present" if state.is_presenting() else "light"
    figure_map = base_map(bounds_of(points), theme=theme)
    st_folium(
        figure_map,
        key=key,
        height=STORY_MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=list(layers),
    )
