"""UI strings in German, Ukrainian, Polish and English.

Catalogs live in ``atlas/locales/<language>/*.json``; every file of one language is merged, so each
feature keeps its own file (``core.json``, ``map.json``, …). All languages must have identical keys and
the same ``{placeholders}`` per key (a test checks).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Literal

Language = Literal["de", "uk", "pl", "en"]
LANGUAGES: tuple[str, ...] = ("de", "uk", "pl", "en")
DEFAULT_LANGUAGE: Language = "de"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"


@lru_cache(maxsize=8)
def catalog(language: str, locales_dir: Path = LOCALES_DIR) -> dict[str, str]:
    """Return the merged key -> text catalog of one language."""
    merged: dict[str, str] = {}
    for path in sorted((locales_dir / language).glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            merged.update(json.load(handle))
    return merged


def normalise_language(value: str | None) -> Language:
    """Map ``?lang=`` values or browser locales ("uk-UA", "pl", "en-GB") to a supported language."""
    if not value:
        return DEFAULT_LANGUAGE
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if code == "ua":  # people type the country code for the language
        code = "uk"
    return code if code in LANGUAGES else DEFAULT_LANGUAGE  # type: ignore[return-value]


def translate(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Return the text for ``key`` in ``language``, falling back to German, then to the key itself."""
    text = catalog(language).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text
