"""Cuts a long message into the clauses a person would read as separate thoughts.

A story of ten sentences about a breakup can hide one sentence that matters
more than the rest; compared as a whole, the message looks like the story.
"""

from __future__ import annotations

import re
from typing import List

# Sentence ends, line breaks, commas, dashes and the conjunctions that start
# a new thought in run-on messages.
_BREAK = re.compile(
    r"(?<=[.!?;:…])\s+|\n+|,\s+|\s+[-–—]+\s+"
    r"|\s+(?:but|and then|so|because|bc|cause|cuz|tho|though)\s+"
    # "...and i keep thinking": a new thought, where "me and him" is not.
    r"|\s+and\s+(?=(?:i|im|i'm|i've|ive|i'd)\b)",
    re.IGNORECASE,
)
# Shorter pieces ("ok so", "tbh") join the next one.
MIN_WORDS = 4
# A message is cut into at most this many clauses: beyond that, the rest is one.
MAX_CLAUSES = 12


def clauses(text: str) -> List[str]:
    """The message's clauses, or the message alone when it is one clause."""
    merged: List[str] = []
    for piece in _BREAK.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if merged and len(merged[-1].split()) < MIN_WORDS:
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    if len(merged) > MAX_CLAUSES:
        merged = [*merged[: MAX_CLAUSES - 1], " ".join(merged[MAX_CLAUSES - 1 :])]
    return merged or [text]
