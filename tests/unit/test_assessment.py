"""The assessment reflects the person's own answers with a balanced view,
and never tells them to get back together."""

from __future__ import annotations

import re

import pytest
from rasa_sdk.events import SlotSet

from actions.assessment import (
    QUESTIONS,
    ActionSummarizeAssessment,
    ValidateAssessmentForm,
    sounds_doubtful,
)
from tests.helpers import said

NO_RECONCILIATION_ADVICE = re.compile(
    r"(you should|get|go) back together|win (him|her|them) back|will come back", re.I
)


def summarize(tracker_for, dispatcher, domain, **answers):
    slots = {f"assessment_{key}": value for key, value in answers.items()}
    events = ActionSummarizeAssessment().run(dispatcher, tracker_for(slots=slots), domain)
    return said(dispatcher)[0], events


@pytest.mark.parametrize(
    "fixable, same_future, expected",
    [
        (
            "no, i dont think so",
            "nope, he wants kids and i dont",
            "moving on can be the kinder choice",
        ),
        ("maybe, if we both go to counselling", "not really", "some that may not"),
        (
            "yes if we both put the work in",
            "yes we both want to settle here",
            "room to work on things",
        ),
    ],
)
def test_summary_quotes_answers_and_stays_balanced(
    tracker_for, dispatcher, domain, fixable, same_future, expected
):
    text, events = summarize(
        tracker_for,
        dispatcher,
        domain,
        what_went_wrong="we stopped talking and fought about money",
        fixable=fixable,
        same_future=same_future,
        what_changed="i started therapy",
    )
    for answer in (
        "we stopped talking and fought about money",
        fixable,
        same_future,
        "i started therapy",
    ):
        assert answer in text
    assert expected in text
    assert not NO_RECONCILIATION_ADVICE.search(text)
    # A finished assessment leaves a blank page for the next one.
    assert events == [SlotSet(slot, None) for slot in QUESTIONS]


@pytest.mark.parametrize(
    "answer, doubtful",
    [
        ("i dont think its impossible, we just need time", False),
        ("no doubt we could if we both tried", False),
        ("yes, nothing is impossible", False),
        ("i doubt it, nothing has changed", True),
        ("i doubt it and nothing has changed", True),
        ("we could but im not sure she wants to", True),
        ("nah", True),
    ],
)
def test_an_answer_is_read_as_the_person_meant_it(answer, doubtful):
    # Found by role-play: double negatives were summed up as a "no".
    assert sounds_doubtful(answer) is doubtful


@pytest.mark.parametrize(
    "answer, expected", [("  it was money  ", "it was money"), ("", None), ("   ", None)]
)
def test_answers_are_trimmed_and_blank_ones_asked_again(
    tracker_for, dispatcher, domain, answer, expected
):
    tracker = tracker_for(slots={"requested_slot": "assessment_fixable"})
    result = ValidateAssessmentForm().validate_assessment_fixable(
        answer, dispatcher, tracker, domain
    )
    assert result == {"assessment_fixable": expected}
    assert bool(dispatcher.messages) == (expected is None)
