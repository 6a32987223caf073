"""Reflection prompts: no repeats until a bank is spent, personalised from
what the bot remembers, and answers saved to the journal."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.reflection import (
    ActionAskReflectionAnswer,
    ActionSaveReflection,
    choose_prompt,
    fill_prompt,
)
from actions.reflection_prompts import GENERAL, PROMPTS
from tests.helpers import said


@pytest.mark.parametrize("topic", sorted(PROMPTS))
def test_no_prompt_repeats_until_the_bank_is_spent(topic):
    rng = random.Random(7)
    used: dict = {}
    bank_size = len(PROMPTS[topic])
    first_round = []
    for _ in range(bank_size):
        bank, index, used = choose_prompt(topic, used, rng)
        assert bank == topic
        first_round.append(index)
    assert sorted(first_round) == list(range(bank_size))
    # The next one starts a new round instead of failing.
    _, index, used = choose_prompt(topic, used, rng)
    assert used[topic] == [index]


def test_unknown_topics_use_the_general_bank():
    bank, _, used = choose_prompt("greet", {}, random.Random(1))
    assert bank == GENERAL and list(used) == [GENERAL]


def test_prompts_use_what_the_bot_remembers():
    template = "What has space {since} shown you about {ex}?"
    assert fill_prompt(template, "girlfriend", "3 weeks ago") == (
        "What has space in the 3 weeks since the breakup shown you about your girlfriend?"
    )
    assert fill_prompt(template, None, None) == (
        "What has space since the breakup shown you about your ex?"
    )
    assert fill_prompt(template, "girlfriend", None, "Aisha") == (
        "What has space since the breakup shown you about Aisha?"
    )


def test_every_prompt_fills_without_error():
    for bank in PROMPTS.values():
        for template in bank:
            assert "{" not in fill_prompt(template, "husband", "two months ago")


def test_asking_follows_the_last_topic_and_records_the_prompt(tracker_for, dispatcher, domain):
    tracker = tracker_for(slots={"last_topic": "ask_space", "ex_role": "wife"})
    events = ActionAskReflectionAnswer(random.Random(3)).run(dispatcher, tracker, domain)
    [used, prompt] = events
    assert used == SlotSet("prompts_used", {"ask_space": used["value"]["ask_space"]})
    assert prompt["value"]["topic"] == "ask_space"
    assert prompt["value"]["text"] in said(dispatcher)[0]


def test_someone_who_sees_a_counsellor_is_not_asked_what_they_would_tell_one(tracker_for, domain):
    slots = {"last_topic": "ask_therapy", "has_counsellor": True}
    for seed in range(6):
        dispatcher = CollectingDispatcher()
        events = ActionAskReflectionAnswer(random.Random(seed)).run(
            dispatcher, tracker_for(slots=slots), domain
        )
        assert "if you saw a counsellor" not in said(dispatcher)[0]
        assert events[1]["value"]["topic"] == "ask_therapy_with_counsellor"


def test_a_second_ask_never_repeats_the_first(tracker_for, domain):
    seen = []
    used = None
    for _ in range(len(PROMPTS["ask_space"])):
        dispatcher = CollectingDispatcher()
        tracker = tracker_for(slots={"last_topic": "ask_space", "prompts_used": used})
        used_event, prompt_event = ActionAskReflectionAnswer().run(dispatcher, tracker, domain)
        used = used_event["value"]
        seen.append(prompt_event["value"]["text"])
    assert len(set(seen)) == len(seen)


def test_the_answer_goes_into_the_journal_with_topic_and_date(tracker_for, dispatcher, domain):
    earlier = {"date": "2026-01-02", "topic": "general", "prompt": "p", "answer": "a"}
    tracker = tracker_for(
        slots={
            "journal": [earlier],
            "reflection_prompt": {"topic": "ask_space", "text": "What has space shown you?"},
            "reflection_answer": "  That I was lonely before the breakup too.  ",
        }
    )
    events = ActionSaveReflection().run(dispatcher, tracker, domain)
    journal = events[0]["value"]
    assert events[0]["name"] == "journal"
    assert journal[0] == earlier
    assert journal[1] == {
        "date": dt.date.today().isoformat(),
        "topic": "ask_space",
        "prompt": "What has space shown you?",
        "answer": "That I was lonely before the breakup too.",
    }
    assert SlotSet("reflection_answer", None) in events
    assert dispatcher.messages == []
