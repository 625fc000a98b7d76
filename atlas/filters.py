"""Which partnerships a view shows: the ``Filters`` value, its URL form, applying it, key figures.

The URL parameters (others rely on the names): ``country`` (``?country=DE,PL``, a link passes if either
side is in one of them), ``pair`` (``DE-UA``), ``admin1`` (ISO 3166-2, either side), ``district``
(district id, either side), ``relation``, ``status``, ``from``, ``to``, ``q`` (free text) and ``aid=1``.
Reading them is lenient: unknown codes, junk and duplicates are dropped, never an error, so an old or
hand-edited link still opens.

Year rule: a partnership without a ``since`` year is shown while no year bound is set. As soon as
``from`` or ``to`` is set it is hidden, because nobody can say whether it falls in the range — in
particular ``to`` reads as "the network as it stood in that year", and an undated row cannot be placed
in that picture. :func:`count_undated_hidden` says how many rows the rule hides, for the UI to show.

Within one filter the chosen values are alternatives (OR); different filters must all hold (AND).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

import pandas as pd

from atlas.normalise import search_key, spellings
from atlas.placenames import display_name
from atlas.schema import COUNTRIES, PAIRS, RELATIONS, STATUSES
from atlas.translit import has_cyrillic, phonetic_key, to_german, to_latin_national, to_polish

QueryParams = Mapping[str, "str | list[str]"]

PARAM_COUNTRY = "country"
PARAM_PAIR = "pair"
PARAM_ADMIN1 = "admin1"
PARAM_DISTRICT = "district"
PARAM_RELATION = "relation"
PARAM_STATUS = "status"
PARAM_FROM = "from"
PARAM_TO = "to"
PARAM_QUERY = "q"
PARAM_AID = "aid"
FILTER_PARAMS: tuple[str, ...] = (
    PARAM_COUNTRY, PARAM_PAIR, PARAM_ADMIN1, PARAM_DISTRICT, PARAM_RELATION,
    PARAM_STATUS, PARAM_FROM, PARAM_TO, PARAM_QUERY, PARAM_AID,
)

YEAR_MIN, YEAR_MAX = 1900, 2100
QUERY_MAX_CHARS = 200
_ADMIN1_CODE = re.compile(r"^(DE|PL|UA)-[A-Z0-9]{1,3}$")
_DISTRICT_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*:[A-Za-z0-9_.\-]+$")
_TRUE = {"1", "true", "yes", "on", "ja", "tak", "так"}
_SIDES = ("a", "b")
_NAME_COLUMNS = ("name", "name_de", "name_en", "name_pl", "name_uk", "alt_names")


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the partnerships to; the default value shows everything."""

    countries: tuple[str, ...] = ()
    pairs: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    query: str = ""
    aid_only: bool = False

    @classmethod
    def from_query_params(cls, params: QueryParams) -> Filters:
        """Read filters from URL query parameters, ignoring anything that is not a valid value.

        Values may be comma-separated or repeated (``{"country": ["DE", "PL"]}``); case does not matter
        for codes; a reversed pair (``UA-DE``) means ``DE-UA``; ``from`` after ``to`` are swapped.

        >>> f = Filters.from_query_params({"country": "pl,xx", "pair": "ua-de", "aid": "1", "to": "2022"})
        >>> f.countries, f.pairs, f.aid_only, f.year_to
        (('PL',), ('DE-UA',), True, 2022)
        """
        year_from = _year(_last(params, PARAM_FROM))
        year_to = _year(_last(params, PARAM_TO))
        if year_from is not None and year_to is not None and year_from > year_to:
            year_from, year_to = year_to, year_from
        return cls(
            countries=_pick(_tokens(params, PARAM_COUNTRY, str.upper), COUNTRIES),
            pairs=_pick((_pair(token) for token in _tokens(params, PARAM_PAIR, str.upper)), PAIRS),
            admin1=_valid(_tokens(params, PARAM_ADMIN1, str.upper), _ADMIN1_CODE),
            districts=_valid(_tokens(params, PARAM_DISTRICT, str.strip), _DISTRICT_ID),
            relations=_pick(_tokens(params, PARAM_RELATION, str.lower), RELATIONS),
            statuses=_pick(_tokens(params, PARAM_STATUS, str.lower), STATUSES),
            year_from=year_from,
            year_to=year_to,
            query=" ".join(_last(params, PARAM_QUERY).split())[:QUERY_MAX_CHARS],
            aid_only=_last(params, PARAM_AID).strip().lower() in _TRUE,
        )

    def to_query_params(self) -> dict[str, str]:
        """The URL form: only values that differ from the default, lists comma-joined.

        ``Filters.from_query_params(f.to_query_params()) == f`` for every ``f`` that came from
        ``from_query_params`` (a test checks this, junk included).
        """
        params: dict[str, str] = {}
        for name, values in (
            (PARAM_COUNTRY, self.countries), (PARAM_PAIR, self.pairs), (PARAM_ADMIN1, self.admin1),
            (PARAM_DISTRICT, self.districts), (PARAM_RELATION, self.relations), (PARAM_STATUS, self.statuses),
        ):
            if values:
                params[name] = ",".join(values)
        if self.year_from is not None:
            params[PARAM_FROM] = str(self.year_from)
        if self.year_to is not None:
            params[PARAM_TO] = str(self.year_to)
        if self.query:
            params[PARAM_QUERY] = self.query
        if self.aid_only:
            params[PARAM_AID] = "1"
        return params

    @property
    def has_year_bound(self) -> bool:
        return self.year_from is not None or self.year_to is not None

    def is_default(self) -> bool:
        return self == Filters()

    def without_years(self) -> Filters:
        return replace(self, year_from=None, year_to=None)


def _raw_values(params: QueryParams, name: str) -> list[str]:
    value = params.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)]


def _last(params: QueryParams, name: str) -> str:
    values = _raw_values(params, name)
    return values[-1] if values else ""


def _tokens(params: QueryParams, name: str, fold) -> list[str]:
    return [fold(token.strip()) for value in _raw_values(params, name) for token in value.split(",") if token.strip()]


def _pick(tokens: Iterable[str], vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens that belong to a closed vocabulary, in the vocabulary's order, each once."""
    chosen = set(tokens)
    return tuple(value for value in vocabulary if value in chosen)


def _valid(tokens: Iterable[str], pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Well-formed open-ended codes (admin1, district ids), sorted, each once."""
    return tuple(sorted({token for token in tokens if len(token) <= 64 and pattern.match(token)}))


def _pair(token: str) -> str:
    parts = token.replace("_", "-").split("-")
    if len(parts) != 2 or parts[0] == parts[1] or not set(parts) <= set(COUNTRIES):
        return ""
    order = {code: index for index, code in enumerate(COUNTRIES)}
    first, second = sorted(parts, key=order.__getitem__)
    return f"{first}-{second}"


def _year(text: str) -> int | None:
    text = text.strip()
    if not text.isdecimal() or len(text) != 4:
        return None
    year = int(text)
    return year if YEAR_MIN <= year <= YEAR_MAX else None


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    return search_key(text)


@lru_cache(maxsize=65536)
def _keys_of_name(text: str) -> frozenset[str]:
    return frozenset(spellings(text)) | {_key(text)}


def search_keys(names: Iterable[object]) -> set[str]:
    """Every comparison key of a side's spellings (all scripts and romanisations, phonetic skeletons).

    ``alt_names`` entries may be ``|``-joined; values that are not text are skipped.
    """
    keys: set[str] = set()
    for name in names:
        if not isinstance(name, str):
            continue
        for part in name.split("|"):
            if part.strip():
                keys |= _keys_of_name(part.strip())
    keys.discard("")
    return keys


@lru_cache(maxsize=8192)
def _side_keys(names: tuple[object, ...]) -> str:
    """The keys of one side's spellings, one per line (cached: a place appears in many links)."""
    return "\n".join(sorted(search_keys(names)))


def search_index(links: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.Series:
    """Per link, every spelling of both sides as comparison keys, one per line (index = links.index).

    Spellings are ``{a,b}_name`` and ``{a,b}_name_{de,en,pl,uk}`` (and ``{a,b}_alt_names`` if present) of
    the link and, when ``places`` (the join's places with ``municipality_id`` and ``alt_names``) is given,
    the alternate names of both sides. Each text starts and ends with a newline.
    """
    alternates: dict[str, str] = {}
    if places is not None and "alt_names" in places.columns:
        alternates = dict(zip(places["municipality_id"], places["alt_names"].fillna(""), strict=True))
    wanted = [f"{side}_{column}" for side in _SIDES for column in (*_NAME_COLUMNS, "municipality_id")]
    blobs = []
    for row in links[[column for column in wanted if column in links.columns]].to_dict("records"):
        sides = [
            _side_keys(
                tuple(row.get(f"{side}_{column}") for column in _NAME_COLUMNS)
                + (alternates.get(row.get(f"{side}_municipality_id"), ""),)
            )
            for side in _SIDES
        ]
        blobs.append("\n" + "\n".join(sides) + "\n")
    return pd.Series(blobs, index=links.index, dtype=object)


def _line(index: pd.Series, key: str) -> pd.Series:
    return index.str.contains(f"\n{key}\n", regex=False)


def _word_start(index: pd.Series, key: str) -> pd.Series:
    return index.str.contains(r"[\n ]" + re.escape(key), regex=True)


def query_mask(index: pd.Series, query: str) -> pd.Series:
    """True where ``query`` names a side of the link, in any script or spelling system.

    A name typed in full finds exactly the places that carry it as one of their spellings ("Kiew",
    "Kyiv", "Київ" and "Kijów" find Kyiv, not Żółkiew or Kyiv Oblast); so does a query whose phonetic
    skeleton equals a name's ("Tscherniwzi" finds Чернівці), or one whose every word is a full name
    ("Leipzig Kyiv"). Only when no link in ``index`` matches that way is the query read as the start of
    words ("Tscherni" finds Tschernihiw and Tscherniwzi), every word needed, on either side.
    """
    words = [key for key in (_key(word) for word in query.replace(",", " ").split()) if key]
    if not words:
        return pd.Series(True, index=index.index)
    exact = _line(index, " ".join(words))
    every_word = pd.Series(True, index=index.index)
    for word in words:
        every_word &= _line(index, word)
    exact |= every_word
    skeleton = phonetic_key(query.strip())
    if skeleton:
        exact |= _line(index, skeleton)
    if exact.any():
        return exact
    starts = pd.Series(True, index=index.index)
    for word in words:
        starts &= _word_start(index, word)
    return starts


def _either_side(links: pd.DataFrame, column: str, values: tuple[str, ...]) -> pd.Series:
    return links[f"a_{column}"].isin(values) | links[f"b_{column}"].isin(values)


def _mask_without_years(
    links: pd.DataFrame,
    filters: Filters,
    aid_partnership_ids: frozenset[str],
    places: pd.DataFrame | None,
    index: pd.Series | None = None,
) -> pd.Series:
    mask = pd.Series(True, index=links.index)
    if filters.countries:
        mask &= _either_side(links, "country", filters.countries)
    if filters.pairs:
        mask &= links["pair"].isin(filters.pairs)
    if filters.admin1:
        mask &= _either_side(links, "admin1_code", filters.admin1)
    if filters.districts:
        mask &= _either_side(links, "district_id", filters.districts)
    if filters.relations:
        mask &= links["relation"].isin(filters.relations)
    if filters.statuses:
        mask &= links["status"].isin(filters.statuses)
    if filters.aid_only:
        mask &= links["id"].isin(aid_partnership_ids)
    if filters.query.strip():
        # over all links, so that whether a query counts as a full name does not depend on the other filters
        spellings_of = search_index(links, places) if index is None else index.reindex(links.index, fill_value="\n")
        mask &= query_mask(spellings_of, filters.query)
    return mask


def _year_mask(links: pd.DataFrame, filters: Filters) -> pd.Series:
    if not filters.has_year_bound:
        return pd.Series(True, index=links.index)
    years = links["since_year"]
    mask = years.notna()
    if filters.year_from is not None:
        mask &= years >= filters.year_from
    if filters.year_to is not None:
        mask &= years <= filters.year_to
    return mask.fillna(False).astype(bool)


def apply_filters(
    links: pd.DataFrame,
    filters: Filters,
    aid_partnership_ids: frozenset[str] = frozenset(),
    places: pd.DataFrame | None = None,
    index: pd.Series | None = None,
) -> pd.DataFrame:
    """The rows of ``links`` that pass ``filters``, in their original order (same columns, same type).

    ``links`` has the join's link columns (``id``, ``pair``, ``relation``, ``status``, ``since_year``,
    ``{a,b}_country``, ``{a,b}_admin1_code``, ``{a,b}_district_id``, names); ``aid_partnership_ids`` are the
    partnerships with at least one aid action (for ``aid_only``); ``places`` adds alternate names to the
    free-text search; ``index``, when given, is ``search_index(links, places)`` computed once beforehand
    (it must cover ``links.index``). Rows without a year follow the module's year rule.
    """
    mask = _mask_without_years(links, filters, aid_partnership_ids, places, index) & _year_mask(links, filters)
    return links if bool(mask.all()) else links[mask]  # everything passes: no copy (pandas copies on write)


def count_undated(
    links: pd.DataFrame,
    filters: Filters,
    aid_partnership_ids: frozenset[str] = frozenset(),
    places: pd.DataFrame | None = None,
    index: pd.Series | None = None,
) -> int:
    """How many rows without a ``since`` year pass every filter but the years.

    They are shown while no year bound is set and hidden as soon as one is (the module's year rule).
    """
    mask = _mask_without_years(links, filters, aid_partnership_ids, places, index) & links["since_year"].isna()
    return int(mask.sum())


def count_undated_hidden(
    links: pd.DataFrame,
    filters: Filters,
    aid_partnership_ids: frozenset[str] = frozenset(),
    places: pd.DataFrame | None = None,
) -> int:
    """How many rows without a ``since`` year pass every other filter but are hidden by a year bound."""
    return count_undated(links, filters, aid_partnership_ids, places) if filters.has_year_bound else 0


FIGURE_SOURCES: Mapping[str, str] = {
    "shown": "count of partnership records in geodata/partnerships.csv whose both sides were placed on the map, "
    "after the filters",
    "total": "count of partnership records in geodata/partnerships.csv whose both sides were placed on the map",
    "municipalities": "distinct municipalities (by municipality_id) on either side of the shown partnerships, "
    "by country",
    "german_landkreise": "distinct German Landkreise (BKG Kreise that are not kreisfreie Städte) that are "
    "themselves a side of a shown partnership",
    "german_landkreise_with_members": "distinct German Landkreise that are a side of a shown partnership or "
    "contain a municipality that is",
    "undated": "shown partnerships whose record has no 'since' year",
}
GERMAN_KREIS_PREFIX = "de-kreis:"
# BKG names a Kreis by its type; these two types are cities with the rights of a Kreis, not Landkreise.
_CITY_KREIS_TYPES = ("Kreisfreie Stadt", "Stadtkreis")


def is_landkreis(district_id: object, district_name: object) -> bool:
    """True for a German Landkreis (also "Kreis", Region Hannover, StädteRegion Aachen, Regionalverband).

    >>> is_landkreis("de-kreis:16071", "Landkreis Weimarer Land"), is_landkreis("de-kreis:05315", "Kreisfreie Stadt Köln")
    (True, False)
    """
    if not isinstance(district_id, str) or not district_id.startswith(GERMAN_KREIS_PREFIX):
        return False
    return not (isinstance(district_name, str) and district_name.startswith(_CITY_KREIS_TYPES))


@dataclass(frozen=True)
class KeyFigures:
    """The key figures of a view. Where each number comes from is in ``FIGURE_SOURCES`` (same names)."""

    shown: int
    total: int
    municipalities: tuple[tuple[str, int], ...]  # (country, count) for DE, PL, UA in that order
    german_landkreise: int
    german_landkreise_with_members: int
    undated: int
    sources: Mapping[str, str] = field(default_factory=lambda: dict(FIGURE_SOURCES), compare=False, repr=False)

    def municipalities_in(self, country: str) -> int:
        return dict(self.municipalities).get(country, 0)


_SIDE_COLUMNS = ("municipality_id", "country", "district_id", "district_name")


def _sides(links: pd.DataFrame) -> pd.DataFrame:
    """Both endpoints of every link stacked, one row per municipality: id, country, district id and name."""
    frames = [links[[f"{side}_{column}" for column in _SIDE_COLUMNS]].set_axis(list(_SIDE_COLUMNS), axis=1) for side in _SIDES]
    return pd.concat(frames, ignore_index=True).drop_duplicates("municipality_id")


def key_figures(links_shown: pd.DataFrame, links_total: pd.DataFrame) -> KeyFigures:
    """Partnerships shown of total, municipalities per country, German Landkreise involved.

    A Landkreis counts as a partner itself when a side *is* the Kreis (its municipality id is its
    district id); "with members" also counts the Landkreise of partnering towns and Gemeinden.
    """
    sides = _sides(links_shown)
    per_country = sides["country"].value_counts()
    german = sides[sides["country"] == "DE"]
    kreis, kreis_name = german["district_id"].fillna("").astype(str), german["district_name"].fillna("").astype(str)
    in_landkreis = german[kreis.str.startswith(GERMAN_KREIS_PREFIX) & ~kreis_name.str.startswith(_CITY_KREIS_TYPES)]
    return KeyFigures(
        shown=len(links_shown),
        total=len(links_total),
        municipalities=tuple((country, int(per_country.get(country, 0))) for country in COUNTRIES),
        german_landkreise=int((in_landkreis["municipality_id"] == in_landkreis["district_id"]).sum()),
        german_landkreise_with_members=int(in_landkreis["district_id"].nunique()),
        undated=int(links_shown["since_year"].isna().sum()),
    )


@dataclass(frozen=True)
class FilterOptions:
    """What the sidebar offers: admin1 units and districts that occur in the records, the years."""

    admin1: tuple[tuple[str, str], ...]  # (ISO 3166-2 code, label in the UI language), by country then label
    districts: tuple[tuple[str, str, str], ...]  # (district id, label, admin1 code), by label
    year_min: int | None
    year_max: int | None

    def admin1_label(self, code: str) -> str:
        return self._admin1_labels.get(code, code)

    def district_label(self, district_id: str) -> str:
        return self._district_labels.get(district_id, district_id)

    # Made once per options object (the options are shared by all sessions): the sidebar asks for a label
    # of every option on every rerun, and building the dict per call was quadratic (40 ms per rerun at
    # 25,000 synthetic links).
    @cached_property
    def _admin1_labels(self) -> dict[str, str]:
        return dict(self.admin1)

    @cached_property
    def _district_labels(self) -> dict[str, str]:
        return {identifier: label for identifier, label, _ in self.districts}

    def districts_in(self, admin1: tuple[str, ...]) -> tuple[str, ...]:
        """District ids within the chosen admin1 units (all districts when none is chosen)."""
        return tuple(identifier for identifier, _, code in self.districts if not admin1 or code in admin1)


_UNIT_NAME_COLUMNS = ("municipality_id", "name_local", "name_de", "name_en", "name_pl", "name_uk")
_TRANSLITERATE = {"de": to_german, "pl": to_polish, "en": to_latin_national}


def _label(identifier: str, local: str, language: str, names: dict[str, dict]) -> str:
    """A unit's name in the UI language: from a names table row, else the local name, romanised off-Cyrillic."""
    row = names.get(identifier)
    if row is not None:
        return display_name(row, None, language)[0] or local or identifier
    if local and has_cyrillic(local) and language in _TRANSLITERATE:
        return _TRANSLITERATE[language](local)
    return local or identifier


def filter_options(
    links: pd.DataFrame, places: pd.DataFrame, language: str, unit_names: pd.DataFrame | None = None
) -> FilterOptions:
    """Options for the admin1 and district pickers and the year range, named in ``language``.

    ``places`` is the join's places (``admin1_code``, ``admin1_name``, ``district_id``, ``district_name``);
    ``unit_names``, when given, has gazetteer rows (``municipality_id`` "admin1:DE-TH" or a district id,
    ``name_local``, ``name_de`` …) that name the units in every language; without it, place rows that are
    the unit itself name it, else the local name (romanised when Cyrillic and the language is not Ukrainian).
    """
    wanted = {f"admin1:{code}" for code in places["admin1_code"].dropna()} | set(places["district_id"].dropna())
    names: dict[str, dict] = {}
    for frame in (places, unit_names):
        if frame is not None and not frame.empty:
            rows = frame[frame["municipality_id"].isin(wanted)]
            columns = [column for column in _UNIT_NAME_COLUMNS if column in rows.columns]
            names.update({row["municipality_id"]: row for row in rows[columns].to_dict("records")})
    order = {code: index for index, code in enumerate(COUNTRIES)}
    units = places[places["admin1_code"].fillna("") != ""].drop_duplicates("admin1_code")
    admin1 = sorted(
        (
            (code, _label(f"admin1:{code}", local, language, names))
            for code, local in zip(units["admin1_code"], units["admin1_name"].fillna(""), strict=True)
        ),
        key=lambda item: (order.get(item[0][:2], 9), item[1].casefold()),
    )
    in_district = places[places["district_id"].fillna("") != ""].drop_duplicates("district_id")
    districts = sorted(
        (
            (identifier, _label(identifier, local, language, names), code)
            for identifier, local, code in zip(
                in_district["district_id"], in_district["district_name"].fillna(""), in_district["admin1_code"].fillna(""),
                strict=True,
            )
        ),
        key=lambda item: item[1].casefold(),
    )
    years = links["since_year"].dropna()
    return FilterOptions(
        admin1=tuple(admin1),
        districts=tuple(districts),
        year_min=int(years.min()) if len(years) else None,
        year_max=int(years.max()) if len(years) else None,
    )
