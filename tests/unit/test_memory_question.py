"""Asked whether it remembers or who can read what was written, Heartwise says
what it keeps (MemoryQuestionPolicy), on real Rasa trackers."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from heartwise.policies.memory_question import ABOUT_MEMORY, MemoryQuestionPolicy
from tests.helpers import messages_read_as

POLICY = MemoryQuestionPolicy.__new__(MemoryQuestionPolicy)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("ok im gonna sleep. will u remember all this if i come back tomorrow?", "start_guide"),
        ("before i say anything else is this private", "bot_challenge"),
        ("can my ex see what i write here? he has my laptop password", "request_surveillance"),
        ("do you save my messages somewhere", "ask_capabilities"),
        ("wait is what i told you stored anywhere", "nlu_fallback"),
    ],
)
def test_a_question_about_what_is_kept_gets_the_plain_answer(text: str, intent: str):
    answer = POLICY.answer(messages_read_as(text, intent=intent))
    assert answer == (ABOUT_MEMORY, [])


@pytest.mark.parametrize(
    "text, risk",
    [
        # Not a question about the bot.
        ("i cant remember the last time he said something kind", {}),
        ("do you think he'll remember my birthday", {}),
        ("will you remember me when im gone", {}),
        # Any risk is the safety policies', even the classifier's lone guess.
        (
            "will you remember all this when i'm gone",
            {
                "level": "concern",
                "category": "self_harm",
                "evidence": ["classifier 0.5: self_harm"],
            },
        ),
    ],
)
def test_everything_else_is_left_to_the_other_policies(text: str, risk: Dict[str, Any]):
    assert POLICY.answer(messages_read_as(text, risk=risk)) is None
