"""Reading what someone says after a crisis reply, in the light of that reply.

Two questions wait for an answer: the gentle one after hopelessness ("do you
have thoughts of ending your life?") and the one after the crisis lines ("are
you thinking about it right now?"). Read alone, an answer misleads the
classifier: "no im not going to do anything tonight, its just heavy" looks
like a plan, and "not right this minute, but it's been on my mind a lot" looks
like small talk. Read as an answer, the first is a no and the second a yes.

What the message itself shows still comes first: a pattern or a bank match of
self-harm (not the classifier's guess alone) that is imminent gets emergency
services whatever the answer, and one that is high overrules a "no" to the
question about thoughts (not the one about right now: "not right now, but at
night i wish i wasnt here" is the no it says it is, and is answered with the
lines).

After a crisis reply, a question about the lines themselves ("what do i even
say if i call", "would they send the cops") is answered about the lines. Read
alone it is a question about talking to the ex, or a disclosure of abuse.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.requeue import requeue_latest_message
from heartwise.language.answers import SAYS_MISREAD, denies_a_risk
from heartwise.language.crisis_talk import question_about_the_lines
from heartwise.language.risk import guessed_only, shown_in_words

THOUGHTS_QUESTION = "utter_risk_check_in"
# The same question asked plainly, after "sure" to "Can I ask you directly?"
PLAIN_QUESTION = "utter_risk_check_in_plainly"
QUESTIONS_ABOUT_THOUGHTS = (THOUGHTS_QUESTION, PLAIN_QUESTION)
RIGHT_NOW_QUESTION = "utter_crisis_check_in"
# Asked again before "can we talk about something else" is taken up.
RIGHT_NOW_BEFORE_MOVING_ON = "utter_crisis_check_in_before_moving_on"
URGENT_REPLY = "utter_crisis_urgent"
REPLY_SLOT = "check_in_reply"


class Answer(Enum):
    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"
    # "sure" to "Can I ask you directly: ...?": yes to being asked.
    PERMISSION = "permission"


# A yes, or an answer that is not a no: unsure counts as yes, since the
# question is whether they are safe.
_STARTS_YES = re.compile(
    r"^\W*(y(es|eah?|ep|a|h|up)|sure|mhm+|uh[- ]?huh|definitely|probably|obviously|of course|"
    r"i guess|i have|i am|a lot|lots|sometimes|kind of|kinda|sort of|a (little|bit)|i do|"
    r"honestly,? (yes|yeah)|maybe|often|every ?day|all the time|most days|"
    r"idk|i (do ?n'?t|dont) know|(i'?m )?not sure|i might)\b"
)
# "not right now? sometimes at night its like whats even the point": the
# "sometimes" is the answer (role-play: heard as "I'm glad you're okay").
_THOUGHTS_PRESENT = re.compile(
    r"\b(on my mind|thought about it|think about it|thinking about it|been thinking|"
    r"can'?t promise|more than i|sometimes|some nights|most nights|at night)"
)
_STARTS_NO = re.compile(
    r"^\W*(no+|nah|nope|not really|not at all|never|definitely not|god no|"
    r"i'?m not|im not|i am not|i would(n'?t| never)|i won'?t|i'?m (ok|okay|fine|safe)|"
    r"i (said|told you|already said) no)\b"
)
# Said to a question about right now: a no, whose reply says that thoughts
# which are not urgent still deserve care.
_NOT_NOW = re.compile(
    r"\bnot (right )?(now|rn|atm|this (minute|second|moment|instant)|at the moment|tonight|today)\b"
)
ABOUT_RIGHT_NOW = (RIGHT_NOW_QUESTION, RIGHT_NOW_BEFORE_MOVING_ON, URGENT_REPLY)
# The gentle question asks leave to ask ("Can I ask you directly: ... do you
# have thoughts of ending your life?"), and a bare "sure" or "go on" gives
# that leave and says nothing about thoughts. Read as a yes, "sure", typed to
# an offer the person expected, brought the crisis lines to a man telling the
# guide he had started walking at lunchtime. The question is asked again,
# plainly; to that one, "sure" is a yes.
_PERMISSION = re.compile(
    r"^\W*(sure|ok(ay)?|k|go on|go ahead|ask( away| me)?|fire away|of course|(yes,? )?you can|fine)\W*$"
)


def read_answer(text: str, question: str) -> Answer:
    said = _plain(text)
    if question in QUESTIONS_ABOUT_THOUGHTS and _PERMISSION.match(said):
        return Answer.PERMISSION if question == THOUGHTS_QUESTION else Answer.YES
    if question in ABOUT_RIGHT_NOW and (_NOT_NOW.search(said) or _STARTS_NO.match(said)):
        return Answer.NO
    if _STARTS_YES.match(said) or _THOUGHTS_PRESENT.search(said):
        return Answer.YES
    # "You misread me" answers the question too: with a no, and the reply to
    # a no still keeps the lines in view.
    if _STARTS_NO.match(said) or SAYS_MISREAD.search(said):
        return Answer.NO
    return Answer.UNCLEAR


# After these the last reply was about the lines, and a question about
# calling is about the lines.
AFTER_THE_LINES = (
    THOUGHTS_QUESTION,
    PLAIN_QUESTION,
    RIGHT_NOW_QUESTION,
    RIGHT_NOW_BEFORE_MOVING_ON,
    URGENT_REPLY,
    "utter_crisis_not_dismissed",
    "utter_crisis_stay",
    "utter_crisis_call_now",
    "utter_risk_check_in_declined",
    "utter_about_crisis_lines",
    "utter_about_crisis_lines_and_police",
    "utter_about_crisis_lines_and_the_bill",
)
# After a correction, only if self-harm was disclosed: "the police thing, do
# they send cops if u call" followed a misread of the last question.
UNDO_MISREAD = "action_undo_misread_flag"
AFTER_A_CORRECTION = (UNDO_MISREAD,)
# What each question's answers get: the value of the slot `check_in_reply`,
# on which data/rules/safety.yml branches to the replies. The yes to "do you
# have thoughts" is the crisis turn, the yes to "right now" the urgent one,
# and a no after the urgent reply ("i said NO") is heard as the no it was.
REPLIES: Dict[str, Dict[Answer, str]] = {
    THOUGHTS_QUESTION: {
        Answer.YES: "lines",
        Answer.NO: "declined",
        Answer.PERMISSION: "ask_plainly",
    },
    PLAIN_QUESTION: {Answer.YES: "lines", Answer.NO: "declined"},
    RIGHT_NOW_QUESTION: {Answer.YES: "urgent", Answer.NO: "not_dismissed"},
    RIGHT_NOW_BEFORE_MOVING_ON: {Answer.YES: "urgent", Answer.NO: "something_else"},
    URGENT_REPLY: {Answer.NO: "not_dismissed"},
}


class ActionReadCheckInAnswer(Action):
    """Reads a reply to a crisis turn as the answer it is."""

    def name(self) -> str:
        return "action_read_check_in_answer"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        turn = _last_bot_turn(tracker)
        if turn not in AFTER_THE_LINES and not (
            turn in AFTER_A_CORRECTION and tracker.get_slot("self_harm_disclosed")
        ):
            return _not_an_answer(tracker)
        message = tracker.latest_message
        text = message.get("text") or ""
        risk = message.get("risk") or {}
        shown = shown_in_words(risk)
        self_harm = risk.get("category") == "self_harm"
        if shown and self_harm and risk.get("level") == "imminent":
            return _reply("emergency", disclosed=True)
        about_the_lines = None if shown else question_about_the_lines(text)
        if about_the_lines is not None:
            # Read alone, "would they call the cops on me" set the abuse flag.
            before = _value_before_this_message(tracker, "abuse_disclosed")
            return [SlotSet(REPLY_SLOT, about_the_lines), SlotSet("abuse_disclosed", before)]
        if turn not in REPLIES:
            return _not_an_answer(tracker)
        answer = read_answer(text, turn)
        if answer is Answer.UNCLEAR:
            answer = _classified_answer(message.get("intent") or {})
        if turn in ABOUT_RIGHT_NOW and not shown and denies_a_risk(_plain(text)):
            # "no!! i meant ending the RELATIONSHIP", "no. im not suicidal im
            # trying to get a watch back": the crisis reply misread the
            # message before, and "not right now" would keep it on record
            # (role-play: every guess after it brought the lines again).
            # Taken back as any misread is, with the lines kept in view.
            return [SlotSet(REPLY_SLOT, None), FollowupAction(UNDO_MISREAD)]
        if answer is Answer.UNCLEAR and self_harm:
            # Unsure counts as yes. But to "right now?", a story that only the
            # classifier reads as risk ("I think I'm most afraid of being the
            # one who gets left again") is not a yes to acting now: it gets
            # the reply to "not right now", which keeps the lines in view,
            # rather than emergency services first.
            story_guessed_at = guessed_only(risk) and turn in ABOUT_RIGHT_NOW
            answer = Answer.NO if story_guessed_at else Answer.YES
        if answer is Answer.NO and turn in QUESTIONS_ABOUT_THOUGHTS and shown and self_harm:
            answer = Answer.YES
        reply = REPLIES[turn].get(answer)
        if reply is None:
            return _not_an_answer(tracker)
        return _reply(reply, disclosed=answer is Answer.YES or turn not in QUESTIONS_ABOUT_THOUGHTS)


_CLASSIFIED_ANSWERS = {"affirm": Answer.YES, "deny": Answer.NO}
# Below this a bare "sorry" passes for a yes.
_SURE_ENOUGH = 0.5


def _classified_answer(intent: Dict[str, Any]) -> Answer:
    """The classifier's yes or no where the words gave none: "not right this
    second" had been put back in line and met with "Okay, no problem"."""
    if float(intent.get("confidence") or 0.0) < _SURE_ENOUGH:
        return Answer.UNCLEAR
    return _CLASSIFIED_ANSWERS.get(intent.get("name"), Answer.UNCLEAR)


def _reply(reply: str, disclosed: bool) -> List[EventType]:
    # A no to "do you have thoughts" also takes back a misread of the answer
    # itself ("not going to do anything tonight" is read as a plan).
    return [SlotSet(REPLY_SLOT, reply), SlotSet("self_harm_disclosed", disclosed)]


def _not_an_answer(tracker: Tracker) -> List[EventType]:
    """The message takes the rules it would take anywhere else."""
    return [SlotSet(REPLY_SLOT, None), *requeue_latest_message(tracker)]


def _plain(text: str) -> str:
    return text.lower().replace("’", "'").strip()


def _before_this_message(tracker: Tracker) -> List[Dict[str, Any]]:
    events = list(tracker.events)
    latest_user = max(
        (index for index, event in enumerate(events) if event.get("event") == "user"),
        default=len(events),
    )
    return events[:latest_user]


def _last_bot_turn(tracker: Tracker) -> Optional[str]:
    """The action the bot took just before this message."""
    for event in reversed(_before_this_message(tracker)):
        if event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name")
    return None


def _value_before_this_message(tracker: Tracker, slot: str) -> bool:
    for event in reversed(_before_this_message(tracker)):
        if event.get("event") == "slot" and event.get("name") == slot:
            return bool(event.get("value"))
    return False
