"""The message-draft coach's actions: asking for the draft (and telling it
from a question about it), and reviewing it (actions/drafts does the reading)."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.drafts.reading import Reading, read_message
from actions.drafts.review import classifier_reading, render_review, review_draft
from heartwise.language.drafts import (
    ANOTHER_VERSION,
    ASKS_FOR_WORDS,
    NAMES_A_CHECK,
    draft_after_a_lead_in,
    draft_in_request,
    remark_on_the_draft,
)

CRISIS_INTENTS = frozenset({"crisis", "crisis_imminent", "express_hopelessness"})


class ValidateDraftForm(FormValidationAction):
    def name(self) -> str:
        return "validate_draft_form"

    async def extract_message_draft(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """The draft the request itself carried ("can you check this: ..."),
        taken when the coach starts instead of asking for it again."""
        if tracker.get_slot("requested_slot") or tracker.get_slot("message_draft"):
            return {}
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in CRISIS_INTENTS:
            return {}
        text = tracker.latest_message.get("text") or ""
        draft = draft_in_request(text)
        if draft is None and not NAMES_A_CHECK.search(text) and read_message(text) is Reading.DRAFT:
            # "chloe please im begging you...": the classifier heard a request
            # for the coach in the draft itself.
            draft = text
        return {"message_draft": draft} if draft else {}

    def validate_message_draft(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        candidate = tracker.get_slot("draft_candidate")
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if candidate and intent == "affirm":
            return {"message_draft": candidate, "draft_candidate": None}
        text = slot_value.strip() if isinstance(slot_value, str) else ""
        if not any(character.isalpha() for character in text):
            dispatcher.utter_message(
                text="I couldn't find any words to look at. Paste the message "
                'as you\'d send it, or say "stop".'
            )
            return {"message_draft": None, "draft_candidate": None}
        reading = read_message(text)
        if reading is Reading.DRAFT:
            return {"message_draft": text, "draft_candidate": None}
        if reading is Reading.UNSURE:
            dispatcher.utter_message(response="utter_ask_is_this_the_draft")
            return {"message_draft": None, "draft_candidate": text}
        dispatcher.utter_message(
            response="utter_draft_question_for_me"
            if reading is Reading.QUESTION
            else "utter_draft_go_ahead"
        )
        return {"message_draft": None, "draft_candidate": None}


class ActionAskMessageDraft(Action):
    """Asks for the draft, unless the coach has just said something that asks
    for it already (the validation's question or nudge): saying both would be
    one request twice."""

    def name(self) -> str:
        return "action_ask_message_draft"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        if _spoke_since_the_person(tracker):
            return []
        text = tracker.latest_message.get("text") or ""
        # "can u help me word the text": there is no draft yet to paste.
        wants_words = ASKS_FOR_WORDS.search(text) and not draft_in_request(text)
        dispatcher.utter_message(
            response="utter_ask_first_draft" if wants_words else "utter_ask_message_draft"
        )
        return []


def _spoke_since_the_person(tracker: Tracker) -> bool:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return True
    return False


class ActionReviewMessageDraft(Action):
    def name(self) -> str:
        return "action_review_message_draft"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        review_aloud(dispatcher, tracker, tracker.get_slot("message_draft"))
        # The draft is not kept: it was only needed for this review.
        return [SlotSet("message_draft", None)]


class ActionReviewPastedDraft(Action):
    """A draft pasted without asking (heartwise/policies/pasted_draft.py)."""

    def name(self) -> str:
        return "action_review_pasted_draft"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        draft = draft_after_a_lead_in(text) or re.sub(ANOTHER_VERSION, "", text, count=1).strip(
            " \"'"
        )
        review_aloud(dispatcher, tracker, draft, classified_as=text)
        # The classifier alone feared for the writer: the lines, beside the review.
        if (tracker.latest_message.get("intent") or {}).get("name") in CRISIS_INTENTS:
            dispatcher.utter_message(response="utter_draft_heavy_check_in")
        return []


def review_aloud(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    draft: Optional[str],
    classified_as: Optional[str] = None,
) -> None:
    """Says the review of ``draft``, with what the classifier made of the
    message that carried it (``classified_as``, the draft itself by default)."""
    if draft:
        review = review_draft(draft, **_classifier_reading(tracker, classified_as or draft))
        dispatcher.utter_message(text=render_review(draft, review))
        if review.risk_to_self:
            dispatcher.utter_message(response="utter_crisis_resources")
        if review.is_threat:
            dispatcher.utter_message(response="utter_harm_to_others")
        elif not review.risk_to_self:
            dispatcher.utter_message(response="utter_offer_another_draft")


def _classifier_reading(tracker: Tracker, draft: str) -> Dict[str, bool]:
    for event in reversed(tracker.events):
        if event.get("event") == "user" and (event.get("text") or "").strip() == draft:
            return classifier_reading(event.get("parse_data") or {})
    return {}


# How the review quotes its rewrite (actions/drafts/review.py).
QUOTED_REWRITE = re.compile(
    r'(?:A calmer version, in your own words|send only that): "(?P<rewrite>[^"]+)"'
)
TONE_REPLIES = {
    "cold": "utter_draft_not_cold",
    "fake": "utter_draft_not_you",
    "too_much": "utter_draft_too_much",
}


class ActionDiscussReviewedDraft(Action):
    """A remark on the draft just reviewed ("too cold?", "whats the calmer
    version again"): answered about that draft, not as a new one
    (heartwise/policies/pasted_draft.py)."""

    def name(self) -> str:
        return "action_discuss_reviewed_draft"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        remark = remark_on_the_draft(tracker.latest_message.get("text") or "")
        rewrite = last_rewrite(tracker)
        if remark == "calmer_version" and rewrite:
            dispatcher.utter_message(
                text=f'Here it is again: "{rewrite}" Change anything that doesn\'t sound '
                "like you, then paste it back if you'd like me to read it."
            )
        elif remark == "calmer_version":
            dispatcher.utter_message(response="utter_draft_no_rewrite")
        else:
            dispatcher.utter_message(
                response=TONE_REPLIES.get(remark or "", "utter_draft_not_cold")
            )
        return []


def last_rewrite(tracker: Tracker) -> Optional[str]:
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            found = QUOTED_REWRITE.search(event.get("text") or "")
            if found:
                return found["rewrite"]
    return None
