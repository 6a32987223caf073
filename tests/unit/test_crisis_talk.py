"""What people say around a crisis reply, read for what it is
(heartwise/language/crisis_talk.py)."""

from __future__ import annotations

import pytest

from heartwise.language.crisis_talk import (
    apologises,
    question_about_the_lines,
    reached_help,
    wants_something_else,
)


@pytest.mark.parametrize(
    "text",
    [
        "ive called 111 and my brother is with me now",
        "i rang samaritans earlier actually, they were nice",
        "my mum is coming over later",
        "my sister's on her way over",
        "im at my dads tonight",
        "i called 999 theyre sending someone",
        "talked to my mate and hes coming round after work",
    ],
)
def test_help_reached_or_on_its_way(text):
    assert reached_help(text)


@pytest.mark.parametrize(
    "text",
    [
        "i havent called anyone",
        "no ive not told anyone",
        "should i call 111",
        "gonna ring samaritans tomorrow maybe",
        # The ex coming round is not help arriving.
        "he's coming over later to get his stuff",
        "my ex is coming over later",
    ],
)
def test_help_not_reached(text):
    assert not reached_help(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ok sorry its been a lot", True),
        ("sorry for dumping all this on you", True),
        ("sorry", True),
        ("im sorry im such a burden", True),
        # Sorry about something else, or a correction.
        ("im sorry he left you like that", False),
        ("sorry i meant ending the relationship", False),
    ],
)
def test_apologies_for_sharing(text, expected):
    assert apologises(text) is expected


def test_a_wish_to_talk_about_something_else():
    assert wants_something_else("can we talk about something else")
    assert wants_something_else("i need something to take my mind off it tbh")
    assert not wants_something_else("i want to talk about what happened")


def test_questions_about_the_lines_are_still_told_from_talk_around_them():
    assert question_about_the_lines("would they call the cops on me") == "about_the_police"
    assert question_about_the_lines("my mum is coming over later") is None
