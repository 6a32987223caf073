"""Taking back a safety reply that misread the person.

A hard negative ("she never laid a hand on me, we just drifted apart") can
still be misread. When the person says so, the flag that the misread set is
cleared, so the conversation is not locked into the wrong protocol for good,
and the bot says it is sorry in words that fit what it got wrong.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

# What each misread safety reply set, and how to say sorry for it.
UNDO: Dict[str, tuple[Optional[str], str]] = {
    "report_abuse": ("abuse_disclosed", "utter_misread_abuse"),
    "report_child_abuse": ("abuse_disclosed", "utter_misread_abuse"),
    "crisis_imminent": ("self_harm_disclosed", "utter_misread_crisis"),
    "crisis": ("self_harm_disclosed", "utter_misread_crisis"),
    "express_hopelessness": ("self_harm_disclosed", "utter_misread_crisis"),
    "threaten_harm": (None, "utter_misread_threat"),
}


class ActionUndoMisreadFlag(Action):
    def name(self) -> str:
        return "action_undo_misread_flag"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        slot, response = UNDO.get(_previous_intent(tracker) or "", (None, "utter_misread"))
        dispatcher.utter_message(response=response)
        return [SlotSet(slot, False)] if slot else []


def _previous_intent(tracker: Tracker) -> Optional[str]:
    """The intent of the person's message before this one."""
    said = [event for event in tracker.events if event.get("event") == "user"]
    if len(said) < 2:
        return None
    return ((said[-2].get("parse_data") or {}).get("intent") or {}).get("name")
