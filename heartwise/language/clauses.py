"""Cuts a long message into the clauses a person would read as separate thoughts.

A story of ten sentences about a breakup can hide one sentence that matters
more than the rest; compared as a whole, the message looks like the story.
"""

from __future__ import annotations

import re
from typing import List, Tuple

# Sentence ends, line breaks, commas, dashes and the conjunctions that start
# a new thought in run-on messages.
_BREAK = re.compile(
    r"(?<=[.!?;:…])\s+|\n+|,\s+|\s+[-–—]+\s+"
    r"|\s+(?:but|and then|so|because|bc|cause|cuz|tho|though)\s+"
    # "...and i keep thinking": a new thought, where "me and him" is not.
    r"|\s+and\s+(?=(?:i|im|i'm|i've|ive|i'd)\b)",
    re.IGNORECASE,
)
# Shorter pieces ("ok so", "tbh") join the next one, or the last one.
MIN_WORDS = 4
# A message is cut into at most this many clauses: beyond that, the rest is one.
MAX_CLAUSES = 12

Span = Tuple[int, int]


# What a clause may not start with: the rest of the separator before it.
_LEADING = re.compile(r"[\s,;:.!?…\-–—]+")


def clause_spans(text: str) -> List[Span]:
    """Where each clause starts and ends; the whole text when it is one clause.

    Together the clauses cover every word: a conjunction that starts a new
    thought ("but i know") begins the next clause.
    """
    pieces: List[Span] = []
    start = 0
    for separator in _BREAK.finditer(text):
        pieces.append((start, separator.start()))
        leading = _LEADING.match(text, separator.start())
        start = leading.end() if leading else separator.start()
    pieces.append((start, len(text)))
    merged: List[Span] = []
    for begin, end in pieces:
        if not text[begin:end].strip():
            continue
        if merged and len(text[merged[-1][0] : merged[-1][1]].split()) < MIN_WORDS:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    # A short last piece ("anyway", "idk") belongs to the clause before it.
    if len(merged) > 1 and len(text[merged[-1][0] : merged[-1][1]].split()) < MIN_WORDS:
        merged[-2:] = [(merged[-2][0], merged[-1][1])]
    if len(merged) > MAX_CLAUSES:
        merged = [*merged[: MAX_CLAUSES - 1], (merged[MAX_CLAUSES - 1][0], merged[-1][1])]
    return merged or [(0, len(text))]


def clauses(text: str) -> List[str]:
    """The message's clauses, or the message alone when it is one clause."""
    return [text[begin:end] for begin, end in clause_spans(text)]
