"""Records → municipalities → GeoDataFrames of places (points) and links (lines).

:func:`join_records` resolves both ends of every partnership with a geocoder (see
:mod:`atlas.geocode`), and returns the links whose two ends matched, the places those links touch,
and — never dropped — every end that did not resolve, with the geocoder's candidates and reason.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point

from atlas import GEODATA_DIR

RECORD_HINTS_FILE = "record_hints.csv"
RECORD_HINT_COLUMNS: tuple[str, ...] = ("partnership_id", "side", "name", "qualifier", "evidence")

GAZETTEER_SIDE_COLUMNS: tuple[str, ...] = (
    "admin1_code", "district_id", "district_name", "name_de", "name_en", "name_pl", "name_uk",
)
UNRESOLVED_COLUMNS: tuple[str, ...] = ("partnership_id", "side", "name", "country", "match", "candidates", "reason")
SIDES: tuple[str, str] = ("a", "b")


class MatchLike(Protocol):
    status: str
    municipality_id: str | None
    lat: float | None
    lon: float | None
    candidates: tuple
    reason: str


class GeocoderLike(Protocol):
    """What the join needs from :class:`atlas.geocode.Geocoder`."""

    @property
    def table(self) -> pd.DataFrame: ...

    def resolve(self, name: str, country: str | None = None, kind: str | None = None, admin1: str | None = None) -> MatchLike: ...


@dataclass(frozen=True)
class JoinResult:
    """Places (points), links (lines) and the ends that did not resolve.

    ``places``: one row per municipality that is an end of at least one link — every gazetteer column
    plus ``partner_count`` (the number of links it is an end of) and a Point geometry.
    ``links``: one row per partnership whose two ends matched — the record's columns plus
    ``{a,b}_municipality_id``, ``{a,b}_lat``, ``{a,b}_lon``, ``{a,b}_admin1_code``,
    ``{a,b}_district_id``, ``{a,b}_district_name``, ``{a,b}_name_{de,en,pl,uk}`` and a LineString a→b.
    ``unresolved``: one row per end that is ``ambiguous`` or ``unmatched`` (``UNRESOLVED_COLUMNS``).
    """

    places: gpd.GeoDataFrame
    links: gpd.GeoDataFrame
    unresolved: pd.DataFrame


@dataclass(frozen=True)
class RecordHint:
    """Where one end of a record lies, when its name is shared: a district or hromada the geocoder is
    given as a qualifier ("Taufkirchen (Landkreis München)"). The geocoder still decides from the
    gazetteer; ``evidence`` says why (the record's own source, or a public fact). Applies only while
    the record's name is still ``name``."""

    partnership_id: str
    side: str
    name: str
    qualifier: str
    evidence: str


def load_record_hints(path: Path | None = None) -> dict[tuple[str, str], RecordHint]:
    """``geodata/record_hints.csv`` keyed by ``(partnership_id, side)``; empty when the file is absent."""
    path = path or GEODATA_DIR / RECORD_HINTS_FILE
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    hints = [RecordHint(**{column: (row.get(column) or "").strip() for column in RECORD_HINT_COLUMNS}) for row in rows]
    return {(hint.partnership_id, hint.side): hint for hint in hints}


def hinted_name(name: str, hint: RecordHint | None) -> str:
    """The name given to the geocoder: with the hint's qualifier in brackets while the hint applies."""
    if hint is None or not hint.qualifier or hint.name != name:
        return name
    return f"{name} ({hint.qualifier})"


def _candidates_text(match: MatchLike) -> str:
    return "; ".join(str(candidate) for candidate in match.candidates)


def join_records(partnerships: pd.DataFrame, geocoder: GeocoderLike,
                 hints: Mapping[tuple[str, str], RecordHint] | None = None) -> JoinResult:
    """Resolve both ends of every partnership and build the places and links layers.

    ``partnerships`` has the columns of :func:`atlas.records.load_partnerships`. A partnership with an
    end that is not ``matched`` is left out of ``links`` and reported in ``unresolved`` instead.
    ``hints`` (default: :func:`load_record_hints`, ``{}`` for none) qualify shared names of known records.
    """
    hints = load_record_hints() if hints is None else hints
    gazetteer = geocoder.table
    resolved: dict[str, list] = {f"{side}_{column}": [] for side in SIDES for column in ("municipality_id", "match")}
    unresolved_rows: list[dict] = []
    for record in partnerships.to_dict("records"):
        for side in SIDES:
            match = geocoder.resolve(
                hinted_name(record[f"{side}_name"], hints.get((record["id"], side))), record.get(f"{side}_country") or None,
                record.get(f"{side}_kind") or None, record.get(f"{side}_admin1") or None,
            )
            matched = match.status == "matched" and bool(match.municipality_id)
            resolved[f"{side}_municipality_id"].append(match.municipality_id if matched else None)
            resolved[f"{side}_match"].append(match.status)
            if not matched:
                unresolved_rows.append({
                    "partnership_id": record["id"], "side": side, "name": record[f"{side}_name"],
                    "country": record.get(f"{side}_country", ""), "match": match.status,
                    "candidates": _candidates_text(match), "reason": match.reason,
                })
    frame = partnerships.copy()
    for column, values in resolved.items():
        frame[column] = values
    both = frame["a_match"].eq("matched") & frame["b_match"].eq("matched")
    links = frame.loc[both].drop(columns=["a_match", "b_match"]).reset_index(drop=True)

    side_columns = ["municipality_id", "lat", "lon", *GAZETTEER_SIDE_COLUMNS]
    lookup = gazetteer[side_columns]
    for side in SIDES:
        renamed = lookup.rename(columns={column: f"{side}_{column}" for column in side_columns})
        links = links.merge(renamed, on=f"{side}_municipality_id", how="left", validate="m:1", indicator=True)
        missing = links.loc[links["_merge"] != "both", f"{side}_municipality_id"]
        if not missing.empty:
            raise ValueError(f"geocoder returned ids that are not in its gazetteer: {sorted(set(missing))[:5]}")
        links = links.drop(columns="_merge")
    geometry = [
        LineString([(a_lon, a_lat), (b_lon, b_lat)])
        for a_lon, a_lat, b_lon, b_lat in zip(links["a_lon"], links["a_lat"], links["b_lon"], links["b_lat"], strict=True)
    ]
    links_layer = gpd.GeoDataFrame(links, geometry=geometry, crs="EPSG:4326")

    ends = pd.concat([links["a_municipality_id"], links["b_municipality_id"]], ignore_index=True)
    counts = ends.value_counts().rename("partner_count").rename_axis("municipality_id").reset_index()
    places = gazetteer.merge(counts, on="municipality_id", how="inner", validate="1:1")
    places = places.sort_values(["partner_count", "municipality_id"], ascending=[False, True]).reset_index(drop=True)
    places_layer = gpd.GeoDataFrame(
        places, geometry=[Point(lon, lat) for lon, lat in zip(places["lon"], places["lat"], strict=True)], crs="EPSG:4326",
    )
    unresolved = pd.DataFrame(unresolved_rows, columns=list(UNRESOLVED_COLUMNS))
    return JoinResult(places=places_layer, links=links_layer, unresolved=unresolved)


def load_default_join() -> JoinResult:
    """The records in ``geodata/`` joined with the committed gazetteer (the UI caches this)."""
    from atlas.gazetteer import load_gazetteer
    from atlas.geocode import Geocoder
    from atlas.records import load_partnerships

    return join_records(load_partnerships(), Geocoder(load_gazetteer()))
