"""The ex's name in place of "your ex", once the person has given it
(actions/context.py reads it). Shared by the response generator
(heartwise/nlg.py) and the actions that write their own replies."""

from __future__ import annotations

import re
from typing import Optional


def with_name(text: str, name: Optional[str]) -> str:
    """ "your ex" becomes the name the person gave ("Lewis", "Lewis's")."""
    if not name:
        return text
    text = re.sub(r"\b[Yy]our ex's\b", f"{name}'s", text)
    return re.sub(r"\b[Yy]our ex\b(?![-\w])", name, text)
