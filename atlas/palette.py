"""Colours of the atlas, and the arithmetic that proves they are readable.

Link colours start from the Okabe–Ito palette (blue, orange, bluish green), which stays apart for
people with protanopia, deuteranopia and tritanopia. Two themes: ``light`` (the everyday app) and
``present`` (a dark, high-contrast theme for projectors). ``tests/test_palette.py`` computes the WCAG
2.x contrast ratios of every pair below and checks AA: 4.5:1 for text, 3:1 for lines and markers
against every surface they are drawn on, and the colour distance of the link colours for every
dichromacy.

On black the Okabe–Ito colours are used as they are. On the light map the orange (``#E69F00``, 2.0:1
against the land) and the bluish green (2.9:1 against the sea) are too pale, and a halo around every
line cost too much: a CSS filter on hundreds of SVG paths made each pan repaint slowly, and a second
line under each doubled the paths. So the light theme darkens them (``#C06400``, ``#009850``) to 3.2:1
or more on land, sea and white, keeping them apart for all three dichromacies; its highlight is near-black
rather than vermillion, which a protanope could not tell from the darker orange. Markers follow the
same rule: each theme has country colours with 3:1 on every surface (pink and sky blue are darkened on
the light map; the dark grey of Germany becomes light grey on black).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ThemeName = Literal["light", "present"]

OKABE_ITO_PAIRS: dict[str, str] = {"DE-UA": "#0072B2", "DE-PL": "#E69F00", "PL-UA": "#009E73"}
"""Okabe–Ito blue, orange and bluish green by country pair: the link colours of the dark theme."""
LIGHT_PAIRS: dict[str, str] = {"DE-UA": "#0072B2", "DE-PL": "#C06400", "PL-UA": "#009850"}
"""The same hues darkened until every line has 3:1 on the light map's land, sea and white."""

HIGHLIGHT_COLOUR_LIGHT = "#1A1A1A"
"""Near-black: links highlighted by a tour step or a click in the light theme."""
HIGHLIGHT_COLOUR_PRESENT = "#F0E442"
"""Okabe–Ito yellow: links highlighted by a tour step on the dark projector theme."""


@dataclass(frozen=True)
class Theme:
    """The colours one theme paints with."""

    name: ThemeName
    pairs: dict[str, str]  # link colour by country pair
    countries: dict[str, str]  # marker colour (fill, and ring of districts and regions) by country
    background: str  # page background
    sea: str  # map background around the land
    text: str  # body text
    muted_text: str  # captions, secondary labels
    primary: str  # buttons and active controls
    on_primary: str  # text on a primary button
    land: str  # land fill of the offline basemap
    border: str  # country and admin-1 outlines
    highlight: str  # tour highlight colour


THEMES: dict[ThemeName, Theme] = {
    "light": Theme(
        name="light",
        pairs=LIGHT_PAIRS,
        countries={"DE": "#3B3B3B", "PL": "#A8508A", "UA": "#3A86C8"},
        background="#FFFFFF",
        sea="#E8EEF3",
        text="#1A1A1A",
        muted_text="#555555",
        primary="#0B5CAD",
        on_primary="#FFFFFF",
        land="#F4F4F1",
        border="#6B6B6B",
        highlight=HIGHLIGHT_COLOUR_LIGHT,
    ),
    "present": Theme(
        name="present",
        pairs=OKABE_ITO_PAIRS,
        countries={"DE": "#BBBBBB", "PL": "#CC79A7", "UA": "#56B4E9"},
        background="#000000",
        sea="#000000",
        text="#FFFFFF",
        muted_text="#D9D9D9",
        primary="#F0E442",
        on_primary="#000000",
        land="#000000",
        border="#9A9A9A",
        highlight=HIGHLIGHT_COLOUR_PRESENT,
    ),
}

PAIR_COLOURS: dict[str, str] = LIGHT_PAIRS
"""Link colours of the everyday (light) app; a themed view takes ``THEMES[name].pairs``."""


def country_colours(theme_name: str) -> dict[str, str]:
    """Marker colour by country in the theme ``theme_name`` (the light one for any other name)."""
    return THEMES.get(theme_name, THEMES["light"]).countries  # type: ignore[call-overload]


def pair_colours(theme_name: str) -> dict[str, str]:
    """Link colour by country pair in the theme ``theme_name`` (the light one for any other name)."""
    return THEMES.get(theme_name, THEMES["light"]).pairs  # type: ignore[call-overload]


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
