"""Guided tours: sequences of map views with a caption per language, read from ``geodata/tours.json``.

The file is written by people, not programs, so :func:`load_tours` checks everything and raises
:class:`TourError` listing every problem with the tour, the step number (as people count, from 1), the
field, the value found and what was expected. The format is documented in ``geodata/README.md``
("Tours").

A step's ``filters`` use the URL parameter names of :mod:`atlas.filters` (``pair``, ``country``,
``admin1``, ``from``, ``to``, ``q`` …) with the same values as in a shared link, so a step can be tried
out by pasting its parameters into the address bar.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from atlas import GEODATA_DIR
from atlas.filters import FILTER_PARAMS, Filters
from atlas.i18n import DEFAULT_LANGUAGE, LANGUAGES
from atlas.schema import Bounds

TOURS_FILE = "tours.json"
PARAM_TOUR = "tour"
PARAM_STEP = "step"
PARAM_AUTOPLAY = "autoplay"
PARAM_HIGHLIGHT = "highlight"
AUTOPLAY_MIN_SECONDS, AUTOPLAY_MAX_SECONDS = 3, 600
CAPTION_PLACEHOLDER = "{shown}"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class TourStep:
    """One view of a tour."""

    filters: tuple[tuple[str, str], ...]  # URL parameter name -> value, in file order
    bounds: Bounds | None  # ((south, west), (north, east)); None: fit the highlighted, else the shown links
    highlight: tuple[str, ...]  # partnership ids drawn highlighted
    caption: tuple[tuple[str, str], ...]  # language -> Markdown text

    def caption_in(self, language: str) -> str:
        """The caption in ``language`` (German when that language is missing)."""
        captions = dict(self.caption)
        return captions.get(language) or captions[DEFAULT_LANGUAGE]

    def caption_text(self, language: str, shown: int | str) -> str:
        """The caption with ``{shown}`` replaced by the number of links the step shows."""
        return self.caption_in(language).replace(CAPTION_PLACEHOLDER, str(shown))

    def query_params(self) -> dict[str, str]:
        """The step's filters as URL parameters (only filter names; other parameters are left alone)."""
        return dict(self.filters)


@dataclass(frozen=True)
class Tour:
    """A named sequence of steps."""

    tour_id: str
    title: tuple[tuple[str, str], ...]
    steps: tuple[TourStep, ...]

    def title_in(self, language: str) -> str:
        titles = dict(self.title)
        return titles.get(language) or titles[DEFAULT_LANGUAGE]


@dataclass(frozen=True)
class TourProblem:
    """One thing wrong in the tours file."""

    tour: str  # tour id, or "#<n>" when the id itself is missing
    step: int | None  # 1-based step number, None for the tour itself
    field: str
    value: str
    expected: str

    def __str__(self) -> str:
        where = f"tour {self.tour}" + (f", step {self.step}" if self.step is not None else "")
        return f"{where}, field '{self.field}': got {self.value!r}, expected {self.expected}"


class TourError(ValueError):
    """The tours file breaks its format; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: list[TourProblem]):
        self.problems = problems
        shown = "\n".join(f"{source}: {problem}" for problem in problems[:30])
        more = f"\n… and {len(problems) - 30} more" if len(problems) > 30 else ""
        super().__init__(f"{len(problems)} problem(s) in {source}:\n{shown}{more}")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "…"


def _texts(value: Any, where: tuple[str, int | None], field: str, problems: list[TourProblem]) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        problems.append(TourProblem(*where, field, _short(value), 'an object with "de", "uk", "pl" and "en" texts'))
        return ()
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            problems.append(TourProblem(*where, f"{field}.{language}", _short(text), "a non-empty text"))
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        problems.append(TourProblem(*where, field, ", ".join(unknown), "only the languages de, uk, pl, en"))
    return tuple((language, str(value.get(language, "")).strip()) for language in LANGUAGES)


def _filters(value: Any, where: tuple[str, int | None], problems: list[TourProblem]) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        problems.append(TourProblem(*where, "filters", _short(value), "an object of URL parameters, e.g. {\"pair\": \"DE-UA\"}"))
        return ()
    pairs: list[tuple[str, str]] = []
    for name, raw in value.items():
        field = f"filters.{name}"
        if name not in FILTER_PARAMS:
            problems.append(TourProblem(*where, field, name, "one of the URL parameters " + ", ".join(FILTER_PARAMS)))
            continue
        if isinstance(raw, bool) or not isinstance(raw, (str, int)):
            problems.append(TourProblem(*where, field, _short(raw), "a text or a number, as in a link"))
            continue
        text = str(raw).strip()
        tokens = [token for token in text.split(",") if token.strip()] if name != "q" else [text]
        rejected = [token for token in tokens if not Filters.from_query_params({name: token}).to_query_params().get(name)]
        if not tokens or rejected:
            problems.append(TourProblem(*where, field, ", ".join(rejected) or text, f"a value the '{name}' filter accepts"))
            continue
        pairs.append((name, text))
    return tuple(pairs)


def _bounds(value: Any, where: tuple[str, int | None], problems: list[TourProblem]) -> Bounds | None:
    if value is None:
        return None
    expected = "[[south, west], [north, east]] in degrees, south < north, west < east"
    try:
        (south, west), (north, east) = value
        south, west, north, east = (float(number) for number in (south, west, north, east))
    except (TypeError, ValueError):
        problems.append(TourProblem(*where, "bounds", _short(value), expected))
        return None
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        problems.append(TourProblem(*where, "bounds", _short(value), expected))
        return None
    return (south, west), (north, east)


def _highlight(value: Any, where: tuple[str, int | None], known_ids: frozenset[str] | None,
               problems: list[TourProblem]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(TourProblem(*where, "highlight", _short(value), 'a list of partnership ids, e.g. ["P0165"]'))
        return ()
    if known_ids is not None:
        for item in value:
            if item not in known_ids:
                problems.append(TourProblem(*where, "highlight", item, "the id of a partnership in the records"))
    return tuple(value)


def parse_tours(document: Any, source: str = TOURS_FILE, known_ids: Iterable[str] | None = None) -> tuple[Tour, ...]:
    """Check and convert the parsed JSON of a tours file; raise :class:`TourError` listing every problem."""
    known = frozenset(known_ids) if known_ids is not None else None
    problems: list[TourProblem] = []
    raw_tours = document.get("tours") if isinstance(document, dict) else None
    if not isinstance(raw_tours, list) or not raw_tours:
        expected = 'an object {"tours": [ … ]} with at least one tour'
        raise TourError(source, [TourProblem("-", None, "tours", _short(document)[:40], expected)])
    tours: list[Tour] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_tours, start=1):
        tour_id = raw.get("id") if isinstance(raw, dict) else None
        name = tour_id if isinstance(tour_id, str) and tour_id else f"#{number}"
        if not isinstance(raw, dict):
            problems.append(TourProblem(name, None, "tour", _short(raw), "an object with id, title and steps"))
            continue
        if not isinstance(tour_id, str) or not tour_id.strip() or not all(c.isalnum() or c in "-_" for c in tour_id):
            problems.append(TourProblem(name, None, "id", _short(tour_id), "a short id of letters, digits, '-' or '_'"))
        elif tour_id in seen:
            problems.append(TourProblem(name, None, "id", tour_id, "an id no other tour uses"))
        seen.add(str(tour_id))
        title = _texts(raw.get("title"), (name, None), "title", problems)
        raw_steps = raw.get("steps")
        if not isinstance(raw_steps, list) or not raw_steps:
            problems.append(TourProblem(name, None, "steps", _short(raw_steps), "a list of at least one step"))
            continue
        steps: list[TourStep] = []
        for step_number, raw_step in enumerate(raw_steps, start=1):
            where = (name, step_number)
            if not isinstance(raw_step, dict):
                expected = "an object with filters, bounds, highlight, caption"
                problems.append(TourProblem(*where, "step", _short(raw_step), expected))
                continue
            unknown = sorted(set(raw_step) - {"filters", "bounds", "highlight", "caption"})
            if unknown:
                problems.append(TourProblem(*where, ", ".join(unknown), "", "only filters, bounds, highlight and caption"))
            caption = _texts(raw_step.get("caption"), where, "caption", problems)
            for language, text in (item for item in caption if item[1]):
                braces = set(_PLACEHOLDER.findall(text)) - {CAPTION_PLACEHOLDER}
                if braces or text.count(CAPTION_PLACEHOLDER) != dict(caption)["de"].count(CAPTION_PLACEHOLDER):
                    problems.append(TourProblem(*where, f"caption.{language}", ", ".join(sorted(braces)) or text[:40],
                                                "the placeholder {shown} used exactly as in the German caption"))
            steps.append(TourStep(
                filters=_filters(raw_step.get("filters"), where, problems),
                bounds=_bounds(raw_step.get("bounds"), where, problems),
                highlight=_highlight(raw_step.get("highlight"), where, known, problems),
                caption=caption,
            ))
        tours.append(Tour(tour_id=str(tour_id), title=title, steps=tuple(steps)))
    if problems:
        raise TourError(source, problems)
    return tuple(tours)


def load_tours(path: Path | None = None, known_ids: Iterable[str] | None = None) -> tuple[Tour, ...]:
    """Read and check ``geodata/tours.json``; ``known_ids`` (partnership ids) checks the highlights."""
    path = path or GEODATA_DIR / TOURS_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise TourError(path.name, [TourProblem("-", None, f"line {error.lineno}, column {error.colno}", error.msg,
                                                "valid JSON (check commas and quotes)")]) from error
    return parse_tours(document, path.name, known_ids)


def find_tour(tours: Iterable[Tour], tour_id: str | None) -> Tour | None:
    """The tour with ``tour_id``, or None."""
    return next((tour for tour in tours if tour.tour_id == tour_id), None)


def step_index(raw: str | None, tour: Tour) -> int:
    """0-based index from the 1-based ``?step=`` value, clamped into the tour (junk -> first step)."""
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 0
    return min(max(number, 1), len(tour.steps)) - 1


def autoplay_seconds(raw: str | None) -> int | None:
    """Seconds per step from ``?autoplay=20`` (clamped to 3–600), None when absent or unreadable."""
    try:
        seconds = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return min(max(seconds, AUTOPLAY_MIN_SECONDS), AUTOPLAY_MAX_SECONDS) if seconds > 0 else None


def next_index(index: int, tour: Tour, loop: bool) -> int | None:
    """The step after ``index``; at the end the first again when ``loop`` (kiosk), else None."""
    if index + 1 < len(tour.steps):
        return index + 1
    return 0 if loop else None


def previous_index(index: int, tour: Tour) -> int | None:
    return index - 1 if index > 0 else None


def step_query_params(current: Mapping[str, str], tour: Tour, index: int) -> dict[str, str]:
    """The URL parameters that show step ``index``: filters replaced by the step's, tour and step set.

    Parameters that are not filters (``lang``, ``mode``, ``autoplay`` …) are kept.
    """
    step = tour.steps[index]
    params = {name: value for name, value in current.items() if name not in FILTER_PARAMS and name != PARAM_HIGHLIGHT}
    params.update(step.query_params())
    if step.highlight:
        params[PARAM_HIGHLIGHT] = ",".join(step.highlight)
    params[PARAM_TOUR] = tour.tour_id
    params[PARAM_STEP] = str(index + 1)
    return params


def focus_bounds(step: TourStep, links: pd.DataFrame) -> Bounds | None:
    """Where the map should look: the step's bounds, else around its highlighted links, else None.

    ``links`` needs ``id`` (or ``partnership_id``) and ``a_lat, a_lon, b_lat, b_lon``. None means: fit
    the links the filters show, as the map does anyway.
    """
    if step.bounds is not None:
        return step.bounds
    if not step.highlight or links.empty:
        return None
    id_column = "partnership_id" if "partnership_id" in links.columns else "id"
    chosen = links[links[id_column].isin(step.highlight)]
    if chosen.empty:
        return None
    latitudes = pd.concat([chosen["a_lat"], chosen["b_lat"]]).astype(float)
    longitudes = pd.concat([chosen["a_lon"], chosen["b_lon"]]).astype(float)
    return (float(latitudes.min()), float(longitudes.min())), (float(latitudes.max()), float(longitudes.max()))
