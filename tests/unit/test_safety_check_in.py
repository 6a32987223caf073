"""Answers to the bot's safety questions, read as answers to them.

The action names the reply (the slot `check_in_reply`); the rules in
data/rules/safety.yml turn it into the responses, and the end-to-end tests
check the words (tests/e2e/test_safety_protocol.py).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk.events import ActionExecuted, SlotSet

from actions.safety_check_in import (
    RIGHT_NOW_QUESTION,
    THOUGHTS_QUESTION,
    ActionReadCheckInAnswer,
)


def risk(level: str, *evidence: str) -> Dict[str, Any]:
    return {"level": level, "category": "self_harm", "evidence": list(evidence)}


def answer(
    tracker_for,
    dispatcher,
    domain,
    question: str,
    text: str,
    intent: str = "express_feelings",
    assessed: Optional[Dict[str, Any]] = None,
) -> List[Dict[str, Any]]:
    history = [
        {"event": "action", "name": question},
        {"event": "bot", "text": "the question"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}},
    ]
    tracker = tracker_for(text=text, intent=intent, events=history, risk=assessed)
    events = ActionReadCheckInAnswer().run(dispatcher, tracker, domain)
    # Replies come from the rules, never from the action itself.
    assert dispatcher.messages == []
    return events


def read_as(reply: str, disclosed: bool) -> List[Dict[str, Any]]:
    return [SlotSet("check_in_reply", reply), SlotSet("self_harm_disclosed", disclosed)]


@pytest.mark.parametrize(
    "text, intent, assessed",
    [
        # A plan, to the classifier; a no, to anyone who asked the question.
        (
            "no im not going to do anything tonight. its just heavy",
            "crisis_imminent",
            risk("imminent", "classifier 0.52: self_harm"),
        ),
        ("nah im not suicidal, just really really sad", "correct_misunderstanding", None),
        ("No, I'm okay. just tired", "deny", None),
        (
            "you misunderstood me, i meant the relationship is dead",
            "correct_misunderstanding",
            None,
        ),
    ],
)
def test_a_no_is_heard_as_a_no(tracker_for, dispatcher, domain, text, intent, assessed):
    events = answer(tracker_for, dispatcher, domain, THOUGHTS_QUESTION, text, intent, assessed)
    # The classifier's misreading of the answer must not mark it as a disclosure.
    assert events == read_as("declined", disclosed=False)


@pytest.mark.parametrize(
    "text, intent",
    [
        (
            "not right this minute, but it's been on my mind a lot the past few weeks",
            "express_feelings",
        ),
        ("honestly yeah, more than i'd like to admit", "express_anger"),
        ("i dont know. maybe", "nlu_fallback"),
        ("yes", "affirm"),
    ],
)
def test_a_yes_or_an_unsure_answer_brings_the_lines(tracker_for, dispatcher, domain, text, intent):
    events = answer(tracker_for, dispatcher, domain, THOUGHTS_QUESTION, text, intent)
    assert events == read_as("lines", disclosed=True)


def test_what_the_words_show_overrules_a_no(tracker_for, dispatcher, domain):
    events = answer(
        tracker_for,
        dispatcher,
        domain,
        THOUGHTS_QUESTION,
        "no. i wouldnt. i just want the pain to stop",
        "crisis",
        risk("high", "pattern: want the pain to stop"),
    )
    assert events == read_as("lines", disclosed=True)


def test_an_imminent_danger_in_the_words_gets_emergency_services(tracker_for, dispatcher, domain):
    events = answer(
        tracker_for,
        dispatcher,
        domain,
        RIGHT_NOW_QUESTION,
        "no point asking, the pills are already in my hand",
        "crisis_imminent",
        risk("imminent", "pattern: pills in my hand", "pattern: a time that is now"),
    )
    assert events == read_as("emergency", disclosed=True)


@pytest.mark.parametrize(
    "text, intent, assessed, reply",
    [
        (
            "not right now, but it comes back every night",
            "express_feelings",
            None,
            "not_dismissed",
        ),
        ("yeah", "affirm", None, "urgent"),
        (
            "honestly i cant do this anymore",
            "express_hopelessness",
            risk("concern", "pattern: cant do this anymore"),
            "urgent",
        ),
    ],
)
def test_right_now_is_answered_for_right_now(
    tracker_for, dispatcher, domain, text, intent, assessed, reply
):
    events = answer(tracker_for, dispatcher, domain, RIGHT_NOW_QUESTION, text, intent, assessed)
    # Self-harm was disclosed before the question; a "not now" does not undo it.
    assert events == read_as(reply, disclosed=True)


def test_a_message_that_is_not_an_answer_takes_its_usual_rules(tracker_for, dispatcher, domain):
    text = "honestly i just want him back. how do i get him to talk to me again"
    events = answer(tracker_for, dispatcher, domain, THOUGHTS_QUESTION, text, "want_ex_back")
    assert events[:2] == [SlotSet("check_in_reply", None), ActionExecuted("action_listen")]
    assert events[2]["event"] == "user" and events[2]["text"] == text
