"""Which practical question a message asks, if any: blocking, getting one's
things back, a wedding the ex will be at, drunk texting, a shared flat.

The topic classifier has no intent for these and answered them with the
nearest topic's paragraph: "should i block him on everything" got advice on
communication. Each clause of the message (and the message as a whole) is
compared with the short questions in heartwise/language/practical_questions.yml
in the sentence-embedding space; the closest topic, if close enough, is in the
parse data as ``practical``. Whether it is answered is the dialogue's call
(heartwise/policies/practical.py): a safety message never is.
"""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from typing import Any, Dict, List, Optional, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from heartwise.language.practical import PracticalBank, Topics, bank_fingerprint, load_topics
from heartwise.nlu.sentence_embeddings import (
    CLAUSE_VECTORS,
    ENCODER_CONFIG,
    SentenceEmbeddingFeaturizer,
    encoder_for,
)

PRACTICAL_KEY = "practical"
_VECTORS_FILE = "practical_vectors.npy"
_TOPICS_FILE = "practical_topics.json"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
    is_trainable=True,
)
class PracticalQuestionMatcher(GraphComponent, IntentClassifier):
    """Adds the practical question a message asks; never changes its intent.

    A match below ``min_similarity`` but above ``follow_up_similarity`` is
    kept as not sure: the dialogue answers it only right after that topic's
    own answer."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SentenceEmbeddingFeaturizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"min_similarity": 0.6, "follow_up_similarity": 0.45, **ENCODER_CONFIG}

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        # The questions are embedded when training: new questions, new model.
        return bank_fingerprint()

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        bank: Optional[PracticalBank] = None,
    ) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self._bank = bank

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PracticalQuestionMatcher:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        self._bank = PracticalBank.embed(load_topics(), encoder_for(self._config).sentence_vectors)
        with self._storage.write_to(self._resource) as directory:
            np.save(directory / _VECTORS_FILE, self._bank.vectors)
            (directory / _TOPICS_FILE).write_text(json.dumps(asdict(self._bank.topics)))
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> PracticalQuestionMatcher:
        with model_storage.read_from(resource) as directory:
            vectors = np.load(directory / _VECTORS_FILE)
            saved = json.loads((directory / _TOPICS_FILE).read_text())
        topics = Topics([(topic, q) for topic, q in saved["questions"]], saved["cues"])
        return cls(config, model_storage, resource, PracticalBank(topics, vectors))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            vectors = message.get(CLAUSE_VECTORS)
            if self._bank is None or vectors is None:
                continue
            match = self._bank.nearest(message.get(TEXT) or "", vectors)
            if match is None or match.similarity < float(self._config["follow_up_similarity"]):
                continue
            sure = match.similarity >= float(self._config["min_similarity"])
            message.set(PRACTICAL_KEY, replace(match, sure=sure).as_dict(), add_to_output=True)
        return messages
