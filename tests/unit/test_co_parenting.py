"""A co-parent's practical questions get co-parenting answers
(CoParentingPolicy), on real trackers built from the real domain."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.policies.co_parenting import co_parenting_reply
from tests.conftest import PROJECT_ROOT
from tests.helpers import messages_read_as

DOMAIN = Domain.load(PROJECT_ROOT / "domain.yml")
CO_PARENT = {"goal": "co_parent"}


def conversation(
    *messages: str,
    intent: str = "nlu_fallback",
    slots: Optional[Dict[str, Any]] = None,
    risk: Optional[Dict[str, Any]] = None,
) -> DialogueStateTracker:
    return messages_read_as(
        *messages, intent=intent, slots=CO_PARENT if slots is None else slots, risk=risk
    )


@pytest.mark.parametrize(
    "text, intent, reply",
    [
        (
            "need to text her about money for our eldest's school trip. £280 for a residential",
            "nlu_fallback",
            "utter_co_parent_money",
        ),
        (
            "what can i actually do to make handovers less grim",
            "ask_self_improvement",
            "utter_co_parent_handovers",
        ),
        (
            "my daughter keeps asking if we're getting back together",
            "want_ex_back",
            "utter_co_parent_childs_questions",
        ),
        (
            "thing is she said shed go halves on school trips then paid 2 months late",
            "correct_misunderstanding",
            "utter_co_parent_money",
        ),
    ],
)
def test_a_co_parents_practical_question_gets_the_co_parenting_answer(text, intent, reply):
    assert co_parenting_reply(conversation(text, intent=intent)) == reply


def test_a_short_follow_up_is_read_with_the_message_before_it():
    tracker = conversation(
        "my actual worry is the kids. alfie's 6 and keeps asking if mum and dad will live together again",
        "what do i say to him when he asks",
        intent="ask_communication",
    )
    assert co_parenting_reply(tracker) == "utter_co_parent_childs_questions"


def test_a_lone_gentle_question_guess_on_a_money_worry_is_answered_as_money():
    tracker = conversation(
        "last year she said shed go halves on trips then paid 2 months late",
        intent="express_hopelessness",
        risk={"level": "concern", "evidence": ["classifier 0.53: self_harm"]},
    )
    assert co_parenting_reply(tracker) == "utter_co_parent_money"


@pytest.mark.parametrize(
    "messages, intent, slots, risk",
    [
        # Not a co-parent.
        (["how do i make handovers less awful"], "ask_kindness", {"goal": "move_on"}, None),
        # After abuse, the safety replies stay in charge.
        (
            ["handovers are scary, he shouts at the door"],
            "ask_kindness",
            {"goal": "co_parent", "abuse_disclosed": True},
            None,
        ),
        # A risk found by a phrase is the rules' to answer.
        (
            ["i cant do the handovers anymore, i want to end it all"],
            "express_hopelessness",
            CO_PARENT,
            {"level": "concern", "evidence": ["pattern: end it all"]},
        ),
        # A tool asked for by name.
        (["can you check my message about the pickup"], "check_message_draft", CO_PARENT, None),
        # Nothing about the children.
        (["i feel so lonely in the evenings"], "express_feelings", CO_PARENT, None),
    ],
)
def test_everything_else_is_left_to_the_rules(
    messages: List[str], intent: str, slots: Dict[str, Any], risk: Optional[Dict[str, Any]]
):
    assert (
        co_parenting_reply(conversation(*messages, intent=intent, slots=slots, risk=risk)) is None
    )


def test_inside_rasas_fallback_question_the_rules_keep_the_turn():
    tracker = conversation("need to text her about money for our eldest's school trip. £280")
    tracker.update(ActiveLoop("action_two_stage_fallback"))
    assert co_parenting_reply(tracker) is None


def test_a_correction_after_a_safety_reply_is_left_to_be_taken_back():
    slots = {**CO_PARENT, "self_harm_disclosed": True}
    tracker = conversation(
        "no i meant the money for the school trip", intent="correct_misunderstanding", slots=slots
    )
    assert co_parenting_reply(tracker) is None


def test_saying_they_share_children_is_heard_when_nothing_else_is_understood():
    # Found in the scripted conversations: the fallback's question, and then
    # the school-trip money, inside it, was asked for "in other words".
    text = "divorced from lauren 14 months ago, two kids. not after relationship advice"
    tracker = conversation(text, slots={})
    tracker.update(SlotSet("goal", "co_parent"))
    assert co_parenting_reply(tracker) == "utter_co_parent_intro"
    # Said earlier, the goal is no news: an unplaced message is not introduced twice.
    tracker.update(ActionExecuted("utter_co_parent_intro"))
    tracker.update(ActionExecuted("action_listen"))
    parse = {"intent": {"name": "nlu_fallback", "confidence": 0.3}, "text": "hmm", "risk": {}}
    tracker.update(UserUttered("hmm", parse["intent"], [], parse_data=parse))
    assert co_parenting_reply(tracker) is None
