"""A message to the ex pasted without asking for the coach is reviewed."""

from __future__ import annotations

from typing import Any, Dict, Optional

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa_sdk import Tracker

from actions.draft_coach import ActionDiscussReviewedDraft
from heartwise.policies.pasted_draft import is_a_pasted_draft, remarks_on_the_reviewed_draft
from tests.conftest import PROJECT_ROOT

DOMAIN = Domain.load(PROJECT_ROOT / "domain.yml")


def said(
    text: str, intent: str = "out_of_scope", ex_name: Optional[str] = None, before: str = ""
) -> DialogueStateTracker:
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    if ex_name:
        tracker.update(SlotSet("ex_name", ex_name))
    if before:
        tracker.update(ActionExecuted(before))
        tracker.update(BotUttered("Here's what I noticed"))
    tracker.update(ActionExecuted("action_listen"))
    parse: Dict[str, Any] = {"intent": {"name": intent, "confidence": 0.4}, "text": text}
    tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    return tracker


DRAFT = (
    "Hi Lauren, the trip is £280. Can you transfer your half by then? Maybe pay on time for once."
)


def test_a_message_greeting_the_ex_by_name_is_a_draft():
    assert is_a_pasted_draft(said(DRAFT, ex_name="Lauren"))


def test_without_the_name_or_with_a_real_topic_it_is_left_to_the_rules():
    assert not is_a_pasted_draft(said(DRAFT))
    assert not is_a_pasted_draft(said(DRAFT, intent="ask_communication", ex_name="Lauren"))
    assert not is_a_pasted_draft(said("Lauren is so annoying", ex_name="Lauren"))


def test_a_second_version_after_a_review_is_reviewed():
    tracker = said(
        "ok fair. what about: I miss you and I'd like to talk when you're ready",
        intent="want_ex_back",
        before="action_review_message_draft",
    )
    assert is_a_pasted_draft(tracker)
    assert not is_a_pasted_draft(said("ok fair. what about the kids", intent="ask_kindness"))


def test_a_risk_in_the_message_is_never_taken_from_the_safety_rules():
    tracker = said(DRAFT, ex_name="Lauren")
    tracker.latest_message.parse_data["risk"] = {"level": "high", "category": "self_harm"}
    assert not is_a_pasted_draft(tracker)


def test_inside_rasas_fallback_question_the_rules_keep_the_turn():
    # There Rasa's loop prediction overrules every policy while their events
    # still apply; the fallback hands an accepted rephrasing back afterwards.
    from rasa.shared.core.events import ActiveLoop

    tracker = said(DRAFT, ex_name="Lauren")
    tracker.update(ActiveLoop("action_two_stage_fallback"))
    assert not is_a_pasted_draft(tracker)


def test_asking_to_have_a_message_checked_starts_the_coach_whatever_the_classifier_heard():
    from heartwise.policies.pasted_draft import asks_for_a_check

    assert asks_for_a_check(
        said("can u check one before i do something stupid", intent="request_surveillance")
    )
    assert asks_for_a_check(said("could you look over what ive written", intent="show_journal"))
    assert asks_for_a_check(said("check this before i send it pls", intent="out_of_scope"))
    assert asks_for_a_check(
        said(
            "actually scrap that i wrote a longer one, look at this instead", intent="show_journal"
        )
    )
    assert not asks_for_a_check(
        said(
            "she texted on my birthday. just 'happy bday'. i read it about 40 times",
            intent="express_feelings",
        )
    )
    assert not asks_for_a_check(
        said("can you check his messages for me", intent="request_surveillance")
    )
    assert not asks_for_a_check(
        said("should i check it on her phone", intent="request_surveillance")
    )


def test_a_draft_to_the_named_ex_that_the_classifier_alone_fears_for_is_reviewed():
    tracker = said(
        "sophie after everything i did for you, answer me tonight or dont bother",
        intent="crisis",
        ex_name="Sophie",
    )
    tracker.latest_message.parse_data["risk"] = {
        "level": "high",
        "evidence": ["classifier 0.6: self_harm"],
    }
    assert is_a_pasted_draft(tracker)
    tracker.latest_message.parse_data["risk"] = {
        "level": "high",
        "evidence": ["pattern: end it all"],
    }
    assert not is_a_pasted_draft(tracker)


@pytest.mark.parametrize(
    "text, intent",
    [
        # Found in the scripted conversations: each got the fallback, or the
        # coach started over and asked for the draft again.
        ("too cold?", "nlu_fallback"),
        ("idk it reads cold. she'll think i dont care at all", "check_message_draft"),
        (
            "does the new version need 'hope you're well' at the top? feels a bit fake",
            "nlu_fallback",
        ),
        ("fine. whats the calmer version again", "nlu_fallback"),
    ],
)
def test_a_remark_on_the_draft_just_reviewed_is_answered_about_it(text, intent):
    after_review = said(text, intent=intent, before="action_review_message_draft")
    assert remarks_on_the_reviewed_draft(after_review)
    assert not remarks_on_the_reviewed_draft(said(text, intent=intent))


def test_asking_to_check_a_new_version_still_starts_the_coach():
    tracker = said(
        "can you check the shorter version",
        "check_message_draft",
        before="action_review_message_draft",
    )
    assert not remarks_on_the_reviewed_draft(tracker)


def test_the_calmer_version_is_said_again_word_for_word(dispatcher, domain):
    tracker = said("whats the calmer version again", intent="nlu_fallback")
    tracker.update(BotUttered('A calmer version, in your own words: "I miss you. Can we talk?"'))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("whats the calmer version again", {"name": "nlu_fallback"}))
    sdk_tracker = Tracker.from_dict(tracker.current_state(EventVerbosity.ALL))
    ActionDiscussReviewedDraft().run(dispatcher, sdk_tracker, domain)
    assert '"I miss you. Can we talk?"' in dispatcher.messages[0]["text"]


@pytest.mark.parametrize(
    "text, response",
    [
        ("too cold?", "utter_draft_not_cold"),
        ("feels a bit fake tbh", "utter_draft_not_you"),
        ("does it sound needy", "utter_draft_too_much"),
    ],
)
def test_a_worry_about_tone_gets_its_own_answer(dispatcher, domain, text, response):
    tracker = said(text, intent="nlu_fallback")
    sdk_tracker = Tracker.from_dict(tracker.current_state(EventVerbosity.ALL))
    ActionDiscussReviewedDraft().run(dispatcher, sdk_tracker, domain)
    assert dispatcher.messages[0]["response"] == response


def test_a_second_remark_after_the_first_answer_is_still_about_the_draft():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(ActionExecuted("action_discuss_reviewed_draft"))
    tracker.update(BotUttered("Short and calm isn't the same as cold."))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("idk it reads cold", {"name": "check_message_draft"}))
    assert remarks_on_the_reviewed_draft(tracker)
    assert not remarks_on_the_reviewed_draft(said("idk it reads cold", "check_message_draft"))


def test_asking_for_help_with_the_words_starts_the_coach():
    from heartwise.policies.pasted_draft import asks_for_words

    # Found by role-play: "out of scope", and the fallback.
    assert asks_for_words(said("can u help me word the text", intent="out_of_scope"))
    assert asks_for_words(said("how should i phrase it to him", intent="ask_communication"))
    # A topic the classifier is sure of, a hedge, and after abuse: not the coach.
    assert not asks_for_words(said("help me write a message to him", intent="want_ex_back"))
    assert not asks_for_words(said("how do i put this. he cheated", intent="nlu_fallback"))
    after_abuse = said("can u help me word the text", intent="out_of_scope")
    after_abuse.update(SlotSet("abuse_disclosed", True))
    assert not asks_for_words(after_abuse)


def test_a_draft_after_a_lead_in_is_reviewed():
    # Found by role-play: both got "that's beyond what I can do".
    assert is_a_pasted_draft(
        said(
            "its my stuff at her flat. anyway heres what ive got so far:\n\n"
            "hi chloe, i need my ps5 bike and dads watch back. let me know when u are free"
        )
    )
    assert is_a_pasted_draft(
        said("ok new one.\n\nhi chloe. can i come get my things saturday or can u leave them out")
    )
    # A story after a lead-in-like phrase is not a draft.
    assert not is_a_pasted_draft(said("new one. i know i know. he blocked me again"))
    assert not is_a_pasted_draft(said("another one bites the dust lol. she unfollowed me"))
