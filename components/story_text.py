"""Writing data text safely into Streamlit Markdown (names, notes and URLs from the records)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

# Characters Markdown (and Streamlit's $…$ maths and :colour[…] directives) would interpret.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """Escape ``text`` so that Markdown shows it literally (no links, emphasis, HTML or maths)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def safe_url(url: object) -> str:
    """The URL for a Markdown link target, or "" when it is not http(s). Parentheses and spaces are encoded."""
    text = "" if url is None else str(url).strip()
    if not re.match(r"^https?://", text, re.IGNORECASE):
        return ""
    return quote(text, safe=":/?#&=%+@;,~*'!$.-_")


def md_link(label: object, url: object) -> str:
    """``[label](url)`` with the label escaped, or just the escaped label when the URL is unusable."""
    target = safe_url(url)
    return f"[{md_escape(label)}]({target})" if target else md_escape(label)


def numbered_links(urls: Sequence[str]) -> str:
    """``[1](…) [2](…)`` for a list of source URLs (unusable ones are left out)."""
    return " ".join(f"[{index}]({safe_url(url)})" for index, url in enumerate(urls, start=1) if safe_url(url))
