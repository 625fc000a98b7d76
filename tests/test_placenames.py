"""Place names follow the UI language; the local name stands beside where it differs."""

import pandas as pd
import pytest

from atlas.formatting import format_currency, format_date, format_date_range, format_number
from atlas.placenames import display_label, display_name

KYIV_LINK = {
    "a_name": "Leipzig", "a_name_de": "Leipzig", "a_name_en": "Leipzig", "a_name_pl": "Lipsk", "a_name_uk": "Лейпциг",
    "b_name": "Київ", "b_name_de": "Kyjiw", "b_name_en": "Kyiv", "b_name_pl": "Kijów", "b_name_uk": "Київ",
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", ("Kyjiw", "Київ")), ("en", ("Kyiv", "Київ")), ("pl", ("Kijów", "Київ")), ("uk", ("Київ", None))],
)
def test_ukrainian_side_in_each_language(language, expected):
    assert display_name(KYIV_LINK, "b", language) == expected


def test_german_side_in_ukrainian_is_cyrillic_with_local_beside():
    assert display_name(KYIV_LINK, "a", "uk") == ("Лейпциг", "Leipzig")
    assert display_name(KYIV_LINK, "a", "de") == ("Leipzig", None)
    assert display_label(KYIV_LINK, "a", "pl") == "Lipsk (Leipzig)"


def test_place_rows_without_prefix_and_pandas_rows():
    place = pd.Series({"name_local": "Харків", "name_de": "Charkiw", "name_en": "Kharkiv", "name_pl": "Charków",
                       "name_uk": "Харків"})
    assert display_name(place, None, "de") == ("Charkiw", "Харків")
    assert display_name(place, None, "pl") == ("Charków", "Харків")


def test_missing_spelling_falls_back_to_english_then_local():
    row = {"b_name": "Жовква", "b_name_en": "Zhovkva", "b_name_de": float("nan"), "b_name_uk": ""}
    assert display_name(row, "b", "de") == ("Zhovkva", "Жовква")
    assert display_name(row, "b", "uk") == ("Жовква", None)
    assert display_name({"a_name": "Weimar"}, "a", "en") == ("Weimar", None)


def test_case_only_difference_is_not_shown_twice():
    assert display_name({"a_name": "ZAMOŚĆ", "a_name_pl": "Zamość"}, "a", "pl") == ("Zamość", None)


@pytest.mark.parametrize(
    ("language", "number", "money", "day", "month"),
    [
        ("de", "12.345,5", "250.000\u00a0€", "13. November 2023", "November 2023"),
        ("uk", "12\u00a0345,5", "250\u00a0000\u00a0€", "13 листопада 2023 р.", "листопад 2023 р."),
        ("pl", "12\u00a0345,5", "250\u00a0000\u00a0€", "13 listopada 2023", "listopad 2023"),
        ("en", "12,345.5", "€250,000", "13 November 2023", "November 2023"),
    ],
)
def test_numbers_and_dates_per_language(language, number, money, day, month):
    assert format_number(12345.5, language, decimals=1) == number
    assert format_currency(250000, language) == money
    assert format_date("2023-11-13", language) == day
    assert format_date("2023-11", language) == month


def test_polish_does_not_group_four_digits_but_german_does():
    assert format_number(1961, "pl") == "1961"
    assert format_number(1961, "de") == "1.961"
    assert format_number(None, "de") == "–"


def test_dates_of_any_precision_and_ranges():
    assert format_date("2023", "de") == "2023"
    assert format_date("2023-11-13", "de", short=True) == "13.11.2023"
    assert format_date("not a date", "de") == "not a date"
    assert format_date_range("2023-11-13", "2023-11-15", "de") == "13.–15. November 2023"
    assert format_date_range("2023-11-13", "2023-11-15", "uk") == "13–15 листопада 2023 р."
