"""An unclear message gets the likeliest topics as buttons, in plain words."""

from __future__ import annotations

from actions.fallback import ActionOfferLikelyTopics


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
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == [
        ("Space and no contact", "/ask_space"),
        ("Getting back together", "/want_ex_back"),
        ("Moving on", "/consider_moving_on"),
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
