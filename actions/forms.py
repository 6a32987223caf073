"""Leaving a form without losing the message that interrupted it."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import (
    ActionExecuted,
    ActiveLoop,
    EventType,
    SlotSet,
    UserUttered,
)
from rasa_sdk.executor import CollectingDispatcher

GUIDE_FORM = "guide_form"
# What the rules and the safety replies read from a message besides its text
# and entities: the risk assessment travels with the message, so a crisis
# inside a form is answered at the same level as outside it.
CARRIED_PARSE_KEYS = ("intent", "intent_ranking", "risk")
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
        message = tracker.latest_message
        events += [
            ActionExecuted("action_listen"),
            UserUttered(
                text=message.get("text"),
                parse_data={
                    **{key: message[key] for key in CARRIED_PARSE_KEYS if key in message},
                    "entities": [_schema_safe(entity) for entity in message.get("entities", [])],
                    "text": message.get("text"),
                },
                input_channel=tracker.get_latest_input_channel(),
            ),
        ]
        return events


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


def _schema_safe(entity: Dict[str, Any]) -> Dict[str, Any]:
    """The entity without keys set to None.

    Rule-based extractors (Rasa's spaCy extractor among them) report
    ``"confidence": None``; Rasa's schema for an action's events wants a
    number there and rejects the whole response, which would turn a crisis
    message inside a form into the fallback.
    """
    return {key: value for key, value in entity.items() if value is not None}
