"""Qualifiers that name a district or hromada tell same-named places apart, on the committed gazetteer.

"Taufkirchen (Landkreis München)", "Biskupiec (powiat olsztyński)", "Софіївка (Горлівський район)": the
geocoder finds the unit itself and keeps the candidates inside it; a qualifier that fits none of them
changes nothing. Each name tested is one that several places bear.
"""

import math

import pytest

from atlas.gazetteer import load_gazetteer
from atlas.geocode import Geocoder


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(load_gazetteer())


def places_named(geocoder, name, country):
    """How many gazetteer rows of ``country`` (any when None) bear ``name`` (any of their names, case-folded)."""
    table = geocoder.table if country is None else geocoder.table[geocoder.table["country"] == country]
    wanted = name.casefold()
    count = 0
    for row in table.itertuples():
        names = {row.name_local, row.name_de, row.name_en, row.name_pl, row.name_uk, *row.alt_names.split("|")}
        count += wanted in {value.casefold() for value in names if value}
    return count


def place(geocoder, municipality_id):
    return geocoder.table.set_index("municipality_id").loc[municipality_id]


@pytest.mark.parametrize(
    ("name", "country", "kind", "admin1", "district"),
    [
        ("Taufkirchen (Landkreis München)", "DE", "municipality", "Bayern", "Landkreis München"),
        ("Taufkirchen (LK München)", "DE", None, None, "Landkreis München"),
        ("Taufkirchen (Kreis Mühldorf am Inn)", "DE", None, None, "Landkreis Mühldorf a. Inn"),
        ("Taufkirchen (Lkr. Erding)", None, None, None, "Landkreis Erding"),
        ("Taufkirchen (Vils)", "DE", None, None, "Landkreis Erding"),  # the river in its alternate name
        ("Borken (Kreis Borken)", "DE", "city", None, "Kreis Borken"),
        ("Biskupiec (powiat olsztyński)", "PL", "municipality", "warmińsko-mazurskie", "Powiat olsztyński"),
        ("Biskupiec (pow. nowomiejski)", "PL", None, None, "Powiat nowomiejski"),
        ("Biskupiec (Olsztyn County)", "PL", None, None, "Powiat olsztyński"),
        ("Zarzecze (powiat przeworski)", "PL", "municipality", "podkarpackie", "Powiat przeworski"),
        ("Zarzecze (Landkreis Przeworsk)", "PL", None, None, "Powiat przeworski"),
        ("Софіївка (Горлівський район)", "UA", None, "Донецька область", "Горлівський район"),
        ("Sofiivka (Horlivskyi Raion)", "UA", None, None, "Горлівський район"),
        ("Sofiivka (raion Horlivskyi)", "UA", None, "Donetsk Oblast", "Горлівський район"),
        ("Sofijiwka (Rajon Horliwskyj)", "UA", None, None, "Горлівський район"),
    ],
)
def test_district_qualifier_picks_the_place_in_that_district(geocoder, name, country, kind, admin1, district):
    match = geocoder.resolve(name, country, kind, admin1)
    assert match.status == "matched", match.reason
    assert place(geocoder, match.municipality_id)["district_name"] == district
    # the qualifier is what decides: several places of the country bear the bare name
    assert places_named(geocoder, name.split(" (")[0], country) >= 2


@pytest.mark.parametrize("hromada", ["Новобузька громада", "Novobuzka hromada", "Єнакіївська громада"])
def test_hromada_qualifier_picks_the_nearest_same_named_place(geocoder, hromada):
    match = geocoder.resolve(f"Софіївка ({hromada})", "UA")
    assert match.status == "matched", match.reason
    unit = geocoder.resolve(hromada, "UA", "municipality")
    assert unit.status == "matched"
    candidates = geocoder.resolve("Софіївка", "UA").candidates
    assert len(candidates) >= 2

    def far(candidate):
        return math.dist((candidate.lat, candidate.lon * 0.65), (unit.lat, unit.lon * 0.65))

    assert min(candidates, key=far).municipality_id == match.municipality_id


@pytest.mark.parametrize(
    ("name", "country", "kind", "admin1"),
    [
        ("Taufkirchen (Landkreis Görlitz)", "DE", None, None),  # no Taufkirchen there: still three
        ("Taufkirchen", "DE", "municipality", "Bayern"),
        ("Altenstadt", "DE", "municipality", "Bayern"),  # P0006: which one, the source does not say
        ("Friedberg", "DE", "city", None),  # Friedberg (Bayern) 30,000 or Friedberg (Hessen) 27,000
    ],
)
def test_without_a_fitting_qualifier_shared_names_stay_ambiguous(geocoder, name, country, kind, admin1):
    match = geocoder.resolve(name, country, kind, admin1)
    assert match.status == "ambiguous"
    assert len(match.candidates) >= 2


@pytest.mark.parametrize(
    ("name", "expected_id"),
    [  # a qualifier abbreviated or spelled by ear still picks its place among the namesakes
        ("Neustadt a.d. Weinstr.", "gn:2864054"),
        ("Neustadt an der Weinstrase", "gn:2864054"),  # ß folded to s
        ("Kreisfreie Stadt Neustadt an der Weinstrase", "gn:2864054"),
        ("Neustadt i. Holst.", "gn:2864034"),
        ("Neustadt a. Rbge.", "gn:2864058"),
    ],
)
def test_an_abbreviated_or_misspelled_qualifier_still_fits(geocoder, name, expected_id):
    match = geocoder.resolve(name, "DE")
    assert match.status == "matched", match.reason
    assert match.municipality_id == expected_id


def test_a_qualifier_fitting_exactly_goes_before_one_that_only_begins_a_word(geocoder):
    """"Frankfurt (Oder)" is the town on the Oder, whatever other words begin with "oder"."""
    match = geocoder.resolve("Frankfurt (Oder)", "DE")
    assert match.status == "matched"
    assert match.municipality_id == "gn:2925535"


@pytest.mark.parametrize(
    ("name", "expected_id"),
    [  # the qualifier typed without its brackets, taken only when the place bears it
        ("Neustadt Holstein", "gn:2864034"),
        ("Rothenburg Tauber", None),  # Rothenburg ob der Tauber, checked by name below
        ("Mühlheim Main", None),
    ],
)
def test_a_qualifier_without_brackets_is_read_when_the_place_bears_it(geocoder, name, expected_id):
    match = geocoder.resolve(name, "DE")
    assert match.status == "matched", match.reason
    head, _, rest = name.rpartition(" ")
    assert match.candidates[0].name.startswith(head) and rest in match.candidates[0].name
    if expected_id:
        assert match.municipality_id == expected_id


def test_a_trailing_word_no_namesake_bears_is_not_taken_for_a_qualifier(geocoder):
    """"Neustadt Qwertz": no Neustadt bears "Qwertz"; the name is not quietly read as a plain Neustadt."""
    match = geocoder.resolve("Neustadt Qwertz", "DE")
    assert match.status != "matched", match.reason


@pytest.mark.parametrize(
    ("name", "expected_name", "expected_kind"),
    [  # the kind after a comma, as spreadsheets write it
        ("Oldenburg, Landkreis", "Landkreis Oldenburg", "district"),
        ("Harburg, Landkreis", "Landkreis Harburg", "district"),
        ("Fürth, Stadt", "Fürth", "city"),
        ("Kraków, miasto na prawach powiatu", "Kraków", "city"),
    ],
)
def test_a_kind_after_a_comma_is_the_kind(geocoder, name, expected_name, expected_kind):
    match = geocoder.resolve(name)
    assert match.status == "matched", match.reason
    assert (match.candidates[0].name, match.candidates[0].kind) == (expected_name, expected_kind)


@pytest.mark.parametrize(
    ("name", "expected_name"),
    [  # a town's title in front of its name
        ("Wissenschaftsstadt Darmstadt", "Darmstadt"),
        ("Klingenstadt Solingen", "Solingen"),
        ("Barbarossastadt Gelnhausen", "Gelnhausen"),
        ("Stadtgemeinde Bremen", "Bremen"),
    ],
)
def test_a_towns_title_in_front_of_its_name_is_read(geocoder, name, expected_name):
    match = geocoder.resolve(name, "DE")
    assert match.status == "matched", match.reason
    assert match.candidates[0].name == expected_name
    assert "title" in match.reason
