"""The message-draft coach: reads a message meant for the ex, flags what tends
to go wrong (blame, pressure, mind games, guilt-tripping, walls of text) by
quoting it, and suggests a calmer "I feel..." version."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.draft_patterns import PATTERNS
from heartwise.language import load_pipeline
from heartwise.language.characters import plain_text
from heartwise.language.matching import Hit, PhraseRules

# Past this, a message to an ex reads as a wall of text.
WALL_OF_TEXT_WORDS = 120

WHY = {
    "BLAME": "points a finger, and people who feel blamed defend themselves instead of listening",
    "PRESSURE": "reads as a demand or a deadline; give them room to answer in their own time",
    "MIND_GAMES": "sounds like a bid to make them jealous or to look as if you don't care, which usually backfires",
    "GUILT": "turns your pain into a debt they owe you, which pushes people away",
}
LABEL_NAMES = {
    "BLAME": "Blame",
    "PRESSURE": "Pressure",
    "MIND_GAMES": "Mind game",
    "GUILT": "Guilt-trip",
}
# One sentence of the calmer version for each kind of problem found.
CALMER = {
    "BLAME": "I feel hurt about how things went, and I know I played a part in it too.",
    "GUILT": "I'm sad, and I'm working on looking after myself.",
    "MIND_GAMES": "I still care about you, and I'd rather be straightforward than play games.",
    "PRESSURE": "There's no rush to answer; take whatever time you need.",
}


@dataclass(frozen=True)
class DraftReview:
    hits: List[Hit]
    word_count: int

    @property
    def is_wall_of_text(self) -> bool:
        return self.word_count > WALL_OF_TEXT_WORDS

    @property
    def is_clean(self) -> bool:
        return not self.hits and not self.is_wall_of_text


@functools.lru_cache(maxsize=1)
def _rules() -> PhraseRules:
    return PhraseRules(load_pipeline().vocab, PATTERNS)


def review_draft(draft: str) -> DraftReview:
    doc = load_pipeline()(plain_text(draft).lower())
    words = sum(1 for token in doc if token.is_alpha)
    return DraftReview(hits=_rules().find(doc), word_count=words)


def calmer_version(review: DraftReview) -> str:
    labels = {hit.label for hit in review.hits}
    middle = [sentence for label, sentence in CALMER.items() if label in labels]
    if not middle:
        middle = ["I feel sad about how things ended, and I miss what we had."]
    return " ".join(
        [
            "I've been thinking about us, and I wanted to be honest.",
            *middle,
            "If you'd ever like to talk, I'd like that too.",
        ]
    )


def render_review(draft: str, review: DraftReview) -> str:
    if review.is_clean:
        return (
            "This reads calm and honest: I don't see blame, pressure or games "
            "in it. Before you send it, make sure you'd be okay with any "
            "answer, including no answer at all."
        )
    lines = ["Here's what I noticed:"]
    for label in dict.fromkeys(hit.label for hit in review.hits):
        quotes = ", ".join(f'"{_quote(draft, hit)}"' for hit in review.hits if hit.label == label)
        lines.append(f"• {LABEL_NAMES[label]}: {quotes} {WHY[label]}.")
    if review.is_wall_of_text:
        lines.append(
            f"• Length: at {review.word_count} words it's a wall of text. A few "
            "honest sentences land better; the rest can wait for a conversation."
        )
    lines.append(f'A calmer version could be: "{calmer_version(review)}"')
    return "\n".join(lines)


def _quote(draft: str, hit: Hit) -> str:
    """The person's own words for a hit found in the plain, lower-cased draft."""
    if len(plain_text(draft).lower()) == len(draft):
        return draft[hit.start_char : hit.end_char]
    return hit.text  # lower-casing changed the offsets (rare Unicode)


class ValidateDraftForm(FormValidationAction):
    def name(self) -> str:
        return "validate_draft_form"

    def validate_message_draft(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        if not isinstance(slot_value, str) or not any(c.isalpha() for c in slot_value):
            dispatcher.utter_message(
                text="I couldn't find any words to look at. Paste the message "
                'as you\'d send it, or say "stop".'
            )
            return {"message_draft": None}
        return {"message_draft": slot_value.strip()}


class ActionReviewMessageDraft(Action):
    def name(self) -> str:
        return "action_review_message_draft"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        draft: Optional[str] = tracker.get_slot("message_draft")
        if draft:
            dispatcher.utter_message(text=render_review(draft, review_draft(draft)))
        # The draft is not kept: it was only needed for this review.
        return [SlotSet("message_draft", None)]
