"""A question Heartwise asked sets what a typed yes or no means.

The rules know what the buttons mean: "yes" to "Would you like a question to
reflect on?" starts the reflection, "no" to "Are you somewhere safe right
now?" gets emergency numbers first. But a rule needs the classifier to have
heard ``affirm`` or ``deny``, and people type more than a button says: "yes
im at my mums" was read as a question about the bot, and "yes please, keep
that in my journal" as nothing at all. This policy reads the answer from
what the message opens with, in the light of the question, and does what the
button would have done.

"Are you somewhere safe?" is read whatever the classifier heard, because the
commonest answer to a misread disclosure is "no, he never did anything like
that": a "no" the rules would answer with emergency numbers. Read as a
correction, the flag is taken back with an apology (action_undo_misread_flag).

A message that carries a risk in its own words (a new disclosure) is left to
the rules, and so is anything longer than an answer to an offer.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import BotUttered
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.language.answers import Reply, opens_with, plain_reply, takes_back_abuse
from heartwise.policies.context_policy import (
    Answer,
    ContextPolicy,
    reply_before_this_message,
    risk_beyond_a_guess,
    typed_message,
)
from heartwise.policies.story import INVITING

ASK_SAFE_NOW = "utter_ask_safe_now"
SAFE_NOW = "utter_safe_now"
NOT_SAFE_NOW = "utter_not_safe_now"
UNDO_MISREAD = "action_undo_misread_flag"
ASSESS_RELATIONSHIP = "utter_assess_relationship"
ASSESSMENT_INTRO = "utter_assessment_intro"
ACKNOWLEDGE = "utter_acknowledge"
GO_ON = "utter_go_on"

NOT_SAFE = re.compile(
    r"\bnot (?:really |very )?safe\b|\b(?:he|she|they)(?:'s| is|'re| are) (?:here|outside|downstairs|"
    r"at the door|in the (?:house|flat|next room))\b",
    re.IGNORECASE,
)
SAFE = re.compile(
    r"\b(?:i'?m|im|i am) (?:safe|fine|ok(?:ay)?|alright|good)\b"
    r"|\b(?:i'?m|im|i am) (?:at|staying (?:at|with)|with) (?:my|a|home)\b"
    r"|\b(?:he|she|they)(?:'s| is|'re| are) (?:not here|gone|nowhere near)\b",
    re.IGNORECASE,
)


def _reflection_or_guide(tracker: DialogueStateTracker) -> str:
    # The offer said which: "say 'where were we?'" while the guide is paused,
    # a reflection question otherwise, and after three reminders (heartwise/nlg.py).
    offered_the_guide = "where were we" in (_last_bot_text(tracker) or "").lower()
    return (
        "guide_form"
        if tracker.get_slot("guide_paused") and offered_the_guide
        else "reflection_form"
    )


def _last_bot_text(tracker: DialogueStateTracker) -> Optional[str]:
    for event in reversed(list(tracker.events)):
        if isinstance(event, BotUttered) and event.text:
            return event.text
    return None


def _typed_a_button(tracker: DialogueStateTracker, text: str) -> bool:
    """Whether the message is the title of one of the last reply's buttons."""
    return _payload_typed(tracker, text) is not None


def _payload_typed(tracker: DialogueStateTracker, text: str, replies: int = 1) -> Optional[str]:
    """The payload of the button, among the last ``replies`` bot messages,
    whose title the message is."""
    said = [event for event in reversed(list(tracker.events)) if isinstance(event, BotUttered)]
    for event in said[:replies]:
        for button in event.data.get("buttons") or []:
            if _plain(button.get("title", "")) == _plain(text):
                return button.get("payload")
    return None


def _plain(text: str) -> str:
    return re.sub(r"[^\w\s]", "", text).strip().lower()


def _draft_coach(tracker: DialogueStateTracker) -> Optional[str]:
    # After abuse, the reconciliation tools stay off (data/rules/offers.yml).
    return None if tracker.get_slot("abuse_disclosed") else "draft_form"


Choice = Callable[[DialogueStateTracker], Optional[str]]
# Buttons outside the offers, typed as they read: "check another version"
# after a review was heard as a "no" ("Okay, no problem").
TYPED_BUTTONS: Dict[str, Choice] = {
    "/check_message_draft": _draft_coach,
    "/ask_capabilities": lambda tracker: "utter_capabilities",
    "/request_reflection": lambda tracker: "reflection_form",
}
# "Yes, give me a question", typed a turn or two after the offer that showed
# it (role-play: "Okay, no problem. What would you like to talk about?").
BUTTONS_REMEMBERED = 3


def _always(action: str) -> Choice:
    return lambda _: action


# What a yes and a no to each question do: the rules' own answers.
SAFETY_QUESTIONS: Dict[str, Dict[Reply, Choice]] = {
    "utter_ask_trusted_adult": {
        Reply.YES: _always("utter_trusted_adult_yes"),
        Reply.NO: _always("utter_trusted_adult_no"),
    },
    "utter_crisis_stay": {
        Reply.YES: _always("utter_crisis_stay_thanks"),
        Reply.NO: _always("utter_crisis_call_now"),
    },
}
OFFERS: Dict[str, Dict[Reply, Choice]] = {
    "utter_topic_follow_up": {Reply.YES: _reflection_or_guide, Reply.NO: _always(ACKNOWLEDGE)},
    "utter_ask_communication": {Reply.YES: _draft_coach, Reply.NO: _always(ACKNOWLEDGE)},
    ASSESS_RELATIONSHIP: {Reply.YES: _always(ASSESSMENT_INTRO), Reply.NO: _always(ACKNOWLEDGE)},
    # "Want me to check the message before you send it?"
    "utter_co_parent_money": {Reply.YES: _draft_coach, Reply.NO: _always(ACKNOWLEDGE)},
}
# Replies that asked nothing to say yes to, but invited more: a bare "sure"
# or "yh" after them means "there's more", not "show me the options".
GO_ON_AFTER = (INVITING - OFFERS.keys()) | {
    "utter_safe_now",
    "utter_glad_it_helps",
    "utter_telling_someone",
    "utter_trusted_adult_yes",
    "utter_trusted_adult_no",
    "utter_reaching_out",
}
# "mm", "hmm", "...": after a reply that invited more, a sign to go on (the
# menu of tools it got reads as not listening).
FILLER = re.compile(r"^\W*(?:h?m{2,}|hm+|\.{2,}|…)\W*$", re.IGNORECASE)
# Heard as the button would be, or a tool asked for by name ("ok, show my
# journal"): the rules answer.
HEARD_BY_THE_RULES = frozenset(
    """affirm deny stop resume_guide start_guide request_reflection start_assessment
    show_journal check_message_draft delete_my_data""".split()
)
# Replies after which the person has the next word.
ENDS_A_TURN = frozenset(
    {
        SAFE_NOW,
        NOT_SAFE_NOW,
        UNDO_MISREAD,
        ACKNOWLEDGE,
        GO_ON,
        "utter_trusted_adult_yes",
        "utter_trusted_adult_no",
        "utter_crisis_stay_thanks",
        "utter_crisis_call_now",
        "utter_capabilities",
    }
)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class AnswerPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        action = answer_to_question(tracker)
        return (action, []) if action else None

    def after(self, action: Optional[str]) -> Optional[str]:
        return ACTION_LISTEN_NAME if action in ENDS_A_TURN else None


def answer_to_question(tracker: DialogueStateTracker) -> Optional[str]:
    """What the latest message, read as an answer to Heartwise's question, asks
    for; None when it is not such an answer, or the rules answer it already."""
    question = reply_before_this_message(tracker)
    if tracker.latest_action_name == ASSESSMENT_INTRO and question == ASSESS_RELATIONSHIP:
        return "assessment_form"  # the yes to the assessment, second step
    message = typed_message(tracker)
    if message is None or risk_beyond_a_guess(message.parse_data):
        return None
    text = message.text
    if question == ASK_SAFE_NOW:
        return safe_now(text)
    intent = (message.intent or {}).get("name")
    if question in GO_ON_AFTER and (
        plain_reply(text, words_after=2) is Reply.YES or FILLER.match(text)
    ):
        return GO_ON
    pressed = _payload_typed(tracker, text, BUTTONS_REMEMBERED)
    if question not in OFFERS and pressed in TYPED_BUTTONS:
        return TYPED_BUTTONS[pressed](tracker)
    if question in OFFERS and _typed_a_button(tracker, text):
        # "Yes, give me a question", typed as the button says it, was heard
        # as a no by the classifier, and got "Okay, no problem".
        reply = plain_reply(text)
        return OFFERS[question][reply](tracker) if reply else None
    if intent in HEARD_BY_THE_RULES:
        return None
    if question in SAFETY_QUESTIONS:
        reply = opens_with(text)
        return SAFETY_QUESTIONS[question][reply](tracker) if reply else None
    if question in OFFERS:
        reply = plain_reply(text)
        return OFFERS[question][reply](tracker) if reply else None
    return None


def safe_now(text: str) -> Optional[str]:
    """The answer to "are you somewhere safe right now?"."""
    if takes_back_abuse(text):
        return UNDO_MISREAD
    if NOT_SAFE.search(text):
        return NOT_SAFE_NOW
    if SAFE.search(text):
        return SAFE_NOW
    reply = opens_with(text)
    if reply is Reply.YES:
        return SAFE_NOW
    if reply is Reply.NO:
        return NOT_SAFE_NOW
    return None
