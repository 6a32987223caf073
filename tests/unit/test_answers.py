"""A typed answer to a question Heartwise asked does what the button would
(AnswerPolicy), on real trackers built from the real domain."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.language.answers import Reply, plain_reply, takes_back_abuse, tells_the_story
from heartwise.policies.answers import answer_to_question
from tests.helpers import domain, reply_then_message


def after(
    question: str,
    text: str,
    intent: str = "nlu_fallback",
    slots: Optional[Dict[str, Any]] = None,
    risk: Optional[Dict[str, Any]] = None,
) -> DialogueStateTracker:
    return reply_then_message(
        question, text, intent, slots, risk, first="he said he needs to find himself"
    )


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        # The classifier heard a question about the bot, and nothing at all.
        ("yes im at my mums", "bot_challenge", "utter_safe_now"),
        ("yeah im safe, hes at work", "nlu_fallback", "utter_safe_now"),
        ("no", "deny", "utter_not_safe_now"),
        ("not really, hes downstairs", "nlu_fallback", "utter_not_safe_now"),
        # A "no" that takes the abuse reply back is a correction, not danger.
        (
            "what? no he never did anything like that, he just left",
            "assess_relationship",
            "action_undo_misread_flag",
        ),
        ("no no, hes not like that. he just left", "deny", "action_undo_misread_flag"),
    ],
)
def test_are_you_safe_is_answered_as_said(text, intent, expected):
    assert answer_to_question(after("utter_ask_safe_now", text, intent)) == expected


def test_a_new_disclosure_after_are_you_safe_is_left_to_the_rules():
    risk = {"level": "high", "category": "abuse", "evidence": ["pattern: he hit me"]}
    assert (
        answer_to_question(
            after("utter_ask_safe_now", "no. he hit me again last night", "report_abuse", risk=risk)
        )
        is None
    )


@pytest.mark.parametrize(
    "question, text, slots, expected",
    [
        ("utter_topic_follow_up", "yes please, give me one", {}, "reflection_form"),
        # The guide is paused, but the offer was a question (heartwise/nlg.py
        # stops reminding after three times): the question.
        ("utter_topic_follow_up", "yh go on", {"guide_paused": True}, "reflection_form"),
        ("utter_topic_follow_up", "nah not now thanks", {}, "utter_acknowledge"),
        ("utter_assess_relationship", "sure, why not", {}, "utter_assessment_intro"),
        ("utter_ask_communication", "yes please", {}, "draft_form"),
        ("utter_co_parent_money", "sure", {}, "draft_form"),
        ("utter_ask_trusted_adult", "yeah my nan, she'd get it", {}, "utter_trusted_adult_yes"),
        ("utter_crisis_stay", "no not yet", {}, "utter_crisis_call_now"),
    ],
)
def test_a_typed_answer_to_an_offer_does_what_the_button_would(question, text, slots, expected):
    assert answer_to_question(after(question, text, slots=slots)) == expected


def test_a_yes_to_the_reminder_of_the_paused_guide_resumes_the_guide():
    tracker = after("utter_topic_follow_up", "yh go on", slots={"guide_paused": True})
    reminder = BotUttered('Say "where were we?" when you\'d like to get back to the guide.')
    tracker.events.insert(len(tracker.events) - 2, reminder)
    assert answer_to_question(tracker) == "guide_form"


@pytest.mark.parametrize(
    "question, text, intent, slots",
    [
        # The rules hear it already.
        ("utter_topic_follow_up", "yes", "affirm", {}),
        # More than an answer: a new question, or the story going on.
        ("utter_topic_follow_up", "yes but how long should no contact last?", "ask_space", {}),
        (
            "utter_topic_follow_up",
            "yeah he was always like that with my friends too honestly",
            "nlu_fallback",
            {},
        ),
        # After abuse, the draft coach stays off whatever the answer.
        ("utter_ask_communication", "yes please", "nlu_fallback", {"abuse_disclosed": True}),
        # A tool asked for, or a request of its own after the yes.
        ("utter_topic_follow_up", "ok, where were we", "nlu_fallback", {}),
        ("utter_topic_follow_up", "yes show me my journal", "show_journal", {}),
        # Not a question of Heartwise's.
        ("utter_capabilities", "yes please", "nlu_fallback", {}),
    ],
)
def test_anything_else_is_left_to_the_rules(question, text, intent, slots):
    assert answer_to_question(after(question, text, intent, slots)) is None


@pytest.mark.parametrize(
    "reply", ["utter_trusted_adult_yes", "utter_glad_it_helps", "utter_express_feelings"]
)
@pytest.mark.parametrize("text, intent", [("yh", "affirm"), ("sure", "nlu_fallback")])
def test_a_bare_yes_to_a_reply_that_offered_nothing_is_invited_on(reply, text, intent):
    assert answer_to_question(after(reply, text, intent)) == "utter_go_on"


def test_the_assessment_starts_after_its_introduction():
    tracker = after("utter_assess_relationship", "sure why not")
    tracker.update(ActionExecuted("utter_assessment_intro"))
    assert answer_to_question(tracker) == "assessment_form"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("yeah id like that", Reply.YES),
        ("Sure, go on then", Reply.YES),
        ("nope", Reply.NO),
        ("no thanks, not today", Reply.NO),
        ("ok. how do i get him back", None),
        ("no i dont think he ever loved me, he was always on his phone at dinner", None),
        ("yes?", None),
    ],
)
def test_a_plain_reply_is_a_yes_or_no_and_little_else(text, expected):
    assert plain_reply(text) is expected


def test_a_question_at_the_end_of_a_story_makes_it_a_question():
    # Found by role-play: answered "What happened after that?".
    assert not tells_the_story(
        "4th time u said shes having a hard time lmaooo. ok last thing, how do i stop myself "
        "drunk texting her at 1am fr"
    )
    assert tells_the_story("she texted at 1am and i just stared at it for an hour")


def typed_after_buttons(
    action: str, buttons: List[Dict[str, str]], text: str, between: int = 0
) -> DialogueStateTracker:
    """``action`` showed ``buttons``; ``between`` exchanges later the person
    typed ``text``, which the classifier heard as a no."""
    tracker = DialogueStateTracker("someone", domain().slots)
    tracker.update(ActionExecuted(action))
    tracker.update(BotUttered("the offer", {"buttons": buttons}))
    for turn in range(between):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(f"message {turn}", {"name": "nlu_fallback"}))
        tracker.update(ActionExecuted("action_follow_the_story"))
        tracker.update(BotUttered("What happened after that?"))
    tracker.update(ActionExecuted("action_listen"))
    parse = {"intent": {"name": "deny", "confidence": 0.26}, "text": text}
    tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    return tracker


OFFER = [
    {"title": "Yes, give me a question", "payload": "/request_reflection"},
    {"title": "Walk me through the guide", "payload": "/start_guide"},
]
AFTER_A_REVIEW = [
    {"title": "Check another version", "payload": "/check_message_draft"},
    {"title": "Something else", "payload": "/ask_capabilities"},
]


def test_a_button_typed_as_it_reads_does_what_the_button_does():
    # Found by role-play: "Yes, give me a question", typed, was heard as a no.
    tracker = typed_after_buttons("utter_topic_follow_up", OFFER, "Yes, give me a question")
    assert answer_to_question(tracker) == "reflection_form"


@pytest.mark.parametrize("text", ["mm", "hmm", "..."])
def test_a_murmur_after_listening_is_invited_on(text):
    # Found in the scripted conversations: "mm" got the menu of tools.
    tracker = reply_then_message("action_listen_without_advice", text, intent="affirm")
    assert answer_to_question(tracker) == "utter_go_on"


def test_abuse_excused_is_not_abuse_taken_back():
    # Found by role-play: "I've set that aside", to a man whose husband
    # checked his phone and his bank app.
    assert not takes_back_abuse("it wasnt abuse, he just gets anxious. is that fair?")
    assert takes_back_abuse("it wasnt abuse, you misread me, we just drifted apart")


def test_a_button_typed_after_a_review_does_what_the_button_does():
    # Role-play: "check another version", typed, was heard as a no and got
    # "Okay, no problem".
    tracker = typed_after_buttons(
        "action_review_pasted_draft", AFTER_A_REVIEW, "check another version"
    )
    assert answer_to_question(tracker) == "draft_form"


def test_an_offers_button_typed_a_turn_later_still_does_what_it_says():
    # Role-play: "Yes, give me a question", typed after a reply with no
    # buttons, was heard as a no.
    tracker = typed_after_buttons(
        "utter_topic_follow_up", OFFER, "Yes, give me a question", between=1
    )
    assert answer_to_question(tracker) == "reflection_form"


def test_a_button_typed_long_after_its_offer_is_not_pressed():
    tracker = typed_after_buttons(
        "action_review_pasted_draft", AFTER_A_REVIEW, "check another version", between=3
    )
    assert answer_to_question(tracker) != "draft_form"
