"""Drafts inside other words: a second version introduced right after a
review ("ok fair. what about: ..."), shared by the policy that notices it
(heartwise/policies/pasted_draft.py) and the action that reviews it; and a
draft carried in the request to check it (actions/draft_coach.py)."""

from __future__ import annotations

import re

ANOTHER_VERSION = re.compile(
    r"^\W*(?:(?:ok\w*|fair|fair enough|right|fine|hmm+|so|yeah|alright)[\s,.!]*)*"
    r"(?:what about|how about|and this|this one|new version|try this|ok this)\b\W*",
    re.IGNORECASE,
)

# A draft carried in the request itself: "can you check a text to Karen:
# Thanksgiving is mine this year...", or the words in quotes. Role-play found
# five people of seven pasting it this way and being asked to paste it again.
_AFTER_A_COLON = re.compile(
    r"\b(?:check|look at|read|look over|go over)\b[^:\n]{0,80}[:\n]\s*(?P<draft>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_QUOTED = re.compile(r"[\"“](?P<draft>[^\"”]{12,})[\"”]")
DRAFT_WORDS = 4


def draft_in_request(text: str) -> str | None:
    """The draft a request to check one carries, if it carries one."""
    for pattern in (_QUOTED, _AFTER_A_COLON):
        found = pattern.search(text)
        if found:
            draft = found.group("draft").strip(" \"'“”")
            if len(draft.split()) >= DRAFT_WORDS:
                return draft
    return None
