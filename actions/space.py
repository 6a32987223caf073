"""Advice on space and no contact, which depends on how fresh the breakup is."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from heartwise.language.breakup_time import days_since, describe

# Two weeks on is still fresh: "after about 2 weeks, the rawest part may be
# easing" read as baseless to someone ghosted a fortnight before.
FRESH_DAYS = 21
EASING_DAYS = 90


def space_response(days: Optional[int]) -> str:
    """Which advice on space fits, given days since the breakup (None: unknown)."""
    if days is None:
        return "utter_space_unknown"
    if days < FRESH_DAYS:
        return "utter_space_fresh"
    return "utter_space_easing" if days < EASING_DAYS else "utter_space_long"


class ActionAdviseSpace(Action):
    def name(self) -> str:
        return "action_advise_space"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        days = days_since(tracker.get_slot("time_since_breakup"))
        since = describe(days) if days is not None else ""
        # After abuse, and for someone not to be coached back (moving on,
        # co-parenting, under 18), space is protection, never a pause before
        # "if you reach out now, do it honestly" (said in role-play to a woman
        # planning safe handovers with a controlling husband).
        if tracker.get_slot("abuse_disclosed"):
            response = "utter_space_after_abuse"
        elif tracker.get_slot("reconciliation_off"):
            response = "utter_space_moving_on"
        else:
            response = space_response(days)
        # The wordings take turns (heartwise/nlg.py); {since} is "about 3 weeks".
        dispatcher.utter_message(
            response=response,
            since=since,
            since_capitalised=since[:1].upper() + since[1:],
        )
        return []
