"""The feeling a person named, said back in their own terms.

"i feel so stupid for believing him" is reflected as "Feeling stupid for
believing him", "i miss her so much" as "Missing her": which feeling, and
about what, with the pronouns turned round. Used before a topic answer
(heartwise/nlg.py) and when someone only wants to be listened to
(actions/listening.py). Nothing is reflected when no feeling is named: a
guessed feeling is worse than none.
"""

from __future__ import annotations

import re
from typing import List, Optional

FEELINGS = [
    *(
        "lonely alone sad gutted heartbroken devastated crushed exhausted tired numb empty hurt "
        "angry furious livid jealous betrayed stupid embarrassed humiliated ashamed relieved "
        "confused lost scared anxious sick broken miserable low rubbish awful crap shit worthless "
        "unlovable guilty stuck nervous overwhelmed drained hollow raw"
    ).split(),
    r"used(?!\s+to\b)",  # not "used to"
    r"not (?:ok|okay|alright|fine)",
    r"like (?:an? )?(?:idiot|fool|failure|mess|loser|shit|crap|rubbish|nothing)",
]
_HEDGES = r"(?:so|really|just|completely|totally|pretty|kind of|kinda|a bit|very|super|such|feeling|absolutely|fucking|bloody|actually|honestly|literally|genuinely)"
_ABOUT = r"(?:about|for|that|because|since|when|after|without|over|by|at|of|like)"
_ONE = rf"(?:{'|'.join(FEELINGS)})"
FEELING = re.compile(
    # Only the person's own feelings: "does he feel guilty" is not theirs.
    rf"(?:\b(?:i\s*(?:'m|’m|m|am)|im|i\s+feel|i\s+felt|i'?ve\s+been|i\s+was)|^feeling)\s+"
    rf"(?:{_HEDGES}\s+)*(?P<feeling>{_ONE}(?:\s+(?:and|&)\s+(?:{_HEDGES}\s+)*{_ONE})?)\b"
    rf"(?P<about>\s+{_ABOUT}\b[^.,!?;:\n()]{{1,80}})?",
    re.IGNORECASE,
)
MISSING = re.compile(
    r"\bi\s+(?:really\s+|just\s+|still\s+|so\s+)*miss\s+(?P<whom>him|her|them|us|[A-Z][a-z]{1,14})\b"
)
CANNOT = re.compile(
    r"\b(?:i\s+)?(?:can'?t|cant|cannot)\s+(?P<what>eat|sleep|stop crying|focus|function|stop thinking about (?:him|her|them))"
    r"(?P<more>\s+or\s+(?:eat|sleep|focus|function))?",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:don'?t|do not|didn'?t|never|not|no longer|dont)\s*$", re.I)
# Someone else's words: "he texted saying 'i miss us'" is his feeling.
QUOTED = re.compile(r"(?:^|(?<=\s))['\"‘“][^'\"’”\n]{1,160}['\"’”](?=\W|$)")
# The about-phrase ends where the next thought starts.
_NEXT_THOUGHT = re.compile(r"\s+(?:and|but|so|lol|tbh|idk|haha|though|tho|which|cos|cuz)\b.*", re.I)
_TURNED = {
    "i": "you",
    "me": "you",
    "my": "your",
    "myself": "yourself",
    "mine": "yours",
    "i'm": "you're",
    "im": "you're",
    "am": "are",
    "i've": "you've",
    "ive": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "you": "me",
    "your": "my",
}
TEMPLATES = (
    "{feeling}: that's a lot to carry.",
    "{feeling}. No wonder this hurts.",
    "{feeling}: that makes sense after all this.",
)
# A verdict on oneself ("i feel like an idiot") is said back without agreeing
# with it: "that makes sense" read as "so I AM an idiot??" in role-play.
SELF_CRITICAL = re.compile(
    r"\b(?:stupid|worthless|unlovable|like (?:an? )?(?:idiot|fool|failure|loser|nothing|mess))\b",
    re.IGNORECASE,
)
SELF_CRITICAL_TEMPLATES = (
    "{feeling}: that's a harsh verdict on yourself, and being hurt doesn't make it true.",
    "{feeling}. A lot of people say that after being let down; it's not the whole truth about you.",
)


def reflect(text: str, turn: int = 0) -> Optional[str]:
    """One sentence naming what the person feels, or None if they named nothing."""
    parts = _feelings_named(text)
    if not parts:
        return None
    said = " and ".join(parts[:2])
    templates = SELF_CRITICAL_TEMPLATES if SELF_CRITICAL.search(said) else TEMPLATES
    return templates[turn % len(templates)].format(feeling=said[0].upper() + said[1:])


def _feelings_named(text: str) -> List[str]:
    text = QUOTED.sub(" ", text)
    found: List[tuple] = []
    for match in FEELING.finditer(text):
        if _NEGATED.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        about = _turned(_NEXT_THOUGHT.sub("", match.group("about") or ""))
        feeling = re.sub(rf"\s+{_HEDGES}\b", "", match.group("feeling").lower().replace("&", "and"))
        found.append((match.start(), f"feeling {feeling}{about}"))
    for match in MISSING.finditer(text):
        # "i miss who i was more than i miss her": not her, most of all.
        if re.search(r"\bthan\s*$", text[max(0, match.start() - 8) : match.start()], re.I):
            continue
        whom = match.group("whom")
        found.append((match.start(), f"missing {whom if whom[0].isupper() else whom.lower()}"))
    for match in CANNOT.finditer(text):
        what = match.group("what").lower() + (match.group("more") or "").lower()
        found.append((match.start(), f"not being able to {_turned(' ' + what).strip()}"))
    return list(dict.fromkeys(phrase for _, phrase in sorted(found)))


def _turned(phrase: str) -> str:
    words = phrase.split(" ")
    out = []
    for index, word in enumerate(words):
        lower = word.lower()
        if lower == "was" and index and words[index - 1].lower() == "i":
            out.append("were")
        else:
            out.append(_TURNED.get(lower, word))
    return " ".join(out).rstrip()
