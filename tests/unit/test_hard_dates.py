"""Facing a birthday, an anniversary or a holiday without the ex: the policy
that hears the question (HardDatesPolicy) on real trackers from the real
domain, and the action that answers it."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa.shared.core.events import ActiveLoop
from rasa.shared.core.trackers import DialogueStateTracker

from actions.hard_dates import MORE_IDEAS, ActionFaceTheDay
from heartwise.policies.hard_dates import faces_a_hard_date
from tests.helpers import messages_read_as

GUESS = {"level": "concern", "category": "self_harm", "evidence": ["classifier 0.58: self_harm"]}


def conversation(
    *messages: str, intent: str = "nlu_fallback", risk: Optional[Dict[str, Any]] = None
) -> DialogueStateTracker:
    return messages_read_as(*messages, intent=intent, risk=risk)


@pytest.mark.parametrize(
    "messages, intent",
    [
        # Found in the scripted conversations: it started the guide.
        (
            [
                "ok i'll allow ONE small suggestion. how do people get through the first birthday after"
            ],
            "start_guide",
        ),
        (["xmas is coming up, first one on my own since we split. how do i do it"], "nlu_fallback"),
        (["honestly dreading xmas, first one without him. i feel so lost"], "express_feelings"),
        # The day named a message earlier.
        (
            [
                "our anniversary is on saturday. would have been 4 years",
                "what do people even do on the day itself, like how do you get through it",
            ],
            "express_feelings",
        ),
    ],
)
def test_how_to_face_the_day_is_heard_whatever_the_classifier_read(
    messages: List[str], intent: str
):
    assert faces_a_hard_date(conversation(*messages, intent=intent))


def test_a_lone_guess_of_risk_does_not_stand_in_the_way():
    tracker = conversation(
        "our anniversary is on saturday",
        "how do you even get through it",
        intent="express_hopelessness",
        risk=GUESS,
    )
    assert faces_a_hard_date(tracker)


@pytest.mark.parametrize(
    "messages, intent, risk",
    [
        # Risk in words is the rules'.
        (
            ["how am i meant to get through christmas, i want to die"],
            "crisis",
            {"level": "high", "category": "self_harm", "evidence": ["pattern: want to die"]},
        ),
        # The guide asked for by name.
        (["can you walk me through the guide before christmas"], "start_guide", None),
        # A day mentioned, but nothing asked about facing it.
        (["we met on valentines day"], "express_feelings", None),
        # Facing something, but no day named.
        (["how do people get through the evenings"], "express_feelings", None),
    ],
)
def test_everything_else_is_left_to_the_rules(
    messages: List[str], intent: str, risk: Optional[Dict[str, Any]]
):
    assert not faces_a_hard_date(conversation(*messages, intent=intent, risk=risk))


def test_inside_a_form_the_form_keeps_the_turn():
    tracker = conversation("how do i get through the first christmas without him")
    tracker.update(ActiveLoop("reflection_form"))
    assert not faces_a_hard_date(tracker)


def _user(text: str) -> Dict[str, Any]:
    return {"event": "user", "text": text}


def _bot(text: str) -> Dict[str, Any]:
    return {"event": "bot", "text": text}


def test_the_day_is_planned_with_the_name_then_new_ideas_each_time(tracker_for, dispatcher, domain):
    events = [
        _user("rob moved out 2 months ago"),
        _bot("That's a lot to hold."),
        _user("how do people get through the first birthday after"),
    ]
    tracker = tracker_for(text=events[-1]["text"], slots={"ex_name": "Rob"}, events=events)
    ActionFaceTheDay().run(dispatcher, tracker, domain)
    first = dispatcher.messages[-1]["text"]
    assert first.startswith("The first birthday without Rob is one of the hardest days")
    assert first.endswith("?")
    # Asked again: not the same paragraph, and each idea once before any twice.
    seen = [first]
    for _ in range(len(MORE_IDEAS)):
        events += [_bot(seen[-1]), _user("how do i get through the birthday though")]
        tracker = tracker_for(text=events[-1]["text"], slots={"ex_name": "Rob"}, events=events)
        ActionFaceTheDay().run(dispatcher, tracker, domain)
        seen.append(dispatcher.messages[-1]["text"])
    assert len(set(seen)) == len(seen)
