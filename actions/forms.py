"""Leaving a form without losing the message that interrupted it."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.requeue import requeue_latest_message

GUIDE_FORM = "guide_form"
GUIDE_STEPS = (
    "guide_mind_games",
    "guide_kindness",
    "guide_self_improvement",
    "guide_emotional",
    "guide_rational",
    "guide_resources",
    "guide_decision",
)


class ActionLeaveForm(Action):
    """Closes the active form, then puts the person's message back in line.

    A form would otherwise swallow the message ("how long should I wait?"
    becomes a guide step, "I want to die" becomes an assessment answer).
    Re-adding the message after an ``action_listen`` lets the rules answer it
    exactly as they would outside the form, so every rule (safety first)
    applies without a copy per form.
    """

    def name(self) -> str:
        return "action_leave_form"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        events: List[EventType] = [ActiveLoop(None), SlotSet("requested_slot", None)]
        if tracker.active_loop_name == GUIDE_FORM:
            events.append(SlotSet("guide_paused", True))
        return events + requeue_latest_message(tracker)


class ActionResetGuide(Action):
    """Starting the guide again means starting at step 1."""

    def name(self) -> str:
        return "action_reset_guide"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        return [SlotSet(step, None) for step in GUIDE_STEPS]
