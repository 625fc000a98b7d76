"""Place names the way the UI language writes them, with the local name beside where it differs.

Ukrainian shows Cyrillic (``name_uk``), German the German spelling (``name_de``: Kyjiw, Charkiw),
Polish the Polish forms (``name_pl``: Kijów, Lwów), English the national romanisation (``name_en``:
Kyiv, Kharkiv). The columns come from the join (``atlas.join``): link rows carry them per side
(``a_name_de`` …, the record's own name in ``a_name``), place rows without a prefix (``name_de`` …,
the local name in ``name_local``).

>>> row = {"b_name": "Київ", "b_name_de": "Kyjiw", "b_name_en": "Kyiv", "b_name_pl": "Kijów", "b_name_uk": "Київ"}
>>> display_name(row, "b", "de")
('Kyjiw', 'Київ')
>>> display_name(row, "b", "uk")
('Київ', None)
>>> display_label(row, "b", "pl")
'Kijów (Київ)'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_FALLBACK_ORDER: dict[str, tuple[str, ...]] = {
    "de": ("de", "en"),
    "uk": ("uk",),
    "pl": ("pl", "en"),
    "en": ("en",),
}


def _text(row: Mapping[str, Any], column: str) -> str:
    value = row.get(column) if hasattr(row, "get") else None
    if value is None or value != value:  # None or NaN
        return ""
    return str(value).strip()


def _prefix(side: str | None) -> str:
    return f"{side}_" if side else ""


def local_name(row: Mapping[str, Any], side: str | None = None) -> str:
    """The name the municipality uses itself (``a_name`` / ``b_name``, or ``name_local`` of a place row)."""
    if side:
        return _text(row, f"{side}_name") or _text(row, f"{side}_name_local")
    return _text(row, "name_local") or _text(row, "name")


def display_name(row: Mapping[str, Any], side: str | None, language: str) -> tuple[str, str | None]:
    """Return ``(name in the UI language, local name or None)`` for one side of a link or a place.

    ``side`` is ``"a"`` or ``"b"`` for a link row, ``None`` for a place row. The second value is the
    local name when it differs from the first (ignoring case), else ``None``. Where the join has no
    spelling for the language yet, the English (for de/pl) and then the local name stand in.
    """
    prefix = _prefix(side)
    local = local_name(row, side)
    name = ""
    for candidate in _FALLBACK_ORDER.get(language, ("de", "en")):
        name = _text(row, f"{prefix}name_{candidate}")
        if name:
            break
    name = name or local
    if not local or local.casefold() == name.casefold():
        return name, None
    return name, local


def display_label(row: Mapping[str, Any], side: str | None, language: str) -> str:
    """``"Kyjiw (Київ)"``: the display name with the differing local name in brackets (plain text)."""
    name, local = display_name(row, side, language)
    return f"{name} ({local})" if local else name
