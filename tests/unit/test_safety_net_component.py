"""The risk assessment in the NLU pipeline: it forces the protocol a message
calls for whatever the classifier said, and withdraws a safety guess that
nothing supports, so a hard negative cannot lock the conversation."""

from __future__ import annotations

from typing import Callable, List, Optional

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from heartwise.language import DEFAULT_PIPELINE_PATH, load_pipeline
from heartwise.nlu.safety_net import RISK_KEY, SafetyNet
from heartwise.nlu.sentence_embeddings import SentenceEmbeddingFeaturizer
from tests.unit.test_sentence_embeddings import tokenized

Assess = Callable[..., Message]


@pytest.fixture(scope="module")
def spacy_model() -> SpacyModel:
    return SpacyModel(model=load_pipeline(), model_name=str(DEFAULT_PIPELINE_PATH))


@pytest.fixture(scope="module")
def safety_net(tmp_path_factory: pytest.TempPathFactory, spacy_model: SpacyModel) -> SafetyNet:
    """Trained (the bank embedded), persisted and loaded, as Rasa would."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    resource = Resource("safety_net")
    context = ExecutionContext(GraphSchema({}), "test")
    config = SafetyNet.get_default_config()
    SafetyNet.create(config, storage, resource, context).train(TrainingData(), spacy_model)
    return SafetyNet.load(config, storage, resource, context)


@pytest.fixture(scope="module")
def assessed(safety_net: SafetyNet, spacy_model: SpacyModel) -> Assess:
    featurizer = SentenceEmbeddingFeaturizer(
        SentenceEmbeddingFeaturizer.get_default_config(), "minilm"
    )

    def run(text: str, ranking: List[tuple[str, float]]) -> Message:
        message = tokenized(text)
        featurizer.process([message])
        entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
        message.set("intent", entries[0])
        message.set("intent_ranking", entries)
        [result] = safety_net.process([message], spacy_model)
        return result

    return run


def intent(message: Message) -> Optional[str]:
    return (message.get("intent") or {}).get("name")


def test_a_missed_crisis_message_is_routed_to_crisis(assessed):
    result = assessed("everyone would be better off without me", [("express_feelings", 0.9)])
    assert result.get("intent") == {"name": "crisis", "confidence": 1.0}
    assert [entry["name"] for entry in result.get("intent_ranking")] == [
        "crisis",
        "express_feelings",
    ]
    assert result.get(RISK_KEY)["level"] == "high"
    assert result.get(RISK_KEY)["category"] == "self_harm"


def test_a_low_confidence_fallback_cannot_hide_a_crisis(assessed):
    result = assessed("kms", [("nlu_fallback", 0.3), ("greet", 0.2)])
    assert intent(result) == "crisis"


def test_a_paraphrase_no_pattern_knows_is_caught_by_the_bank(assessed):
    text = "she left in june. some nights i think the world would carry on fine without me in it"
    result = assessed(text, [("express_feelings", 0.7)])
    assert intent(result) in {"crisis", "express_hopelessness"}
    assert any(reason.startswith("bank") for reason in result.get(RISK_KEY)["evidence"])


def test_ordinary_messages_keep_the_classifier_intent(assessed):
    result = assessed("how long should i wait before texting her", [("ask_space", 0.9)])
    assert intent(result) == "ask_space"
    assert result.get(RISK_KEY)["level"] == "none"


def test_an_unsupported_abuse_guess_gives_way_to_the_topic(assessed):
    # A negation the classifier misread: nothing else supports the guess, so
    # abuse_disclosed is never set.
    result = assessed(
        "she never laid a hand on me, we just grew apart after the move",
        [("report_abuse", 0.45), ("assess_relationship", 0.4), ("express_feelings", 0.1)],
    )
    assert intent(result) == "assess_relationship"


def test_a_withdrawn_guess_leaves_the_topic_its_share_for_the_fallback_to_judge(assessed):
    # With the threat ruled out, what the classifier said about the rest is
    # what counts: 0.2 of the 0.55 left, not a bare 0.2 that always falls back.
    result = assessed(
        "we watched a film about a guy who goes off the rails",
        [("threaten_harm", 0.45), ("express_feelings", 0.2), ("ask_book", 0.15)],
    )
    assert result.get("intent") == {
        "name": "express_feelings",
        "confidence": pytest.approx(0.2 / 0.55),
    }


def test_a_confident_classifier_guess_stands(assessed):
    result = assessed(
        "he makes me hand over my wages every friday and checks every receipt",
        [("report_abuse", 0.95), ("express_anger", 0.02)],
    )
    assert intent(result) == "report_abuse"


def test_tracking_someone_else_is_surveillance_not_abuse(assessed):
    result = assessed("can i hide a gps tracker in his car", [("report_abuse", 0.6)])
    assert intent(result) == "request_surveillance"


def test_being_tracked_stays_abuse(assessed):
    result = assessed("he hid a tracker in my car", [("request_surveillance", 0.6)])
    assert intent(result) == "report_abuse"


def test_a_crisis_prediction_is_not_downgraded_to_abuse(assessed):
    result = assessed("im scared of him and i want to die", [("crisis", 0.9)])
    assert intent(result) == "crisis"
