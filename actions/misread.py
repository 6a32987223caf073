"""Taking back a safety reply that misread the person.

A hard negative ("she never laid a hand on me, we just drifted apart") can
still be misread. When the person says so, the flag that the misread set is
cleared, so the conversation is not locked into the wrong protocol for good,
and the bot says it is sorry in words that fit what it got wrong.

Abuse is kept unless the message itself says it was misread: clearing it
turns the reconciliation tools back on, and a complaint the classifier takes
for a correction ("you keep saying the same thing") must not do that.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.listening import FOLLOW_THE_STORY
from heartwise.language.answers import (
    clearly_not_abuse,
    denies_a_risk,
    objects_to_a_suggestion,
    takes_back_abuse,
    tells_enough_of_the_story,
)
from heartwise.language.feelings import reflect
from heartwise.language.risk import shown_in_words

# What each misread safety reply set, and how to say sorry for it.
UNDO: Dict[str, tuple[Optional[str], str]] = {
    "report_abuse": ("abuse_disclosed", "utter_misread_abuse"),
    "report_child_abuse": ("abuse_disclosed", "utter_misread_abuse"),
    "crisis_imminent": ("self_harm_disclosed", "utter_misread_crisis"),
    "crisis": ("self_harm_disclosed", "utter_misread_crisis"),
    "express_hopelessness": ("self_harm_disclosed", "utter_misread_crisis"),
    "threaten_harm": (None, "utter_misread_threat"),
}


HEARD = "I'm listening: what's weighing on you most right now?"
LISTEN_WITHOUT_ADVICE = "action_listen_without_advice"


class ActionUndoMisreadFlag(Action):
    def name(self) -> str:
        return "action_undo_misread_flag"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        if (
            tracker.get_slot("abuse_disclosed")
            and clearly_not_abuse(text)
            and not _abuse_in_words(tracker.latest_message)
        ):
            # Said plainly, it takes the abuse reply back whenever it came.
            dispatcher.utter_message(response="utter_misread_abuse")
            return [SlotSet("abuse_disclosed", False)]
        slot, response = UNDO.get(_previous_intent(tracker) or "", (None, "utter_misread"))
        if slot == "abuse_disclosed" and not takes_back_abuse(
            tracker.latest_message.get("text") or ""
        ):
            dispatcher.utter_message(response="utter_misread_abuse_unsure")
            return []
        feeling = reflect(text)
        if response == "utter_misread" and objects_to_a_suggestion(text):
            dispatcher.utter_message(response="utter_suggestion_dropped")
            return []
        if response == "utter_misread" and denies_a_risk(text):
            # Nothing was misread: the person said it first.
            dispatcher.utter_message(response="utter_not_read_that_way")
            return []
        if slot is None and feeling:
            # "im not ok. thats what i meant": the correction says what they
            # feel; asking them to say it again in other words would not hear it.
            dispatcher.utter_message(text=f"Sorry, I read that wrong. {feeling} {HEARD}")
            return []
        if response == "utter_misread" and tells_enough_of_the_story(text):
            # Nothing was misread, and the message goes on with the story ("my
            # sister posted me a self help book. it's sat on the kitchen table
            # like a threat lol"): heard, as anywhere else, not "say it again".
            listening = tracker.get_slot("no_advice")
            return [FollowupAction(LISTEN_WITHOUT_ADVICE if listening else FOLLOW_THE_STORY)]
        dispatcher.utter_message(response=response)
        return [SlotSet(slot, False)] if slot else []


def _abuse_in_words(message: Dict[str, Any]) -> bool:
    """ "it wasnt abuse, he only shoved me once": the words tell of it, so it
    is not taken back, whatever it is called."""
    risk = message.get("risk") or {}
    return risk.get("category") in ("abuse", "child_abuse") and shown_in_words(risk)


def _previous_intent(tracker: Tracker) -> Optional[str]:
    """The intent of the message this correction takes back.

    A second correction in a row ("that wasnt abuse. ur not listening")
    still takes back the misread before the first one.
    """
    said = [event for event in tracker.events if event.get("event") == "user"][:-1]
    for event in reversed(said):
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent != "correct_misunderstanding":
            return intent
    return None
