"""The message-draft coach quotes what it flags and offers a calmer version."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.events import SlotSet

from actions.draft_coach import ActionReviewMessageDraft, ValidateDraftForm
from actions.drafts.review import WALL_OF_TEXT_WORDS, review_draft
from tests.helpers import said


@pytest.mark.parametrize(
    "draft, label, quoted",
    [
        ("You always put your friends first.", "BLAME", "You always"),
        ("It's your fault we ended up here.", "BLAME", "your fault"),
        ("You never listened to me, not once", "BLAME", "You never"),
        ("Answer me by Friday or I'm done.", "DEADLINE", "by Friday"),
        ("You have to give us another chance", "DEMAND", "You have to"),
        ("Tell me tonight or else.", "PRESSURE", "or else"),
        ("Just so you know I'm seeing someone now", "MIND_GAMES", "I'm seeing someone"),
        ("honestly i dont even care anymore", "MIND_GAMES", "i dont even care"),
        ("You'll regret this one day.", "MIND_GAMES", "You'll regret"),
        (
            "After everything I did for you, this is how you treat me?",
            "GUILT",
            "After everything I",
        ),
        ("How could you do this to us", "GUILT", "How could you"),
        ("You owe me an explanation.", "DEMAND", "You owe me"),
    ],
)
def test_each_problem_is_flagged_with_the_persons_own_words(draft, label, quoted):
    hits = review_draft(draft).hits
    assert (label, quoted) in {(hit.label, draft[hit.start_char : hit.end_char]) for hit in hits}


def test_a_calm_message_gets_no_flags():
    review = review_draft(
        "Hi, I've been thinking about us. I miss you and I'd like to talk when you're ready."
    )
    assert review.is_clean


def test_a_wall_of_text_is_flagged():
    draft = "I keep thinking about the summer we had and everything in between. " * 12
    review = review_draft(draft)
    assert review.word_count > WALL_OF_TEXT_WORDS and review.is_wall_of_text


def test_the_review_quotes_and_suggests_an_i_feel_version(tracker_for, dispatcher, domain):
    draft = "You NEVER cared. It's your fault. Reply by tonight."
    events = ActionReviewMessageDraft().run(
        dispatcher, tracker_for(slots={"message_draft": draft}), domain
    )
    text, offer = dispatcher.messages
    assert '"You NEVER"' in text["text"] and '"your fault"' in text["text"]
    assert '"by tonight"' in text["text"]
    assert "Blame" in text["text"] and "Deadline" in text["text"]
    # Nothing of it can be kept: the coach says how to start instead.
    assert "how you feel" in text["text"] and '"I feel' in text["text"]
    assert offer["response"] == "utter_offer_another_draft"
    # The draft itself is not kept once reviewed.
    assert events == [SlotSet("message_draft", None)]


def test_a_clean_draft_is_encouraged_without_promises(tracker_for, dispatcher, domain):
    ActionReviewMessageDraft().run(
        dispatcher,
        tracker_for(
            slots={"message_draft": "I hope you're doing okay. I'd like to talk some time."}
        ),
        domain,
    )
    text = said(dispatcher)[0]
    assert "no answer at all" in text and "Please don't send" not in text
    assert dispatcher.messages[1]["response"] == "utter_offer_another_draft"


@pytest.mark.parametrize("pasted", ["", "   ", "😭😭😭", "..."])
def test_a_draft_without_words_is_asked_for_again(tracker_for, dispatcher, domain, pasted):
    result = ValidateDraftForm().validate_message_draft(pasted, dispatcher, tracker_for(), domain)
    assert result == {"message_draft": None, "draft_candidate": None}
    assert "couldn't find any words" in said(dispatcher)[0]


@pytest.mark.parametrize(
    "text, draft",
    [
        (
            "can you check a text to karen: Thanksgiving is mine this year, per the schedule.",
            "Thanksgiving is mine this year, per the schedule.",
        ),
        (
            'can u check this "hey, i just want to understand what happened"',
            "hey, i just want to understand what happened",
        ),
        ("can you check a text before i send it to my ex", None),
        ("check my message pls: hi", None),
    ],
)
def test_a_draft_carried_in_the_request_is_found(text, draft):
    from heartwise.language.drafts import draft_in_request

    assert draft_in_request(text) == draft


@pytest.mark.parametrize(
    "text, taken",
    [
        # Found in the scripted conversations: the classifier heard a request
        # for the coach in the draft itself, and the person was asked to paste
        # the message they had just pasted.
        (
            "chloe please im begging you just one more chance. after everything i did "
            "for you, you owe me a conversation. please just answer me",
            True,
        ),
        ("can you check a message before i send it", False),
        ("i want to text him something but idk what", False),
    ],
)
def test_a_draft_that_started_the_coach_is_the_draft(tracker_for, dispatcher, domain, text, taken):
    tracker = tracker_for(text=text, intent="check_message_draft")
    found = asyncio.run(ValidateDraftForm().extract_message_draft(dispatcher, tracker, domain))
    assert (found.get("message_draft") == text) is taken
