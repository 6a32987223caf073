"""Advice on space and no contact, which depends on how fresh the breakup is."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.breakup_time import days_since, describe

GENERAL_ADVICE = (
    "Space gives you both room to heal, and nothing good gets decided in the "
    "first rush of hurt. Many people take at least a few weeks of no contact "
    "before thinking about reaching out. How long ago did you break up? The "
    "answer changes my advice a little."
)


def space_advice(days: Optional[int]) -> str:
    """What to say about space, given days since the breakup (None: unknown)."""
    if days is None:
        return GENERAL_ADVICE
    since = describe(days)
    if days < 14:
        return (
            f"It's been {since}, so this is still very fresh for both of you. "
            "Give each other real space for now: no texts, no checking their "
            "profiles. Use the time to steady yourself; there's no rush."
        )
    if days < 90:
        return (
            f"After {since}, the rawest part may be easing. Keep giving them "
            "space, and notice whether you want to reach out to reconnect or "
            "just to stop hurting. If you do write, keep it short, calm and "
            "free of pressure."
        )
    return (
        f"It's been {since}, which is plenty of time to see things more "
        "clearly. If you reach out now, do it honestly and without "
        "expectations, and be ready to accept whatever answer comes. If "
        "you're still waiting for them, it may be worth asking whether "
        "moving on would be kinder to you."
    )


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
        dispatcher.utter_message(text=space_advice(days))
        return []
