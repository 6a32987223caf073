"""Reading the answer to the bot's own safety questions in context.

Two questions wait for an answer: the gentle one after hopelessness ("do you
have thoughts of ending your life?") and the one after the crisis lines ("are
you thinking about it right now?"). Read alone, an answer misleads the
classifier: "no im not going to do anything tonight, its just heavy" looks
like a plan, and "not right this minute, but it's been on my mind a lot" looks
like small talk. Read as an answer, the first is a no and the second a yes.

What the message itself shows still comes first: a pattern or a bank match of
self-harm (not the classifier's guess alone) overrules a "no", and one that
is imminent gets emergency services whatever the answer.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.misread import SAYS_MISREAD
from actions.requeue import requeue_latest_message

THOUGHTS_QUESTION = "utter_risk_check_in"
RIGHT_NOW_QUESTION = "utter_crisis_check_in"
REPLY_SLOT = "check_in_reply"


class Answer(Enum):
    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


# A yes, or an answer that is not a no: unsure counts as yes, since the
# question is whether they are safe.
_STARTS_YES = re.compile(
    r"^\W*(y(es|eah?|ep|a|h)|sometimes|kind of|kinda|sort of|a (little|bit)|i do|"
    r"honestly,? (yes|yeah)|maybe|often|every ?day|all the time|most days)\b"
)
_THOUGHTS_PRESENT = re.compile(
    r"\b(on my mind|thought about it|think about it|thinking about it|been thinking|"
    r"can'?t promise|not sure|(do ?n'?t|dont) know|i might|more than i)"
)
_STARTS_NO = re.compile(
    r"^\W*(no+|nah|nope|not really|not at all|never|definitely not|god no|"
    r"i'?m not|im not|i am not|i would(n'?t| never)|i won'?t|i'?m (ok|okay|fine|safe))\b"
)
# The question was about right now: "not right now" answers it with a no,
# and the reply to a no says that thoughts which are not urgent still matter.
_NOT_NOW = re.compile(r"^\W*(no,? )?not (right )?(now|this minute|at the moment|tonight)\b")


def read_answer(text: str, question: str) -> Answer:
    said = text.lower().replace("’", "'").strip()
    if question == RIGHT_NOW_QUESTION and _NOT_NOW.match(said):
        return Answer.NO
    if _STARTS_YES.match(said) or _THOUGHTS_PRESENT.search(said):
        return Answer.YES
    # "You misread me" answers the question too: with a no, and the reply to
    # a no still keeps the lines in view.
    if _STARTS_NO.match(said) or SAYS_MISREAD.search(said):
        return Answer.NO
    return Answer.UNCLEAR


# What each question's answers get: the value of the slot `check_in_reply`,
# on which data/rules/safety.yml branches to the replies. The yes to "do you
# have thoughts" is the crisis turn; the yes to "right now" is the urgent one.
REPLIES: Dict[str, Dict[Answer, str]] = {
    THOUGHTS_QUESTION: {Answer.YES: "lines", Answer.NO: "declined"},
    RIGHT_NOW_QUESTION: {Answer.YES: "urgent", Answer.NO: "not_dismissed"},
}
IMMINENT_REPLY = "emergency"


class ActionReadCheckInAnswer(Action):
    """Answers a reply to a safety question as the answer it is."""

    def name(self) -> str:
        return "action_read_check_in_answer"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        question = _question_answered(tracker)
        message = tracker.latest_message
        text = message.get("text") or ""
        if question is None:
            return [SlotSet(REPLY_SLOT, None), *requeue_latest_message(tracker)]
        risk = message.get("risk") or {}
        self_harm = risk.get("category") == "self_harm"
        shown = self_harm and _shown_in_words(risk)
        if shown and risk.get("level") == "imminent":
            return _reply(IMMINENT_REPLY, disclosed=True)
        answer = read_answer(text, question)
        if answer is Answer.UNCLEAR and self_harm:
            answer = Answer.YES
        if answer is Answer.NO and shown and risk.get("level") in ("high", "imminent"):
            answer = Answer.YES
        if answer is Answer.UNCLEAR:
            return [SlotSet(REPLY_SLOT, None), *requeue_latest_message(tracker)]
        disclosed = answer is Answer.YES or question == RIGHT_NOW_QUESTION
        return _reply(REPLIES[question][answer], disclosed)


def _reply(reply: str, disclosed: bool) -> List[EventType]:
    # A no to "do you have thoughts" also takes back a misread of the answer
    # itself ("not going to do anything tonight" is read as a plan).
    return [SlotSet(REPLY_SLOT, reply), SlotSet("self_harm_disclosed", disclosed)]


def _shown_in_words(risk: Dict[str, Any]) -> bool:
    """Whether a pattern or a bank match, not the classifier alone, found the risk."""
    return any(not str(why).startswith("classifier") for why in risk.get("evidence") or [])


def _question_answered(tracker: Tracker) -> Optional[str]:
    """The safety question the bot asked last before this message, if it did."""
    events = list(tracker.events)
    latest_user = max(
        (index for index, event in enumerate(events) if event.get("event") == "user"),
        default=len(events),
    )
    for event in reversed(events[:latest_user]):
        if event.get("event") == "action" and event.get("name") != "action_listen":
            name = event.get("name")
            return name if name in REPLIES else None
    return None
