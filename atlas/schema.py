"""Names and closed vocabularies of the records, shared by every module.

The column lists here are the contract between loading, the join, filters, the map and exports.
"""

from __future__ import annotations

from typing import Literal

CountryCode = Literal["DE", "PL", "UA"]
Kind = Literal["city", "municipality", "district", "region"]
Relation = Literal["twinning", "friendship", "project", "solidarity", "intent"]
Status = Literal["active", "planned", "ended"]
MatchStatus = Literal["matched", "ambiguous", "unmatched"]
LonLat = tuple[float, float]
Bounds = tuple[tuple[float, float], tuple[float, float]]  # ((south, west), (north, east))

COUNTRIES: tuple[str, ...] = ("DE", "PL", "UA")
KINDS: tuple[str, ...] = ("city", "municipality", "district", "region")
RELATIONS: tuple[str, ...] = ("twinning", "friendship", "project", "solidarity", "intent")
STATUSES: tuple[str, ...] = ("active", "planned", "ended")
MATCH_STATUSES: tuple[str, ...] = ("matched", "ambiguous", "unmatched")
PAIRS: tuple[str, ...] = ("DE-UA", "DE-PL", "PL-UA")
AID_CATEGORIES: tuple[str, ...] = (
    "vehicles", "medical", "energy", "water", "food_goods",
    "reconstruction", "education", "expertise", "funding", "other",
)

PARTNERSHIP_COLUMNS: tuple[str, ...] = (
    "id", "a_country", "a_name", "a_kind", "a_admin1",
    "b_country", "b_name", "b_kind", "b_admin1",
    "relation", "since", "status", "source_url", "note",
)
AID_COLUMNS: tuple[str, ...] = (
    "id", "partnership_id", "date", "category", "what", "quantity", "amount_eur", "source_url",
)

# Columns added by the geocoder (``python -m atlas geocode``) to every input row.
GEOCODE_OUTPUT_COLUMNS: tuple[str, ...] = (
    "a_lat", "a_lon", "a_municipality_id", "a_match",
    "b_lat", "b_lon", "b_municipality_id", "b_match",
)

# Headers of a German spreadsheet export, mapped to our column names.
GERMAN_HEADERS: dict[str, str] = {
    "ID": "id",
    "Kommune A Land": "a_country",
    "Kommune A": "a_name",
    "Art A": "a_kind",
    "Bundesland/Region A": "a_admin1",
    "Kommune B Land": "b_country",
    "Kommune B": "b_name",
    "Art B": "b_kind",
    "Region B": "b_admin1",
    "Beziehung": "relation",
    "seit": "since",
    "Status": "status",
    "Quelle": "source_url",
    "Notiz": "note",
}


def pair_of(a_country: str, b_country: str) -> str:
    """Return the canonical country pair ("DE-UA", "DE-PL" or "PL-UA") of two endpoints.

    >>> pair_of("UA", "PL")
    'PL-UA'
    """
    order = {code: index for index, code in enumerate(COUNTRIES)}
    first, second = sorted((a_country, b_country), key=lambda code: order.get(code, 99))
    return f"{first}-{second}"
