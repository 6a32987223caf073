"""The deterministic safety net: explicit and common indirect phrasings of a
crisis must always be caught; everyday drama must not raise an alarm."""

from __future__ import annotations

import pytest

from heartwise.language import load_pipeline
from heartwise.language.safety import SafetyRules


@pytest.fixture(scope="module")
def forced_intent():
    nlp = load_pipeline()
    rules = SafetyRules(nlp.vocab)
    return lambda text: rules.forced_intent(nlp(text.lower()))


@pytest.mark.parametrize(
    "message",
    [
        "i want to kill myself",
        "Honestly I just want to die",
        "kms",
        "i keep thinking about suicide",
        "im suicidal since she left",
        "i dont want to live anymore",
        "I don't want to wake up tomorrow",
        "everyone would be better off without me",
        "i have nothing to live for now",
        "i want to end it all",
        "been thinking about taking all my pills",
        "i started cutting myself again",
        "i just want to disappear",
        "i havent eaten in days and i dont care",
        "i havent eaten in 4 days since he left",
        "i dont deserve to eat",
        "i keep making myself throw up after meals",
        "i wish i was dead",
        "ill just unalive myself lol",
    ],
)
def test_crisis_phrasings_force_the_crisis_intent(forced_intent, message):
    assert forced_intent(message) == "crisis"


@pytest.mark.parametrize(
    "message",
    [
        "this breakup is killing me",
        "i could just die of embarrassment",
        "im not suicidal, just really sad",
        "i would never hurt myself, dont worry",
        "i dont want to die alone though",
        "he hit me up last night asking to talk",
        "im dying to text her",
        "my boss will kill me if im late",
        "im 16 days into no contact",
        "we met in high school",
    ],
)
def test_everyday_drama_raises_no_alarm(forced_intent, message):
    assert forced_intent(message) is None


@pytest.mark.parametrize(
    "message, intent",
    [
        ("he hit me when i tried to leave", "report_abuse"),
        ("she threatened to kill me if i tell anyone", "report_abuse"),
        ("honestly im scared of him", "report_abuse"),
        ("he told me he'll make me pay for leaving", "report_abuse"),
        ("i'm too scared to go back to the flat tonight", "report_abuse"),
        ("i genuinely fear for my safety", "report_abuse"),
        ("i found an airtag in my bag, i think he put it there", "report_abuse"),
        ("is it bad to put a gps on his truck", "request_surveillance"),
        ("can you help me hack into her instagram", "request_surveillance"),
        ("i guessed his password, should i log in", "request_surveillance"),
        ("how would i get spyware on my ex's laptop", "request_surveillance"),
        ("can i log into her email to read what she says about me", "request_surveillance"),
        ("im 15 and my bf dumped me", "mention_minor"),
        ("i'm in 10th grade", "mention_minor"),
    ],
)
def test_abuse_and_minors_are_caught(forced_intent, message, intent):
    assert forced_intent(message) == intent


@pytest.mark.parametrize(
    "message",
    [
        "i want to stop checking his instagram",
        "she made me pay for dinner every time",
        "i forgot my password again",
        "how do i get in his head so he misses me",
        "i'm not going to hack into his account, i just miss him",
    ],
)
def test_no_false_safety_path_for_ordinary_words(forced_intent, message):
    assert forced_intent(message) is None


def test_crisis_outranks_abuse(forced_intent):
    assert forced_intent("he hits me and i want to die") == "crisis"
