"""A message to the ex pasted without asking for the draft coach first.

"Hi Lauren, can you transfer your half by Friday..." from someone who said
their ex is Lauren is a draft, whatever the intent classifier makes of it
(often "out of scope"); so is "ok fair. what about: ..." straight after a
review, and a message to the ex after "heres what ive got so far:". This policy sends such a message to the coach's review
(action_review_pasted_draft). A remark on the draft just reviewed ("too
cold?", "whats the calmer version again") is answered about that draft
(action_discuss_reviewed_draft). It steps aside for anything else, for any
risk the safety net found, and inside forms.
"""

from __future__ import annotations

import re
from typing import List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.language.drafts import (
    ANOTHER_VERSION,
    ASKS_FOR_WORDS,
    NAMES_A_CHECK,
    draft_after_a_lead_in,
    remark_on_the_draft,
)
from heartwise.policies.context_policy import (
    Answer,
    ContextPolicy,
    listening_to,
    reply_before_this_message,
    risk_beyond_a_guess,
    typed_message,
)

REVIEW = "action_review_pasted_draft"
DISCUSS = "action_discuss_reviewed_draft"
DRAFT_FORM = "draft_form"
# How every review opens (actions/drafts/review.py).
REVIEW_OPENINGS = (
    "Here's what I noticed",
    "Please don't send this",
    "This reads calm",
    "This is clear and practical",
    "I didn't find",
)
# Intents a pasted draft is mistaken for; a real topic question is left alone,
# and so is a disclosure of abuse, whoever it is written to.
MISREAD_AS = frozenset(
    {
        "out_of_scope",
        "nlu_fallback",
        "express_anger",
        "express_feelings",
        "crisis",
        "crisis_imminent",
        "express_hopelessness",
        "threaten_harm",
        "want_ex_back",
    }
)
# "can u check one before i send it": the classifier hears checking a phone.
# Asked of Heartwise ("can u", "could you", "pls", or the sentence starts with
# it): "i read it about 40 times" tells of reading, it asks nothing.
ASKS_FOR_A_CHECK = re.compile(
    r"(?:\b(?:can|could|would|will) (?:you|u|ya)\s+(?:just\s+|quickly\s+|pls\s+|please\s+)?"
    r"|\b(?:pls|please|plz)\s+|(?:^|[.!?,]\s*)(?:just\s+|quickly\s+)?)"
    r"(?:check|look (?:at|over)|read|proofread|go over)\b[^.?!]{0,25}"
    r"\b(?:one|this|it|my (?:text|message|draft|reply)|a (?:text|message)|what i(?:'?ve| have)? wr\w+)\b"
    r"(?![^.?!]{0,20}\b(?:her|his|their)\b)",
    re.IGNORECASE,
)
SECOND_PERSON = re.compile(r"\b(?:you|u|your|ur)\b", re.I)
# What "can u help me word the text" is taken for; a practical question it
# carries ("how do i word a text asking for my hoodie back") has its answer.
WORDS_MISREAD_AS = frozenset(
    {"out_of_scope", "nlu_fallback", "ask_communication", "ask_capabilities", "request_reflection"}
)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class PastedDraftPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        if is_a_pasted_draft(tracker):
            return REVIEW, []
        if remarks_on_the_reviewed_draft(tracker):
            return DISCUSS, []
        if asks_for_a_check(tracker) or asks_for_words(tracker):
            return DRAFT_FORM, []
        return None

    def after(self, action: Optional[str]) -> Optional[str]:
        return ACTION_LISTEN_NAME if action in (REVIEW, DISCUSS) else None


def is_a_pasted_draft(tracker: DialogueStateTracker) -> bool:
    message = typed_message(tracker)
    if message is None or risk_beyond_a_guess(message.parse_data):
        return False
    text = message.text
    if ANOTHER_VERSION.match(text) and _just_reviewed(tracker) and SECOND_PERSON.search(text):
        return True
    # "anyway heres what ive got so far: hi chloe, ...": said to the ex.
    lead_in_draft = draft_after_a_lead_in(text)
    if lead_in_draft and SECOND_PERSON.search(lead_in_draft):
        return True
    name = tracker.get_slot("ex_name")
    intent = (message.intent or {}).get("name")
    greets_the_ex = bool(
        name and re.match(rf"^\W*(?:hi|hey|hello|dear)?\W*{re.escape(name)}\b\W", text, re.I)
    )
    return greets_the_ex and intent in MISREAD_AS and bool(SECOND_PERSON.search(text))


def remarks_on_the_reviewed_draft(tracker: DialogueStateTracker) -> bool:
    """ "too cold?", "whats the calmer version again": about the draft just
    reviewed, which the classifier cannot know."""
    message = typed_message(tracker)
    if message is None or risk_beyond_a_guess(message.parse_data):
        return False
    intent = (message.intent or {}).get("name")
    if intent in ("affirm", "deny", "stop", "thank") or NAMES_A_CHECK.search(message.text):
        return False
    talking_about_a_draft = _just_reviewed(tracker) or reply_before_this_message(tracker) == DISCUSS
    return talking_about_a_draft and remark_on_the_draft(message.text) is not None


def asks_for_a_check(tracker: DialogueStateTracker) -> bool:
    """ "can u check one before i do something stupid", read by the classifier
    as surveillance or anything else: the person wants the draft coach."""
    if not listening_to(tracker):
        return False
    message = tracker.latest_message
    if message is None or not message.text or risk_beyond_a_guess(message.parse_data):
        return False
    intent = (message.intent or {}).get("name")
    return intent != "check_message_draft" and bool(ASKS_FOR_A_CHECK.search(message.text))


def asks_for_words(tracker: DialogueStateTracker) -> bool:
    """ "can u help me word the text", read as out of scope: the draft coach,
    which asks for a first go. Not after abuse, where a message to the ex is
    the safety follow-up's (a boundary) or not coached at all."""
    if not listening_to(tracker) or tracker.get_slot("abuse_disclosed"):
        return False
    message = tracker.latest_message
    if message is None or not message.text or risk_beyond_a_guess(message.parse_data):
        return False
    practical = message.parse_data.get("practical") or {}
    intent = (message.intent or {}).get("name")
    return (
        intent in WORDS_MISREAD_AS
        and not practical.get("sure")
        and bool(ASKS_FOR_WORDS.search(message.text))
    )


def _just_reviewed(tracker: DialogueStateTracker) -> bool:
    """The coach's review is among the bot's last messages before this one."""
    said: List[str] = []
    for event in reversed(list(tracker.events)[:-1]):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered) and event.text:
            said.append(event.text)
    return any(text.startswith(REVIEW_OPENINGS) for text in said)
