"""Listening without advice, for someone who said they only want to vent.

The reply names the feeling in the person's own word when there is one, and
asks one open question; it suggests nothing. The three wordings take turns.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from heartwise.language.feelings import reflect

WORDINGS = (
    "{reflection} I'm here, and I'm listening. What's been on your mind most?",
    "{reflection} No advice from me, just listening. What's the hardest part of it right now?",
    "{reflection} I'm not going anywhere. How are you holding up?",
)

TAILS = tuple(wording.split("{reflection} ", 1)[1] for wording in WORDINGS)


class ActionListenWithoutAdvice(Action):
    def name(self) -> str:
        return "action_listen_without_advice"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        # Progress was just acknowledged (actions/context.py): that is the reply.
        if _progress_this_turn(tracker):
            return []
        said = [event.get("text") or "" for event in tracker.events if event.get("event") == "bot"]
        heard = sum(1 for text in said for tail in TAILS if text.endswith(tail))
        wording = WORDINGS[heard % len(WORDINGS)]
        text = tracker.latest_message.get("text") or ""
        reflection = reflect(text, heard) or "That sounds really hard."
        dispatcher.utter_message(text=wording.format(reflection=reflection))
        return []


def _progress_this_turn(tracker: Tracker) -> bool:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == "progress":
            return True
    return False
