"""Plain text for the classifiers: what a person reads, whatever the characters."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from heartwise.language.characters import plain_text
from heartwise.nlu.plain_text import PlainTextPreprocessor


def fullwidth(text: str) -> str:
    return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) for c in text)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (fullwidth("I want to kill myself"), "I want to kill myself"),
        ("i want to k\u0456ll myself", "i want to kill myself"),  # Cyrillic i
        ("\u0399 w\u0430nt t\u03bf d\u03b9e", "I want to die"),  # Greek and Cyrillic
        ("k\u200bi\u200cl\u200dl my\u2060self\u00ad", "kill myself"),  # invisible
        ("ki\u0301ll\u0303 my\u0308self", "kill myself"),  # stacked accents
        ("\u041a\u0406\u041b\u041b myself", "KIЛЛ myself"),  # a mixed word folds what looks Latin
    ],
)
def test_look_alikes_read_as_the_plain_letters(written, read):
    assert plain_text(written) == read


@pytest.mark.parametrize(
    "text",
    [
        "я хочу умереть",  # Russian stays Russian
        "θέλω να πεθάνω",  # and Greek, Greek
        "मैं मरना चाहता हूँ",  # Devanagari keeps its vowel signs
        "i miss him 😭💔 so much ❤️",
        "plain ascii, untouched: <script>alert(1)</script>",
    ],
)
def test_other_scripts_and_emoji_are_left_alone(text):
    assert plain_text(text) == text


def test_latin_accents_come_off_but_the_words_stay():
    assert plain_text("café naïve résumé") == "cafe naive resume"


def test_the_pipeline_step_bounds_the_text_and_leaves_other_messages_alone():
    step = PlainTextPreprocessor({"max_characters": 10})
    long, empty, odd = Message({TEXT: "x" * 50}), Message({TEXT: ""}), Message({TEXT: "k\u0456ll"})
    step.process([long, empty, odd])
    assert long.get(TEXT) == "x" * 10
    assert empty.get(TEXT) == ""
    assert odd.get(TEXT) == "kill"


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError, match="max_characters"):
        PlainTextPreprocessor({"max_characters": 0})
