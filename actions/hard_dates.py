"""How to face a birthday, an anniversary or a holiday without the ex.

"how do people get through the first birthday after" had got the guide, and
"christmas is coming up and it'll be the first one without her" the
fallback: the question is about the day (heartwise/language/hard_dates.py),
and heartwise/policies/hard_dates.py sends it here. The first answer plans
the day; asked again, the ideas are new ones, never the same paragraph.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from heartwise.language.hard_dates import facing_the_day
from heartwise.language.names import with_name

# Earlier messages that may have named the day.
LOOK_BACK = 3
QUESTION = "Who could you spend some of it with?"
MORE_IDEAS = (
    "A few things people find help on the day itself: tell a friend or two it's coming so "
    "they check in, keep the morning busy, stay off social media and old photos, and give "
    "yourself something kind for the evening. Whatever you feel that day is allowed. Which of "
    "those sounds doable?",
    "Some people mark the day on their own terms: somewhere new rather than your usual places, "
    "a walk or a swim, a meal with someone who knows. Others treat it as an ordinary day and "
    "let it pass. Both are fine. Which feels more like you?",
    "It can help to decide now what you'll do if it gets hard: who you'll message, what "
    "you'll put on, where you'll go for an hour. Having the plan often matters more than "
    "using it. What would be on yours?",
)


class ActionFaceTheDay(Action):
    def name(self) -> str:
        return "action_face_the_day"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        said = [event.get("text") or "" for event in tracker.events if event.get("event") == "bot"]
        messages = [
            event.get("text") or "" for event in tracker.events if event.get("event") == "user"
        ]
        plan = facing_the_day(messages[-1] if messages else "", messages[-2 : -2 - LOOK_BACK : -1])
        plan = with_name(plan, tracker.get_slot("ex_name")) if plan else None
        if plan and not any(reply.startswith(plan) or f" {plan}" in reply for reply in said):
            dispatcher.utter_message(text=f"{plan} {QUESTION}")
            return []
        # The idea read longest ago, or never, comes next.
        last_read = {
            idea: max((i for i, reply in enumerate(said) if reply == idea), default=-1)
            for idea in MORE_IDEAS
        }
        dispatcher.utter_message(text=min(MORE_IDEAS, key=last_read.__getitem__))
        return []
