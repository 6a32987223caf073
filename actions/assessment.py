"""The relationship assessment: the rational look at what went wrong.

The summary gives the person's own answers back with a balanced reading. It
never tells anyone to get back together; the decision stays theirs.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from heartwise.language import load_pipeline
from heartwise.language.answers import Reply, opens_with

QUESTIONS = {
    "assessment_what_went_wrong": "What went wrong",
    "assessment_fixable": "Can it be resolved",
    "assessment_same_future": "The same future",
    "assessment_what_changed": "What has changed",
}
# Answers are quoted back in full up to here.
QUOTED_ANSWER_CHARS = 300
_THOUGHT_BREAK = re.compile(r"[.,;:!?]+|\b(?:but|and|though|because)\b")
_DOUBT = frozenset(
    {"no", "not", "never", "nope", "nah", "doubt", "unlikely", "impossible", "nothing", "idk"}
)


def sounds_doubtful(answer: Optional[str]) -> bool:
    """Whether an answer leans towards "no" ("i don't think so", "nope").

    Read a thought at a time, where two doubts cancel: "I don't think it's
    impossible" and "no doubt we could" lean towards yes, while "I doubt it,
    nothing has changed" is two doubts and no yes. An answer that opens
    with a yes ("yes, nothing is impossible") is a yes."""
    if not answer or opens_with(answer) is Reply.YES:
        return False
    return any(_doubts(thought) % 2 == 1 for thought in _THOUGHT_BREAK.split(answer.lower()))


def _doubts(thought: str) -> int:
    return sum(
        token.norm_ in _DOUBT or token.lemma_ in _DOUBT for token in load_pipeline()(thought)
    )


def balanced_view(answers: Dict[str, Optional[str]]) -> str:
    doubts_fix = sounds_doubtful(answers.get("assessment_fixable"))
    doubts_future = sounds_doubtful(answers.get("assessment_same_future"))
    if doubts_fix and doubts_future:
        return (
            "You doubt the problems can be fixed and that you want the same "
            "future. That's worth taking seriously: sometimes a breakup is how "
            "two people learn they aren't right for each other long term, and "
            "moving on can be the kinder choice for you."
        )
    if doubts_fix or doubts_future:
        return (
            "You see some things that could work and some that may not. It "
            "might help to ask which of those matters most to you, and whether "
            "it's something either of you can change, not just hope away."
        )
    return (
        "You see some room to work on things. If you do reach out, go slowly "
        "and honestly and respect their answer, and keep looking after "
        "yourself whatever it is. Only you can decide; your well-being comes "
        "first."
    )


def render_summary(answers: Dict[str, Optional[str]]) -> str:
    lines = ["Here's what you told me:"]
    for slot, title in QUESTIONS.items():
        answer = (answers.get(slot) or "").strip()
        if len(answer) > QUOTED_ANSWER_CHARS:
            answer = answer[:QUOTED_ANSWER_CHARS].rstrip() + "…"
        lines.append(f"• {title}: {answer}")
    lines.append(balanced_view(answers))
    return "\n".join(lines)


AnswerValidator = Callable[
    [FormValidationAction, Any, CollectingDispatcher, Tracker, DomainDict], Dict[str, Any]
]


def _answer_validator(slot: str) -> AnswerValidator:
    # One per slot, not one reading "requested_slot": when an assessment left
    # for a safety reply is started again, Rasa validates the answers already
    # given before any slot is requested, and those must be kept.
    def validate(
        form: FormValidationAction,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        cleaned = slot_value.strip() if isinstance(slot_value, str) else ""
        if not cleaned:
            dispatcher.utter_message(
                text='I didn\'t get an answer there. A few words are plenty, or say "stop".'
            )
        return {slot: cleaned or None}

    return validate


class ValidateAssessmentForm(FormValidationAction):
    """Takes any answer with some content; an empty one is asked again."""

    def name(self) -> str:
        return "validate_assessment_form"

    validate_assessment_what_went_wrong = _answer_validator("assessment_what_went_wrong")
    validate_assessment_fixable = _answer_validator("assessment_fixable")
    validate_assessment_same_future = _answer_validator("assessment_same_future")
    validate_assessment_what_changed = _answer_validator("assessment_what_changed")


class ActionSummarizeAssessment(Action):
    def name(self) -> str:
        return "action_summarize_assessment"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        answers = {slot: tracker.get_slot(slot) for slot in QUESTIONS}
        dispatcher.utter_message(text=render_summary(answers))
        # Cleared so the next assessment starts from a blank page.
        return [SlotSet(slot, None) for slot in QUESTIONS]
