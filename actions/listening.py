"""Listening: for someone who said they only want to vent, and for a message
that simply goes on with the person's story.

The reply names the feeling in the person's own words when there is one (or
the news, when the ex got in touch on a birthday or an anniversary), and
asks one open question; it suggests nothing. The wordings take turns.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from heartwise.language.feelings import reflect
from heartwise.language.hard_dates import heard_from_them_on_the_day
from heartwise.language.names import with_name

FOLLOW_THE_STORY = "action_follow_the_story"


class Listening(Action, ABC):
    """Says the feeling back, then one of ``WORDINGS`` in turn."""

    WORDINGS: Tuple[str, ...] = ()
    # Said when no feeling was named, in turn.
    PLAIN: Tuple[str, ...] = ("That sounds really hard.",)

    @abstractmethod
    def name(self) -> str: ...

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        # Progress was just acknowledged (actions/context.py): that is the reply.
        if _progress_this_turn(tracker):
            return []
        text = tracker.latest_message.get("text") or ""
        wordings, plain = self.wordings_for(text)
        said = [event.get("text") or "" for event in tracker.events if event.get("event") == "bot"]
        tails = [wording.split("{reflection} ", 1)[1] for wording in wordings]
        heard = sum(1 for reply in said for tail in tails if reply.endswith(tail))
        news = heard_from_them_on_the_day(text)
        reflection = (
            with_name(news, tracker.get_slot("ex_name"))
            if news
            else reflect(text, heard) or plain[heard % len(plain)]
        )
        wording = wordings[heard % len(wordings)]
        dispatcher.utter_message(text=wording.format(reflection=reflection))
        return []

    def wordings_for(self, text: str) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
        return self.WORDINGS, self.PLAIN


class ActionListenWithoutAdvice(Listening):
    WORDINGS = (
        "{reflection} I'm here, and I'm listening. What's been on your mind most?",
        "{reflection} No advice from me, just listening. What's the hardest part of it right now?",
        "{reflection} I'm not going anywhere. How are you holding up?",
    )
    PLAIN = ("That sounds really hard.", "That's a lot to hold.", "Oh, that hurts.", "I hear you.")

    def name(self) -> str:
        return "action_listen_without_advice"


class ActionFollowTheStory(Listening):
    """A message that goes on with the story ("a VOICE NOTE. 4 mins long")
    needs no topic: it is heard, and the story invited on
    (heartwise/policies/story.py)."""

    WORDINGS = (
        "{reflection} What happened after that?",
        "{reflection} How did that leave you feeling?",
        "{reflection} What do you make of it now, looking back?",
        "{reflection} What's the part of it that stays with you most?",
    )
    PLAIN = ("That sounds like a lot.", "I'm following you.", "I hear you.", "Okay, I'm with you.")
    # "maybe ill ask my sister to keep it at hers": a plan, not a story.
    PLAN = re.compile(
        r"\b(?:i'?ll|ill|i will|i'?m going to|im going to|gonna|i might|i could|i think i'?ll"
        r"|going to|planning to|tomorrow|next week)\b",
        re.IGNORECASE,
    )
    # A plan is asked about, never approved unheard: "ill go friday" was to
    # turn up at his wife's office, uninvited, with flowers.
    PLAN_WORDINGS = (
        "{reflection} How do you feel about doing that?",
        "{reflection} What are you hoping will happen?",
        "{reflection} How do you think it would land with them, and with you?",
    )
    PLAN_PLAIN = (
        "Okay, I hear what you're thinking of doing.",
        "So that's the plan you're weighing.",
    )

    # A feeling said back is asked about, not moved past: "Feeling stupid for
    # believing him. What happened after that?" skipped what was said.
    FEELING_WORDINGS = (
        "{reflection} When does it hit hardest?",
        "{reflection} What do you think sits underneath that?",
        "{reflection} What's the part of it that stays with you most?",
    )

    def name(self) -> str:
        return FOLLOW_THE_STORY

    def wordings_for(self, text: str) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
        if self.PLAN.search(text):
            return self.PLAN_WORDINGS, self.PLAN_PLAIN
        if reflect(text, 0):
            return self.FEELING_WORDINGS, self.PLAIN
        return self.WORDINGS, self.PLAIN


def _progress_this_turn(tracker: Tracker) -> bool:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == "progress":
            return True
    return False
