"""German–Ukrainian municipal partnership conferences: timeline, host cities and the full record of one.

Two series are numbered separately in the sources: the civil-society town-twinning conferences (1st
Odesa 2008, 2nd Leipzig 2011, 3rd Berlin 2015) and the SKEW / Engagement Global municipal partnership
conferences (… 5th Augsburg 2022, 6th Leipzig 2023, 7th Münster 2025). Each entry gets a stable key
("skew-6", "civil-2", "skew-2016-04-21", "event-2022-10-25"); a bare number in ``?conference=`` means
the SKEW series, which is the one that is still running.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

SeriesKey = Literal["skew", "civil", "event"]


@dataclass(frozen=True)
class Conference:
    """One conference or related event as a timeline row.

    ``start`` / ``end`` are ISO dates or shorter ("2024-09") as recorded; ``start`` is "" when unknown.
    """

    key: str
    kind: str
    series: str
    series_key: SeriesKey
    number: int | None
    start: str
    end: str
    city: str
    country: str
    venue: str
    title: str
    confirmed: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Claim:
    """One source's figure where sources disagree ("SKEW: more than 550 on 14 Nov")."""

    who: str
    what: str


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str


@dataclass(frozen=True)
class ProgrammeDay:
    date: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """A figure named at a conference, with who named it and the page that reports it."""

    label: str
    value: str
    by: str
    source_url: str


@dataclass(frozen=True)
class Statement:
    """What an organisation stressed at a conference, in our own words (catalog keys, per language).

    Statements with the same ``heading_key`` are shown together under that heading, with the source.
    """

    heading_key: str
    text_key: str
    source_url: str


@dataclass(frozen=True)
class ConferenceDetail:
    """Everything recorded about one conference, ready for a panel. Each source list links its items."""

    conference: Conference
    title_uk: str
    organisers: tuple[str, ...]
    patron: str
    participants: str
    participant_claims: tuple[Claim, ...]
    format: str
    programme: tuple[ProgrammeDay, ...]
    speakers: tuple[Speaker, ...]
    topics: tuple[str, ...]
    figures: tuple[Figure, ...]
    announcements: tuple[Claim, ...]
    outcomes: tuple[str, ...]
    statements: tuple[Statement, ...]
    notes: tuple[str, ...]


DLT_PRESS_RELEASE = "https://www.landkreistag.de/presseforum/nachrichten/3357-landkreise-stehen-fest-an-der-seite-der-ukraine"

# What the Deutscher Landkreistag stressed at the 6th conference, rephrased in our words in the story
# catalogs (``story.conf.dlt.*``), from its press release.
STATEMENTS: Mapping[str, tuple[Statement, ...]] = {
    "skew-6": tuple(
        Statement("story.conf.dlt.heading", f"story.conf.dlt.{topic}", DLT_PRESS_RELEASE)
        for topic in ("solidarity", "poland", "volunteers", "reconstruction", "asks")
    )
    + (Statement("story.conf.dlt.also_heading", "story.conf.dlt.klitschko", DLT_PRESS_RELEASE),)
}


def _series_key(record: Mapping[str, object]) -> SeriesKey:
    if record.get("kind") == "related_event":
        return "event"
    return "skew" if "SKEW" in str(record.get("series", "")) else "civil"


def _start(record: Mapping[str, object]) -> str:
    if record.get("start_date"):
        return str(record["start_date"])
    return str(record.get("date") or "").split("/")[0]


def _end(record: Mapping[str, object]) -> str:
    if record.get("end_date"):
        return str(record["end_date"])
    parts = str(record.get("date") or "").split("/")
    return parts[1] if len(parts) > 1 else ""


def conference_key(record: Mapping[str, object]) -> str:
    """The stable key of a record: series plus number, or series plus start date when unnumbered."""
    series = _series_key(record)
    number = record.get("number")
    return f"{series}-{number}" if isinstance(number, int) else f"{series}-{_start(record) or 'undated'}"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def to_conference(record: Mapping[str, object]) -> Conference:
    """The timeline row of one record of ``conferences.json``."""
    number = record.get("number")
    return Conference(
        key=conference_key(record),
        kind=_text(record.get("kind")),
        series=_text(record.get("series")),
        series_key=_series_key(record),
        number=number if isinstance(number, int) else None,
        start=_start(record),
        end=_end(record),
        city=_text(record.get("city")),
        country=_text(record.get("country")),
        venue=_text(record.get("venue")),
        title=_text(record.get("title") or record.get("event")),
        confirmed=record.get("status") != "not confirmed" and bool(_start(record)),
        sources=tuple(str(url) for url in record.get("sources") or ()),  # type: ignore[union-attr]
    )


def timeline(records: Sequence[Mapping[str, object]]) -> list[Conference]:
    """All conferences and related events, dated ones by start date, unconfirmed placeholders last."""
    rows = [to_conference(record) for record in records]
    return sorted(rows, key=lambda row: (not row.start, row.start, row.key))


def find_conference(records: Sequence[Mapping[str, object]], value: str | None) -> Mapping[str, object] | None:
    """The record that ``?conference=<value>`` names: a key ("civil-2") or a bare SKEW number ("6")."""
    if not value:
        return None
    wanted = value.strip().lower()
    by_key = {conference_key(record): record for record in records}
    if wanted in by_key:
        return by_key[wanted]
    if wanted.isdigit():
        return by_key.get(f"skew-{int(wanted)}") or by_key.get(f"civil-{int(wanted)}")
    return None


def participant_claims(note: str) -> tuple[Claim, ...]:
    """Split a ``participants_note`` that lists several sources ("A: 550; B: 540") into claims.

    A note without "who: what" parts is one claim with an empty ``who``.
    """
    claims = []
    for part in (piece.strip() for piece in note.split(";")):
        if not part:
            continue
        who, separator, what = part.partition(":")
        claims.append(Claim(who.strip(), what.strip()) if separator else Claim("", part))
    return tuple(claims)


def _figures(record: Mapping[str, object], fallback_source: str) -> tuple[Figure, ...]:
    found: list[Figure] = []
    for label, value in dict(record.get("figures") or {}).items():  # type: ignore[call-overload]
        if isinstance(value, list):
            found.extend(
                Figure(label, _text(item.get("value")), _text(item.get("by")), _text(item.get("source")) or fallback_source)
                for item in value
            )
        else:
            found.append(Figure(label, _text(value), "", fallback_source))
    return tuple(found)


def detail(record: Mapping[str, object]) -> ConferenceDetail:
    """Everything recorded about one conference, in the order a panel shows it."""
    conference = to_conference(record)
    first_source = conference.sources[0] if conference.sources else ""
    participants = record.get("participants")
    note = _text(record.get("participants_note"))
    note_keys = ("number_note", "end_date_note", "notes", "source_note", "documentation")
    notes = [_text(record.get(key)) for key in note_keys if record.get(key)]
    return ConferenceDetail(
        conference=conference,
        title_uk=_text(record.get("title_uk")),
        organisers=tuple(str(item) for item in record.get("organisers") or ()),  # type: ignore[union-attr]
        patron=_text(record.get("patron")),
        participants=_text(participants),
        participant_claims=participant_claims(note) if ";" in note or ":" in note else ((Claim("", note),) if note else ()),
        format=_text(record.get("format")),
        programme=tuple(
            ProgrammeDay(str(day.get("date", "")), tuple(str(item) for item in day.get("items", ())))
            for day in record.get("programme") or ()  # type: ignore[union-attr]
        ),
        speakers=tuple(
            Speaker(str(item.get("name", "")), str(item.get("role", "")))
            for item in record.get("speakers") or ()  # type: ignore[union-attr]
        ),
        topics=tuple(str(item) for item in record.get("topics") or ()),  # type: ignore[union-attr]
        figures=_figures(record, first_source),
        announcements=tuple(
            Claim(str(item.get("who", "")), str(item.get("what", "")))
            for item in record.get("announcements") or ()  # type: ignore[union-attr]
        ),
        outcomes=tuple(str(item) for item in (record.get("outcomes") or ())),  # type: ignore[union-attr]
        statements=STATEMENTS.get(conference.key, ()),
        notes=tuple(notes),
    )


_PARENTHESISED = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")


def city_queries(city: str) -> tuple[str, ...]:
    """Spellings to look a host city up by: "Lviv (Lwiw)" → ("Lviv", "Lwiw", "Lviv (Lwiw)")."""
    match = _PARENTHESISED.match(city)
    if not match:
        return (city.strip(),) if city.strip() else ()
    return (match["main"].strip(), match["inner"].strip(), city.strip())


@dataclass(frozen=True)
class HostCity:
    """A host city on the map, with every conference held there."""

    municipality_id: str
    city: str
    country: str
    lat: float
    lon: float
    conference_keys: tuple[str, ...]


Resolver = Callable[[str, str], "tuple[str, float, float] | None"]


def host_cities(rows: Sequence[Conference], resolve: Resolver) -> tuple[list[HostCity], list[str]]:
    """Place the host cities of ``rows`` with ``resolve(name, country) -> (municipality_id, lat, lon)``.

    Each city is tried under every spelling of :func:`city_queries`. Returns the placed cities (one per
    municipality id, with all conference keys held there) and the city names that could not be placed.
    """
    placed: dict[str, HostCity] = {}
    unplaced: list[str] = []
    for row in rows:
        if not row.city:
            continue
        found = next((hit for query in city_queries(row.city) if (hit := resolve(query, row.country))), None)
        if found is None:
            if row.city not in unplaced:
                unplaced.append(row.city)
            continue
        municipality_id, lat, lon = found
        existing = placed.get(municipality_id)
        keys = (existing.conference_keys if existing else ()) + (row.key,)
        placed[municipality_id] = HostCity(municipality_id, existing.city if existing else row.city, row.country, lat, lon, keys)
    return list(placed.values()), unplaced


def geocoder_resolver(geocoder: object) -> Resolver:
    """Adapt an :class:`atlas.geocode.Geocoder` to :data:`Resolver` (only clear matches count)."""

    def resolve(name: str, country: str) -> tuple[str, float, float] | None:
        match = geocoder.resolve(name, country=country or None, kind="city")  # type: ignore[attr-defined]
        if match.status != "matched" or match.lat is None or match.lon is None:
            return None
        return (str(match.municipality_id), float(match.lat), float(match.lon))

    return resolve


_NAME_COLUMNS: tuple[str, ...] = ("name_local", "name_de", "name_en", "name_pl", "name_uk")


def _spellings(row: Mapping[str, object], columns: Sequence[str]) -> set[str]:
    names = {str(row[column]).strip().casefold() for column in columns if row.get(column)}
    names |= {name.strip().casefold() for name in str(row.get("alt_names") or "").split("|") if name.strip()}
    return names - {""}


def gazetteer_resolver(table: object) -> Resolver:
    """A resolver over the gazetteer table by exact spelling (any language or alternate name, any case).

    Cities are looked up in an index built once (a few thousand rows); every other kind only when no
    city has that name. Among several hits the most populous wins. Cheaper than building a
    :class:`atlas.geocode.Geocoder`, and conference cities are always spelled out in full.
    """
    import pandas as pd

    frame: pd.DataFrame = table  # type: ignore[assignment]
    columns = [column for column in _NAME_COLUMNS if column in frame.columns]
    placed = frame[frame["lat"].notna() & frame["lon"].notna()]
    city_rows = placed[placed["kind"] == "city"]
    population = pd.to_numeric(city_rows["population"], errors="coerce").fillna(0)
    city_rows = city_rows.assign(_population=population).sort_values(["_population", "municipality_id"], ascending=[False, True])
    cities: dict[tuple[str, str], tuple[str, float, float]] = {}
    for row in city_rows.to_dict("records"):
        found = (str(row["municipality_id"]), float(row["lat"]), float(row["lon"]))
        for spelling in _spellings(row, columns):
            cities.setdefault((spelling, str(row["country"])), found)  # most populous first
            cities.setdefault((spelling, ""), found)
    others = placed[placed["kind"] != "city"]

    def resolve(name: str, country: str) -> tuple[str, float, float] | None:
        wanted = name.strip().casefold()
        if not wanted:
            return None
        if (wanted, country or "") in cities:
            return cities[(wanted, country or "")]
        rows = others[others["country"] == country] if country else others
        mask = pd.Series(False, index=rows.index)
        for column in columns:
            mask |= rows[column].fillna("").astype(str).str.casefold() == wanted
        if not mask.any():
            return None
        best = rows[mask].iloc[0]
        return (str(best["municipality_id"]), float(best["lat"]), float(best["lon"]))

    return resolve
