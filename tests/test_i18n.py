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
    assert i18n.translate("records.count", "en", count=1) == "Partnerships in the records: 1"


CYRILLIC = re.compile(r"[\u0400-\u04FF]")
RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Texts that stay the same in every language: language names written in their own language, codes, brands.
SAME_EVERYWHERE = {"language.name.de", "language.name.pl", "language.name.en", "figures.shown.value",
                   "table.file_name", "sources.licence.bsd-2-clause", "story.conf.series.skew.name"}


def test_ukrainian_is_written_in_cyrillic_and_is_not_russian():
    ukrainian = i18n.catalog("uk")
    latin_only = [key for key, text in ukrainian.items()
                  if LATIN_WORD.search(text) and not CYRILLIC.search(text) and key not in SAME_EVERYWHERE]
    assert latin_only == []
    assert [key for key, text in ukrainian.items() if RUSSIAN_ONLY.search(text)] == []


def test_polish_and_german_texts_are_their_own():
    polish, german = i18n.catalog("pl"), i18n.catalog("de")
    assert [key for key, text in polish.items() if re.search(r"[äöüßÄÖÜ]", text)] == []
    assert [key for key, text in german.items() if re.search(r"[ąęłńśźżĄĘŁŃŚŹŻ]", text)] == []
    # the language selector names each language in that language
    for language, name in {"de": "Deutsch", "uk": "Українська", "pl": "Polski", "en": "English"}.items():
        assert {i18n.catalog(lang)[f"language.name.{language}"] for lang in i18n.LANGUAGES} == {name}


def test_every_stage_key_used_in_the_code_exists():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    used: set[str] = set()
    for path in [*root.glob("components/*.py"), root / "atlas" / "export.py"]:
        used |= set(re.findall(r"\"(stage\.[a-z_.]+[a-z_])\"", path.read_text(encoding="utf-8")))
    assert used, "no stage keys found"
    assert sorted(used - set(i18n.catalog("de"))) == []
