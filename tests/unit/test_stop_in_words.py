"""A message that only asks to stop is read as ``stop`` (StopInWordsClassifier),
so a form is left rather than given it as an answer; a story that merely
starts like one, or a message with risk in it, keeps its reading."""

from __future__ import annotations

from typing import Any, Dict, Optional

import pytest
from rasa.shared.nlu.training_data.message import Message

from heartwise.language.answers import asks_to_stop
from heartwise.nlu.stop_in_words import StopInWordsClassifier


@pytest.mark.parametrize(
    "text",
    [
        "scrap that, i dont want to do this anymore",
        "actually can we stop the questions",
        "nah forget it",
        "i dont want to answer that one tbh",
        "lets just stop here for now",
        "can we skip this one",
        "never mind lol",
        "im done with this",
    ],
)
def test_a_request_to_stop_in_any_words_is_heard(text: str):
    assert asks_to_stop(text)


@pytest.mark.parametrize(
    "text",
    [
        # Stories and answers that only start or end like a stop.
        "forget it, hes never going to change",
        "i dont want to go through this again with him",
        "she told me to stop texting her",
        "i want to stop feeling like this",
        "we should have stopped it years ago",
    ],
)
def test_a_story_that_mentions_stopping_is_still_a_story(text: str):
    assert not asks_to_stop(text)


def _read(text: str, intent: str, risk: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.33},
            "intent_ranking": [
                {"name": intent, "confidence": 0.33},
                {"name": "stop", "confidence": 0.1},
            ],
            "risk": risk or {"level": "none", "category": None, "evidence": []},
        }
    )
    [read] = StopInWordsClassifier().process([message])
    return read.data


def test_the_classifier_s_guess_gives_way_to_stop():
    read = _read("scrap that, i dont want to do this anymore", "consider_moving_on")
    assert read["intent"] == {"name": "stop", "confidence": 1.0}
    assert [entry["name"] for entry in read["intent_ranking"]] == ["stop", "consider_moving_on"]


def test_a_message_with_risk_keeps_the_safety_reading():
    risk = {"level": "high", "category": "self_harm", "evidence": ["classifier 0.99: self_harm"]}
    read = _read("i dont want to do this anymore", "crisis", risk)
    assert read["intent"]["name"] == "crisis"


def test_an_ordinary_message_is_left_alone():
    assert _read("honestly we just stopped talking", "express_feelings")["intent"]["name"] == (
        "express_feelings"
    )
