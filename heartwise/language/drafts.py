"""Drafts inside other words: a second version introduced right after a
review ("ok fair. what about: ..."), shared by the policy that notices it
(heartwise/policies/pasted_draft.py) and the action that reviews it; and a
draft carried in the request to check it (actions/draft_coach.py)."""

from __future__ import annotations

import re
from typing import Optional

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
# "can you check the shorter version": a request for a check, not a draft.
NAMES_A_CHECK = re.compile(r"\b(?:check|proofread|look (?:at|over)|go over)\b", re.IGNORECASE)
# "can u help me word the text", "how should i phrase it": no draft yet, a
# wish for help with the words (actions/draft_coach.py asks for a first go).
ASKS_FOR_WORDS = re.compile(
    r"\b(?:help (?:me )?(?:to )?|how (?:do|should|would|can) i (?:even )?"
    r"|(?:can|could|would) (?:you|u) (?:help me )?)"
    r"(?:word|phrase|write)\b[^.?!]{0,30}"
    r"\b(?:text|txt|message|msg|reply|email|note|letter|it|this|that)\b",
    re.IGNORECASE,
)
# "anyway heres what ive got so far: hi chloe...", "ok new one. hi chloe...",
# "last one, added a bit so its not so cold: ...": the draft follows the
# lead-in. Role-play: each got "that's beyond what I can do".
_LEAD_IN = re.compile(
    r"(?:\b(?:here'?s|heres|here is)\s+(?:what i'?ve got|what ive got|what i have|what i wrote"
    r"|my (?:draft|text|message|attempt|version|reply)|the (?:text|message|draft|reply)|a draft"
    r"|another (?:one|version|go))(?:\s+so far)?[^:\n.]{0,40}[:.\n]"
    r"|(?:^|[.!?]\s+)\W*(?:(?:ok\w*|so|anyway|right|alright|fine|fair)[\s,.!]*)*"
    r"(?:new|another|last|final) (?:one|version|draft|attempt|go)\s*(?:[:.\n]|,[^:\n.]{0,40}:)"
    r"|\b(?:what abt|what about|how about) this\s*:)"
    r"\s*(?P<draft>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_QUOTED = re.compile(r"[\"“](?P<draft>[^\"”]{12,})[\"”]")
DRAFT_WORDS = 4


def draft_in_request(text: str) -> str | None:
    """The draft a request to check one carries, if it carries one."""
    for pattern in (_QUOTED, _AFTER_A_COLON, _LEAD_IN):
        found = pattern.search(text)
        if found:
            draft = found.group("draft").strip(" \"'“”")
            if len(draft.split()) >= DRAFT_WORDS:
                return draft
    return None


def draft_after_a_lead_in(text: str) -> str | None:
    """The draft after "heres what ive got so far:" or "ok new one.", if any."""
    found = _LEAD_IN.search(text)
    if not found:
        return None
    draft = found.group("draft").strip(" \"'“”")
    return draft if len(draft.split()) >= DRAFT_WORDS else None


# Said about a draft just reviewed, not a new draft or a new topic: "too
# cold?", "does it need 'hope you're well'? feels fake", "whats the calmer
# version again". Short, and about the message's tone or its rewrite.
TONE_WORRIES = {
    "cold": re.compile(
        r"\b(?:cold|blunt|harsh|short|curt|distant|robotic|stiff|formal|abrupt|"
        r"like i don'?t care|like i dont care)\b",
        re.IGNORECASE,
    ),
    "fake": re.compile(
        r"\b(?:fake|forced|cheesy|not me|not like me|hope you'?re well|hope ur ok|greeting)\b",
        re.IGNORECASE,
    ),
    "too_much": re.compile(
        r"\b(?:needy|desperate|too much|too long|clingy|over the top|pathetic|begging)\b",
        re.IGNORECASE,
    ),
}
CALMER_VERSION = re.compile(
    r"\b(?:calmer|new|better|shorter|other|your) (?:version|one|wording)\b|\bthe rewrite\b",
    re.IGNORECASE,
)
# Longer than this, it is a story or a new draft, not a remark on the last one.
REMARK_WORDS = 25


def remark_on_the_draft(text: str) -> Optional[str]:
    """What a short remark about a reviewed draft is about: "calmer_version",
    one of TONE_WORRIES, or None."""
    if len(text.split()) > REMARK_WORDS:
        return None
    if CALMER_VERSION.search(text):
        return "calmer_version"
    return next((worry for worry, said in TONE_WORRIES.items() if said.search(text)), None)
