"""A calmer version of a draft, made from the person's own words: the parts
that hurt are taken out, the rest is kept in its order. Only when nothing is
left does the coach offer a few words of its own, chosen by what the draft
was for, so a text about money never comes back as a love note."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence

from actions.drafts.reading import Purpose
from heartwise.language.clauses import clause_spans
from heartwise.language.matching import Hit

# Problems that take their whole clause with them: there is no calm way to
# say a threat. Name-calling is cut out word by word instead, so "can you pay
# half, you selfish cow" keeps its question.
DROPS_THE_CLAUSE = frozenset(
    {
        "THREAT",
        "EXPOSURE",
        "BLAME",
        "GUILT",
        "MIND_GAMES",
        "DIG",
        "PRESSURE",
        "PLEADING",
        "DEADLINE",
    }
)
CUT_OUT = frozenset({"INSULT"})
BESIDE_AN_INSULT = frozenset(
    "you u ya ur such a an fucking f*cking fkn effing bloody stupid useless little absolute "
    "fat ugly dirty lying pathetic worthless selfish dumb silly lazy old complete total utter "
    "sad crazy mental disgusting".split()
)
# A calmer version is short: a few honest sentences.
MAX_WORDS = 60
# Fewer words than this left of a clause is not worth keeping ("you", "so").
MIN_WORDS = 3
# When nothing of the draft can be kept, a start in the coach's words.
OWN_WORDS = {
    Purpose.RECONCILE: "I've been thinking about us and I wanted to be honest: I miss what we "
    "had. If you'd ever like to talk, I'd like that too, and there's no rush to answer.",
    Purpose.APOLOGY: "I'm sorry for my part in how things went. You don't need to reply; I "
    "just wanted you to know.",
    Purpose.CLOSURE: "I wanted to say goodbye properly. I'm grateful for the good times, and "
    "I wish you well.",
}


def calmer_version(text: str, hits: Sequence[Hit], purpose: Purpose) -> Optional[str]:
    """The draft without what hurts; None when nothing is left of it and the
    purpose has no words of the coach's own (logistics: only the person
    knows what needs sorting)."""
    # "you owe me a conversation" has no calm form; "you need to pay by
    # Friday" is what a text about money is for.
    drops = DROPS_THE_CLAUSE if purpose is Purpose.LOGISTICS else DROPS_THE_CLAUSE | {"DEMAND"}
    kept: List[str] = []
    for start, end in clause_spans(text):
        inside = [hit for hit in hits if hit.start_char < end and start < hit.end_char]
        if any(hit.label in drops for hit in inside):
            continue
        clause = _cut_out(text, start, end, [hit for hit in inside if hit.label in CUT_OUT])
        if len(re.findall(r"[^\W\d_]+", clause)) >= MIN_WORDS:
            kept.append(_as_sentence(clause))
    kept = _shortened(kept)
    if kept:
        return " ".join(kept)
    return OWN_WORDS.get(purpose)


def _cut_out(text: str, start: int, end: int, hits: Sequence[Hit]) -> str:
    pieces, position = [], start
    for hit in sorted(hits, key=lambda hit: hit.start_char):
        if hit.start_char < position:
            continue
        pieces.append(_without_insult_words(text[position : max(hit.start_char, start)]))
        position = min(hit.end_char, end)
    pieces.append(text[position:end])
    clause = " ".join(piece.strip() for piece in pieces if piece.strip())
    return re.sub(r"\s+([,.!?])", r"\1", clause).lstrip(" ,;:-.!?").rstrip(" ,;:-")


def _without_insult_words(before: str) -> str:
    """What leads up to a cut word goes with it: "you useless" before "prick"."""
    while True:
        trimmed = before.rstrip(" ,;:-")
        word = re.search(r"[\w*']+$", trimmed)
        if not word or word.group().lower() not in BESIDE_AN_INSULT:
            return trimmed
        before = trimmed[: word.start()]


def _as_sentence(clause: str) -> str:
    clause = clause.strip(" ,;:-–—")
    clause = clause[:1].upper() + clause[1:]
    return clause if clause[-1:] in ".!?" else clause + "."


def _shortened(sentences: List[str]) -> List[str]:
    kept: List[str] = []
    words = 0
    for sentence in sentences:
        words += len(sentence.split())
        if kept and words > MAX_WORDS:
            break
        kept.append(sentence)
    return kept
