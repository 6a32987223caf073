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


def parsed(text: str, confidence: float, long_threshold: Optional[float] = 0.15) -> Message:
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
    return result


def classified(text: str, confidence: float, long_threshold: Optional[float] = 0.15) -> str:
    return parsed(text, confidence, long_threshold).get("intent")["name"]


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


@pytest.mark.parametrize(("text", "threshold"), [(SHORT, 0.25), (LONG, 0.15)])
def test_a_fallback_is_reported_at_the_threshold_the_message_fell_below(text, threshold):
    # What `/model/parse` and the logs show: a long message's fallback at the
    # long threshold, not the short one it never had to meet.
    message = parsed(text, 0.05)
    assert message.get("intent") == {"name": "nlu_fallback", "confidence": threshold}
    assert message.get("intent_ranking")[0] == {"name": "nlu_fallback", "confidence": threshold}
