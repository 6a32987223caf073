"""The clause-aware classifier: trained on sentence vectors, it reads a story
by its clauses as well as whole, and blends its view with DIET's ranking."""

from __future__ import annotations

from typing import List

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from heartwise.nlu.clause_classifier import ClauseIntentClassifier
from heartwise.nlu.sentence_embeddings import SentenceEmbeddingFeaturizer
from tests.unit.test_sentence_embeddings import tokenized

TRAINING = {
    "ask_space": [
        "how long should i wait before texting him",
        "should i go no contact with my ex",
        "is it too soon to reach out after three weeks",
        "how much space should i give her",
    ],
    "express_feelings": [
        "i miss her so much it hurts",
        "i cry every night since he left",
        "i feel so lonely without him",
        "my chest aches when i think of her",
    ],
}


@pytest.fixture(scope="module")
def featurizer() -> SentenceEmbeddingFeaturizer:
    return SentenceEmbeddingFeaturizer(SentenceEmbeddingFeaturizer.get_default_config(), "minilm")


@pytest.fixture(scope="module")
def trained_and_loaded(tmp_path_factory, featurizer):
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    resource = Resource("clauses")
    context = ExecutionContext(GraphSchema({}), "test")
    examples: List[Message] = []
    for intent, texts in TRAINING.items():
        for text in texts:
            example = tokenized(text)
            example.set("intent", intent)
            examples.append(example)
    data = TrainingData(examples)
    featurizer.process_training_data(data)
    config = ClauseIntentClassifier.get_default_config()
    trained = ClauseIntentClassifier.create(config, storage, resource, context)
    trained.train(data)
    return trained, ClauseIntentClassifier.load(config, storage, resource, context)


@pytest.fixture(scope="module")
def classifier(trained_and_loaded) -> ClauseIntentClassifier:
    return trained_and_loaded[1]


def parsed(featurizer, classifier, text: str, diet: List[tuple]) -> Message:
    message = tokenized(text)
    featurizer.process([message])
    ranking = [{"name": name, "confidence": confidence} for name, confidence in diet]
    message.set("intent", ranking[0])
    message.set("intent_ranking", ranking)
    classifier.process([message])
    return message


def test_the_question_at_the_end_of_a_story_counts(featurizer, classifier):
    text = "i cry every night and i miss her so much. " "how long should i wait before i text her"
    views = parsed(featurizer, classifier, text, [("express_feelings", 1.0)])
    probabilities = classifier.probabilities(views.get("clause_vectors"))
    space = classifier._intents.index("ask_space")
    assert probabilities[space] > 0.3


def test_the_blend_weighs_diet_as_configured(featurizer, classifier):
    message = parsed(
        featurizer,
        classifier,
        "how long should i wait before texting her",
        [("express_feelings", 0.9), ("ask_space", 0.1)],
    )
    ranking = {entry["name"]: entry["confidence"] for entry in message.get("intent_ranking")}
    ours = classifier.probabilities(message.get("clause_vectors"))
    weight = ClauseIntentClassifier.get_default_config()["diet_weight"]
    space = classifier._intents.index("ask_space")
    assert ranking["ask_space"] == pytest.approx(weight * 0.1 + (1 - weight) * ours[space])
    assert message.get("intent")["name"] == max(ranking, key=ranking.get)
    assert sum(ranking.values()) == pytest.approx(1.0, abs=1e-6)


def test_a_loaded_classifier_predicts_as_the_trained_one(featurizer, trained_and_loaded):
    trained, loaded = trained_and_loaded
    message = tokenized("she left. i miss her and i dont know how long to wait")
    featurizer.process([message])
    views = message.get("clause_vectors")
    np.testing.assert_allclose(trained.probabilities(views), loaded.probabilities(views))
    assert loaded.probabilities(views).sum() == pytest.approx(1.0, abs=1e-6)
