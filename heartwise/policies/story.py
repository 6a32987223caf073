"""A message that goes on with the person's story.

"a VOICE NOTE. 4 mins long. he 'wasn't in the headspace' apparently" and
"wedding was booked for september. venue, deposits, the lot" answer no topic,
so the intent classifier finds none and Rasa's fallback asks the person to
say it again in other words: to someone telling what happened, a sign of not
being listened to. Told in the middle of a conversation, after a reply of
Heartwise's own that invited more, such a message is heard instead: the
feeling is said back and the story invited on (action_follow_the_story).

Someone who asked for no advice is listened to whatever they write next that
the classifier cannot place (action_listen_without_advice), first message
included ("i don't want advice, i just want to vent. is that ok").

An objection to a suggestion ("stop suggesting it") gets an apology and
the suggestion dropped (utter_suggestion_dropped). Progress already
acknowledged in a message the classifier cannot place ("no i'm not replying.
proud of me?") gets a question about the step (utter_progress_follow_up).

A tool refused in so many words ("no i don't want a reflection question.
just... listen", "I said I DON'T want the guide") is not started because the
classifier heard its name: the refusal is acknowledged, or the person
listened to.

Questions still get the fallback's narrowing question, and so does anything
after a question of Heartwise's that waits for a particular answer (are you
safe, a draft or not, delete everything): those have rules of their own.
"""

from __future__ import annotations

import re
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.language.answers import denies_a_risk, objects_to_a_suggestion, tells_the_story
from heartwise.language.practical import PRACTICAL_ANSWERS
from heartwise.nlg import TOPIC_ANSWERS
from heartwise.policies.context_policy import (
    Answer,
    ContextPolicy,
    listening_to,
    reply_before_this_message,
    risk_beyond_a_guess,
    typed_message,
)

FOLLOW_THE_STORY = "action_follow_the_story"
LISTEN_WITHOUT_ADVICE = "action_listen_without_advice"
# Replies after which more of the story is welcome.
INVITING = (
    TOPIC_ANSWERS
    | PRACTICAL_ANSWERS
    | {
        "utter_topic_follow_up",
        # Ends "Who could you spend some of it with?"
        "action_face_the_day",
        "utter_greet",
        "utter_acknowledge",
        "utter_abuse_open_question",
        "utter_go_on",
        "utter_not_read_that_way",
        "action_listen_without_advice",
        FOLLOW_THE_STORY,
        "action_advise_space",
        "action_save_reflection",
        "utter_co_parent_money",
        "utter_co_parent_handovers",
        "utter_co_parent_childs_questions",
        # Ends "What's been the hardest part of it for you?"
        "utter_minor_support",
    }
)
# A tool named only to be refused.
REFUSED_TOOL = re.compile(
    r"\b(?:don'?t|dont|do not|not|no)\s+(?:\w+\s+){0,2}?(?:want|need|doing)?\s*(?:a |the |any |your |another )?"
    r"(?:reflection|question|guide|assessment|step[- ]by[- ]step|exercise|quiz|programme|program)\b",
    re.IGNORECASE,
)
# The words that name each tool.
TOOLS = {
    "request_reflection": ("reflection", "question", "exercise"),
    "start_guide": ("guide", "step", "programme", "program"),
    "resume_guide": ("guide", "step", "programme", "program"),
    "start_assessment": ("assessment", "quiz"),
}
ACKNOWLEDGE = "utter_acknowledge"
NOT_READ_THAT_WAY = "utter_not_read_that_way"
SUGGESTION_DROPPED = "utter_suggestion_dropped"
PROGRESS_FOLLOW_UP = "utter_progress_follow_up"
OWN_ACTIONS = (
    PROGRESS_FOLLOW_UP,
    FOLLOW_THE_STORY,
    LISTEN_WITHOUT_ADVICE,
    ACKNOWLEDGE,
    NOT_READ_THAT_WAY,
    SUGGESTION_DROPPED,
)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class StoryPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        refused = refuses_a_tool(tracker)
        if refused:
            return refused, []
        if wants_only_to_be_heard(tracker):
            return LISTEN_WITHOUT_ADVICE, []
        if objects_to_what_was_suggested(tracker):
            return SUGGESTION_DROPPED, []
        if acknowledged_an_unplaced_message(tracker):
            return PROGRESS_FOLLOW_UP, []
        if not goes_on_with_the_story(tracker):
            return None
        # "he never abused me, he's just rubbish at texting": said first, not
        # taken back; the story goes on once that is acknowledged.
        said = tracker.latest_message.text if tracker.latest_message else ""
        return (NOT_READ_THAT_WAY if denies_a_risk(said or "") else FOLLOW_THE_STORY), []

    def after(self, action: Optional[str]) -> Optional[str]:
        # utter_acknowledge ends a turn wherever the rules use it too.
        return ACTION_LISTEN_NAME if action in OWN_ACTIONS else None


def refuses_a_tool(tracker: DialogueStateTracker) -> Optional[str]:
    """The reply to a tool refused by name, or None."""
    message = tracker.latest_message
    if not listening_to(tracker) or message is None or not message.text:
        return None
    intent = (message.intent or {}).get("name")
    refusal = REFUSED_TOOL.search(message.text)
    if intent not in TOOLS or refusal is None:
        return None
    if not any(word in refusal.group().lower() for word in TOOLS[intent]):
        return None  # "the guide, not the assessment" asks for the guide
    if tracker.get_slot("no_advice") or re.search(r"\blisten\b", message.text, re.I):
        return LISTEN_WITHOUT_ADVICE
    return ACKNOWLEDGE


def wants_only_to_be_heard(tracker: DialogueStateTracker) -> bool:
    """No advice asked for (actions/context.py), and a message the classifier
    could not place, or the very message that asked ("right, back to venting
    now tho" had got the menu of tools)."""
    message = tracker.latest_message
    if not listening_to(tracker) or message is None or risk_beyond_a_guess(message.parse_data):
        return False
    if not tracker.get_slot("no_advice"):
        return False
    return (message.intent or {}).get("name") == "nlu_fallback" or _set_just_now(
        tracker, "no_advice"
    )


def _set_just_now(tracker: DialogueStateTracker, slot: str) -> bool:
    for event in reversed(list(tracker.events)):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, SlotSet) and event.key == slot:
            return True
    return False


def objects_to_what_was_suggested(tracker: DialogueStateTracker) -> bool:
    """ "again, no i dont want to 'consider whether to try again'. stop
    suggesting it", which the classifier cannot place."""
    message = typed_message(tracker)
    return (
        message is not None
        and (message.intent or {}).get("name") == "nlu_fallback"
        and objects_to_a_suggestion(message.text)
    )


def acknowledged_an_unplaced_message(tracker: DialogueStateTracker) -> bool:
    """Progress or pride was already answered this turn (actions/context.py
    says "that's a real step" as the message arrives), and the classifier
    found nothing else in it: a question about the step follows, not the
    fallback's "is this more about...?"."""
    message = typed_message(tracker)
    if message is None or (message.intent or {}).get("name") != "nlu_fallback":
        return False
    for event in reversed(list(tracker.events)):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered):
            return True
    return False


def goes_on_with_the_story(tracker: DialogueStateTracker) -> bool:
    message = typed_message(tracker)
    if message is None:
        return False
    if (message.intent or {}).get("name") != "nlu_fallback":
        return False
    return tells_the_story(message.text) and reply_before_this_message(tracker) in INVITING
