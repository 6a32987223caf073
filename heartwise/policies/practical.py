"""A practical question ("should i block him", "how do i get my stuff back",
"she'll be at the wedding, what do i say") gets the answer to that question
(the domain's utter_practical_<topic>), not the paragraph of the topic the
classifier heard it as.

Which question a message asks is the NLU's finding (``practical`` in the parse
data, heartwise/nlu/practical_questions.py). It is answered only when the
message asks something, shows no risk at all, and names no tool or the guide.
After abuse was disclosed, a question about collecting one's things or a
party they will be at is about seeing a dangerous person: those answers have
a safety variant (domain.yml), and topics without one keep the rules'
safety-first answers. Dating and intimacy are not discussed with someone
under 18.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.language.answers import asks_something
from heartwise.language.practical import ANSWER_PREFIX, PracticalMatch
from heartwise.language.risk import SAFETY_INTENTS
from heartwise.policies.context_policy import (
    TOOL_INTENTS,
    Answer,
    ContextPolicy,
    answers_a_safety_question,
    reply_before_this_message,
    typed_message,
)

NOT_FOR_MINORS = frozenset({"sleeping_with_them", "dating_again"})
# After abuse was disclosed: the topics whose answer has a variant for it
# (collecting one's things, a shared home, a party they'll be at, a message
# from them, blocking them, money, location sharing), and those that involve
# no contact. The rest (staying friends, sleeping together...) keep the
# safety-first answers of the rules.
ANSWERED_AFTER_ABUSE = frozenset(
    {
        "block",
        "belongings",
        "living_together",
        "same_event",
        "reply_to_them",
        "keepsakes",
        "social_media",
        "eating_sleeping",
        "telling_people",
        "shared_money",
        "location_sharing",
    }
)
# The guide, or something said about the conversation: the rules answer.
LEFT_TO_THE_RULES = (
    TOOL_INTENTS
    | SAFETY_INTENTS
    | {
        "start_guide",
        "request_reflection",
        "correct_misunderstanding",
        "bot_challenge",
        "ask_capabilities",
        "goodbye",
        "stop",
    }
)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class PracticalQuestionPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        match = practical_question(tracker)
        return (match.answer, []) if match else None

    def after(self, action: Optional[str]) -> Optional[str]:
        # Each answer ends with its own question.
        return ACTION_LISTEN_NAME if action and action.startswith(ANSWER_PREFIX) else None


def practical_question(tracker: DialogueStateTracker) -> Optional[PracticalMatch]:
    """The practical question the latest message asks, if it is this policy's to answer."""
    message = typed_message(tracker)
    if message is None:
        return None
    found: Dict[str, Any] = message.parse_data.get("practical") or {}
    risk = message.parse_data.get("risk") or {}
    intent = (message.intent or {}).get("name")
    if (
        not found
        or risk.get("level") not in (None, "none")
        or intent in LEFT_TO_THE_RULES
        or not asks_something(message.text or "")
        or answers_a_safety_question(tracker)
    ):
        return None
    match = PracticalMatch(**found)
    if not match.sure and reply_before_this_message(tracker) != match.answer:
        return None
    return match if fits_the_person(match, tracker) else None


def fits_the_person(match: PracticalMatch, tracker: DialogueStateTracker) -> bool:
    if tracker.get_slot("abuse_disclosed") and match.topic not in ANSWERED_AFTER_ABUSE:
        return False
    return not (match.topic in NOT_FOR_MINORS and tracker.get_slot("minor_disclosed"))


def practical_answer_behind_a_guess(
    tracker: DialogueStateTracker, parse_data: Dict[str, Any]
) -> Optional[str]:
    """For a safety guess the conversation has ruled out (the person said no
    to the question a few messages ago): the answer to the practical question
    the message asks, if it is sure and fits the person. Role-play: "the venue
    deposit was £3000 ... is that fair?" got advice on kindness."""
    found = parse_data.get("practical") or {}
    if not found or not asks_something(parse_data.get("text") or ""):
        return None
    match = PracticalMatch(**found)
    return match.answer if match.sure and fits_the_person(match, tracker) else None
