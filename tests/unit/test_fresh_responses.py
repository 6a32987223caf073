"""Variants take turns: nobody reads the same wording again while another is unread."""

from __future__ import annotations

import asyncio
import re

import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.nlg import TOPIC_ANSWERS, FreshResponses
from tests.conftest import PROJECT_ROOT

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  ex_name:
    type: text
    influence_conversation: false
    mappings: [{type: custom}]
  abuse_disclosed:
    type: bool
    influence_conversation: false
    mappings: [{type: custom}]
responses:
  utter_feelings:
    - text: "one"
    - text: "two"
    - text: "three"
  utter_about_them:
    - text: "Your ex is hurting too."
    - text: "Give your ex some room."
  utter_express_feelings:
    - text: "Breakups hurt."
    - text: "It gets easier."
  utter_careful:
    - condition: [{type: slot, name: abuse_disclosed, value: true}]
      text: "safety first"
    - text: "ordinary"
"""
)


def said_next(tracker: DialogueStateTracker, action: str = "utter_feelings") -> str:
    response = asyncio.run(FreshResponses(domain=DOMAIN).generate(action, tracker, "rest"))
    tracker.update(BotUttered(response["text"]))
    return response["text"]


def test_every_variant_is_read_once_before_any_is_read_again():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    assert [said_next(tracker) for _ in range(5)] == ["one", "two", "three", "one", "two"]


def test_a_wording_said_elsewhere_in_the_conversation_counts_as_read():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(BotUttered("one"))
    assert said_next(tracker) == "two"


def test_variants_with_the_exs_name_in_them_still_take_turns():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(SlotSet("ex_name", "Chloe"))
    assert [said_next(tracker, "utter_about_them") for _ in range(3)] == [
        "Chloe is hurting too.",
        "Give Chloe some room.",
        "Chloe is hurting too.",
    ]


def test_conditions_still_choose_which_variants_may_be_said():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(SlotSet("abuse_disclosed", True))
    # Only the variant whose condition holds, however often it is asked for.
    assert [said_next(tracker, "utter_careful") for _ in range(3)] == ["safety first"] * 3


def test_a_topic_answer_first_says_back_the_feeling_the_person_named():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(UserUttered("i feel so stupid for trusting her", {"name": "express_feelings"}))
    first = said_next(tracker, "utter_express_feelings")
    assert first.startswith("Feeling stupid for trusting her")
    assert first.endswith("Breakups hurt.")
    # The reflected answer still counts as read: the other wording comes next.
    tracker.update(UserUttered("what now", {"name": "express_feelings"}))
    assert said_next(tracker, "utter_express_feelings") == "It gets easier."


def test_no_feeling_named_no_reflection():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(UserUttered("/express_feelings", {"name": "express_feelings"}))
    assert said_next(tracker, "utter_express_feelings") == "Breakups hurt."


def test_the_topic_answers_are_the_ones_the_rules_follow_with_an_offer():
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "rules" / "topics.yml").read_text())["rules"]
    answers = {
        step["action"]
        for rule in rules
        for step in rule["steps"]
        if re.fullmatch(r"utter_\w+", step.get("action", ""))
        and step["action"] != "utter_topic_follow_up"
    }
    assert answers == TOPIC_ANSWERS


def test_a_message_from_the_ex_on_a_birthday_is_named_before_the_answer():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(SlotSet("ex_name", "Sam"))
    tracker.update(UserUttered("she texted on my birthday last month, i read it about 40 times"))
    text = said_next(tracker, "utter_express_feelings")
    assert text.startswith("Hearing from Sam on your birthday")
    assert text.endswith("Breakups hurt.")


def test_a_day_only_mentioned_in_passing_changes_nothing():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(UserUttered("we met on valentines day, 6 years ago now"))
    assert said_next(tracker, "utter_express_feelings") == "Breakups hurt."
    # The person's own message on the day is not news from the ex.
    tracker.update(UserUttered("i texted him on his birthday and got nothing back"))
    assert said_next(tracker, "utter_express_feelings") == "It gets easier."


def test_asking_if_it_should_still_hurt_is_answered_from_how_long_it_has_been():
    domain = Domain.load(PROJECT_ROOT / "domain.yml")
    tracker = DialogueStateTracker("someone", domain.slots)
    tracker.update(SlotSet("time_since_breakup", "5 weeks"))
    tracker.update(UserUttered("is it normal to still be this raw after this long"))
    text = asyncio.run(
        FreshResponses(domain=domain).generate("utter_express_feelings", tracker, "rest")
    )["text"]
    assert text.startswith("It's been about 5 weeks")
    tracker.update(UserUttered("i miss her so much"))
    text = asyncio.run(
        FreshResponses(domain=domain).generate("utter_express_feelings", tracker, "rest")
    )["text"]
    assert "It's been" not in text


def test_the_paused_guide_is_not_mentioned_after_three_reminders():
    domain = Domain.load(PROJECT_ROOT / "domain.yml")
    tracker = DialogueStateTracker("someone", domain.slots)
    tracker.update(SlotSet("guide_paused", True))
    offers = []
    for _ in range(5):
        text = asyncio.run(
            FreshResponses(domain=domain).generate("utter_topic_follow_up", tracker, "rest")
        )["text"]
        tracker.update(BotUttered(text))
        offers.append(text)
    assert all("where were we" in offer for offer in offers[:3])
    assert not any("where were we" in offer for offer in offers[3:])
    assert len(set(offers)) == 5
