"""An unclear message gets a narrowing question about its likeliest readings."""

from __future__ import annotations

import pytest

from actions.fallback import ActionOfferLikelyTopics, is_english


def test_likeliest_topics_are_offered_as_buttons(tracker_for, dispatcher, domain):
    tracker = tracker_for(
        text="idk what to do about the whole thing",
        intent="nlu_fallback",
        intent_ranking=[
            {"name": "nlu_fallback", "confidence": 0.3},
            {"name": "ask_space", "confidence": 0.28},
            {"name": "greet", "confidence": 0.2},
            {"name": "want_ex_back", "confidence": 0.15},
            {"name": "consider_moving_on", "confidence": 0.1},
            {"name": "ask_book", "confidence": 0.05},
        ],
    )
    ActionOfferLikelyTopics().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["text"] == (
        "I want to be sure I follow: is this more about space and no contact "
        "or wanting to get back together?"
    )
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        ("Space and no contact", "/ask_space"),
        ("Getting back together", "/want_ex_back"),
        ("Something else", "/out_of_scope"),
    ]


def test_an_empty_message_is_answered_with_starting_points(tracker_for, dispatcher, domain):
    ActionOfferLikelyTopics().run(dispatcher, tracker_for(text="  ", intent="nlu_fallback"), domain)
    [message] = dispatcher.messages
    assert "empty" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == [
        "/start_guide",
        "/request_reflection",
        "/check_message_draft",
        "/out_of_scope",
    ]


def test_after_abuse_no_reconciliation_choice_is_offered(tracker_for, dispatcher, domain):
    tracker = tracker_for(
        text="maybe if i just do what he wants he will come back??",
        intent="nlu_fallback",
        intent_ranking=[
            {"name": "want_ex_back", "confidence": 0.2},
            {"name": "ask_communication", "confidence": 0.15},
            {"name": "express_feelings", "confidence": 0.1},
        ],
        slots={"abuse_disclosed": True},
    )
    ActionOfferLikelyTopics().run(dispatcher, tracker, domain)
    payloads = [button["payload"] for button in dispatcher.messages[0]["buttons"]]
    assert payloads == ["/express_feelings", "/out_of_scope"]


def test_with_no_likely_reading_it_asks_to_hear_more_instead_of_a_menu(
    tracker_for, dispatcher, domain
):
    tracker = tracker_for(
        text="we use a shared calendar app for handovers, mostly works",
        intent="nlu_fallback",
        intent_ranking=[
            {"name": "nlu_fallback", "confidence": 0.3},
            {"name": "ask_book", "confidence": 0.04},
        ],
    )
    ActionOfferLikelyTopics().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert "tell me a bit more" in message["text"]
    assert not message.get("buttons")


def test_deleting_everything_is_not_offered_on_a_guess(tracker_for, dispatcher, domain):
    tracker = tracker_for(
        text="sunday handovers are always tense though",
        intent="nlu_fallback",
        intent_ranking=[
            {"name": "delete_my_data", "confidence": 0.2},
            {"name": "ask_kindness", "confidence": 0.15},
        ],
    )
    ActionOfferLikelyTopics().run(dispatcher, tracker, domain)
    assert "/delete_my_data" not in [b["payload"] for b in dispatcher.messages[0]["buttons"]]


@pytest.mark.parametrize(
    "text, english",
    [
        ("no se que hacer, mi novio me dejo y estoy muy triste", False),
        ("je suis triste, il m'a quitté et je ne sais pas quoi faire", False),
        ("Мой парень меня бросил", False),
        ("idk man she just left and im a mess", True),
        ("no, no, no, I don't know", True),
        ("ok", True),
    ],
)
def test_only_a_message_in_another_language_is_told_english_only(text, english):
    assert is_english(text) is english
