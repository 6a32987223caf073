"""A review of one draft: what it is for, every problem in it with the
person's own words, whether it must not be sent at all, and a calmer version."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

from spacy.tokens import Doc

from actions.drafts import harm, tone
from actions.drafts.reading import Purpose, purpose_of
from actions.drafts.rewrite import calmer_version
from heartwise.language import load_pipeline
from heartwise.language.characters import plain_text
from heartwise.language.clauses import clause_spans
from heartwise.language.matching import Hit, PhraseRules
from heartwise.language.safety import Category, SafetyRules

PATTERNS = {
    "THREAT": harm.THREAT,
    "EXPOSURE": harm.EXPOSURE,
    "INSULT": harm.INSULT,
    "BLAME": tone.BLAME,
    "PRESSURE": tone.PRESSURE,
    "DEMAND": tone.DEMAND,
    "DEADLINE": tone.DEADLINE,
    "MIND_GAMES": tone.MIND_GAMES,
    "GUILT": tone.GUILT,
    "DIG": tone.DIG,
    "PLEADING": tone.PLEADING,
    "HARMLESS": tone.HARMLESS,
    "SAID_OF_ONESELF": harm.SAID_OF_ONESELF,
}
LOOK_ALIKES = ("HARMLESS", "SAID_OF_ONESELF")
# Plain information in a practical message, pressure in a personal one.
FINE_IN_LOGISTICS = frozenset({"DEADLINE", "DEMAND"})
# Past this, a message to an ex reads as a wall of text.
WALL_OF_TEXT_WORDS = 120
# Never to be sent, in any wording.
DO_NOT_SEND = ("THREAT", "EXPOSURE")

LABEL_NAMES = {
    "THREAT": "Threat",
    "EXPOSURE": "Exposing them",
    "INSULT": "Insult",
    "BLAME": "Blame",
    "PRESSURE": "Pressure",
    "DEMAND": "Pressure",
    "DEADLINE": "Deadline",
    "MIND_GAMES": "Jealousy or mind game",
    "GUILT": "Guilt-trip",
    "DIG": "A dig",
    "PLEADING": "Pleading",
}
WHY = {
    "THREAT": "reads as a threat, however it was meant; it can frighten them and bring the "
    "police to your door",
    "EXPOSURE": "threatens to expose them; sharing private pictures or messages, or "
    "threatening to, hurts people badly and is a crime in many places",
    "INSULT": "is name-calling; it is the line they'll remember, and it ends any chance of "
    "being heard",
    "BLAME": "points a finger, and people who feel blamed defend themselves instead of listening",
    "PRESSURE": "reads as a demand; give them room to answer in their own time",
    "DEMAND": "reads as an order or a debt to pay; a request lands better",
    "DEADLINE": "sets a deadline, which reads as pressure in a personal message",
    "MIND_GAMES": "sounds like a bid to make them jealous or to look as if you don't care, "
    "which usually backfires",
    "GUILT": "turns your pain into a debt they owe you, which pushes people away",
    "DIG": "takes a swipe at them or at their new partner; it will be the line they answer, "
    "and it makes everything else in the message harder to sort",
    "PLEADING": "puts them in charge of how you feel; begging tends to push people further away",
}


@dataclass(frozen=True)
class DraftReview:
    hits: List[Hit]
    word_count: int
    purpose: Purpose
    calmer: Optional[str]
    # Read as a threat as a whole (by the classifier) without a phrase to quote.
    threatening_tone: bool = False
    # The draft itself speaks of ending one's life or self-harm.
    risk_to_self: bool = False
    # The classifier heard anger in it, whatever the phrases.
    sounds_angry: bool = False

    @property
    def labels(self) -> List[str]:
        return list(dict.fromkeys(hit.label for hit in self.hits))

    @property
    def is_threat(self) -> bool:
        return "THREAT" in self.labels or self.threatening_tone

    @property
    def must_not_be_sent(self) -> bool:
        return self.is_threat or any(label in DO_NOT_SEND for label in self.labels)

    @property
    def is_wall_of_text(self) -> bool:
        return self.word_count > WALL_OF_TEXT_WORDS

    @property
    def is_clean(self) -> bool:
        return not self.hits and not self.is_wall_of_text and not self.threatening_tone


@functools.lru_cache(maxsize=1)
def _rules() -> PhraseRules:
    return PhraseRules(load_pipeline().vocab, PATTERNS, look_alikes=LOOK_ALIKES)


@functools.lru_cache(maxsize=1)
def _safety() -> SafetyRules:
    return SafetyRules(load_pipeline().vocab)


def review_draft(
    draft: str, read_as_threat: bool = False, sounds_angry: bool = False
) -> DraftReview:
    """``read_as_threat``, ``sounds_angry``: how the classifier read it."""
    text = plain_text(draft)
    lowered = text.lower()
    # Offsets stay the person's own only if lower-casing kept the length.
    if len(lowered) != len(text):
        text = lowered
    doc = load_pipeline()(lowered)
    purpose = purpose_of(doc)
    hits = [
        hit
        for hit in _rules().find(doc)
        if not (hit.label in FINE_IN_LOGISTICS and purpose is Purpose.LOGISTICS)
    ]
    hits += _revealing(doc) + _veiled(doc)
    # Threats written about the ex or someone new ("i'll smash his face in")
    # are the safety patterns' work; a draft quotes them as threats.
    signals = [(signal, hit) for signal, hit in _safety().signals(doc) if not hit.cancelled_by]
    hits += [
        Hit("THREAT", hit.text, hit.start_char, hit.end_char)
        for signal, hit in signals
        if signal.category is Category.HARM_TO_OTHERS
    ]
    hits = sorted(set(hits), key=lambda hit: (hit.start_char, hit.label))
    return DraftReview(
        hits,
        word_count=sum(1 for token in doc if token.is_alpha),
        purpose=purpose,
        calmer=calmer_version(text, hits, purpose),
        threatening_tone=read_as_threat and not any(hit.label == "THREAT" for hit in hits),
        risk_to_self=any(signal.category is Category.SELF_HARM for signal, _ in signals),
        sounds_angry=sounds_angry,
    )


def render_review(draft: str, review: DraftReview) -> str:
    if review.is_clean:
        return _praise(review)
    lines = ["Please don't send this." if review.must_not_be_sent else "Here's what I noticed:"]
    if review.threatening_tone:
        lines.append(
            "• Threat: read as a whole, this comes across as a threat to them or "
            "to someone close to them, however it was meant."
        )
    for label in review.labels:
        quotes = ", ".join(f'"{quote}"' for quote in _quotes(draft, review.hits, label))
        lines.append(f"• {LABEL_NAMES[label]}: {quotes} {WHY[label]}.")
    if review.is_wall_of_text:
        lines.append(
            f"• Length: at {review.word_count} words it's a wall of text. A few "
            "honest sentences land better; the rest can wait for a conversation."
        )
    lines.append(_suggestion(review))
    return "\n".join(lines)


def _quotes(draft: str, hits: Sequence[Hit], label: str) -> List[str]:
    """Each phrase once, and none that a longer one already shows ("begging"
    inside "im begging")."""
    own = [hit for hit in hits if hit.label == label]
    shown = [
        hit
        for hit in own
        if not any(
            other is not hit
            and other.start_char <= hit.start_char
            and hit.end_char <= other.end_char
            and (other.end_char - other.start_char) > (hit.end_char - hit.start_char)
            for other in own
        )
    ]
    return list(dict.fromkeys(_quote(draft, hit) for hit in shown))


def _praise(review: DraftReview) -> str:
    if review.sounds_angry:
        return (
            "I didn't find a phrase to point at, but it reads as angry. Read it "
            "once as they will: does it get you what you want from sending it? "
            "If it's mostly to let the anger out, write that here instead."
        )
    if review.purpose is Purpose.LOGISTICS:
        return (
            "This is clear and practical: it says what needs sorting and nothing "
            "else. That's exactly right for this kind of message."
        )
    if review.purpose is Purpose.OTHER:
        # Nothing says what it is for: the coach can only say what it did not find.
        return (
            "I didn't find threats, insults, blame, pressure or games in it, but "
            "I can miss things: read it once as they will. Before you send it, "
            "make sure you'd be okay with any answer, including no answer at all."
        )
    return (
        "This reads calm and honest: I don't see threats, insults, blame, "
        "pressure or games in it. Before you send it, make sure you'd be okay "
        "with any answer, including no answer at all."
    )


def _suggestion(review: DraftReview) -> str:
    if review.must_not_be_sent:
        if review.calmer and review.purpose is Purpose.LOGISTICS:
            return f'If you still need to sort out the practical part, send only that: "{review.calmer}"'
        return (
            "Whatever you decide about contact, not this. Write the anger out "
            "here instead, where it can't hurt anyone."
        )
    if review.calmer:
        return f'A calmer version, in your own words: "{review.calmer}"'
    if review.purpose is Purpose.LOGISTICS:
        return (
            "Try keeping only what needs sorting: what's needed, by when, and "
            "nothing about the past. Paste it again and I'll look."
        )
    return (
        "Try saying how you feel instead of what they did or must do, for "
        'example "I feel hurt by how things ended." Paste a new version and '
        "I'll look again."
    )


def _quote(draft: str, hit: Hit) -> str:
    """The person's own words for a hit found in the plain, lower-cased draft."""
    if len(plain_text(draft).lower()) == len(draft):
        return draft[hit.start_char : hit.end_char]
    return hit.text  # normalising changed the offsets (look-alikes, rare Unicode)


def _veiled(doc: Doc) -> List[Hit]:
    """ "your Dominic works on the 4th floor, doesn't he": their world, then a
    tag question that leaves the rest unsaid."""
    ending = re.search(harm.TAG_QUESTION, doc.text)
    theirs = any(token.lower_ in ("your", "ur", "yr") for token in doc)
    named = any(token.lower_ in harm.THEIR_WORLD for token in doc)
    if not (ending and theirs and named):
        return []
    return [Hit("THREAT", ending.group().strip(" .?!…"), ending.start(), ending.end())]


def _revealing(doc: Doc) -> List[Hit]:
    """Exposure told as a story: "everyone at church is going to know exactly
    what kind of man you are" names an audience, then what it will learn."""
    found = []
    for start, end in clause_spans(doc.text):
        clause = doc.char_span(start, end, alignment_mode="expand")
        if clause is None:
            continue
        for audience in (token for token in clause if token.lower_ in harm.AUDIENCE):
            after = clause[audience.i - clause.start + 1 :]
            revealing = next((token for token in after if token.lower_ in harm.REVEALING), None)
            if revealing is None:
                continue
            between = doc[audience.i + 1 : revealing.i]
            if any(
                token.norm_ in harm.TO_COME or token.lower_ in harm.TO_COME for token in between
            ):
                span = doc[audience.i : revealing.i + 1]
                found.append(Hit("EXPOSURE", span.text, span.start_char, span.end_char))
                break
    return found


def classifier_reading(parse: Dict[str, Any]) -> Dict[str, bool]:
    """How the classifier read a pasted draft, as ``review_draft`` takes it:
    it hears threats and anger no phrase list names."""
    risk = parse.get("risk") or {}
    intent = (parse.get("intent") or {}).get("name")
    return {
        "read_as_threat": intent == "threaten_harm"
        or (risk.get("category") == "harm_to_others" and risk.get("level") not in (None, "none")),
        "sounds_angry": intent == "express_anger",
    }
