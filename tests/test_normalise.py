"""Comparison keys and affix stripping on real names, in the spellings people type."""

import pytest

from atlas.normalise import qualifier_words, search_key, spellings, strip_affixes


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("GÖRLITZ", "Görlitz"),
        ("Goerlitz", "Görlitz"),
        ("Gorlitz", "Görlitz"),
        ("Muenster", "Münster"),
        ("Dusseldorf", "Düsseldorf"),
        ("Gießen", "Giessen"),
        ("Żyraków", "Zyrakow"),
        ("Łańcut", "Lancut"),
        ("Kraków", "krakow"),
        ("Kam'janka-Bus'ka", "Kamjanka Buska"),
        ("Frankfurt (Oder)", "Frankfurt Oder"),
        ("Bietigheim-Bissingen", "Bietigheim Bissingen"),
        ("Київ", "Kyiv"),
        ("Кам'янка-Бузька", "Kamianka-Buzka"),
        ("  Bad   Soden-Salmünster ", "bad soden salmunster"),
    ],
)
def test_search_key_folds_spelling_variants(typed, canonical):
    assert search_key(typed) == search_key(canonical)


def test_search_key_keeps_different_towns_apart():
    assert search_key("Neuenkirchen") != search_key("Neunkirchen")
    assert search_key("Aue") == "aue"
    assert search_key("") == ""


@pytest.mark.parametrize(
    ("cyrillic", "typed"),
    [
        ("Житомир", "Schytomyr"),
        ("Житомир", "Zhytomyr"),
        ("Житомир", "Żytomyr"),
        ("Чернігів", "Tschernihiw"),
        ("Хмельницький", "Chmelnyzkyj"),
        ("Запоріжжя", "Saporischschja"),
        ("Івано-Франківськ", "Iwano-Frankiwsk"),
        ("Івано-Франківськ", "Ivano Frankivsk"),
        ("Біла Церква", "Bila Zerkwa"),
        ("Луцьк", "Łuck"),
        ("Вінниця", "Vinnytsya"),
    ],
)
def test_spellings_of_cyrillic_name_meet_what_people_type(cyrillic, typed):
    assert spellings(cyrillic) & spellings(typed)


def test_kiew_spellings_come_close():
    from rapidfuzz import fuzz

    from atlas.translit import phonetic_key

    assert search_key("Kyiv") == search_key("Київ")
    skeletons = [phonetic_key(name) for name in ("Kiew", "Kyiv", "Київ", "Kijów", "Kiev", "Kyjiw")]
    assert all(fuzz.ratio(skeleton, phonetic_key("Київ")) >= 75 for skeleton in skeletons)


@pytest.mark.parametrize(
    ("name", "core", "kind"),
    [
        ("Landkreis Görlitz", "Görlitz", "district"),
        ("LK Görlitz", "Görlitz", "district"),
        ("Görlitz, Landkreis", "Görlitz", "district"),
        ("Görlitz (Landkreis)", "Görlitz", "district"),
        ("Kreis Steinfurt", "Steinfurt", "district"),
        ("Stadt Aachen", "Aachen", "city"),
        ("Gemeinde Alfter", "Alfter", "municipality"),
        ("Markt Bad Endorf", "Bad Endorf", "municipality"),
        ("Samtgemeinde Bersenbrück", "Bersenbrück", "municipality"),
        ("Powiat bieszczadzki", "bieszczadzki", "district"),
        ("powiat lubaczowski", "lubaczowski", "district"),
        ("gmina Żyraków", "Żyraków", "municipality"),
        ("Miasto Rzeszów", "Rzeszów", "city"),
        ("Смідинська громада", "Смідинська", "municipality"),
        ("Смідинська сільська територіальна громада", "Смідинська", "municipality"),
        ("Hromada Smidyn", "Smidyn", "municipality"),
        ("Smidyn hromada", "Smidyn", "municipality"),
        ("Oblast Lwiw", "Lwiw", "region"),
        ("Lviv Oblast", "Lviv", "region"),
        ("Львівська область", "Львівська", "region"),
        ("obwód lwowski", "lwowski", "region"),
        ("Rajon Kolomyja", "Kolomyja", "district"),
        ("Коломийський район", "Коломийський", "district"),
        ("Kolomyia Raion", "Kolomyia", "district"),
        ("м. Київ", "Київ", "city"),
        ("Woiwodschaft Karpatenvorland", "Karpatenvorland", "region"),
        ("Osterode (Harz)", "Osterode", None),
        ("Frankfurt am Main", "Frankfurt", None),
        ("Icking i. Isartal", "Icking", None),
        ("Neumarkt/Oberpfalz", "Neumarkt", None),
        ("Landkreis Neumarkt i.d.OPf.", "Neumarkt", "district"),
        ("Altdorf b. Nürnberg", "Altdorf", None),
        ("Печерський район м. Києва", "Печерський", "district"),
        ("Rhein-Sieg-Kreis", "Rhein-Sieg-Kreis", None),
        ("Marktredwitz", "Marktredwitz", None),
        ("Stadtallendorf", "Stadtallendorf", None),
        ("Kreis", "Kreis", None),
        ("Житомирська міська рада", "Житомирська", "city"),
        ("Lviv City Council", "Lviv", "city"),
        ("Львівська обласна державна адміністрація", "Львівська", "region"),
        ("Landratsamt Bautzen", "Bautzen", "district"),
        ("Urząd Miasta Rzeszów", "Rzeszów", "city"),
    ],
)
def test_strip_affixes(name, core, kind):
    assert strip_affixes(name) == (core, kind)


def test_qualifier_words_name_the_disambiguating_place():
    assert qualifier_words("Frankfurt (Oder)") == {"oder"}
    assert qualifier_words("Mühlheim am Main") == {"main"}
    assert qualifier_words("Görlitz (Landkreis)") == set()
    assert qualifier_words("Aachen") == set()


def test_spellings_include_core_without_affixes():
    assert search_key("Görlitz") in spellings("Landkreis Görlitz")
    assert "smidynska" in spellings("Смідинська громада")
