"""Every language has the same keys and the same placeholders per key."""

import re
import string

from atlas import i18n

PLACEHOLDER = re.compile(r"\{(\w+)")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogs_have_identical_keys():
    german = set(i18n.catalog("de"))
    assert german, "German catalog is empty"
    for language in i18n.LANGUAGES:
        assert set(i18n.catalog(language)) == german, language


def test_placeholders_agree_across_languages():
    for key, german_text in i18n.catalog("de").items():
        for language in i18n.LANGUAGES:
            assert placeholders(i18n.catalog(language)[key]) == placeholders(german_text), (language, key)


def test_no_empty_texts():
    for language in i18n.LANGUAGES:
        assert [key for key, text in i18n.catalog(language).items() if not text.strip()] == [], language


def test_language_from_query_or_locale():
    assert i18n.normalise_language("uk-UA") == "uk"
    assert i18n.normalise_language("UA") == "uk"
    assert i18n.normalise_language("pl") == "pl"
    assert i18n.normalise_language("fr-FR") == "de"
    assert i18n.normalise_language(None) == "de"
    assert i18n.translate("records.count", "en", count=3) == "3 partnerships in the records"
