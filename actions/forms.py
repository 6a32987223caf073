"""Leaving a form without losing the message that interrupted it."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.drafts.reading import Reading, read_message
from actions.drafts.review import render_review, review_draft
from actions.listening import FOLLOW_THE_STORY
from actions.reflection import kept_in_the_journal
from actions.requeue import requeue_latest_message
from heartwise.language.answers import Reply, plain_reply, tells_enough_of_the_story
from heartwise.language.risk import guessed_only

GUIDE_FORM = "guide_form"
DRAFT_FORM = "draft_form"
REFLECTION_FORM = "reflection_form"
# A draft that reads as one of these leaves the coach without a review: the
# lines come first, and nothing else should stand between them and the person.
CRISIS_INTENTS = frozenset({"crisis_imminent", "crisis", "express_hopelessness"})
# Messages that leave a guide step unanswered.
NOT_AN_ANSWER = CRISIS_INTENTS | {
    "deny",
    "stop",
    "start_guide",
    "nlu_fallback",
    "threaten_harm",
    "report_abuse",
    "report_child_abuse",
    "request_surveillance",
    "mention_minor",
    "goodbye",
}
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
        if tracker.active_loop_name == GUIDE_FORM and _a_yes_to_the_step(tracker):
            # "Yes, I'm ready for step 2." is what the button says, in more
            # words than the classifier hears as one: the guide goes on.
            step = tracker.get_slot("requested_slot")
            return [SlotSet(step, True), FollowupAction(GUIDE_FORM)]
        events: List[EventType] = [ActiveLoop(None), SlotSet("requested_slot", None)]
        if tracker.active_loop_name == GUIDE_FORM:
            events.append(SlotSet("guide_paused", True))
            events += _step_answered(tracker)
            if _a_story_the_step_drew_out(tracker):
                # "I haven't really. Liked an old photo of hers once by
                # accident at 1am": the step asked them to look at themselves,
                # and this is what they saw. Heard, not sent to the fallback.
                return [*events, FollowupAction(FOLLOW_THE_STORY)]
        if tracker.active_loop_name == DRAFT_FORM:
            if _a_draft_only_the_classifier_fears_for(tracker):
                # Reviewed, with the lines beside it: "rent's due on the 1st"
                # pasted for a check must not be answered as a crisis.
                text = tracker.latest_message.get("text") or ""
                dispatcher.utter_message(text=render_review(text, review_draft(text)))
                dispatcher.utter_message(response="utter_draft_heavy_check_in")
                return events + _undo_the_crisis_flag(tracker)
            _warn_against_sending(dispatcher, tracker)
        if tracker.active_loop_name == REFLECTION_FORM and _only_the_classifier_fears_for(tracker):
            # "Sleeping badly. I've started walking at lunchtime": an answer
            # to the prompt, kept, with the lines and a question beside it.
            text = tracker.latest_message.get("text") or ""
            dispatcher.utter_message(response="utter_journal_saved")
            dispatcher.utter_message(response="utter_draft_heavy_check_in")
            return events + kept_in_the_journal(tracker, text) + _undo_the_crisis_flag(tracker)
        return events + requeue_latest_message(tracker)


def _a_yes_to_the_step(tracker: Tracker) -> bool:
    message = tracker.latest_message
    if tracker.get_slot("requested_slot") not in GUIDE_STEPS:
        return False
    if (message.get("risk") or {}).get("level") not in (None, "none"):
        return False
    return plain_reply(message.get("text") or "") is Reply.YES


def _a_story_the_step_drew_out(tracker: Tracker) -> bool:
    message = tracker.latest_message
    intent = (message.get("intent") or {}).get("name")
    text = message.get("text") or ""
    return intent == "nlu_fallback" and tells_enough_of_the_story(text)


def _step_answered(tracker: Tracker) -> List[EventType]:
    """A step the person answered with their own story ("we've been civil, I
    dropped her hoodie back round") is done: the guide goes on from the next
    one. A refusal, a question or a risk leaves it to be shown again."""
    step = tracker.get_slot("requested_slot")
    message = tracker.latest_message
    intent = (message.get("intent") or {}).get("name")
    text = (message.get("text") or "").strip()
    if step not in GUIDE_STEPS or intent in NOT_AN_ANSWER or text.endswith("?"):
        return []
    return [SlotSet(step, True)]


def _undo_the_crisis_flag(tracker: Tracker) -> List[EventType]:
    """The classifier's guess set self_harm_disclosed on this message (a slot
    mapping); the draft disclosed nothing, so the slot goes back."""
    before, seen_the_message = False, False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_the_message = True
        elif (
            seen_the_message
            and event.get("event") == "slot"
            and event.get("name") == "self_harm_disclosed"
        ):
            before = bool(event.get("value"))
            break
    if tracker.get_slot("self_harm_disclosed") == before:
        return []
    return [SlotSet("self_harm_disclosed", before)]


def _only_the_classifier_fears_for(tracker: Tracker) -> bool:
    """The classifier alone, with no phrase and no likeness to the risk bank,
    reads the message as a crisis."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    return intent in CRISIS_INTENTS and guessed_only(tracker.latest_message.get("risk") or {})


def _a_draft_only_the_classifier_fears_for(tracker: Tracker) -> bool:
    """A message written to the ex that only the classifier reads as a crisis."""
    return _only_the_classifier_fears_for(tracker) and (
        read_message(tracker.latest_message.get("text") or "") is Reading.DRAFT
    )


def _warn_against_sending(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """A threat pasted into the draft coach is read as a threat, and its
    protocol follows; first the person hears, in plain words, not to send it."""
    text = tracker.latest_message.get("text") or ""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent in CRISIS_INTENTS or read_message(text) is not Reading.DRAFT:
        return
    review = review_draft(text, read_as_threat=intent == "threaten_harm")
    if review.must_not_be_sent:
        dispatcher.utter_message(text=render_review(text, review))


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
