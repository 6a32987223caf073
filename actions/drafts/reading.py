"""What a message in the draft coach is: the draft itself, or something said
to Heartwise about it ("so should I send it or not?"); and what the draft is
for, so that a text about a school trip stays a text about a school trip."""

from __future__ import annotations

import functools
import re
from enum import Enum
from typing import Dict, Sequence

from spacy.tokens import Doc

from heartwise.language import load_pipeline
from heartwise.language.matching import Pattern, PhraseRules


class Reading(Enum):
    DRAFT = "draft"
    QUESTION = "question"  # said to Heartwise, about the draft or texting
    UNSURE = "unsure"  # could be either: ask
    NOTHING = "nothing"  # "ok", "sure": the draft is still to come


class Purpose(Enum):
    LOGISTICS = "logistics"
    RECONCILE = "reconcile"
    APOLOGY = "apology"
    CLOSURE = "closure"
    OTHER = "other"


_FILLER = frozenset(
    "ok okay k kk sure yes yeah yep ya fine alright right cool hmm um umm uh well so "
    "wait one sec second hang on ready here it is goes go thanks".split()
)
_LEAD = r"(?:(?:so|ok|okay|but|and|wait|hmm+|um+|lol|right|well|honestly|also|like)[,.!]*\s+)*"
# How a sentence said to Heartwise starts: asking whether, how or what to
# send, or asking it to work on the draft. "can you pay half" is a draft;
# "can you make it nicer" is not.
_TO_HEARTWISE = re.compile(
    _LEAD + r"(?:should i|do (?:yo)?u think|what do (?:yo)?u think|would it be|"
    r"is it (?:ok|okay|alright|bad|weird|too|wise|a good idea|worth|better|normal)|"
    r"is (?:that|this|it) (?:too|ok|okay|alright|bad|weird|good|better|fine|desperate|needy|"
    r"harsh|enough|mean|much)|was (?:that|this)|how (?:do|should|would|can|long) i|"
    r"how long|what (?:should|do|would|can|could) i|what if i|do i|"
    r"(?:will|would|does|do) (?:he|she|they)|am i|idk (?:what|how|where)|"
    r"i (?:haven'?t|have not|havent) (?:actually )?(?:written|wrote)|"
    r"(?:i )?(?:haven'?t|havent) (?:actually )?(?:written|wrote)|"
    r"i don'?t (?:even )?know (?:what|how|where)|help me|be honest|check (?:the|my|this|it)|"
    r"context|(?:can|could|would|will) (?:yo)?u (?:make|check|look|read|help|rewrite|reword|"
    r"fix|improve|write|tell me|soften|shorten|tweak|edit|go over))\b",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|[.?!\n]\s*)(?=\w)")
# Phrases that speak to Heartwise, or of exes in general ("text your ex"),
# removed before looking for a "you" that speaks to the ex.
_NOT_TO_THE_EX = re.compile(
    r"\b(?:do|d'?|what do|would|did) ?(?:yo)?u think\b|\b(?:can|could|would|will) (?:yo)?u "
    r"(?:make|check|look|read|help|rewrite|reword|fix|improve|write|tell me|soften|shorten|"
    r"tweak|edit|go over)\b|\bthank (?:yo)?u\b|\b(?:yo)?u think\b|\b(?:your|ur) ex\b|"
    r"\b(?:you'?re|ur|you are) supposed to\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(
    r"\b(?:you|u|ya|your|ur|yours|you'?re|you'?ll|you'?ve|you'?d|yourself)\b", re.I
)
_GREETING = re.compile(r"^\W*(?:hi|hey|hiya|hello|dear|morning|evening|yo)\b|^\W*\w+,\s", re.I)
_SIGN_OFF = re.compile(r"\b(?:x+|love|thanks|cheers|take care)\W*$", re.I)
_THIRD_PERSON = re.compile(r"\b(?:he|she|they|him|her|them|my ex|his|hers)\b", re.I)
# Up to this many words, a message without a clear sign may be either.
SHORT_WORDS = 3


def read_message(text: str) -> Reading:
    """Whether a message in the draft coach is the draft; UNSURE means ask."""
    words = re.findall(r"[a-z']+", text.lower())
    if not words or all(word in _FILLER for word in words):
        return Reading.NOTHING
    to_heartwise = any(
        _TO_HEARTWISE.match(text, start.end()) for start in _SENTENCE_START.finditer(text)
    )
    to_the_ex = bool(_SECOND_PERSON.search(_NOT_TO_THE_EX.sub(" ", text)))
    if to_heartwise:
        return Reading.UNSURE if to_the_ex else Reading.QUESTION
    if len(words) <= SHORT_WORDS:
        return Reading.UNSURE
    if to_the_ex or _GREETING.search(text) or _SIGN_OFF.search(text):
        return Reading.DRAFT
    # Told about the ex, to Heartwise: "he liked one of my photos, weird right??"
    if _THIRD_PERSON.search(text):
        return Reading.QUESTION if "?" in text else Reading.UNSURE
    return Reading.DRAFT


def _lemma(*lemmas: str) -> Dict[str, object]:
    return {"LEMMA": {"IN": list(lemmas)}}


def _any(*words: str) -> Dict[str, object]:
    return {"LOWER": {"IN": list(words)}}


_YOU = _any("you", "u", "ya")
# Words of practical arrangements, matched as typed and as lemmas ("rent"
# has the lemma "rend").
_PRACTICAL = (
    "pay",
    "money",
    "cost",
    "trip",
    "school",
    "pick",
    "pickup",
    "collect",
    "drop",
    "custody",
    "weekend",
    "kid",
    "child",
    "children",
    "kids",
    "son",
    "daughter",
    "form",
    "bill",
    "rent",
    "lease",
    "deposit",
    "key",
    "keys",
    "stuff",
    "belonging",
    "belongings",
    "box",
    "dog",
    "cat",
    "car",
    "insurance",
    "mortgage",
    "schedule",
    "handover",
    "appointment",
    "dentist",
    "uniform",
    "fee",
    "furniture",
    "sofa",
    "account",
    "transfer",
    "venmo",
    "paypal",
    "maintenance",
    "council",
    "bank",
    "boxes",
    "parcel",
    "passport",
    "tax",
    "nursery",
    "swap",
    "vet",
    "pet",
    "rota",
)
PURPOSES: Dict[str, Sequence[Pattern]] = {
    "LOGISTICS": [
        [_lemma(*_PRACTICAL)],
        [_any(*_PRACTICAL)],
        [{"LOWER": {"REGEX": r"^[£$€]\d|^\d+(\.\d\d)?$"}}],
        [_any("£", "$", "€")],
        [_any("half"), _any("of", "the")],
        [_lemma("split"), _any("the", "it", "costs", "cost")],
    ],
    "RECONCILE": [
        [_lemma("miss", "love"), _YOU],
        [_any("come"), _any("back")],
        [_any("back"), _any("together")],
        [
            _any("another", "second", "one"),
            {"LOWER": "more", "OP": "?"},
            _any("chance", "go", "try"),
        ],
        [_lemma("try"), _any("again")],
        [_any("start"), _any("over")],
        [_any("still"), _lemma("love", "care", "want", "think")],
        [_any("want"), _YOU, _any("back")],
        [_any("us"), _any("again")],
        # "is there any chance at all"
        [_any("any"), _any("chance")],
    ],
    "APOLOGY": [
        [_any("sorry")],
        [_lemma("apologise", "apologize", "apology")],
        [_any("forgive"), _any("me")],
        [_any("i"), _any("was"), _any("wrong")],
    ],
    "CLOSURE": [
        [_any("goodbye", "closure")],
        [_lemma("wish"), _YOU, _any("well", "the", "all", "happiness", "luck")],
        [_any("all"), _any("the"), _any("best")],
        [_any("take"), _any("care")],
        [_lemma("move", "moving"), _any("on")],
        [_any("let"), _any("go")],
        [_any("thank", "thanks"), _YOU, _any("for")],
        [_any("good"), _any("luck")],
    ],
}


@functools.lru_cache(maxsize=1)
def _purpose_rules() -> PhraseRules:
    return PhraseRules(load_pipeline().vocab, PURPOSES)


def purpose_of(doc: Doc) -> Purpose:
    """What a draft is for. Practical words in a love letter ("I miss you,
    and the kids miss you") do not make it logistics."""
    labels = {hit.label for hit in _purpose_rules().find(doc)}
    if "LOGISTICS" in labels and "RECONCILE" not in labels:
        return Purpose.LOGISTICS
    for purpose in (Purpose.RECONCILE, Purpose.APOLOGY, Purpose.CLOSURE):
        if purpose.name in labels:
            return purpose
    return Purpose.OTHER
