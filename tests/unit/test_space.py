"""Advice about space changes with how long ago the breakup was."""

from __future__ import annotations

import pytest

from actions.breakup_time import days_since, describe
from actions.space import GENERAL_ADVICE, ActionAdviseSpace
from tests.helpers import said


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
    return said(dispatcher)[0]


def test_fresh_breakups_get_real_space(tracker_for, dispatcher, domain):
    text = advice_for(tracker_for, dispatcher, domain, "two days ago")
    assert "2 days" in text and "very fresh" in text


def test_after_months_reaching_out_is_discussed(tracker_for, dispatcher, domain):
    text = advice_for(tracker_for, dispatcher, domain, "six months ago")
    assert "about 6 months" in text and "reach out" in text


def test_unknown_timing_asks_when_it_happened(tracker_for, dispatcher, domain):
    assert advice_for(tracker_for, dispatcher, domain, None) == GENERAL_ADVICE
    assert "How long ago" in GENERAL_ADVICE
