"""The fallback classifier's own threshold for long messages."""

from __future__ import annotations

from typing import Optional

import pytest
from rasa.shared.nlu.training_data.message import Message

from heartwise.nlu.fallback import LengthAwareFallbackClassifier

SHORT = "should i text him"
LONG = (
    "we were together four years and she ended it in march, and i keep going over "
    "whether i should have moved to leeds with her or if we were always heading here"
)


def classified(text: str, confidence: float, long_threshold: Optional[float] = 0.15) -> str:
    config = {
        **LengthAwareFallbackClassifier.get_default_config(),
        "threshold": 0.25,
        "long_message_threshold": long_threshold,
    }
    message = Message(data={"text": text})
    intent = {"name": "assess_relationship", "confidence": confidence}
    message.set("intent", intent)
    message.set("intent_ranking", [intent])
    [result] = LengthAwareFallbackClassifier(config).process([message])
    return result.get("intent")["name"]


def test_the_long_message_is_long_and_the_short_one_short():
    assert len(LONG.split()) >= 25 > len(SHORT.split())


@pytest.mark.parametrize(
    ("text", "confidence", "expected"),
    [
        (SHORT, 0.3, "assess_relationship"),
        (SHORT, 0.2, "nlu_fallback"),
        (LONG, 0.2, "assess_relationship"),
        (LONG, 0.1, "nlu_fallback"),
    ],
)
def test_a_long_message_is_answered_at_a_lower_confidence(text, confidence, expected):
    assert classified(text, confidence) == expected


def test_without_a_long_message_threshold_every_message_gets_the_same_one():
    assert classified(LONG, 0.2, long_threshold=None) == "nlu_fallback"
