"""The Germany–Poland–Ukraine network: triangles, open chains, density and the best-connected places.

A *closed triangle* is a German, a Polish and a Ukrainian municipality where all three pairs are
partnered (DE–PL, PL–UA and DE–UA). An *open chain* is a German and a Ukrainian municipality that both
partner the same Polish municipality but not each other: a Polish partner that could bridge them.

Municipalities are identified by ``a_municipality_id`` / ``b_municipality_id`` when the links come from
the join (:mod:`atlas.join`); for rows without an id (raw records, small test tables) the key is the
country plus the case-folded local name, so "Zamość" and "Gmina Zamość" stay two places.

Every function works on whatever links it is given: callers pass the filtered links (the sidebar
filters apply), so an ended partnership only counts when the user chose to show ended ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from atlas.i18n import translate
from atlas.placenames import display_name

NAME_LANGUAGES: tuple[str, ...] = ("de", "en", "pl", "uk")


@dataclass(frozen=True)
class Member:
    """One municipality of a triangle or chain.

    ``names`` holds (language, spelling) pairs when the join supplied them; ``name`` is the local name.
    """

    key: str
    country: str
    name: str
    kind: str
    names: tuple[tuple[str, str], ...] = ()

    def display(self, language: str) -> str:
        """The spelling for ``language`` (see :mod:`atlas.placenames`), else the local name."""
        row = {"name": self.name, **{f"name_{code}": spelling for code, spelling in self.names}}
        return display_name(row, None, language)[0]


@dataclass(frozen=True)
class Triangle:
    """A closed DE–PL–UA triangle with the ids of the partnerships on each side."""

    german: Member
    polish: Member
    ukrainian: Member
    german_polish_ids: tuple[str, ...]
    polish_ukrainian_ids: tuple[str, ...]
    german_ukrainian_ids: tuple[str, ...]

    @property
    def partnership_ids(self) -> tuple[str, ...]:
        return self.german_polish_ids + self.polish_ukrainian_ids + self.german_ukrainian_ids


@dataclass(frozen=True)
class OpenChain:
    """DE–PL and PL–UA through the same Polish member, with no DE–UA partnership between the ends."""

    german: Member
    polish: Member
    ukrainian: Member
    german_polish_ids: tuple[str, ...]
    polish_ukrainian_ids: tuple[str, ...]

    @property
    def partnership_ids(self) -> tuple[str, ...]:
        return self.german_polish_ids + self.polish_ukrainian_ids


@dataclass(frozen=True)
class NetworkSummary:
    triangles: tuple[Triangle, ...]
    chains: tuple[OpenChain, ...]


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def _id_column(links: pd.DataFrame) -> str:
    return "partnership_id" if "partnership_id" in links.columns else "id"


def _present(value: object) -> bool:
    return value is not None and not pd.isna(value) and str(value).strip() != ""


def member_key(row: Mapping[str, object], side: str) -> str:
    """The key of one side ("a" or "b") of a link row: its municipality id, else country + folded name."""
    municipality_id = row.get(f"{side}_municipality_id")
    if _present(municipality_id):
        return str(municipality_id)
    return f"name:{row[f'{side}_country']}:{_fold(str(row[f'{side}_name']))}"


def _member(row: Mapping[str, object], side: str) -> Member:
    names = tuple(
        (language, str(row[f"{side}_name_{language}"]))
        for language in NAME_LANGUAGES
        if _present(row.get(f"{side}_name_{language}"))
    )
    return Member(
        key=member_key(row, side),
        country=str(row[f"{side}_country"]),
        name=str(row[f"{side}_name"]),
        kind=str(row.get(f"{side}_kind", "")),
        names=names,
    )


@dataclass(frozen=True)
class _Graph:
    members: dict[str, Member]
    # edges[(key_x, key_y)] -> partnership ids, stored for both orders
    edges: dict[tuple[str, str], tuple[str, ...]]
    neighbours: dict[str, set[str]]


def _graph(links: pd.DataFrame) -> _Graph:
    members: dict[str, Member] = {}
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    neighbours: dict[str, set[str]] = defaultdict(set)
    id_column = _id_column(links)
    for row in links.to_dict("records"):
        first, second = _member(row, "a"), _member(row, "b")
        if first.key == second.key:
            continue
        members.setdefault(first.key, first)
        members.setdefault(second.key, second)
        partnership_id = str(row[id_column])
        edges[(first.key, second.key)].append(partnership_id)
        edges[(second.key, first.key)].append(partnership_id)
        neighbours[first.key].add(second.key)
        neighbours[second.key].add(first.key)
    return _Graph(members, {pair: tuple(sorted(ids)) for pair, ids in edges.items()}, neighbours)


def find_network(links: pd.DataFrame) -> NetworkSummary:
    """Find every closed DE–PL–UA triangle and every open chain in ``links``.

    Each triangle and chain is reported once per (German, Polish, Ukrainian) member triple, sorted by
    the German, Polish and Ukrainian local names. Several partnerships between the same two
    municipalities (e.g. a friendship later made a twinning) are all listed on that side.
    """
    graph = _graph(links)
    triangles: list[Triangle] = []
    chains: list[OpenChain] = []
    for polish_key, member in graph.members.items():
        if member.country != "PL":
            continue
        around = graph.neighbours[polish_key]
        germans = [key for key in around if graph.members[key].country == "DE"]
        ukrainians = [key for key in around if graph.members[key].country == "UA"]
        for german_key in germans:
            for ukrainian_key in ukrainians:
                german, ukrainian = graph.members[german_key], graph.members[ukrainian_key]
                german_polish = graph.edges[(german_key, polish_key)]
                polish_ukrainian = graph.edges[(polish_key, ukrainian_key)]
                german_ukrainian = graph.edges.get((german_key, ukrainian_key), ())
                if german_ukrainian:
                    triangles.append(Triangle(german, member, ukrainian, german_polish, polish_ukrainian, german_ukrainian))
                else:
                    chains.append(OpenChain(german, member, ukrainian, german_polish, polish_ukrainian))

    def order(item: Triangle | OpenChain) -> tuple[str, str, str]:
        return (_fold(item.german.name), _fold(item.polish.name), _fold(item.ukrainian.name))

    return NetworkSummary(tuple(sorted(triangles, key=order)), tuple(sorted(chains, key=order)))


def find_triangles(links: pd.DataFrame) -> tuple[Triangle, ...]:
    """Closed DE–PL–UA triangles in ``links`` (see :func:`find_network`)."""
    return find_network(links).triangles


def find_open_chains(links: pd.DataFrame) -> tuple[OpenChain, ...]:
    """Open DE–PL–UA chains in ``links`` (see :func:`find_network`)."""
    return find_network(links).chains


@dataclass(frozen=True)
class Suggestion:
    """Open chains of one German member through one Polish partner, gathered into one suggestion."""

    german: Member
    polish: Member
    ukrainians: tuple[Member, ...]
    chains: tuple[OpenChain, ...]

    @property
    def partnership_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(pid for chain in self.chains for pid in chain.partnership_ids))


def suggestions(chains: Sequence[OpenChain]) -> tuple[Suggestion, ...]:
    """Group open chains by (German member, Polish member), keeping the order of ``chains``."""
    grouped: dict[tuple[str, str], list[OpenChain]] = defaultdict(list)
    for chain in chains:
        grouped[(chain.german.key, chain.polish.key)].append(chain)
    return tuple(
        Suggestion(items[0].german, items[0].polish, tuple(chain.ukrainian for chain in items), tuple(items))
        for items in grouped.values()
    )


def suggestion(item: OpenChain | Suggestion, language: str) -> str:
    """One sentence that tells the German member about the Ukrainian partners of its Polish partner.

    "Weimar: Ihr polnischer Partner Zamość arbeitet mit Lwiw in der Ukraine zusammen." Several
    Ukrainian partners of a :class:`Suggestion` are listed, separated by commas.
    """
    ukrainians = item.ukrainians if isinstance(item, Suggestion) else (item.ukrainian,)
    return translate(
        "story.network.suggestion",
        language,
        german=item.german.display(language),
        polish=item.polish.display(language),
        ukrainian=", ".join(member.display(language) for member in ukrainians),
    )


def chains_by_german_member(chains: Sequence[OpenChain]) -> dict[str, tuple[OpenChain, ...]]:
    """Group open chains by the German member's key (one list of suggestions per German municipality)."""
    grouped: dict[str, list[OpenChain]] = defaultdict(list)
    for chain in chains:
        grouped[chain.german.key].append(chain)
    return {key: tuple(items) for key, items in grouped.items()}


def network_table(items: Sequence[Triangle | OpenChain], language: str) -> pd.DataFrame:
    """Rows for a list on screen: the three members in ``language`` and the partnership ids."""
    return pd.DataFrame(
        [
            {
                "german": item.german.display(language),
                "polish": item.polish.display(language),
                "ukrainian": item.ukrainian.display(language),
                "partnership_ids": ",".join(item.partnership_ids),
            }
            for item in items
        ],
        columns=["german", "polish", "ukrainian", "partnership_ids"],
    )


def _sides(links: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Stack the a- and b-side of each link: one row per (partnership, side) with the given columns."""
    id_column = _id_column(links)
    frames = []
    for side in ("a", "b"):
        part = pd.DataFrame({"partnership_id": links[id_column].astype(str), "side": side})
        for column in columns:
            source = f"{side}_{column}"
            part[column] = links[source].to_numpy() if source in links.columns else pd.NA
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


def admin1_codes_from_names(links: pd.DataFrame, admin1_table: pd.DataFrame) -> pd.DataFrame:
    """Add ``a_admin1_code`` / ``b_admin1_code`` from the records' admin1 names when the join is absent.

    Matches the record's Land / voivodeship / oblast name (case-folded) against the local, German and
    English names of the GeoNames admin1 table; an unknown or empty name leaves the code empty.
    """
    lookup: dict[tuple[str, str], str] = {}
    for row in admin1_table.to_dict("records"):
        for column in ("name_local", "name_de", "name_en"):
            lookup[(row["country"], _fold(row[column]))] = row["iso_3166_2"]
    result = links.copy()
    for side in ("a", "b"):
        result[f"{side}_admin1_code"] = [
            lookup.get((country, _fold(name)), "")
            for country, name in zip(result[f"{side}_country"], result[f"{side}_admin1"], strict=True)
        ]
    return result


def partnerships_per_admin1(links: pd.DataFrame, admin1_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Partnerships touching each Land / voivodeship / oblast (ISO 3166-2 code from the join).

    A partnership counts once for the admin1 unit of each side. Rows whose side has no admin1 code are
    counted under the code "" so nothing disappears. Returns columns ``admin1_code``, ``country``,
    ``admin1_name`` (from ``admin1_table`` when given) and ``partnerships``, most first.
    """
    sides = _sides(links, ["admin1_code", "country"])
    sides["admin1_code"] = sides["admin1_code"].fillna("").astype(str)
    counts = (
        sides.groupby(["admin1_code", "country"], dropna=False)["partnership_id"].nunique().rename("partnerships").reset_index()
    )
    names: dict[str, str] = {}
    if admin1_table is not None:
        names = dict(zip(admin1_table["iso_3166_2"], admin1_table["name_local"], strict=True))
    counts["admin1_name"] = [names.get(code, "") for code in counts["admin1_code"]]
    return counts.sort_values(["partnerships", "admin1_code"], ascending=[False, True], ignore_index=True)[
        ["admin1_code", "country", "admin1_name", "partnerships"]
    ]


def partnerships_per_kreis(links: pd.DataFrame) -> pd.DataFrame:
    """Partnerships of each German Kreis (Landkreis or kreisfreie Stadt), from the join's district columns.

    Both DE–UA and DE–PL links count for the Kreis their German side lies in. Returns ``district_id``,
    ``district_name``, ``partnerships`` (most first). German sides without a district id are left out
    of this table; :func:`unplaced_german_sides` counts them so the page can say so.
    """
    sides = _sides(links, ["district_id", "district_name", "country"])
    german = sides[(sides["country"] == "DE") & sides["district_id"].map(_present)]
    counts = german.groupby(["district_id", "district_name"])["partnership_id"].nunique().rename("partnerships").reset_index()
    return counts.sort_values(["partnerships", "district_name"], ascending=[False, True], ignore_index=True)


def unplaced_german_sides(links: pd.DataFrame) -> int:
    """Number of German link sides that carry no district id (not in :func:`partnerships_per_kreis`)."""
    sides = _sides(links, ["district_id", "country"])
    return int(((sides["country"] == "DE") & ~sides["district_id"].map(_present)).sum())


def top_municipalities(links: pd.DataFrame, limit: int = 10, language: str = "de") -> pd.DataFrame:
    """The municipalities with most partners in ``links``.

    Counts distinct partner municipalities (not partnership rows). Returns ``key``, ``name`` (in
    ``language`` when known), ``country``, ``kind``, ``partners``, ``partnerships``; ties by name.
    """
    graph = _graph(links)
    rows = []
    for key, neighbours in graph.neighbours.items():
        member = graph.members[key]
        partnership_ids = {pid for other in neighbours for pid in graph.edges[(key, other)]}
        rows.append(
            {
                "key": key,
                "name": member.display(language),
                "country": member.country,
                "kind": member.kind,
                "partners": len(neighbours),
                "partnerships": len(partnership_ids),
            }
        )
    table = pd.DataFrame(rows, columns=["key", "name", "country", "kind", "partners", "partnerships"])
    table["_order"] = table["name"].map(_fold)
    table = table.sort_values(["partners", "_order"], ascending=[False, True], ignore_index=True)
    return table.drop(columns="_order").head(limit)


DensityLevel = Literal["admin1", "kreis"]


@dataclass(frozen=True)
class Density:
    """Partnerships per area code at one level, with labels, for a choropleth and its charts."""

    level: DensityLevel
    counts: dict[str, int]
    names: dict[str, str]
    table: pd.DataFrame


def density(links: pd.DataFrame, level: DensityLevel, admin1_table: pd.DataFrame | None = None) -> Density:
    """Partnerships per Land / voivodeship / oblast (``"admin1"``) or per German Kreis (``"kreis"``)."""
    if level == "admin1":
        table = partnerships_per_admin1(links, admin1_table)
        codes, labels = table["admin1_code"], table["admin1_name"]
    else:
        table = partnerships_per_kreis(links)
        codes, labels = table["district_id"], table["district_name"]
    counts = {str(code): int(count) for code, count in zip(codes, table["partnerships"], strict=True) if code}
    names = {str(code): str(label) for code, label in zip(codes, labels, strict=True) if code}
    return Density(level, counts, names, table)


_PARTNERSHIP_ID = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


def parse_partnership_ids(text: str) -> tuple[str, ...]:
    """Partnership ids from a ``?highlight=P0001,P0002`` value: junk dropped, order kept, no duplicates.

    >>> parse_partnership_ids("P0001, P0002,,<x>,P0001")
    ('P0001', 'P0002')
    """
    parts = (part.strip() for part in text.split(","))
    return tuple(dict.fromkeys(part for part in parts if _PARTNERSHIP_ID.match(part)))
