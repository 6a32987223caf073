"""Variants take turns: nobody reads the same wording again while another is unread."""

from __future__ import annotations

import asyncio

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.nlg import FreshResponses

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
