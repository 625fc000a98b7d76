"""The geocoder on a tiny gazetteer of real places: what people type → matched, ambiguous or unmatched."""

from pathlib import Path

import pandas as pd
import pytest

from atlas.geocode import Geocoder

MINI = Path(__file__).parent / "data" / "mini_gazetteer.csv"


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(pd.read_csv(MINI, dtype=str, keep_default_na=False))


@pytest.mark.parametrize(
    ("name", "country", "kind", "admin1", "expected"),
    [
        ("Schytomyr", None, None, None, "gn:686967"),  # German (Duden)
        ("Zhytomyr", "UA", "city", None, "gn:686967"),  # national romanisation
        ("Житомир", None, None, "Житомирська область", "gn:686967"),  # Cyrillic
        ("Żytomyr", "Ukraina", None, None, "gn:686967"),  # Polish, country in Polish
        ("Zhytomr", "UA", None, None, "gn:686967"),  # a typo, caught by the fuzzy tier
        ("Lemberg", "UA", None, None, "gn:702550"),  # historic German name
        ("Lwiw", "Ukraine", "Stadt", "Oblast Lwiw", "gn:702550"),
        ("Kiew", None, None, None, "gn:703448"),
        ("Tscherniwzi", None, None, None, "gn:710719"),  # the city, not the village of that name
        ("Tscherniwzi", "UA", None, "Oblast Winnyzja", "gn:710720"),  # admin1 picks the village
        ("Chernivtsi", "UA", None, "Vinnytsia Oblast", "gn:710720"),
        ("Altenstadt", "DE", None, "Hessen", "gn:2956929"),
        ("Frankfurt (Oder)", None, None, None, "gn:2925535"),
        ("Frankfurt an der Oder", "DE", None, None, "gn:2925535"),
        ("Görlitz", "DE", None, None, "gn:2921466"),  # a bare town name is the town
        ("Goerlitz", "DE", "city", "Saxony", "gn:2921466"),
        ("Landkreis Görlitz", "DE", None, None, "de-kreis:14626"),
        ("LK Görlitz", None, None, "Sachsen", "de-kreis:14626"),
        ("Görlitz", "DE", "district", None, "de-kreis:14626"),  # kind decides
        ("Görlitz", "DE", "Landkreis", None, "de-kreis:14626"),
        ("Powiat bieszczadzki", "PL", None, None, "pl-powiat:1801"),
        ("Ustrzyki Dolne", "PL", None, "Karpatenvorland", "gn:755836"),
        ("Ustrzyki Dolne", "PL", None, "podkarpackie", "gn:755836"),
        ("Смідинська громада", "UA", "municipality", "Волинська область", "ua-hromada:UA07060390000098670"),
        ("Smidynska hromada", "UA", None, "Volyn Oblast", "ua-hromada:UA07060390000098670"),
        ("Коломийський район", "UA", "district", None, "ua-raion:UA26060000000000000"),
        ("Oblast Lwiw", None, None, None, "admin1:UA-46"),
        ("Lviv Oblast", None, None, None, "admin1:UA-46"),
        ("Львівська область", "UA", "region", None, "admin1:UA-46"),
        ("Woiwodschaft Karpatenvorland", None, None, None, "admin1:PL-18"),
        ("Bavaria", None, None, None, "admin1:DE-BY"),
        ("Altenstadt, Hessen", None, None, None, "gn:2956929"),  # where after a comma
        ("Altenstadt (Hessen)", "DE", None, None, "gn:2956929"),  # or in brackets
        ("Lwiw, Ukraine", None, None, None, "gn:702550"),
        ("Lviv City Council", None, None, None, "gn:702550"),  # official bodies name their place
        ("Landratsamt Görlitz", "DE", None, None, "de-kreis:14626"),
        ("Rajon Kolomyja", "UA", None, None, "ua-raion:UA26060000000000000"),  # raion named after its centre
        ("Kolomyia district", "UA", None, None, "ua-raion:UA26060000000000000"),
    ],
)
def test_resolves_what_people_type(geocoder, name, country, kind, admin1, expected):
    match = geocoder.resolve(name, country=country, kind=kind, admin1=admin1)
    assert (match.status, match.municipality_id) == ("matched", expected), match.reason
    assert match.lat is not None and match.lon is not None


@pytest.mark.parametrize(
    ("name", "country", "admin1", "candidates"),
    [
        ("Altenstadt", None, None, {"gn:2956929", "gn:2956930", "gn:2957468"}),  # Hessen or Bavaria?
        ("Altenstadt", "DE", "Bayern", {"gn:2956930", "gn:2957468"}),  # two in Bavaria
        ("Lwiw", "UA", "Oblast Charkiw", {"gn:702550"}),  # name known, but not in that oblast
    ],
)
def test_ambiguous_instead_of_guessing(geocoder, name, country, admin1, candidates):
    match = geocoder.resolve(name, country=country, admin1=admin1)
    assert match.status == "ambiguous"
    assert match.municipality_id is None and match.lat is None
    assert candidates <= {candidate.municipality_id for candidate in match.candidates}
    assert match.reason


@pytest.mark.parametrize("name", ["Xyzzyville", "", "   ", "Görlitzerbergenhausen"])
def test_unmatched(geocoder, name):
    match = geocoder.resolve(name)
    assert match.status == "unmatched"
    assert match.municipality_id is None and match.candidates == ()


def test_country_filters_candidates(geocoder):
    assert geocoder.resolve("Görlitz", country="PL").status == "unmatched"


def test_unknown_country_kind_and_admin1_are_reported_not_silently_used(geocoder):
    match = geocoder.resolve("Lwiw", country="Narnia", kind="castle", admin1="Mordor")
    assert match.status == "matched"
    assert "Narnia" in match.reason and "castle" in match.reason and "Mordor" in match.reason


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("Oblast Lwiw", {"UA-46"}), ("Lviv Oblast", {"UA-46"}), ("Львівська область", {"UA-46"}),
        ("Lwiw", {"UA-46"}), ("Karpatenvorland", {"PL-18"}), ("podkarpackie", {"PL-18"}),
        ("woj. podkarpackie", {"PL-18"}), ("PL-PK", {"PL-18"}), ("Niederschlesien", {"PL-02"}),
        ("Bayern", {"DE-BY"}), ("Bavaria", {"DE-BY"}), ("DE-BY", {"DE-BY"}), ("NRW", {"DE-NW"}),
        ("Freistaat Sachsen", {"DE-SN"}), ("Transkarpatien", {"UA-21"}), ("Zakarpattia Oblast", {"UA-21"}),
        ("Kiew", {"UA-30", "UA-32"}), ("Крим", {"UA-43", "UA-40"}), ("Atlantis", set()),
        # what Ukrainians say (Львівщина) in Cyrillic and Latin, Russian names, the country added after a comma
        ("Львівщина", {"UA-46"}), ("Lvivshchyna", {"UA-46"}), ("Lwiwschtschyna", {"UA-46"}), ("Одещина", {"UA-51"}),
        ("Хмельниччина", {"UA-68"}), ("Прикарпаття", {"UA-26"}), ("Слобожанщина", {"UA-63"}),
        ("Львовская область", {"UA-46"}), ("Lvovskaya oblast", {"UA-46"}), ("Харьковская обл.", {"UA-63"}),
        ("обл. Львівська", {"UA-46"}), ("Lviv Oblast, Ukraine", {"UA-46"}), ("Львівська область, Україна", {"UA-46"}),
        ("Bayern, Deutschland", {"DE-BY"}), ("Wojewodschaft Karpatenvorland", {"PL-18"}),
    ],
)
def test_admin1_in_any_language(geocoder, typed, codes):
    assert geocoder.admin1_codes(typed) == codes


def test_same_answer_twice_and_in_bulk(geocoder):
    endpoints = [("Schytomyr", "UA", "", ""), ("Altenstadt", "DE", "", ""), ("Xyzzyville", None, None, None)] * 50
    matches = geocoder.resolve_many(endpoints)
    assert [match.status for match in matches[:3]] == ["matched", "ambiguous", "unmatched"]
    assert matches[0] == matches[3] == geocoder.resolve("Schytomyr", "UA", "", "")


@pytest.fixture(scope="module")
def full_geocoder() -> Geocoder:
    from atlas.gazetteer import load_gazetteer

    return Geocoder(load_gazetteer())


@pytest.mark.parametrize(
    ("typed", "local_name"),
    [  # Polish exonyms, with and without Polish letters, and spellings derived from the Ukrainian name
        ("Donieck", "Донецьк"), ("Dońeck", "Донецьк"), ("Donećk", "Донецьк"),
        ("Charków", "Харків"), ("Charkow", "Харків"), ("Charkiw", "Харків"),
        ("Kijów", "Київ"), ("Kijow", "Київ"), ("Kyjiw", "Київ"),
        ("Lwów", "Львів"), ("Lwow", "Львів"), ("Lwiw", "Львів"),
        ("Żytomierz", "Житомир"), ("Zytomierz", "Житомир"), ("Żytomyr", "Житомир"),
        ("Równe", "Рівне"), ("Rowne", "Рівне"), ("Łuck", "Луцьк"), ("Luck", "Луцьк"),
        ("Czernihów", "Чернігів"), ("Czernihow", "Чернігів"), ("Czerniowce", "Чернівці"),
        ("Krzywy Róg", "Кривий Ріг"), ("Krzywy Rog", "Кривий Ріг"), ("Zaporoże", "Запоріжжя"),
        ("Zaporoze", "Запоріжжя"), ("Iwano-Frankowsk", "Івано-Франківськ"), ("Stanisławów", "Івано-Франківськ"),
        ("Łuhańsk", "Луганськ"), ("Lugansk", "Луганськ"), ("Drohobycz", "Дрогобич"), ("Żółkiew", "Жовква"),
        ("Zolkiew", "Жовква"), ("Kamieniec Podolski", "Кам’янець-Подільський"), ("Chmielnicki", "Хмельницький"),
        ("Monachium", "München"), ("Warschau", "Warszawa"), ("Warsaw", "Warszawa"), ("Munich", "München"),
    ],
)
def test_exonyms_and_spellings_without_diacritics_find_the_place(full_geocoder, typed, local_name):
    match = full_geocoder.resolve(typed)
    assert match.status == "matched", match.reason
    assert match.candidates[0].name == local_name


@pytest.mark.parametrize(
    ("typed", "country", "kind", "expected_local", "expected_kind"),
    [  # the place several times larger than every namesake wins (5 to 15 times here: no admin1 given)
        ("Гуляйполе", "UA", "", "Гуляйполе", "city"),  # 13,446 against a village of 1,177
        ("Dunaivtsi", "UA", "", "Дунаївці", "city"),  # 15,707 against 2,417
        ("Blankenheim", "DE", "municipality", "Blankenheim", "municipality"),  # Eifel, 8,770 against 1,436
        ("Fürth", "DE", "", "Fürth", "city"),  # the city in Franconia, 13 times Fürth (Odenwald)
    ],
)
def test_a_much_larger_namesake_wins(full_geocoder, typed, country, kind, expected_local, expected_kind):
    match = full_geocoder.resolve(typed, country, kind)
    assert match.status == "matched", match.reason
    assert (match.candidates[0].name, match.candidates[0].kind) == (expected_local, expected_kind)


@pytest.mark.parametrize(
    ("typed", "country", "kind", "expected_id"),
    [  # three times every namesake is enough
        ("Vasylivka", "UA", "", "gn:686729"),  # the town of 12,567 in Zaporizhzhia oblast; 14 villages, at most 3,902
        ("Borken", "DE", "city", "gn:2946228"),  # Kreisstadt in NRW, 40,876; Borken (Hessen) 12,268
    ],
)
def test_three_times_larger_than_every_namesake_wins(full_geocoder, typed, country, kind, expected_id):
    match = full_geocoder.resolve(typed, country, kind)
    assert match.status == "matched", match.reason
    assert match.municipality_id == expected_id
    assert "by far the largest" in match.reason


@pytest.mark.parametrize(
    ("typed", "country", "kind"),
    [
        ("Winsen", "DE", ""),  # Winsen (Luhe) 35,000, Winsen (Aller) 13,000: not three times
        ("Friedberg", "DE", ""),  # Bayern 30,000, Hessen 27,000
    ],
)
def test_namesakes_of_similar_size_stay_ambiguous(full_geocoder, typed, country, kind):
    match = full_geocoder.resolve(typed, country, kind)
    assert match.status == "ambiguous"
    assert len({candidate.admin1_code for candidate in match.candidates}) >= 2


@pytest.mark.parametrize(
    ("typed", "admin1", "oblast_ids"),
    [  # size never decides between hromadas or raions of one name; the oblast does
        ("Миколаївська громада", "Миколаївська область", "ua-hromada:UA48060150000071713"),
        ("Mykolaivska hromada", "Lviv Oblast", "ua-hromada:UA46100110000018989"),
        ("Kamianska hromada", "", None),
        ("Podilskyi district", "", None),  # Odesa oblast's raion or Kyiv's district
    ],
)
def test_hromadas_and_raions_of_one_name_are_not_told_apart_by_size(full_geocoder, typed, admin1, oblast_ids):
    match = full_geocoder.resolve(typed, "UA", "", admin1)
    if oblast_ids is None:
        assert match.status == "ambiguous", match.reason
        assert len(match.candidates) >= 2
        assert all(candidate.municipality_id.startswith(("ua-hromada:", "ua-raion:")) for candidate in match.candidates)
    else:
        assert match.status == "matched", match.reason
        assert match.municipality_id == oblast_ids
    if typed.startswith("Миколаївська"):
        # without the oblast, Mykolaiv city's hromada (470,000 people) is one of six, not the answer
        bare = full_geocoder.resolve(typed, "UA")
        assert bare.status == "ambiguous"
        assert "ua-hromada:UA48060150000071713" in {candidate.municipality_id for candidate in bare.candidates}


@pytest.mark.parametrize(
    ("typed", "admin1", "expected_local", "not_id"),
    [  # typed as the romanised Ukrainian own name of villages: not the old name of a large town
        ("Oleksandrivka", "Donetsk Oblast", "Олександрівка", "gn:709717"),  # Donetsk was once Aleksandrovka
        ("Oleksandriwka", "Oblast Donezk", "Олександрівка", "gn:709717"),
        ("Ossypenko", "", "Осипенко", "gn:712451"),  # Berdiansk's Soviet name; the village of 4,667
        ("Stanislaw", "", "Станіслав", "gn:707471"),  # the village in Kherson oblast, not Ivano-Frankivsk
    ],
)
def test_a_romanised_own_name_beats_another_places_old_name(full_geocoder, typed, admin1, expected_local, not_id):
    match = full_geocoder.resolve(typed, "UA", "", admin1)
    assert not_id not in {candidate.municipality_id for candidate in match.candidates}, match.reason
    assert {candidate.name for candidate in match.candidates} == {expected_local}


def test_exonyms_that_are_nobodys_romanised_own_name_still_find_the_city(full_geocoder):
    for typed, local in (("Lemberg", "Львів"), ("Rowno", "Рівне"), ("Stanislau", "Івано-Франківськ")):
        match = full_geocoder.resolve(typed, "UA")
        assert match.status == "matched", (typed, match.reason)
        assert match.candidates[0].name == local
        assert match.candidates[0].kind == "city"


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Nikolaev Oblast", "UA-48"), ("Gebiet Charkow", "UA-63"), ("Kharkov Oblast", "UA-63")],
)
def test_admin1_named_after_its_city_in_an_old_spelling(full_geocoder, typed, code):
    assert full_geocoder.admin1_codes(typed) == {code}


@pytest.mark.parametrize(
    ("typed", "admin1", "expected_local"),
    [  # Russian status words in front of a name, as older Ukrainian lists write them
        ("г. Харьков", "", "Харків"),
        ("город Николаев", "", "Миколаїв"),
        ("пгт Брошнев-Осада", "", "Брошнів-Осада"),
        ("с. Іванівка", "Одещина", "Іванівка"),
    ],
)
def test_russian_and_ukrainian_status_words_are_read(full_geocoder, typed, admin1, expected_local):
    match = full_geocoder.resolve(typed, "UA", "", admin1)
    assert match.status == "matched", match.reason
    assert match.candidates[0].name == expected_local
    if admin1:
        assert match.candidates[0].admin1_code == "UA-51"


@pytest.mark.parametrize(
    ("typed", "expected_id"),
    [  # an oblast or Land as a partner, by the name people use for it
        ("Львівщина", "admin1:UA-46"), ("Lvivshchyna", "admin1:UA-46"), ("Прикарпаття", "admin1:UA-26"),
        ("Волинь", "admin1:UA-07"),  # not Wolin in Poland, "Волин" in Ukrainian
        ("Volyn", "admin1:UA-07"),
        ("Sachsen", "admin1:DE-SN"),  # not the village Sachsen bei Ansbach
    ],
)
def test_a_region_named_as_people_say_it(full_geocoder, typed, expected_id):
    match = full_geocoder.resolve(typed)
    assert match.status == "matched", match.reason
    assert match.municipality_id == expected_id


@pytest.mark.parametrize(("typed", "expected_local"), [("Lublin", "Lublin"), ("Brandenburg", "Brandenburg an der Havel"),
                                                       ("Schitomir", "Житомир")])
def test_a_town_of_its_country_named_like_its_region_stays_the_town(full_geocoder, typed, expected_local):
    match = full_geocoder.resolve(typed)
    assert match.status == "matched", match.reason
    assert (match.candidates[0].name, match.candidates[0].kind) == (expected_local, "city")


@pytest.mark.parametrize(
    ("typed", "expected_local"),
    [  # one letter swapped, left out or doubled: the place one typo away, not a similar-looking other one
        ("Landshtu", "Landshut"),  # not Landstuhl, which a plain similarity score puts closer
        ("Kramatorks", "Краматорськ"),
        ("Iwano-Frankiwks", "Івано-Франківськ"),
        ("Przemsyl", "Przemyśl"),
        ("Wrocalw", "Wrocław"),
    ],
)
def test_a_name_one_typo_away_finds_the_place(full_geocoder, typed, expected_local):
    match = full_geocoder.resolve(typed)
    assert match.status == "matched", match.reason
    assert match.candidates[0].name == expected_local
    assert "typo" in match.reason


@pytest.mark.parametrize(
    ("typed", "expected_local"),
    [  # Russian names of Ukrainian towns, as older lists write them
        ("Винница", "Вінниця"),  # not Winnica in Poland (560 people), whose Ukrainian label GeoNames spells so
        ("Ровно", "Рівне"),  # not the village whose Polish name Równo sounds alike
        ("Николаев", "Миколаїв"), ("Харьков", "Харків"), ("Кривой Рог", "Кривий Ріг"), ("Белая Церковь", "Біла Церква"),
        ("Каменец-Подольский", "Кам’янець-Подільський"), ("Днепр", "Дніпро"), ("Запорожье", "Запоріжжя"),
    ],
)
def test_russian_names_of_ukrainian_towns(full_geocoder, typed, expected_local):
    match = full_geocoder.resolve(typed)
    assert match.status == "matched", match.reason
    assert (match.candidates[0].name, match.candidates[0].kind) == (expected_local, "city")


@pytest.mark.parametrize(
    ("typed", "expected_local"),
    [  # "-на-" (on the river) in Cyrillic names of German towns, with it or without
        ("Франкфурт-на-Одері", "Frankfurt (Oder)"), ("Франкфурт на Одері", "Frankfurt (Oder)"),
        ("Франкфурт-на-Майні", "Frankfurt am Main"), ("Людвигсхафен", "Ludwigshafen am Rhein"),
        ("Людвигсхафен-на-Рейне", "Ludwigshafen am Rhein"),
    ],
)
def test_cyrillic_river_qualifiers(full_geocoder, typed, expected_local):
    match = full_geocoder.resolve(typed)
    assert match.status == "matched", match.reason
    assert match.candidates[0].name == expected_local


def test_a_ukrainian_places_own_cyrillic_name_still_beats_an_old_name(full_geocoder):
    """Осипенко is the village of 4,667 in Zaporizhzhia oblast, not Berdiansk's Soviet name."""
    match = full_geocoder.resolve("Осипенко")
    assert match.status == "matched", match.reason
    assert match.municipality_id == "gn:698316"


def test_a_municipality_asked_for_is_not_outweighed_by_a_city_of_its_name(full_geocoder):
    """"Fürth, Gemeinde" may well be the municipality in the Odenwald: the city 13 times its size does not
    win by size there; both are offered."""
    match = full_geocoder.resolve("Fürth", "DE", "municipality")
    assert match.status == "ambiguous"
    assert {(candidate.name, candidate.kind) for candidate in match.candidates} == {("Fürth", "city"), ("Fürth", "municipality")}


@pytest.mark.parametrize(
    ("typed", "country", "expected_id"),
    [  # the kind column asks for a town; exactly one namesake is a town (German Stadt, Ukrainian місто)
        ("Sulzbach", "DE", "gn:2824841"),  # Sulzbach/Saar; Sulzbach am Main and Sulzbach (Taunus) are Gemeinden
        ("Yampil", "UA", "gn:693020"),  # the town of 10,957 in Vinnytsia oblast, not the villages (one of 7,200)
        ("Lazurnyi", "UA", "gn:13645596"),  # the town of 13,460, not the village of 8,600
    ],
)
def test_a_town_asked_for_is_the_one_town_of_that_name(full_geocoder, typed, country, expected_id):
    assert full_geocoder.resolve(typed, country, "").status == "ambiguous"  # the name alone is shared
    match = full_geocoder.resolve(typed, country, "city")
    assert match.status == "matched", match.reason
    assert match.municipality_id == expected_id


def test_of_several_ukrainian_places_of_a_name_the_centre_of_a_hromada(full_geocoder):
    """Сергіївка in Odesa oblast: the village of 5,343 a hromada is named after and centred on, not the one of
    1,420 (under 5 times smaller, so size alone does not decide)."""
    match = full_geocoder.resolve("Сергіївка", "UA", "", "Одеська область")
    assert match.status == "matched", match.reason
    assert match.municipality_id == "gn:694467"
    assert "centre of a hromada" in match.reason
    hromada = full_geocoder.resolve("Сергіївська громада", "UA", "", "Одеська область")
    assert hromada.status == "matched"
    assert (hromada.lat, hromada.lon) == (match.lat, match.lon)  # the hromada is placed at its centre


@pytest.mark.parametrize(
    ("typed", "expected_id"),
    [  # the kind written in brackets after the name, as spreadsheet lists often do
        ("Oldenburg (Landkreis)", "de-kreis:03458"),  # not the kreisfreie Stadt Oldenburg (Oldb)
        ("Kassel (Landkreis)", "de-kreis:06633"),
        ("Hof (Stadt)", "gn:2902768"),  # the town, not Landkreis Hof
        ("Frankfurt (Oder)", "gn:2925535"),  # a bracket that is part of the name stays
    ],
)
def test_kind_in_brackets_after_the_name(full_geocoder, typed, expected_id):
    match = full_geocoder.resolve(typed, "DE")
    assert match.status == "matched", match.reason
    assert match.municipality_id == expected_id


@pytest.mark.parametrize(
    ("typed", "expected_local"),
    [  # Polish office names put the place in the locative after "w"
        ("Starostwo Powiatowe w Krośnie", "Krosno"),  # not Krośnice, which the spelling is closer to
        ("Urząd Miejski w Nowym Targu", "Nowy Targ"),
        ("Urząd Miasta w Zielonej Górze", "Zielona Góra"),
        ("Urząd Gminy w Biskupcu", "Biskupiec"),
        ("Urząd Miejski w Poznaniu", "Poznań"),
        ("Starostwo Powiatowe w Legnicy", "Legnica"),
        ("Starostwo Powiatowe w Jaśle", "Jasło"),
        ("Urząd Miejski w Łańcucie", "Łańcut"),
        ("Urząd Miejski w Mielcu", "Mielec"),
        ("Urząd Miejski w Zamościu", "Zamość"),
        ("Urząd Miejski w Kolbuszowej", "Kolbuszowa"),
        ("Urząd Miejski w Ropczycach", "Ropczyce"),
        ("Urząd Miasta w Białej Podlaskiej", "Biała Podlaska"),
        ("Urząd Miasta w Tomaszowie Lubelskim", "Tomaszów Lubelski"),
        ("Urząd Miasta w Opolu Lubelskim", "Opole Lubelskie"),
        ("Urząd Miasta i Gminy w Ustrzykach Dolnych", "Ustrzyki Dolne"),
        ("Urząd Miasta w Kędzierzynie-Koźlu", "Kędzierzyn-Koźle"),
        ("Urząd Miejski w Białymstoku", "Białystok"),
        ("Urząd Miejski w Nowym Dworze Mazowieckim", "Nowy Dwór Mazowiecki"),
        ("Urząd Miejski w Końskich", "Końskie"),
        ("Urząd Miasta w Tarnowie", "Tarnów"),  # not the village Tarnowa, a nominative too
    ],
)
def test_a_polish_locative_after_w_finds_the_place(full_geocoder, typed, expected_local):
    match = full_geocoder.resolve(typed, "PL")
    assert match.status == "matched", match.reason
    assert match.candidates[0].name == expected_local
    assert "locative" in match.reason


def test_a_locative_no_rule_reaches_is_unmatched_never_a_similar_place(full_geocoder):
    """Nowe Miasto declines irregularly (w Nowym Mieście): no similar-looking place is offered instead; the
    answer says what to type."""
    match = full_geocoder.resolve("Urząd Miejski w Nowym Mieście Lubawskim", "PL")
    assert match.status == "unmatched"
    assert "declines" in match.reason


def test_a_locative_two_nominatives_of_similar_size_fit_is_ambiguous(full_geocoder):
    """"w Lipsku": Lipsko (5,723 people) or Lipsk (2,463), under 3 times: both are offered, neither is picked."""
    match = full_geocoder.resolve("Urząd Miasta w Lipsku", "PL")
    assert match.status == "ambiguous", match.reason
    assert {candidate.name for candidate in match.candidates} == {"Lipsko", "Lipsk"}


def test_a_locative_of_a_shared_name_is_ambiguous_with_its_places(full_geocoder):
    match = full_geocoder.resolve("Urząd Gminy w Zarzeczu", "PL")
    assert match.status == "ambiguous"
    assert len(match.candidates) >= 2 and {candidate.name for candidate in match.candidates} == {"Zarzecze"}
