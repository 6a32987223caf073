"""Posting their messages, or checking what they share, gets a reply in
proportion (ProportionPolicy), on real trackers."""

from __future__ import annotations

from typing import Any, Dict, Optional

import pytest
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.policies.proportion import (
    checks_what_they_share,
    visits_unasked,
    wants_to_post_their_messages,
)
from tests.helpers import reply_then_message

LONE_THREAT = {
    "level": "high",
    "category": "harm_to_others",
    "evidence": ["classifier 0.57: harm_to_others"],
}


def after(
    text: str, intent: str, risk: Optional[Dict[str, Any]] = None, reply: str = "utter_greet"
) -> DialogueStateTracker:
    return reply_then_message(reply, text, intent, risk=risk)


@pytest.mark.parametrize(
    "text, intent, risk",
    [
        # Found by role-play: the harm-to-others reply with 999 and a line for
        # people who abuse; the list of what Heartwise can do.
        (
            "im this close to putting the screenshots on my insta story so everyone sees what a lying rat he is",
            "threaten_harm",
            LONE_THREAT,
        ),
        (
            "tell me straight if posting the screenshots is a bad idea or not. like legally",
            "ask_capabilities",
            None,
        ),
        ("should i send the texts to his mates so they know", "ask_communication", None),
    ],
)
def test_a_wish_to_post_their_messages_gets_the_posting_answer(text, intent, risk):
    assert wants_to_post_their_messages(after(text, intent, risk))


def test_a_short_follow_up_is_still_about_posting():
    tracker = after(
        "should i post them yes or no", "ask_mind_games", reply="utter_posting_about_them"
    )
    assert wants_to_post_their_messages(tracker)


@pytest.mark.parametrize(
    "text, intent, risk",
    [
        # Intimate pictures are a crime to share: the harm protocol.
        ("gonna post his nudes on his insta", "threaten_harm", LONE_THREAT),
        # Found in words by the safety net: the rules answer.
        (
            "im going to post the screenshots and then burn his car",
            "threaten_harm",
            {"level": "high", "category": "harm_to_others", "evidence": ["pattern: burn his car"]},
        ),
        # Not the writer posting.
        ("he posted our texts on his story", "express_anger", None),
        ("she keeps messaging me on insta", "ask_communication", None),
    ],
)
def test_everything_else_is_left_to_the_rules(text, intent, risk):
    assert not wants_to_post_their_messages(after(text, intent, risk))


@pytest.mark.parametrize(
    "text",
    [
        # Found by role-play: the refusal meant for hacking an account.
        "is it weird that i check her snap map like every hour?? am i a bad person",
        "i keep looking at his stories to see if hes with her",
    ],
)
def test_checking_what_they_share_gets_a_gentle_answer(text):
    assert checks_what_they_share(after(text, "request_surveillance"))


def test_asking_about_the_habit_as_ones_own_gets_the_same_answer_whatever_was_heard():
    # Found by role-play: advice on whether to reach out to him.
    text = "i keep checking his instagram and even his spotify. is that normal"
    assert checks_what_they_share(after(text, "ask_space"))
    assert not checks_what_they_share(after("she posts on her story every night", "ask_space"))


@pytest.mark.parametrize(
    "text, intent",
    [
        ("how do i log into her insta to check her dms", "request_surveillance"),
        ("can i see her location without her knowing, like a tracker", "request_surveillance"),
        ("i keep checking his stories", "ask_space"),  # the topic answers it
    ],
)
def test_getting_at_their_accounts_keeps_the_refusal(text, intent):
    assert not checks_what_they_share(after(text, intent))


@pytest.mark.parametrize(
    "text, expected",
    [
        # Found by role-play: courtesy advice, then "a step worth taking"; 911.
        ("thinking of a surprise visit at her office w peonies friday. would that work", True),
        ("i drive past his apartment at night just to see if her car is there", True),
        ("we bumped into each other at the gym and it was awkward", False),
        # Found by role-play: a student was asked to paste "the message".
        ("shes in cartwright halls. should i just turn up there tonight and talk to her", True),
        ("im asking should i go to her halls. in person. tonight", True),
        ("my mum turned up at my flat with soup lol", False),
        ("will texting 741741 show up on my parents phone bill", False),
    ],
)
def test_turning_up_unasked_is_answered_for_what_it_does(text, expected):
    assert visits_unasked(after(text, "ask_kindness")) is expected
