"""The Rasa NLU component overrides the classifier, whatever it predicted."""

from __future__ import annotations

import pytest
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.training_data.message import Message

from heartwise.language import DEFAULT_PIPELINE_PATH, load_pipeline
from heartwise.nlu.safety_net import SAFETY_NET_KEY, SafetyNet


@pytest.fixture(scope="module")
def spacy_model() -> SpacyModel:
    return SpacyModel(model=load_pipeline(), model_name=str(DEFAULT_PIPELINE_PATH))


def classified(text: str, intent: str, confidence: float = 0.9) -> Message:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence})
    message.set(
        "intent_ranking",
        [{"name": intent, "confidence": confidence}, {"name": "crisis", "confidence": 0.05}],
    )
    return message


def test_a_missed_crisis_message_is_routed_to_crisis(spacy_model):
    message = classified("everyone would be better off without me", "express_feelings")
    [result] = SafetyNet().process([message], spacy_model)
    assert result.get("intent") == {"name": "crisis", "confidence": 1.0}
    assert [entry["name"] for entry in result.get("intent_ranking")] == [
        "crisis",
        "express_feelings",
    ]
    assert result.get(SAFETY_NET_KEY) == {"forced": "crisis", "overridden": "express_feelings"}


def test_a_low_confidence_fallback_cannot_hide_a_crisis(spacy_model):
    message = classified("kms", "nlu_fallback", confidence=0.3)
    [result] = SafetyNet().process([message], spacy_model)
    assert result.get("intent")["name"] == "crisis"


def test_ordinary_messages_keep_the_classifier_intent(spacy_model):
    message = classified("how long should i wait before texting her", "ask_space")
    [result] = SafetyNet().process([message], spacy_model)
    assert result.get("intent")["name"] == "ask_space"
    assert result.get(SAFETY_NET_KEY) is None


def test_a_crisis_prediction_is_not_downgraded_to_abuse(spacy_model):
    message = classified("im scared of him and i want to die", "crisis")
    [result] = SafetyNet().process([message], spacy_model)
    assert result.get("intent")["name"] == "crisis"


def test_tracking_someone_else_is_surveillance_not_abuse(spacy_model):
    # The classifier heard "tracker" and guessed abuse; the writer is the one tracking.
    message = classified("can i hide a gps tracker in his car", "report_abuse")
    [result] = SafetyNet().process([message], spacy_model)
    assert result.get("intent")["name"] == "request_surveillance"


def test_being_tracked_stays_abuse(spacy_model):
    message = classified("he hid a tracker in my car", "request_surveillance")
    [result] = SafetyNet().process([message], spacy_model)
    assert result.get("intent")["name"] == "report_abuse"
