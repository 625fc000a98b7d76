"""Numbers and dates written the way each UI language writes them (a small table, no babel).

>>> format_number(1234567.5, "de", decimals=1)
'1.234.567,5'
>>> format_number(1234567, "en")
'1,234,567'
>>> format_date("2023-11-13", "uk")
'13 листопада 2023 р.'
>>> format_date("2023-11", "pl")
'listopad 2023'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NBSP = "\u00a0"


@dataclass(frozen=True)
class NumberStyle:
    """How one language groups thousands and writes the decimal mark."""

    group: str
    decimal: str
    min_grouping_digits: int  # Polish writes 1234 but 12 345 (CLDR minimum grouping digits 2)
    currency_pattern: str  # "{amount}" placed into the pattern


@dataclass(frozen=True)
class DateStyle:
    """Month names and patterns of one language."""

    months_genitive: tuple[str, ...]  # for "13 November 2023" (Slavic languages decline the month)
    months_nominative: tuple[str, ...]  # for "November 2023"
    day_pattern: str  # {day} {month} {year}
    month_pattern: str  # {month} {year}
    year_pattern: str  # {year}
    short_pattern: str  # numeric day


NUMBER_STYLES: dict[str, NumberStyle] = {
    "de": NumberStyle(group=".", decimal=",", min_grouping_digits=1, currency_pattern="{amount}" + NBSP + "€"),
    "uk": NumberStyle(group=NBSP, decimal=",", min_grouping_digits=1, currency_pattern="{amount}" + NBSP + "€"),
    "pl": NumberStyle(group=NBSP, decimal=",", min_grouping_digits=2, currency_pattern="{amount}" + NBSP + "€"),
    "en": NumberStyle(group=",", decimal=".", min_grouping_digits=1, currency_pattern="€{amount}"),
}

DATE_STYLES: dict[str, DateStyle] = {
    "de": DateStyle(
        months_genitive=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                         "September", "Oktober", "November", "Dezember"),
        months_nominative=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                           "September", "Oktober", "November", "Dezember"),
        day_pattern="{day}. {month} {year}",
        month_pattern="{month} {year}",
        year_pattern="{year}",
        short_pattern="{day:02d}.{month:02d}.{year}",
    ),
    "uk": DateStyle(
        months_genitive=("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
                         "вересня", "жовтня", "листопада", "грудня"),
        months_nominative=("січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
                           "серпень", "вересень", "жовтень", "листопад", "грудень"),
        day_pattern="{day} {month} {year} р.",
        month_pattern="{month} {year} р.",
        year_pattern="{year} р.",
        short_pattern="{day:02d}.{month:02d}.{year}",
    ),
    "pl": DateStyle(
        months_genitive=("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
                         "września", "października", "listopada", "grudnia"),
        months_nominative=("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
                           "wrzesień", "październik", "listopad", "grudzień"),
        day_pattern="{day} {month} {year}",
        month_pattern="{month} {year}",
        year_pattern="{year}",
        short_pattern="{day:02d}.{month:02d}.{year}",
    ),
    "en": DateStyle(
        months_genitive=("January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"),
        months_nominative=("January", "February", "March", "April", "May", "June", "July", "August",
                           "September", "October", "November", "December"),
        day_pattern="{day} {month} {year}",
        month_pattern="{month} {year}",
        year_pattern="{year}",
        short_pattern="{day:02d}/{month:02d}/{year}",
    ),
}


def _style(language: str) -> tuple[NumberStyle, DateStyle]:
    key = language if language in NUMBER_STYLES else "de"
    return NUMBER_STYLES[key], DATE_STYLES[key]


def _group(digits: str, style: NumberStyle) -> str:
    if len(digits) < 4 + style.min_grouping_digits - 1:
        return digits
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return style.group.join(groups)


def format_number(value: float | int | None, language: str, decimals: int = 0) -> str:
    """Write a number with the language's thousands separator and decimal mark; ``None`` -> ``"–"``."""
    if value is None or value != value:  # None or NaN
        return "–"
    style, _ = _style(language)
    text = f"{abs(value):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    sign = "−" if value < 0 and float(text) != 0 else ""
    grouped = _group(whole, style)
    return sign + grouped + (style.decimal + fraction if fraction else "")


def format_currency(amount_eur: float | int | None, language: str) -> str:
    """Write an amount in euro, without cents (``12.500 €``, ``€12,500``)."""
    if amount_eur is None or amount_eur != amount_eur:
        return "–"
    style, _ = _style(language)
    return style.currency_pattern.format(amount=format_number(round(amount_eur), language))


def format_date(value: str | dt.date | None, language: str, short: bool = False) -> str:
    """Write a date of day, month or year precision (``"2023-11-13"``, ``"2023-11"``, ``"2023"`` or a date).

    ``short=True`` gives the numeric form for full dates (``13.11.2023``). Unreadable text is returned
    unchanged rather than hidden.
    """
    if value is None or value == "":
        return "–"
    _, style = _style(language)
    if isinstance(value, dt.date):
        year, month, day = value.year, value.month, value.day
    else:
        parts = str(value).strip().split("-")
        if not all(part.isdigit() for part in parts) or not 1 <= len(parts) <= 3:
            return str(value)
        numbers = [int(part) for part in parts]
        year, month, day = (numbers + [0, 0])[:3]
        if not 1 <= (month or 1) <= 12:
            return str(value)
    if month and day:
        if short:
            return style.short_pattern.format(day=day, month=month, year=year)
        return style.day_pattern.format(day=day, month=style.months_genitive[month - 1], year=year)
    if month:
        return style.month_pattern.format(month=style.months_nominative[month - 1], year=year)
    return style.year_pattern.format(year=year)


def format_date_range(start: str, end: str | None, language: str) -> str:
    """Write a span of days such as a conference (``13.–15. November 2023``); falls back to two dates."""
    if not end or end == start:
        return format_date(start, language)
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        return f"{format_date(start, language)} – {format_date(end, language)}"
    if (first.year, first.month) == (last.year, last.month):
        _, style = _style(language)
        tail = style.day_pattern.format(day=last.day, month=style.months_genitive[last.month - 1], year=last.year)
        separator = ".–" if language == "de" else "–"
        return f"{first.day}{separator}{tail}"
    return f"{format_date(first, language)} – {format_date(last, language)}"
