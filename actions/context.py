"""What the person has told about themselves, kept in slots on every turn and
corrected when they correct it: the ex's name, when it ended, what they want
(win back, unsure, move on, co-parent), whether the ex asked to get back
together, whether they see a counsellor, whether they asked for no advice,
and progress they report.

Rasa runs ``action_validate_slot_mappings`` after every message; the replies
read these slots (response conditions in domain.yml, heartwise/nlg.py) so
that a person moving on is not coached to win anyone back, a person with a
counsellor is not sent to find one, and a name given is a name used.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from heartwise.language import load_pipeline
from heartwise.language.breakup_time import days_since
from heartwise.language.practical import load_topics

RELATION = r"(?:ex|ex-?(?:boyfriend|girlfriend|husband|wife|partner)|boyfriend|girlfriend|bf|gf|husband|wife|fianc[ée]e?|partner|missus|hubby)"
# "my boyfriend lewis", "divorced from lauren", "broke up with Theo", "Chloe dumped me"
NAME_AFTER = [
    re.compile(rf"\b{lead}\s+(?P<name>[A-Za-z][a-z]{{1,14}})\b", re.IGNORECASE)
    for lead in (
        rf"my {RELATION}(?:,| called| named|(?: is|'s) (?:called|named)|'s name is)?",
        r"(?:divorced|separated|split(?: up)?) (?:from|with)",
        r"broke up with",
        r"dumped",
    )
]
NAME_BEFORE = re.compile(
    r"\b(?P<name>[A-Z][a-z]{1,14})\s+(?:dumped me|left me|broke up with me|ended (?:it|things))\b"
)
# "Nadia, my girlfriend of two years."
NAME_THEN_ROLE = re.compile(
    rf"^\W*(?P<name>[A-Za-z][a-z]{{1,14}}),\s+my {RELATION}\b", re.IGNORECASE
)
# "7 months since sam left", "aisha and i split": lower case too.
NAME_SINCE = re.compile(
    r"\bsince (?P<name>[a-z]{2,14}) (?:left|walked out|moved out|ended it|dumped me|broke up with me)\b"
    r"|\b(?P<partner>[a-z]{2,14}) and i (?:split|broke up|separated|called it off|ended (?:it|things))\b",
    re.IGNORECASE,
)
# "rob moved out 2 months ago": a name first in the message, lower case too.
NAME_FIRST = re.compile(
    r"^\W*(?P<name>[a-z]{2,14}) (?:moved out|walked out|left me|dumped me|broke up with me"
    r"|ended (?:it|things)|cheated on me)\b",
    re.IGNORECASE,
)
NOT_A_NAME = frozenset(
    """i me him her them us you it and but so then now just who was is has had the a an my
    his for to of in on at me after because when since last this that we they he she
    again ago today yesterday recently finally basically literally only already over
    out up about recently years months weeks days home work school every all by still always
    never really so such constantly ex bf gf boyfriend girlfriend husband wife partner fiance
    fiancee hubby missus broke left dumped cheated said told moved texted messaged keeps wants
    blocked unfollowed ghosted honestly anyway well ok okay yeah yes no right hi hey hello look
    listen ugh also tbh lol sorry dad mum mom everyone everybody someone flatmate roommate
    housemate friend sister brother son daughter kids parents landlord anymore though tho too
    either lmao haha btw actually lately currently ever forever back anyways""".split()
)
GOALS = [
    (
        "co_parent",
        r"co-?parent|we share (?:the )?(?:kids|children)|(?:divorced|separated)\b[^.?!]{0,60}\b(?:kids|children|son|daughter)|for the kids",
    ),
    (
        "move_on",
        r"(?:want|trying|need|ready) to move on|moving on|(?:don'?t|do not|dont) want (?:him|her|them|[a-z]{2,14})(?: to come)? back|not getting back together|no wish to get back|why would i want to reconcile|that ship (?:has )?sailed|i'?m done with (?:him|her|them)|stop suggesting",
    ),
    (
        "unsure",
        r"(?:don'?t|do not|dont) (?:even |really |actually )?know (?:if|whether) (?:i (?:even |still )?want|to)|torn between|not sure (?:if|whether) (?:i want|to try|we should)|part of me wants",
    ),
    (
        "win_back",
        # Not "i do not want him back", nor "i don't know if i want her back".
        r"(?<!not )(?<!n't )(?<!dont )(?<!if i )(?<!whether i )(?:want|get|win) (?:him|her|them|my ex) back"
        r"|(?<!not )(?<!n't )(?<!dont )(?:want|try) to (?:get back together|try again|make it work)",
    ),
]
# "he wants me back", "she keeps asking to try again", "he's begging for
# another chance": the ex is the one asking, and the answer is the person's
# decision, not a wish of theirs to be understood.
_NOT = r"(?!(?:doesn'?t|does not|dont|don'?t|never|didn'?t|won'?t|wouldn'?t|isn'?t)\b)"
# "he would want to come back", "she might ask me back": a guess, not news.
_NOT_A_GUESS = r"(?!(?:would|might|could|may|'d)\b)"
EX_WANTS_BACK = re.compile(
    rf"\b(?:he|she|they|(?:my )?ex)(?:'?s|'?re| is| are| has| have| keeps| kept)?\s+{_NOT}{_NOT_A_GUESS}"
    rf"(?:\w+\s+)?{_NOT}"
    r"(?:wants?|wanted|asked|asks|asking|begg\w*|pleading)\s+"
    r"(?:me\s+back|(?:me\s+)?(?:if we (?:can|could) |to )(?:get back together|try again|come back|"
    r"work (?:it|things) out|give (?:it|us|things) another (?:go|shot|try))|(?:me\s+)?for (?:another|a second) "
    r"(?:chance|go|shot|try))",
    re.IGNORECASE,
)
# "mike hasn't said he wants to try again", "he hasn't asked me back": the
# person putting Heartwise right.
EX_HAS_NOT_ASKED = re.compile(
    r"\b(?:he|she|they|ex)\s+(?:has|have|had|did|does|is|was)?\s*(?:n'?t|not|never)\s+(?:\w+\s+){0,2}?"
    r"(?:said|asked|told me|mentioned|suggested|wants?|asking)\b[^.?!]{0,40}?"
    r"\b(?:back|try again|get back together|another (?:go|chance|try))",
    re.IGNORECASE,
)
COUNSELLOR = re.compile(
    r"\bmy (?:\w+ )?(?:counsell?or|therapist|psychologist|psychiatrist)\b|\bi (?:see|have|go to|started seeing|'?ve been seeing) (?:a )?(?:counsell?or|therapist|psychologist)\b|\b(?:in|started) (?:therapy|counselling|counseling)\b",
    re.IGNORECASE,
)
NO_ADVICE = re.compile(
    r"\b(?:don'?t|do not|dont) (?:want|need|give me) (?:any |a |more )?(?:advice|tips?|suggestions?|ideas?)\b|\bjust (?:want|need) to (?:vent|rant|talk|get it out)\b|\bback to (?:venting|ranting|just listening)\b|\bjust listen\b|\bno advice\b|\b(?:don'?t|dont) tell me to\b",
    re.IGNORECASE,
)
# A direct how-to question asks for advice again: "i want to move on from
# tom. how do i do that" got "No advice from me, just listening" in role-play.
WANTS_ADVICE = re.compile(
    r"\bwhat (?:should|do|can) i do\b|\bany (?:advice|tips|ideas)\b|\bcan you (?:help|give me)\b|\bgive me (?:some )?advice\b"
    r"|\bhow (?:do|can|should|would) i\b|\bhelp me\b|\b(?:some|give me|need) (?:tips|ideas)\b"
    # "ok vent over. real question", "i DO want advice now"
    r"|\b(?:vent(?:ing)?|rant(?:ing)?) over\b|\breal question\b|\bdone (?:venting|ranting)\b"
    r"|\bi (?:do |actually |now )?(?:want|need) (?:some |your )?advice\b"
    # "how do people get through the first birthday after"
    r"|\bhow (?:do|does|did|can|would) (?:people|anyone|others|you) (?:\w+ )?(?:get through|cope|deal with|handle|survive|get over)\b"
    # "ok i'll allow ONE small suggestion", but not "don't give me one suggestion"
    r"|(?<!n't )(?<!dont )(?<!not )\b(?:allow|accept|take|give me|want|have) (?:just )?(?:one|a|some|any) "
    r"(?:small |little |quick |tiny )?(?:suggestion|tip|idea|piece of advice)s?\b",
    re.IGNORECASE,
)
PROGRESS = re.compile(
    r"\b(?:didn'?t|did not|didnt|haven'?t|havent) (?:text|message|call|contact|check|look at|stalk)\w*\b[^.?!,;]{0,40}?(?=\s+(?:and|but|so|because)\b|[,.?!;]|$)"
    r"|\b(?:unfollowed|muted|blocked|deleted|archived)\b[^.?!,;]{0,30}?(?=\s+(?:and|but|so|because)\b|[,.?!;]|$)"
    r"|\b(?:saw|went to|booked|rang|called) (?:my |a |the )?(?:gp|doctor|counsell?or|therapist)\b[^.?!,;]{0,30}?(?=\s+(?:and|but|so|because)\b|[,.?!;]|$)"
    r"|\b\d+ (?:days|weeks) (?:no contact|without (?:texting|contact))\b"
    r"|\b(?:i'?m|im|i am) not (?:replying|responding|answering|texting (?:him|her|them) back)\b"
    r"|\b(?:went|been going) (?:to the gym|for a run|running|back to (?:work|the gym))\b[^.?!,;]{0,20}?(?=\s+(?:and|but|so|because)\b|[,.?!;]|$)",
    re.IGNORECASE,
)
ABOUT_THE_BREAKUP = re.compile(
    r"\b(?:broke up|break ?up|split|left (?:me|him|her)|dumped|ended (?:it|things)|divorc|separat|"
    r"walked out|moved out|finished (?:it|things|with)|since (?:he|she|they|we)|it'?s been|been "
    r"(?:together|apart|single)|(?:days|weeks|months|years) ago|not \w+ (?:days|weeks))\b",
    re.IGNORECASE,
)
SELF_CORRECTION = re.compile(r"\b(?:actually|i mean|sorry|wait|no)\b", re.IGNORECASE)
CORRECTION = re.compile(r"\bnot\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


class ValidateSlotMappings(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        progress = next((e["value"] for e in events if e.get("name") == "progress"), None)
        said = [e.get("text") or "" for e in tracker.events if e.get("event") == "bot"]
        if progress:
            earlier = sum(1 for text in said for tail in ACKNOWLEDGED if text.endswith(tail))
            dispatcher.utter_message(text=acknowledgement(progress, earlier))
        elif takes_pride(_text(tracker)):
            earlier = sum(1 for text in said if text in PRIDE_ACKNOWLEDGEMENTS)
            dispatcher.utter_message(text=PRIDE_ACKNOWLEDGEMENTS[earlier % 2])
        return events

    def extract_ex_name(
        self, dispatcher: Any, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        return _changed(tracker, "ex_name", _latest_told(tracker, "ex_name", ex_name_in))

    def extract_goal(self, dispatcher: Any, tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        goal = _latest_told(tracker, "goal", goal_in)
        # A co-parent who says they are moving on is still a co-parent: "why
        # would i want to reconcile? we're divorced" changes nothing about
        # the handovers.
        if goal == "move_on" and tracker.get_slot("goal") == "co_parent":
            return {}
        return _changed(tracker, "goal", goal)

    def extract_ex_wants_back(
        self, dispatcher: Any, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        text = _text(tracker)
        name = ex_name_in(text) or tracker.get_slot("ex_name")
        return _changed(tracker, "ex_wants_back", ex_wants_back_in(text, name))

    def extract_has_counsellor(
        self, dispatcher: Any, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        return _changed(
            tracker,
            "has_counsellor",
            _latest_told(
                tracker, "has_counsellor", lambda text: bool(COUNSELLOR.search(text)) or None
            ),
        )

    def extract_no_advice(
        self, dispatcher: Any, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        text = _text(tracker)
        if NO_ADVICE.search(text):
            return _changed(tracker, "no_advice", True)
        if tracker.get_slot("no_advice") and WANTS_ADVICE.search(text):
            return {"no_advice": False}
        return {}

    def extract_progress(
        self, dispatcher: Any, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        found = PROGRESS.search(_text(tracker))
        if not found:
            return {}
        phrase = re.sub(r"(?:\s+(?:btw|tbh|lol|haha|though|tho))+$", "", found.group().strip(" ,."))
        return {"progress": as_said_to_them(phrase)}

    def extract_time_since_breakup(
        self, dispatcher: Any, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        phrase = breakup_time_in(_text(tracker), tracker.latest_message.get("entities") or [])
        return _changed(tracker, "time_since_breakup", phrase)

    def extract_reconciliation_off(
        self, dispatcher: Any, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        # Read after goal (slots are extracted in domain order, goal first).
        off = (
            tracker.get_slot("goal") in ("move_on", "co_parent")
            or bool(tracker.get_slot("minor_disclosed"))
            or bool(tracker.get_slot("abuse_disclosed"))
        )
        return _changed(tracker, "reconciliation_off", off)


def _latest_told(
    tracker: Tracker, slot: str, read: Callable[[str], Optional[Any]]
) -> Optional[Any]:
    """What the latest message says; while the slot is still empty, what the
    most recent earlier message said. Rasa's two-stage fallback takes back the
    events of an unclear message once the next one is understood, and with
    them the facts it carried ("divorced from lauren, two kids" asked back as
    "what do you mean?"); the messages themselves stay in the history."""
    found = read(_text(tracker))
    if found is not None or tracker.get_slot(slot) is not None:
        return found
    for text in reversed(_earlier_texts(tracker)):
        found = read(text)
        if found is not None:
            return found
    return None


def _earlier_texts(tracker: Tracker) -> List[str]:
    texts = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    return [text for text in texts[:-1] if not text.startswith("/")]


def _text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text


def _changed(tracker: Tracker, slot: str, value: Optional[Any]) -> Dict[str, Any]:
    if value is None or tracker.get_slot(slot) == value:
        return {}
    return {slot: value}


def ex_name_in(text: str) -> Optional[str]:
    for pattern in (*NAME_AFTER, NAME_BEFORE, NAME_SINCE, NAME_THEN_ROLE, NAME_FIRST):
        for match in pattern.finditer(text):
            name = match.group("name") or match.groupdict().get("partner")
            if name.lower() not in NOT_A_NAME and (name[0].isupper() or not _a_word(name)):
                return name.capitalize()
    return None


def _a_word(written: str) -> bool:
    """Whether a word in lower case is an ordinary English word, not a name:
    "my bf ended it" names nobody. A verb's form has a lemma of its own
    ("ended", "texted"), and small words are stop words; a name written with a
    capital ("my bf Miles") is taken as one even so."""
    token = load_pipeline()(written.lower())[0]
    return token.is_stop or token.lemma_ != token.lower_


def ex_wants_back_in(text: str, name: Optional[str] = None) -> Optional[bool]:
    # "marco wants to get back together": the ex by name.
    if name:
        text = re.sub(rf"\b{re.escape(name)}\b", "ex", text, flags=re.IGNORECASE)
    if EX_HAS_NOT_ASKED.search(text):
        return False
    return True if EX_WANTS_BACK.search(text) else None


def goal_in(text: str) -> Optional[str]:
    for goal, pattern in GOALS:
        found = re.search(pattern, text, re.IGNORECASE)
        if found and not _things_not_the_ex(found.group(0), text):
            return goal
    return None


# "she still has my bike and my charger. how do i get them back": "them" are
# the things, not the ex (role-play set the goal to winning her back).
_THINGS = re.compile(
    rf"{load_topics().cues['belongings']}|{load_topics().cues['keepsakes']}", re.IGNORECASE
)


def _things_not_the_ex(said: str, text: str) -> bool:
    return bool(re.search(r"\bthem\b", said, re.IGNORECASE)) and bool(_THINGS.search(text))


def breakup_time_in(text: str, entities: List[Dict[str, Any]]) -> Optional[str]:
    """The time the breakup happened, from the entity ruler's time phrases,
    but only when the message is about the breakup ("last summer" in a draft
    about pictures is not); of several, the one not corrected away ("five
    weeks ago, not five days")."""
    if not ABOUT_THE_BREAKUP.search(text):
        return None
    times = [
        entity
        for entity in entities
        if entity.get("entity") == "time_since_breakup"
        and days_since(entity.get("value")) is not None
    ]
    kept = [
        entity for entity in times if not CORRECTION.search(text[: entity.get("start", 0)][-20:])
    ]
    # "5 days ago, actually no its been 5 weeks": the time after a correction.
    for entity in reversed(kept):
        if SELF_CORRECTION.search(text[: entity.get("start", 0)][-30:]):
            return entity["value"]
    chosen = (kept or times)[:1]
    return chosen[0]["value"] if chosen else None


_YOURS = {
    "i": "you",
    "my": "your",
    "me": "you",
    "i'm": "you're",
    "im": "you're",
    "myself": "yourself",
    "mine": "yours",
}
ACKNOWLEDGEMENTS = (
    "You {progress}: that's a real step, and harder than it sounds. It counts.",
    "Good for you: you {progress}. Small steps like that are how this gets easier.",
    "You {progress}. I know that took something; well done.",
)
# "weirdly proud of myself this week", "proud of me?": pride in a step
# already told deserves a yes of its own.
PRIDE_ACKNOWLEDGEMENTS = (
    "You've every reason to be proud of yourself. Choosing what's good for you, again and again, "
    "is how this gets easier.",
    "Yes, be proud. That took more strength than it looks from the outside, and it counts.",
)
_NEGATION = frozenset({"not", "never", "dont", "isnt", "aint", "no"})
ACKNOWLEDGED = tuple(wording.rsplit(". ", 1)[-1] for wording in ACKNOWLEDGEMENTS)


def takes_pride(text: str) -> bool:
    """ "proud of myself", "feeling kinda proud"; not "i'm not proud of it"."""
    for found in re.finditer(r"\bproud\b", text, re.IGNORECASE):
        before = text[: found.start()]
        clause = re.split(r"[.,;!?]", before)[-1]
        words = re.findall(r"[a-z']+", clause.lower())[-3:]
        if any(word in _NEGATION or word.endswith("n't") for word in words):
            continue
        if re.match(r"\s+of (?:myself|me)\b", text[found.end() :], re.IGNORECASE) or re.search(
            r"\b(?:i'?m|im|i am|feel|feeling)\s+(?:\w+\s+)?$", before, re.IGNORECASE
        ):
            return True
    return False


def as_said_to_them(phrase: str) -> str:
    """ "saw my GP about sleep" -> "saw your GP about sleep"."""
    return " ".join(_YOURS.get(word.lower(), word) for word in phrase.split())


def acknowledgement(progress: str, earlier: int) -> str:
    if progress[:1].isdigit():
        progress = f"managed {progress}"
    return ACKNOWLEDGEMENTS[earlier % len(ACKNOWLEDGEMENTS)].format(progress=progress)
