"""A co-parent's practical questions, answered as co-parenting.

Someone who said they share children with their ex (actions/context.py sets
``goal`` to ``co_parent``) writes about handovers, money for the kids, or
what to tell a child who asks whether mum and dad will live together again.
The intent classifier knows these only as neighbours of other topics: a
handover question got "pick up a hobby", a school-trip payment the fallback,
a money worry the gentle question about ending one's life. This policy
answers them with the co-parenting replies, and steps aside for anything
else: after abuse, inside forms, for tools and for any risk the safety net
found beyond a lone guess.
"""

from __future__ import annotations

import re
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.policies.context_policy import (
    Answer,
    ContextPolicy,
    message_before_this_one,
    only_a_guess,
    typed_message,
)

INTRODUCED = "utter_co_parent_intro"
MONEY = "utter_co_parent_money"
HANDOVERS = "utter_co_parent_handovers"
CHILDS_QUESTIONS = "utter_co_parent_childs_questions"
# Handovers name no child ("sunday handovers are always tense"), so they
# need none.
HANDOVER_WORDS = re.compile(
    r"\b(?:hand-?overs?|pick-?ups?|pickups?|drop-?offs?|dropoffs?|contact weekends?"
    r"|(?:her|his|my|their) weekends?|schedule|calendar|rota|(?:pick|drop) (?:them|the kids) (?:up|off))\b",
    re.I,
)
TOPICS = (
    (HANDOVERS, HANDOVER_WORDS),
    (
        MONEY,
        re.compile(
            r"(?:£|\$|€)\s?\d|\b(?:money|pay|paid|paying|halves|half|maintenance|child support"
            r"|costs?|fees?|deposit|transfer|owes?)\b",
            re.I,
        ),
    ),
    (
        CHILDS_QUESTIONS,
        re.compile(
            r"\b(?:keeps? asking|asks?|asked|asking)\b[^.?!]{0,40}\b(?:why|if|whether|when)\b"
            r"|\bwhat (?:do|should|can) i (?:say|tell)\b[^.?!]{0,25}\bwhen (?:he|she|they) asks?\b"
            r"|\b(?:kids?|children|son|daughter)\b[^.?!]{0,30}\bconfused\b",
            re.I,
        ),
    ),
)
# Where the message is about the children at all.
CHILDREN = re.compile(
    r"\b(?:kids?|children|child|sons?|daughters?|eldest|youngest|schools?|nursery|trips?|residentials?"
    r"|uniforms?|\w+'s \d{1,2})\b",
    re.I,
)
# What a co-parent's practical question is mistaken for. Safety intents are
# left to the rules, except the classifier's lone "gentle question" guess.
MISREAD_AS = frozenset(
    {
        "nlu_fallback",
        "out_of_scope",
        "ask_self_improvement",
        "ask_communication",
        "ask_kindness",
        "ask_space",
        "ask_compatibility",
        "assess_relationship",
        "express_feelings",
        "express_anger",
        "want_ex_back",
        "consider_moving_on",
        "ask_legal",
        "ask_therapy",
    }
)
LONE_GUESS = "express_hopelessness"
# What a co-parent's introduction of themselves is heard as.
UNPLACED = frozenset({"nlu_fallback", "out_of_scope"})
# A short follow-up ("what do i say to him when he asks") is read with the
# message before it.
SHORT = 12


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class CoParentingPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        reply = co_parenting_reply(tracker)
        return (reply, []) if reply else None

    def after(self, action: Optional[str]) -> Optional[str]:
        replies = (INTRODUCED, MONEY, HANDOVERS, CHILDS_QUESTIONS)
        return ACTION_LISTEN_NAME if action in replies else None


def co_parenting_reply(tracker: DialogueStateTracker) -> Optional[str]:
    if tracker.get_slot("goal") != "co_parent" or tracker.get_slot("abuse_disclosed"):
        return None
    message = typed_message(tracker)
    if message is None:
        return None
    intent = (message.intent or {}).get("name")
    lone_guess = intent == LONE_GUESS and only_a_guess(message.parse_data)
    # "thing is she said shed go halves on school trips then paid 2 months
    # late" read as a correction, with no safety reply there to take back.
    a_correction_of_nothing = intent == "correct_misunderstanding" and not tracker.get_slot(
        "self_harm_disclosed"
    )
    if intent not in MISREAD_AS and not lone_guess and not a_correction_of_nothing:
        return None
    topic = _topic(message.text)
    if topic is None and len(message.text.split()) <= SHORT:
        topic = _topic(message_before_this_one(tracker) or "")
    # "divorced from lauren 14 months ago, two kids. not after relationship
    # advice, just need help with a message" fell back, and the next message,
    # inside the fallback's question, could not be answered as co-parenting.
    if topic is None and intent in UNPLACED and _said_so_just_now(tracker):
        return INTRODUCED
    return topic


def _said_so_just_now(tracker: DialogueStateTracker) -> bool:
    """Whether this very message said they share children with the ex."""
    for event in reversed(list(tracker.events)):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, SlotSet) and event.key == "goal" and event.value == "co_parent":
            return True
    return False


def _topic(text: str) -> Optional[str]:
    if not CHILDREN.search(text) and not HANDOVER_WORDS.search(text):
        return None
    return next((reply for reply, pattern in TOPICS if pattern.search(text)), None)
