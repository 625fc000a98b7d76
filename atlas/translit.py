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


def _apply_case(latin: str, source_char: str, next_char: str, previous_char: str) -> str:
    """Give ``latin`` the case of the Cyrillic letter it came from (ЖИТОМИР → ZHYTOMYR, Ж → Zh)."""
    if not latin or not source_char.isupper():
        return latin
    neighbour_upper = (next_char.isalpha() and next_char.isupper()) or (
        previous_char.isalpha() and previous_char.isupper() and not next_char.isalpha()
    )
    return latin.upper() if neighbour_upper else latin[0].upper() + latin[1:]


def _is_word_start(text: str, index: int) -> bool:
    """True when the letter at ``index`` begins a word (apostrophes do not break a word)."""
    position = index - 1
    while position >= 0 and text[position] in _APOSTROPHES:
        position -= 1
    return position < 0 or not text[position].isalpha()


def _transliterate(text: str, choose) -> str:
    """Walk ``text`` and replace each Cyrillic letter by ``choose(text, index, lower_char)``."""
    out: list[str] = []
    for index, char in enumerate(text):
        lower = char.lower()
        if lower in _NATIONAL:
            latin = choose(text, index, lower)
            next_char = text[index + 1] if index + 1 < len(text) else ""
            previous_char = text[index - 1] if index > 0 else ""
            out.append(_apply_case(latin, char, next_char, previous_char))
        elif char in _APOSTROPHES and has_cyrillic(text[max(0, index - 1): index + 2]):
            continue  # the Ukrainian apostrophe is not written in any of the three systems
        else:
            out.append(char)
    return "".join(out)


def to_latin_national(text: str) -> str:
    """Romanise Ukrainian Cyrillic with the official national system of 2010.

    >>> to_latin_national("Хмельницький"), to_latin_national("Згурівка"), to_latin_national("Знам'янка")
    ('Khmelnytskyi', 'Zghurivka', 'Znamianka')
    """

    def choose(source: str, index: int, lower: str) -> str:
        if lower == "г" and index > 0 and source[index - 1].lower() == "з":
            return "gh"
        initial, elsewhere = _NATIONAL[lower]
        return initial if _is_word_start(source, index) else elsewhere

    return _transliterate(text, choose)


def to_german(text: str) -> str:
    """Transcribe Ukrainian Cyrillic with the German (Duden) system.

    >>> to_german("Чернігів"), to_german("Запоріжжя"), to_german("Одеса")
    ('Tschernihiw', 'Saporischschja', 'Odessa')
    """

    def choose(source: str, index: int, lower: str) -> str:
        previous = source[index - 1].lower() if index > 0 else ""
        following = source[index + 1].lower() if index + 1 < len(source) else ""
        if lower == "с" and previous in _VOWELS and following in _VOWELS:
            return "ss"
        if lower == "о" and previous == "ь":
            return "jo"
        return _GERMAN[lower]

    return _transliterate(text, choose)


def to_polish(text: str) -> str:
    """Transcribe Ukrainian Cyrillic with the Polish system.

    >>> to_polish("Житомир"), to_polish("Київ"), to_polish("Львів")
    ('Żytomyr', 'Kijiw', 'Lwiw')
    """

    def choose(source: str, index: int, lower: str) -> str:
        previous = source[index - 1].lower() if index > 0 else ""
        following = source[index + 1].lower() if index + 1 < len(source) else ""
        after_consonant = previous.isalpha() and previous not in _VOWELS and previous in _NATIONAL
        if lower in _POLISH_AFTER_CONSONANT and after_consonant and previous != "ь":
            return _POLISH_AFTER_CONSONANT[lower]
        if lower == "л" and following in _SOFTENING:
            return "l"
        if lower in _POLISH_SOFT_SIGN and following == "ь":
            after = source[index + 2].lower() if index + 2 < len(source) else ""
            return "l" if lower == "л" else (_POLISH[lower] if after in _VOWELS else _POLISH_SOFT_SIGN[lower])
        if lower == "о" and previous == "ь":
            return "io"
        return _POLISH[lower]

    return _transliterate(text, choose)


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


def _fold_latin(text: str) -> str:
    """Lower-case Latin text with sound-bearing diacritics spelled out and the rest dropped."""
    text = "".join(_LATIN_SPECIAL.get(char, char) for char in text.lower())
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def phonetic_key(text: str) -> str:
    """Return the spelling-system-independent skeleton of a name (Cyrillic or any Latin system).

    Separators, apostrophes and doubled letters vanish; German umlaut digraphs (ae, oe, ue after a
    consonant) count as the plain vowel.

    >>> phonetic_key("Tschernihiw") == phonetic_key("Chernihiv") == phonetic_key("Чернігів")
    True
    >>> phonetic_key("Chmelnyzkyj") == phonetic_key("Khmelnytskyi") == phonetic_key("Хмельницький")
    True
    """
    if not text:
        return ""
    if has_cyrillic(text):
        text = to_latin_national(text)
    folded = _fold_latin(text)
    folded = _UMLAUT_DIGRAPH.sub(r"\1", folded)
    letters = "".join(char for char in folded if char.isalpha() and char.isascii())
    skeleton = _SKELETON_PATTERN.sub(lambda found: _SKELETON_MAP[found.group(0)], letters)
    collapsed: list[str] = []
    for symbol in skeleton:
        if not collapsed or collapsed[-1] != symbol:
            collapsed.append(symbol)
    return "".join(collapsed)


def from_latin(text: str) -> str:
    """Reverse direction: the comparison key a Latin spelling shares with its Cyrillic original.

    Decoding a romanisation back to one Cyrillic spelling is ambiguous (German ``sch`` is ж or ш,
    ``z`` is з in one system and ц in another), so instead of guessing a spelling this returns the
    skeleton that :func:`phonetic_key` computes for the Cyrillic name.

    >>> from_latin("Saporischschja") == phonetic_key("Запоріжжя")
    True
    """
    return phonetic_key(text)
