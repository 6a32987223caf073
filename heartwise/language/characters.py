"""Plain text for the classifiers: one spelling for letters that look alike.

Someone can write in fullwidth letters (from a phone's keyboard), put a
Cyrillic i (U+0456) in "kill", hide zero-width characters between letters
or stack accents on them. A person reads all of these as the
plain words; the patterns and the classifiers did not, so the safety net
missed them. ``plain_text`` gives the classifiers what the person would read.
The tracker keeps the message as it was written.

Letters of another script are folded only inside words that mix them with
Latin letters, or in a message written mostly in Latin letters: a message in
Russian or Greek stays as it is.
"""

from __future__ import annotations

import re
import unicodedata

# Characters with no width that can sit between letters.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\ufeff"))

# Cyrillic and Greek letters drawn like Latin ones (Unicode's confusables,
# the lower- and upper-case forms people can type on a phone).
_LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j",
        "к": "k", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "ѕ": "s",
        "т": "t", "у": "y", "х": "x", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "ɡ": "g",
        "А": "A", "В": "B", "Е": "E", "Ё": "E", "І": "I", "Ї": "I", "Ј": "J", "К": "K",
        "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Ѕ": "S", "Т": "T", "У": "Y",
        "Х": "X", "Һ": "h",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip
_LOOK_ALIKE_CHARS = frozenset(chr(code) for code in _LOOK_ALIKES)
_WORD = re.compile(r"\w+")


def plain_text(text: str) -> str:
    """``text`` as a person reads it: compatibility forms unified (NFKC),
    invisible characters dropped, accents taken off Latin letters, and
    look-alike letters of other scripts spelt in Latin."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = _strip_latin_accents(text)
    if not _LOOK_ALIKE_CHARS.intersection(text):
        return text
    mostly_latin = _latin_share(text) > 0.5
    return _WORD.sub(lambda word: _fold(word[0], mostly_latin), text)


def _strip_latin_accents(text: str) -> str:
    """Combining marks go when they sit on a Latin letter ("kílł" stays
    readable as "kill" only after this); other scripts need theirs."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = []
    base_is_latin = False
    for char in decomposed:
        if unicodedata.combining(char):
            if base_is_latin:
                continue
        else:
            base_is_latin = _is_latin(char)
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _fold(word: str, mostly_latin: bool) -> str:
    if mostly_latin or any(_is_latin(char) for char in word):
        return word.translate(_LOOK_ALIKES)
    return word


def _latin_share(text: str) -> float:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    return sum(map(_is_latin, letters)) / len(letters)


def _is_latin(char: str) -> bool:
    return (char.isascii() and char.isalpha()) or "LATIN" in unicodedata.name(char, "")
