"""A second opinion on the intent, from the message and from each of its clauses.

DIET reads a message as a whole. People in a breakup write stories: three
sentences of what happened, then the question. This classifier reads the
MiniLM sentence vector of the whole message and of each clause (a logistic
regression, multinomial), averages the two views, and blends the result with
DIET's ranking. On the real-voice set the blend scored above either alone
(README, "Understanding long messages").
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from heartwise.nlu.sentence_embeddings import CLAUSE_VECTORS, SentenceEmbeddingFeaturizer

_WEIGHTS_FILE = "weights.npz"
_INTENTS_FILE = "intents.json"


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ClauseIntentClassifier(GraphComponent, IntentClassifier):
    """Blends DIET's ranking with a clause-aware sentence-vector classifier."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SentenceEmbeddingFeaturizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            # Inverse regularisation of the logistic regression.
            "C": 16.0,
            # How much of the final ranking is DIET's; the rest is this one's.
            "diet_weight": 0.3,
            # How much of this classifier's view is the whole message; the
            # rest is the mean over its clauses.
            "whole_message_weight": 0.5,
            "ranking_length": 10,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        intents: Optional[List[str]] = None,
        weights: Optional[np.ndarray] = None,
        bias: Optional[np.ndarray] = None,
    ) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self._intents = intents or []
        self._weights = weights
        self._bias = bias

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ClauseIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.linear_model import LogisticRegression

        examples = [
            example
            for example in training_data.intent_examples
            if example.get(TEXT) and _sentence_vector(example) is not None
        ]
        vectors = np.concatenate([_sentence_vector(example) for example in examples])
        labels = [example.get(INTENT) for example in examples]
        model = LogisticRegression(C=float(self._config["C"]), max_iter=5000)
        model.fit(vectors, labels)
        self._intents = [str(intent) for intent in model.classes_]
        weights, bias = model.coef_, model.intercept_
        if len(self._intents) == 2:
            # With two intents scikit-learn keeps one row (a sigmoid); as two
            # rows, softmax gives the same probabilities.
            weights, bias = np.vstack([-weights / 2, weights / 2]), np.hstack([-bias / 2, bias / 2])
        self._weights = weights.astype(np.float32)
        self._bias = bias.astype(np.float32)
        with self._storage.write_to(self._resource) as directory:
            np.savez(directory / _WEIGHTS_FILE, weights=self._weights, bias=self._bias)
            (directory / _INTENTS_FILE).write_text(json.dumps(self._intents))
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> ClauseIntentClassifier:
        with model_storage.read_from(resource) as directory:
            arrays = np.load(directory / _WEIGHTS_FILE)
            intents = json.loads((directory / _INTENTS_FILE).read_text())
        return cls(config, model_storage, resource, intents, arrays["weights"], arrays["bias"])

    def process(self, messages: List[Message]) -> List[Message]:
        if self._weights is None:
            return messages
        for message in messages:
            views = message.get(CLAUSE_VECTORS)
            if views is None:
                views = _sentence_vector(message)
            if views is None:
                continue
            self._blend(message, self.probabilities(views))
        return messages

    def probabilities(self, views: np.ndarray) -> np.ndarray:
        """The intent probabilities from the whole message (row 0) and its clauses."""
        assert self._weights is not None and self._bias is not None
        per_view = softmax(views @ self._weights.T + self._bias)
        if len(per_view) == 1:
            return per_view[0]
        whole = float(self._config["whole_message_weight"])
        return whole * per_view[0] + (1 - whole) * per_view[1:].mean(axis=0)

    def _blend(self, message: Message, ours: np.ndarray) -> None:
        diet_weight = float(self._config["diet_weight"])
        diet = {
            entry[INTENT_NAME_KEY]: float(entry[PREDICTED_CONFIDENCE_KEY])
            for entry in message.get(INTENT_RANKING_KEY) or []
        }
        blended = {
            intent: diet_weight * diet.get(intent, 0.0) + (1 - diet_weight) * float(p)
            for intent, p in zip(self._intents, ours, strict=True)
        }
        ranking = [
            {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: confidence}
            for intent, confidence in sorted(blended.items(), key=lambda item: -item[1])
        ][: int(self._config["ranking_length"])]
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def _sentence_vector(message: Message) -> Optional[np.ndarray]:
    """The MiniLM vector of the whole message, [1, 384] (the only dense featurizer)."""
    _, sentence = message.get_dense_features(TEXT)
    return None if sentence is None else sentence.features.astype(np.float32)
