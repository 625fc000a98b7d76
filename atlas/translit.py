"""Transliteration of Ukrainian names, and a phonetic key that joins every spelling family.

Three writing systems are implemented from their published tables:

* :func:`to_latin_national` — the official Ukrainian national romanisation (Cabinet of Ministers
  resolution no. 55 of 27 January 2010), including its position rules: є, ї, й, ю, я are written
  ye, yi, y, yu, ya at the start of a word and ie, i, i, iu, ia elsewhere; зг is zgh; the soft sign
  and the apostrophe are not written.
* :func:`to_german` — the German (Duden) transcription used in German newspapers and atlases
  (Tschernihiw, Schytomyr, Chmelnyzkyj, Saporischschja, Kyjiw).
* :func:`to_polish` — the Polish transcription (Żytomyr, Kijiw, Czernihiw).

:func:`phonetic_key` maps any of these romanisations, older Russian-derived English forms and the
Cyrillic original to one skeleton, so that ``phonetic_key("Schytomyr") == phonetic_key("Zhytomyr")
== phonetic_key("Житомир")``. The skeleton merges the sounds the systems write differently
(з/с/ц, ж/ш, ч/х, г/ґ, в, и/і/й) and is meant for comparing names, never for display.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "from_latin",
    "has_cyrillic",
    "phonetic_key",
    "to_german",
    "to_latin_national",
    "to_polish",
]

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_APOSTROPHES = "'’ʼ`´‘"

# National romanisation 2010: (word-initial form, form elsewhere).
_NATIONAL: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ye", "ie"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("yi", "i"), "й": ("y", "i"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("yu", "iu"), "я": ("ya", "ia"),
    # Russian letters that turn up in older lists; written as a Ukrainian reader would.
    "ы": ("y", "y"), "э": ("e", "e"), "ё": ("yo", "io"), "ъ": ("", ""),
}

# German (Duden) transcription. с between vowels is doubled (Odessa, Tscherkassy).
_GERMAN: dict[str, str] = {
    "а": "a", "б": "b", "в": "w", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je",
    "ж": "sch", "з": "s", "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ь": "",
    "ю": "ju", "я": "ja", "ы": "y", "э": "e", "ё": "jo", "ъ": "",
}

# Polish transcription. After a consonant є/ю/я soften it (ie/iu/ia); л is ł unless softened.
_POLISH: dict[str, str] = {
    "а": "a", "б": "b", "в": "w", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "je",
    "ж": "ż", "з": "z", "и": "y", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "ł",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ь": "",
    "ю": "ju", "я": "ja", "ы": "y", "э": "e", "ё": "jo", "ъ": "",
}
_POLISH_SOFT_SIGN = {"н": "ń", "с": "ś", "ц": "ć", "з": "ź", "л": "l"}
_POLISH_AFTER_CONSONANT = {"є": "ie", "ю": "iu", "я": "ia", "ї": "i"}

_VOWELS = set("аеєиіїоуюяыэё")
_SOFTENING = set("єіїюяь")


def has_cyrillic(text: str) -> bool:
    """Return True when ``text`` contains at least one Cyrillic letter."""
    return bool(_CYRILLIC.search(text or ""))


def _case_like(latin: str, upper: bool, whole_word_upper: bool) -> str:
    """Give ``latin`` the case of the Cyrillic letter it came from (ЖИТОМИР → ZHYTOMYR, Ж → Zh)."""
    if not upper or not latin:
        return latin
    return latin.upper() if whole_word_upper else latin[0].upper() + latin[1:]


def _transliterate(text: str, choose) -> str:
    """Walk ``text`` and replace each Cyrillic letter by ``choose(lower, previous, following, word_start)``.

    ``previous`` and ``following`` are the neighbouring letters in lower case ("" at a word edge);
    apostrophes are skipped (they are not written in any of the three systems, nor do they end a word).
    """
    if not _CYRILLIC.search(text):
        return text
    length = len(text)
    out: list[str] = []
    previous = ""
    previous_upper = False
    for index, char in enumerate(text):
        lower = char.lower()
        if lower not in _NATIONAL:
            if char in _APOSTROPHES and previous:
                continue
            out.append(char)
            previous, previous_upper = ("", False) if not char.isalpha() else (lower, char.isupper())
            continue
        following_char = ""
        position = index + 1
        while position < length and text[position] in _APOSTROPHES:
            position += 1
        if position < length:
            following_char = text[position]
        following = following_char.lower() if following_char.isalpha() else ""
        latin = choose(lower, previous, following, previous == "", text[position + 1].lower() if position + 1 < length else "")
        upper = char.isupper()
        whole_upper = upper and ((following_char.isalpha() and following_char.isupper()) or (previous_upper and not following))
        out.append(_case_like(latin, upper, whole_upper))
        previous, previous_upper = lower, upper
    return "".join(out)


def _national_tables() -> tuple[dict[int, str], dict[str, str]]:
    elsewhere: dict[int, str] = {}
    initial: dict[str, str] = {}
    for char, (at_start, inside) in _NATIONAL.items():
        elsewhere[ord(char)] = inside
        elsewhere[ord(char.upper())] = inside[:1].upper() + inside[1:]
        initial[char] = at_start
        initial[char.upper()] = at_start[:1].upper() + at_start[1:]
    return elsewhere, initial


_NATIONAL_TABLE, _NATIONAL_INITIAL = _national_tables()
_CYRILLIC_LETTER = "\u0400-\u04FF"
_INNER_APOSTROPHE = re.compile(rf"(?<=[{_CYRILLIC_LETTER}])['’ʼ`´‘](?=[{_CYRILLIC_LETTER}])")
_WORD_INITIAL = re.compile(r"(?<![^\W\d_])[єїйюяЄЇЙЮЯ]")
_ZGH = re.compile(r"(?<=[зЗ])[гГ]")
_CAPITALS = re.compile(rf"[{_CYRILLIC_LETTER}]*[А-ЯЄІЇҐЁЫЭЪ]{{2}}[{_CYRILLIC_LETTER}]*")


@lru_cache(maxsize=100_000)
def to_latin_national(text: str) -> str:
    """Romanise Ukrainian Cyrillic with the official national system of 2010.

    >>> to_latin_national("Хмельницький"), to_latin_national("Згурівка"), to_latin_national("Знам'янка")
    ('Khmelnytskyi', 'Zghurivka', 'Znamianka')
    """
    if not _CYRILLIC.search(text):
        return text
    if _CAPITALS.search(text):
        # Words in capitals: transliterate the word in lower case, then raise it again (ЖИТОМИР → ZHYTOMYR).
        text = _CAPITALS.sub(lambda found: to_latin_national(found.group(0).lower()).upper(), text)
    text = _INNER_APOSTROPHE.sub("", text)
    text = _ZGH.sub(lambda found: "gh" if found.group(0) == "г" else "Gh", text)
    text = _WORD_INITIAL.sub(lambda found: _NATIONAL_INITIAL[found.group(0)], text)
    return text.translate(_NATIONAL_TABLE)


def _simple_table(mapping: dict[str, str]) -> dict[int, str]:
    table: dict[int, str] = {}
    for char, latin in mapping.items():
        table[ord(char)] = latin
        table[ord(char.upper())] = latin[:1].upper() + latin[1:]
    return table


def _capitalised(latin: str, like: str) -> str:
    return latin[:1].upper() + latin[1:] if like.isupper() else latin


_GERMAN_TABLE = _simple_table(_GERMAN)
_VOWEL_CLASS = "аеєиіїоуюяыэёАЕЄИІЇОУЮЯЫЭЁ"
_GERMAN_DOUBLE_S = re.compile(rf"(?<=[{_VOWEL_CLASS}])с(?=[{_VOWEL_CLASS}])")
_SOFT_O = re.compile(r"ь[оО]")


@lru_cache(maxsize=100_000)
def to_german(text: str) -> str:
    """Transcribe Ukrainian Cyrillic with the German (Duden) system.

    >>> to_german("Чернігів"), to_german("Запоріжжя"), to_german("Одеса")
    ('Tschernihiw', 'Saporischschja', 'Odessa')
    """
    if not _CYRILLIC.search(text):
        return text
    if _CAPITALS.search(text):
        text = _CAPITALS.sub(lambda found: to_german(found.group(0).lower()).upper(), text)
    text = _INNER_APOSTROPHE.sub("", text)
    text = _GERMAN_DOUBLE_S.sub("ss", text)
    text = _SOFT_O.sub("jo", text)
    return text.translate(_GERMAN_TABLE)


_POLISH_TABLE = _simple_table(_POLISH)
_POLISH_APOSTROPHE_VOWEL = re.compile(r"['’ʼ`´‘](?=[єюяїЄЮЯЇ])")
_POLISH_SOFT_CONSONANT = re.compile(rf"([нсцзНСЦЗ])ь(?![{_VOWEL_CLASS}])")
_POLISH_SOFT_L = re.compile(r"([лЛ])(?=[єіїюяь])")
_POLISH_SOFTENED_VOWEL = re.compile(r"(?<=[бвгґджзйклмнпрстфхцчшщБВГҐДЖЗЙКЛМНПРСТФХЦЧШЩlL])[єюяї]")
_POLISH_SOFT_SIGN_LATIN = {"н": "ń", "с": "ś", "ц": "ć", "з": "ź"}


@lru_cache(maxsize=100_000)
def to_polish(text: str) -> str:
    """Transcribe Ukrainian Cyrillic with the Polish system.

    >>> to_polish("Житомир"), to_polish("Київ"), to_polish("Львів")
    ('Żytomyr', 'Kyjiw', 'Lwiw')
    """
    if not _CYRILLIC.search(text):
        return text
    if _CAPITALS.search(text):
        text = _CAPITALS.sub(lambda found: to_polish(found.group(0).lower()).upper(), text)
    # After an apostrophe є, ю, я, ї keep their j (з'їзд → zjizd); the apostrophe itself goes.
    text = _POLISH_APOSTROPHE_VOWEL.sub("", text)
    text = _INNER_APOSTROPHE.sub("", text)
    text = _POLISH_SOFT_L.sub(lambda found: "l" if found.group(1) == "л" else "L", text)
    text = _POLISH_SOFTENED_VOWEL.sub(lambda found: _POLISH_AFTER_CONSONANT[found.group(0)], text)
    text = _POLISH_SOFT_CONSONANT.sub(
        lambda found: _capitalised(_POLISH_SOFT_SIGN_LATIN[found.group(1).lower()], found.group(1)), text
    )
    text = _SOFT_O.sub("io", text)
    return text.translate(_POLISH_TABLE)


# Latin letters with diacritics that carry a sound the phonetic key needs (Polish, Czech-style
# scientific transliteration, German); everything else is folded by Unicode decomposition.
_LATIN_SPECIAL = {
    "ż": "zh", "ž": "zh", "ź": "z", "š": "sh", "ś": "s", "č": "ch", "ć": "ts", "ł": "l",
    "ß": "ss", "ä": "a", "ö": "o", "ü": "u", "ő": "o", "ű": "u", "ø": "o", "æ": "a", "œ": "o",
    "đ": "d", "ð": "d", "þ": "th", "ı": "i",
}

# Sound classes of the skeleton: "S" = з/с/ц, "C" = ж/ш, "X" = ч/х, lower-case letters otherwise.
# Longest spellings first; every system's way of writing a class maps to the same symbol.
_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("schtsch", "CX"), ("tsch", "X"), ("zgh", "Sh"), ("sch", "C"), ("szcz", "CX"),
    ("shch", "CX"), ("sz", "C"), ("sh", "C"), ("zh", "C"), ("cz", "X"), ("ch", "X"),
    ("kh", "X"), ("ts", "S"), ("tz", "S"), ("gh", "h"), ("ph", "f"),
    ("qu", "kv"), ("x", "kS"), ("c", "S"), ("z", "S"), ("s", "S"), ("w", "v"),
    ("g", "h"), ("y", "i"), ("j", "i"),
)
_SKELETON_PATTERN = re.compile("|".join(re.escape(spelling) for spelling, _ in _SKELETON_RULES))
_SKELETON_MAP = dict(_SKELETON_RULES)
_UMLAUT_DIGRAPH = re.compile(r"(?<![aeiouy])([aou])e")
_GLIDE = re.compile(r"(?<=[aeou])i(?=[aeou])")


def _fold_table() -> dict[int, str]:
    """One translation table: lower-case Latin letters with diacritics → the letters the key needs."""
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        char = chr(code).lower()
        if char in _LATIN_SPECIAL:
            table[code] = _LATIN_SPECIAL[char]
            continue
        base = "".join(part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part))
        if base != char and base.isascii():
            table[code] = base
    return table


_FOLD_TABLE = _fold_table()
_NOT_LETTER = re.compile(r"[^a-z]+")
_REPEATS = re.compile(r"(.)\1+")


def _fold_latin(text: str) -> str:
    """Lower-case Latin text with sound-bearing diacritics spelled out and the rest dropped."""
    folded = text.lower().translate(_FOLD_TABLE)
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return folded


@lru_cache(maxsize=200_000)
def phonetic_key(text: str) -> str:
    """Return the spelling-system-independent skeleton of a name (Cyrillic or any Latin system).

    Separators, apostrophes and doubled letters vanish; a glide i/j/y between vowels is dropped;
    German umlaut digraphs (ae, oe, ue after a consonant) count as the plain vowel.

    >>> phonetic_key("Tschernihiw") == phonetic_key("Chernihiv") == phonetic_key("Чернігів")
    True
    >>> phonetic_key("Chmelnyzkyj") == phonetic_key("Khmelnytskyi") == phonetic_key("Хмельницький")
    True
    """
    if not text:
        return ""
    if _CYRILLIC.search(text):
        text = to_latin_national(text)
    letters = _NOT_LETTER.sub("", _fold_latin(text))
    skeleton = _SKELETON_PATTERN.sub(lambda found: _SKELETON_MAP[found.group(0)], letters)
    skeleton = _REPEATS.sub(r"\1", skeleton)
    # A glide between vowels is written by some systems and not others (Nikolajew / Nikolaev).
    skeleton = _GLIDE.sub("", skeleton)
    skeleton = _UMLAUT_DIGRAPH.sub(r"\1", skeleton)
    return _REPEATS.sub(r"\1", skeleton)


def from_latin(text: str) -> str:
    """Reverse direction: the comparison key a Latin spelling shares with its Cyrillic original.

    Decoding a romanisation back to one Cyrillic spelling is ambiguous (German ``sch`` is ж or ш,
    ``z`` is з in one system and ц in another), so instead of guessing a spelling this returns the
    skeleton that :func:`phonetic_key` computes for the Cyrillic name.

    >>> from_latin("Saporischschja") == phonetic_key("Запоріжжя")
    True
    """
    return phonetic_key(text)
