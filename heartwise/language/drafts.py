"""How a second version of a draft is introduced right after a review ("ok
fair. what about: ..."), shared by the policy that notices it
(heartwise/policies/pasted_draft.py) and the action that reviews it."""

from __future__ import annotations

import re

ANOTHER_VERSION = re.compile(
    r"^\W*(?:(?:ok\w*|fair|fair enough|right|fine|hmm+|so|yeah|alright)[\s,.!]*)*"
    r"(?:what about|how about|and this|this one|new version|try this|ok this)\b\W*",
    re.IGNORECASE,
)
