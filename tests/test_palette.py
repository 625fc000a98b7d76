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


def test_pair_colours_are_the_contract_okabe_ito_colours():
    assert palette.PAIR_COLOURS == {"DE-UA": "#0072B2", "DE-PL": "#E69F00", "PL-UA": "#009E73"}


@pytest.mark.parametrize("deficiency", [None, *palette.VISION_DEFICIENCIES])
def test_pair_colours_stay_apart_for_colour_blind_viewers(deficiency):
    colours = [*palette.PAIR_COLOURS.values(), palette.HIGHLIGHT_COLOUR_LIGHT]
    for first, second in itertools.combinations(colours, 2):
        assert palette.perceived_difference(first, second, deficiency) > 15, (first, second, deficiency)


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
def test_lines_meet_aa_against_what_surrounds_them(theme):
    surroundings = [theme.link_halo] if theme.link_halo else [theme.background, theme.land]
    for colour in [*palette.PAIR_COLOURS.values(), theme.highlight]:
        for around in surroundings:
            assert palette.contrast_ratio(colour, around) >= AA_GRAPHICS, (theme.name, colour, around)
    if theme.link_halo:
        assert palette.contrast_ratio(theme.link_halo, theme.land) >= AA_GRAPHICS
    assert palette.contrast_ratio(theme.border, theme.land) >= AA_GRAPHICS
    assert palette.contrast_ratio(theme.primary, theme.background) >= AA_GRAPHICS


def test_the_light_theme_needs_its_halo():
    # without the halo the orange DE-PL line would fail on white: the halo is not decoration
    assert palette.contrast_ratio(palette.PAIR_COLOURS["DE-PL"], "#FFFFFF") < AA_GRAPHICS
    assert "drop-shadow" in palette.link_halo_css(palette.THEMES["light"])
    assert palette.link_halo_css(palette.THEMES["present"]) == ""


def test_bad_colour_is_refused():
    with pytest.raises(ValueError, match="#0072B2"):
        palette.hex_to_rgb("blue")
