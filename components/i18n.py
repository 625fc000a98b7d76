"""``t(key)`` for pages: the text of a key in this session's language."""

from __future__ import annotations

from atlas.i18n import translate
from components import state


def t(key: str, **values: object) -> str:
    return translate(key, state.language(), **values)
