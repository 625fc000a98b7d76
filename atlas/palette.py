"""Colours of the atlas, and the arithmetic that proves they are readable.

Link colours follow the Okabe–Ito palette (contract with the map): they stay apart for people with
protanopia, deuteranopia and tritanopia. Two themes: ``light`` (the everyday app) and ``present``
(a dark, high-contrast theme for projectors). ``tests/test_palette.py`` computes the WCAG 2.x contrast
ratios of every pair below and checks AA: 4.5:1 for text, 3:1 for lines and markers against what lies
directly around them.

In the light theme the orange line (``#E69F00``) has only about 2.1:1 against white, so lines get a
thin dark halo (:data:`LINK_HALO_CSS`); the contrast that matters is then line against halo and halo
against the background.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ThemeName = Literal["light", "present"]

PAIR_COLOURS: dict[str, str] = {"DE-UA": "#0072B2", "DE-PL": "#E69F00", "PL-UA": "#009E73"}
"""Colour of a link by country pair (Okabe–Ito blue, orange, bluish green)."""

HIGHLIGHT_COLOUR_LIGHT = "#D55E00"
"""Okabe–Ito vermillion: links highlighted by a tour step in the light theme."""
HIGHLIGHT_COLOUR_PRESENT = "#F0E442"
"""Okabe–Ito yellow: links highlighted by a tour step on the dark projector theme."""


@dataclass(frozen=True)
class Theme:
    """The colours one theme paints with."""

    name: ThemeName
    background: str  # page and map background
    text: str  # body text
    muted_text: str  # captions, secondary labels
    primary: str  # buttons and active controls
    on_primary: str  # text on a primary button
    land: str  # land fill of the offline basemap
    border: str  # country and admin-1 outlines
    link_halo: str | None  # dark edge drawn around link lines (None: not needed)
    highlight: str  # tour highlight colour


THEMES: dict[ThemeName, Theme] = {
    "light": Theme(
        name="light",
        background="#FFFFFF",
        text="#1A1A1A",
        muted_text="#555555",
        primary="#0B5CAD",
        on_primary="#FFFFFF",
        land="#F4F4F1",
        border="#6B6B6B",
        link_halo="#1A1A1A",
        highlight=HIGHLIGHT_COLOUR_LIGHT,
    ),
    "present": Theme(
        name="present",
        background="#000000",
        text="#FFFFFF",
        muted_text="#D9D9D9",
        primary="#F0E442",
        on_primary="#000000",
        land="#000000",
        border="#9A9A9A",
        link_halo=None,
        highlight=HIGHLIGHT_COLOUR_PRESENT,
    ),
}

LINK_HALO_CSS = (
    "path.atlas-link{filter:drop-shadow(0 0 0.7px {halo}) drop-shadow(0 0 0.7px {halo});}"
)
"""CSS template for the halo; fill with ``LINK_HALO_CSS.replace('{halo}', theme.link_halo)``."""


def link_halo_css(theme: Theme) -> str:
    """Return the CSS rule that gives link lines a dark edge in ``theme`` (empty if none is needed)."""
    return LINK_HALO_CSS.replace("{halo}", theme.link_halo) if theme.link_halo else ""


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """``"#0072B2"`` -> ``(0, 114, 178)``; raises ``ValueError`` on anything else."""
    value = colour.strip().lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected a colour like #0072B2, got {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _linear(channel: int) -> float:
    scaled = channel / 255
    return scaled / 12.92 if scaled <= 0.04045 else ((scaled + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    red, green, blue = (_linear(channel) for channel in hex_to_rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21 (order does not matter).

    >>> round(contrast_ratio("#000000", "#FFFFFF"), 1)
    21.0
    """
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Dichromat simulation in linear RGB: Machado, Oliveira & Fernandes (2009), severity 1.0.
_SIMULATION: dict[str, tuple[tuple[float, float, float], ...]] = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
VISION_DEFICIENCIES: tuple[str, ...] = tuple(_SIMULATION)


def simulate(colour: str, deficiency: str) -> tuple[float, float, float]:
    """Linear RGB (0–1) of ``colour`` as seen with one kind of dichromacy."""
    linear = [_linear(channel) for channel in hex_to_rgb(colour)]
    matrix = _SIMULATION[deficiency]
    return tuple(min(1.0, max(0.0, sum(weight * value for weight, value in zip(row, linear, strict=True)))) for row in matrix)  # type: ignore[return-value]


def _lab(linear_rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    red, green, blue = linear_rgb
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(value: float) -> float:
        return value ** (1 / 3) if value > 216 / 24389 else (24389 / 27 * value + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def perceived_difference(first: str, second: str, deficiency: str | None = None) -> float:
    """CIE76 colour difference (ΔE*ab) of two colours, optionally as seen with a dichromacy.

    About 2.3 is just noticeable; lines on a map need well above 10 to be told apart at a glance.
    """
    if deficiency is None:
        seen = [tuple(_linear(channel) for channel in hex_to_rgb(colour)) for colour in (first, second)]
    else:
        seen = [simulate(colour, deficiency) for colour in (first, second)]
    lab_first, lab_second = _lab(seen[0]), _lab(seen[1])  # type: ignore[arg-type]
    return sum((a - b) ** 2 for a, b in zip(lab_first, lab_second, strict=True)) ** 0.5
