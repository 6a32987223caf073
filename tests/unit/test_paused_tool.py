"""Asked "where were we?", Heartwise picks up the tool the person was in last
(PausedToolPolicy), on real Rasa trackers."""

from __future__ import annotations

from typing import List, Optional

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.policies.paused_tool import tool_to_resume
from tests.helpers import domain


def _message(text: str, intent: str) -> List[Event]:
    return [ActionExecuted("action_listen"), UserUttered(text, {"name": intent, "confidence": 0.9})]


def _tool_left(form: str, answered: Optional[str] = None) -> List[Event]:
    """The tool starts, maybe gets one answer, and a crisis message leaves it."""
    events = [ActionExecuted(form), ActiveLoop(form)]
    if answered:
        events += _message("he stopped trying", "express_feelings")
        events += [SlotSet(answered, "he stopped trying"), ActionExecuted(form)]
    events += _message("i want to end it all", "crisis")
    events += [
        ActionExecuted("action_leave_form"),
        ActiveLoop(None),
        ActionExecuted("utter_crisis"),
    ]
    return events


def _conversation(*parts: List[Event], abuse: bool = False) -> DialogueStateTracker:
    tracker = DialogueStateTracker("someone", domain().slots)
    tracker.update(SlotSet("abuse_disclosed", abuse))
    for part in parts:
        for event in part:
            tracker.update(event)
    return tracker


BACK = _message("ok can we go back to the questions now", "resume_guide")


@pytest.mark.parametrize("answered", [None, "assessment_what_went_wrong"])
def test_the_interrupted_assessment_is_taken_up_again(answered):
    tracker = _conversation(_tool_left("assessment_form", answered), BACK)
    assert tool_to_resume(tracker) == "assessment_form"


def test_the_guide_left_after_the_assessment_is_the_one_resumed():
    tracker = _conversation(
        _tool_left("assessment_form", "assessment_what_went_wrong"),
        _tool_left("guide_form"),
        BACK,
    )
    assert tool_to_resume(tracker) is None


def test_a_finished_assessment_is_not_started_again():
    finished = [ActionExecuted("assessment_form"), ActiveLoop(None)]
    finished += [ActionExecuted("action_summarize_assessment")]
    tracker = _conversation(
        [ActionExecuted("assessment_form"), ActiveLoop("assessment_form")], finished, BACK
    )
    assert tool_to_resume(tracker) is None


@pytest.mark.parametrize(
    "message",
    [
        _message("can we carry on with the guide", "resume_guide"),
        _message("/resume_guide", "resume_guide"),
    ],
)
def test_the_guide_asked_for_by_name_or_button_is_left_to_the_rules(message):
    tracker = _conversation(_tool_left("assessment_form", "assessment_fixable"), message)
    assert tool_to_resume(tracker) is None


def test_after_abuse_the_rules_keep_the_reconciliation_tools_off():
    tracker = _conversation(_tool_left("assessment_form", "assessment_fixable"), BACK, abuse=True)
    assert tool_to_resume(tracker) is None
