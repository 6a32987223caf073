"""Turns what people say about when they broke up into a number of days.

The entity ruler (heartwise/language/entity_patterns.jsonl) finds phrases like
"3 weeks ago", "been two months" or "last night"; this reads them.
"""

from __future__ import annotations

import re
from typing import Optional

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "couple": 2,
    "few": 3,
    "several": 4,
    "many": 6,
}
_UNIT_DAYS = {
    "hour": 0,
    "hr": 0,
    "day": 1,
    "week": 7,
    "wk": 7,
    "month": 30,
    "mo": 30,
    "year": 365,
    "yr": 365,
}
_FIXED = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": 1,
    "last night": 1,
    "this week": 3,
    "this weekend": 2,
    "last weekend": 5,
    "last week": 7,
    "last month": 30,
    "last summer": 180,
    "last winter": 180,
    "last spring": 180,
    "last fall": 180,
    "last autumn": 180,
    "last christmas": 330,
    "last year": 365,
}
_AMOUNT = re.compile(
    r"(?:(?P<half>half a)|(?P<count>\d+|[a-z]+))?(?:\s+of)?\s*(?P<unit>hour|hr|day|week|wk|month|mo|year|yr)s?\b"
)


def days_since(phrase: Optional[str]) -> Optional[int]:
    """Roughly how many days ago ``phrase`` puts the breakup, or None."""
    if not phrase:
        return None
    text = " ".join(phrase.lower().split())
    for words, days in _FIXED.items():
        if words in text:
            return days
    match = _AMOUNT.search(text)
    if not match:
        return None
    unit_days = _UNIT_DAYS[match.group("unit")]
    if match.group("half"):
        return unit_days // 2
    count_text = match.group("count") or "a"
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS.get(count_text, 1)
    return count * unit_days


def describe(days: int) -> str:
    """Plain words for a span of days ("about 3 weeks")."""
    if days <= 1:
        return "only a day or so"
    if days < 14:
        return f"{days} days"
    if days < 60:
        return f"about {round(days / 7)} weeks"
    if days < 365:
        return f"about {round(days / 30)} months"
    years = round(days / 365)
    return "about a year" if years == 1 else f"about {years} years"
