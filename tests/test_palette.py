"""The palette is colour-blind safe and meets WCAG AA contrast in both themes."""

import itertools

import pytest

from atlas import palette

AA_TEXT = 4.5
AA_GRAPHICS = 3.0


def test_known_contrast_values():
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert palette.contrast_ratio("#FFFFFF", "#777777") == palette.contrast_ratio("#777777", "#FFFFFF")


def test_the_dark_theme_keeps_okabe_ito_and_the_light_one_darkens_only_orange_and_green():
    assert palette.THEMES["present"].pairs == {"DE-UA": "#0072B2", "DE-PL": "#E69F00", "PL-UA": "#009E73"}
    light = palette.THEMES["light"].pairs
    assert light["DE-UA"] == "#0072B2"
    assert palette.PAIR_COLOURS == light == palette.pair_colours("light") == palette.pair_colours("unknown")
    for pair in ("DE-PL", "PL-UA"):  # darker than the Okabe–Ito colour it stands for
        assert palette.relative_luminance(light[pair]) < palette.relative_luminance(palette.OKABE_ITO_PAIRS[pair])


@pytest.mark.parametrize("theme", list(palette.THEMES.values()), ids=list(palette.THEMES))
@pytest.mark.parametrize("deficiency", [None, *palette.VISION_DEFICIENCIES])
def test_pair_colours_stay_apart_for_colour_blind_viewers(theme, deficiency):
    colours = [*theme.pairs.values(), theme.highlight]
    for first, second in itertools.combinations(colours, 2):
        assert palette.perceived_difference(first, second, deficiency) > 15, (theme.name, first, second, deficiency)


def test_simulation_turns_red_and_green_alike_for_deuteranopes():
    # sanity check of the simulation itself: pure red and green are far apart normally, close for deutans
    normal = palette.perceived_difference("#FF0000", "#00B000")
    deutan = palette.perceived_difference("#FF0000", "#00B000", "deuteranopia")
    assert deutan < normal / 3


@pytest.mark.parametrize("theme", list(palette.THEMES.values()), ids=list(palette.THEMES))
def test_text_meets_aa_in_both_themes(theme):
    assert palette.contrast_ratio(theme.text, theme.background) >= AA_TEXT
    assert palette.contrast_ratio(theme.muted_text, theme.background) >= AA_TEXT
    assert palette.contrast_ratio(theme.on_primary, theme.primary) >= AA_TEXT
    assert palette.contrast_ratio(theme.text, theme.land) >= AA_TEXT


@pytest.mark.parametrize("theme", list(palette.THEMES.values()), ids=list(palette.THEMES))
def test_lines_meet_aa_on_every_surface_they_are_drawn_on(theme):
    # a line lies on land, on the sea around it, or on the page's background (legend, export)
    for colour in [*theme.pairs.values(), theme.highlight]:
        for around in (theme.land, theme.sea, theme.background):
            assert palette.contrast_ratio(colour, around) >= AA_GRAPHICS, (theme.name, colour, around)
    assert palette.contrast_ratio(theme.border, theme.land) >= AA_GRAPHICS
    assert palette.contrast_ratio(theme.primary, theme.background) >= AA_GRAPHICS


@pytest.mark.parametrize("theme", list(palette.THEMES.values()), ids=list(palette.THEMES))
def test_markers_meet_aa_on_the_map_and_stay_apart(theme):
    # a city marker is a filled circle, a district or region a ring: either way the colour carries it
    for code, colour in theme.countries.items():
        for around in (theme.land, theme.sea):
            assert palette.contrast_ratio(colour, around) >= AA_GRAPHICS, (theme.name, code, colour, around)
    for first, second in itertools.combinations(theme.countries.values(), 2):
        assert palette.perceived_difference(first, second) > 15, (theme.name, first, second)


def test_the_okabe_ito_orange_and_green_would_fail_on_the_light_map():
    # why the light theme has its own colours: not decoration
    light = palette.THEMES["light"]
    assert palette.contrast_ratio(palette.OKABE_ITO_PAIRS["DE-PL"], light.land) < AA_GRAPHICS
    assert palette.contrast_ratio(palette.OKABE_ITO_PAIRS["PL-UA"], light.sea) < AA_GRAPHICS


def test_bad_colour_is_refused():
    with pytest.raises(ValueError, match="#0072B2"):
        palette.hex_to_rgb("blue")
