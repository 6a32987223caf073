"""Advice about space changes with how long ago the breakup was."""

from __future__ import annotations

import pytest

from actions.space import ActionAdviseSpace
from heartwise.language.breakup_time import days_since, describe


@pytest.mark.parametrize(
    "phrase, days",
    [
        ("3 weeks ago", 21),
        ("last night", 1),
        ("been two months", 60),
        ("a couple of days ago", 2),
        ("half a year ago", 182),
        ("2 yrs ago", 730),
        ("yesterday", 1),
        ("been a few weeks", 21),
        (None, None),
        ("sometime", None),
    ],
)
def test_phrases_become_days(phrase, days):
    assert days_since(phrase) == days


def test_spans_are_described_in_plain_words():
    assert [describe(d) for d in (1, 5, 21, 60, 365, 800)] == [
        "only a day or so",
        "5 days",
        "about 3 weeks",
        "about 2 months",
        "about a year",
        "about 2 years",
    ]


def advice_for(tracker_for, dispatcher, domain, phrase):
    ActionAdviseSpace().run(dispatcher, tracker_for(slots={"time_since_breakup": phrase}), domain)
    message = dispatcher.messages[0]
    return message["response"], message.get("since")


@pytest.mark.parametrize(
    "phrase, response, since",
    [
        ("two days ago", "utter_space_fresh", "2 days"),
        ("two weeks ago", "utter_space_fresh", "about 2 weeks"),
        ("six weeks ago", "utter_space_easing", "about 6 weeks"),
        ("six months ago", "utter_space_long", "about 6 months"),
        (None, "utter_space_unknown", ""),
    ],
)
def test_the_advice_fits_how_long_ago_it_ended(
    tracker_for, dispatcher, domain, phrase, response, since
):
    assert advice_for(tracker_for, dispatcher, domain, phrase) == (response, since)


@pytest.mark.parametrize(
    "response",
    ["utter_space_unknown", "utter_space_fresh", "utter_space_easing", "utter_space_long"],
)
def test_every_wording_says_how_long_it_has_been_and_asks_a_question(domain, response):
    wordings = [variant["text"] for variant in domain["responses"][response]]
    assert len(wordings) >= 3
    for text in wordings:
        assert text.rstrip().endswith("?")
        assert response == "utter_space_unknown" or "{since" in text


@pytest.mark.parametrize(
    "slots, response",
    [
        ({"abuse_disclosed": True, "reconciliation_off": True}, "utter_space_after_abuse"),
        ({"goal": "move_on", "reconciliation_off": True}, "utter_space_moving_on"),
    ],
)
def test_space_is_never_a_pause_before_reaching_out_for_someone_not_to_be_coached_back(
    tracker_for, dispatcher, domain, slots, response
):
    # Found by role-play: "If you reach out now, do it honestly" after abuse.
    ActionAdviseSpace().run(
        dispatcher, tracker_for(slots={**slots, "time_since_breakup": "four months ago"}), domain
    )
    assert dispatcher.messages[0]["response"] == response
