"""A feeling the person named is said back in their terms, and only then."""

from __future__ import annotations

import pytest

from heartwise.language.feelings import reflect


@pytest.mark.parametrize(
    "text, said_back",
    [
        ("i feel so stupid for believing him", "Feeling stupid for believing him"),
        (
            "i was so embarrassed when my friends found out",
            "Feeling embarrassed when your friends found out",
        ),
        ("Im kinda angry at myself tbh", "Feeling angry at yourself"),
        ("i miss her so much and im so lonely", "Missing her and feeling lonely"),
        ("she left 3 days ago and i literally cant eat or sleep", "Not being able to eat or sleep"),
        ("im just so lonely and so tired of it", "Feeling lonely and tired of it"),
        ("honestly i feel like an idiot for waiting", "Feeling like an idiot for waiting"),
    ],
)
def test_the_feeling_and_what_it_is_about_are_said_back(text, said_back):
    assert reflect(text).startswith(said_back + ":")


@pytest.mark.parametrize(
    "text",
    [
        "i don't feel angry about it anymore",
        "I'm not angry, just want to know what to say",
        "I'm used to being on my own",
        "what should i text him on his birthday",
        "does he feel guilty about what he did to me?",
        "i miss who i was with her more than i miss her",
        "but he texted last night saying 'i miss us'. do i reply?",
    ],
)
def test_nothing_is_said_back_when_no_feeling_was_named(text):
    assert reflect(text) is None


def test_the_wording_around_the_feeling_changes_from_turn_to_turn():
    assert len({reflect("i feel lost", turn) for turn in range(3)}) == 3


def test_a_verdict_on_oneself_is_said_back_without_agreeing_with_it():
    # Found by role-play: "Feeling like an idiot: that makes sense after all
    # this" was read as "so I AM an idiot??".
    for turn in range(3):
        said = reflect("i feel like an idiot", turn)
        assert said.startswith("Feeling like an idiot") and "makes sense" not in said
    assert "makes sense" in reflect("i feel so sad", 2)


def test_not_being_ok_and_fear_under_a_hedge_are_feelings():
    assert reflect("im not ok. thats what i meant").startswith("Feeling not ok")
    assert reflect("he msgd again. im actually so scared rn").startswith("Feeling scared")
