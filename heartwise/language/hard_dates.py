"""Days that mark a relationship: birthdays, anniversaries, the holidays.

The first of each without the ex is among the hardest days of the first year,
and a message about one deserves an answer that names the day before the
topic's advice: "she texted on my birthday, i read it 40 times" is about a
message on a birthday, and "how do people get through the first birthday
after" asks how to face one. Said in "your ex" so that the name the person
gave takes its place (heartwise/language/names.py). The news alone, which
gives no advice, is also how someone who only wants to vent is heard
(actions/listening.py). Nothing is said for a day only
mentioned in passing: a guessed meaning is worse than none.
"""

from __future__ import annotations

import re
from typing import Iterator, Match, Optional, Sequence, Tuple

_DAYS = {
    "birthday": "birthday",
    "bday": "birthday",
    "b-day": "birthday",
    "anniversary": "anniversary",
    "christmas": "Christmas",
    "xmas": "Christmas",
    "valentines": "Valentine's Day",
    "valentine's": "Valentine's Day",
    "valentines day": "Valentine's Day",
    "valentine's day": "Valentine's Day",
    "new year": "New Year",
    "new years": "New Year",
    "new year's": "New Year",
    "thanksgiving": "Thanksgiving",
}
# Whose day it is, as the reply says it.
_WHOSE = {"my": "your", "our": "your", "his": "his", "her": "her", "their": "their"}
DAY = re.compile(
    r"\b(?:(?P<whose>my|our|his|her|their|the|a)\s+)?(?:first\s+)?"
    r"(?P<day>valentine'?s(?: day)?|new year'?s?|b-?day|birthday|anniversary|christmas|xmas|thanksgiving)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.?!\n]+")
# The ex got in touch on the day: "she texted on my birthday", "he sent a card for xmas".
CONTACT = re.compile(
    r"\b(?:she|he|they|[A-Z][a-z]+)\s+(?:\w+\s+)?(?:texted|messaged|called|rang|phoned|wished|sent|dm'?d|snapped|emailed)\b",
)
# Facing one: "how do people get through the first birthday after", "dreading xmas".
FACING = re.compile(
    r"\bhow (?:do|does|did|can|will|would|should|am|are) (?:i|people|anyone|you|one|we)\b[^.?!]{0,30}"
    r"\b(?:get through|survive|cope|deal with|handle|face|manage|do)\b"
    r"|\b(?:dreading|coming up|round the corner|around the corner)\b",
    re.IGNORECASE,
)


def heard_from_them_on_the_day(text: str) -> Optional[str]:
    """ "Hearing from your ex on your birthday…", said back without advice."""
    for sentence, name, day in _days_in(text):
        if CONTACT.search(sentence):
            whose = _WHOSE.get((day.group("whose") or "").lower())
            # A birthday with no owner named is "that birthday"; a holiday is itself.
            owner = whose or ("that" if name.islower() else "")
            on_the_day = f"on {owner} {name}".replace("  ", " ")
            return (
                f"Hearing from your ex {on_the_day} would stop anyone in their tracks, "
                "and it's no wonder it has stayed with you."
            )
    return None


def facing_the_day(text: str, earlier: Sequence[str] = ()) -> Optional[str]:
    """How to face a day that is coming, the first one above all. The day may
    have been named in an earlier message ("our anniversary is on saturday",
    then "how do you even get through it"), the latest first in ``earlier``."""
    if not FACING.search(text):
        return None
    for message in (text, *earlier):
        for sentence, name, _ in _days_in(message):
            first = "The first" if re.search(r"\bfirst\b", sentence, re.I) else _article(name)
            return (
                f"{first} {name} without your ex is one of the hardest days of the first year, "
                "and dreading it is normal. It helps to plan the day rather than wait for it: "
                "who you'll be with, something to fill it, and an easy evening."
            )
    return None


def _article(name: str) -> str:
    return "An" if name[0].lower() in "aeiou" else "A"


def _days_in(text: str) -> Iterator[Tuple[str, str, Match[str]]]:
    for sentence in _SENTENCE.findall(text):
        day = DAY.search(sentence)
        if day:
            yield sentence, _DAYS[re.sub(r"\s+", " ", day.group("day").lower())], day
