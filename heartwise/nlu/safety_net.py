"""The risk assessment, run on every message whatever the topic classifier said.

It runs after the intent classifiers and before the fallback classifier. A
safety intent it forces comes with confidence 1, so no classifier mistake and
no low confidence can route someone at risk anywhere else. A safety guess that
nothing supports is withdrawn, so it cannot lock a conversation into the wrong
protocol: the likeliest topic takes its place, with its confidence among the
topics, and the fallback classifier then judges whether that is clear enough.
How the evidence is weighed: heartwise/language/risk.py. The result is in the
parse data as ``risk`` (level, category, evidence) beside the intent it forces.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Dict, List, Optional, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import SPACY_DOCS
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from heartwise.language.risk import SAFETY_INTENTS, Thresholds, assess
from heartwise.language.risk_bank import Expression, RiskBank, bank_fingerprint, load_expressions
from heartwise.language.safety import SafetyRules
from heartwise.nlu.sentence_embeddings import (
    CLAUSE_VECTORS,
    ENCODER_CONFIG,
    SentenceEmbeddingFeaturizer,
    encoder_for,
)

RISK_KEY = "risk"
_VECTORS_FILE = "bank_vectors.npy"
_EXPRESSIONS_FILE = "bank_expressions.json"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
    is_trainable=True,
    model_from="SpacyNLP",
)
class SafetyNet(GraphComponent, IntentClassifier):
    """Assesses risk and forces the safety intent it calls for, or withdraws one."""

    @classmethod
    def required_components(cls) -> List[Type]:
        # The classifiers run before it too (config.yml puts it last), but as
        # a trainable component it cannot require them: Rasa would look for
        # them upstream of its training, where they are not.
        return [SpacyNLP, SentenceEmbeddingFeaturizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            **{name: value for name, value in asdict(Thresholds()).items()},
            **ENCODER_CONFIG,
        }

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        # The bank is embedded when training: a new bank needs a new model.
        return bank_fingerprint()

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        bank: Optional[RiskBank] = None,
    ) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self._bank = bank
        self._thresholds = Thresholds(
            **{name: float(config.get(name, value)) for name, value in asdict(Thresholds()).items()}
        )
        self._rules: Optional[SafetyRules] = None

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyNet:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData, model: SpacyModel) -> Resource:
        # Rasa hands every node of a spaCy-based component the spaCy model;
        # only the bank is learnt here.
        self._bank = RiskBank.embed(load_expressions(), encoder_for(self._config).sentence_vectors)
        with self._storage.write_to(self._resource) as directory:
            np.save(directory / _VECTORS_FILE, self._bank.vectors)
            (directory / _EXPRESSIONS_FILE).write_text(
                json.dumps([asdict(e) for e in self._bank.expressions])
            )
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SafetyNet:
        with model_storage.read_from(resource) as directory:
            vectors = np.load(directory / _VECTORS_FILE)
            expressions = [
                Expression(**entry)
                for entry in json.loads((directory / _EXPRESSIONS_FILE).read_text())
            ]
        return cls(config, model_storage, resource, RiskBank(expressions, vectors))

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        if self._rules is None:
            self._rules = SafetyRules(model.model.vocab)
        for message in messages:
            self._apply(message, model)
        return messages

    def _apply(self, message: Message, model: SpacyModel) -> None:
        assert self._rules is not None
        doc = message.get(SPACY_DOCS[TEXT]) or model.model(message.get(TEXT) or "")
        ranking: List[Dict[str, Any]] = message.get(INTENT_RANKING_KEY) or []
        vectors = message.get(CLAUSE_VECTORS)
        signals = self._rules.signals(doc)
        risk = assess(
            patterns=[(signal, hit.text) for signal, hit in signals if not hit.cancelled_by],
            denied=[signal for signal, hit in signals if hit.cancelled_by],
            bank=self._bank.nearest(vectors)
            if self._bank is not None and vectors is not None
            else [],
            classifier={
                entry[INTENT_NAME_KEY]: float(entry.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
                for entry in ranking
            },
            thresholds=self._thresholds,
        )
        message.set(RISK_KEY, risk.as_dict(), add_to_output=True)
        if risk.intent is not None:
            self._force(message, risk.intent, ranking)
        elif (message.get(INTENT) or {}).get(INTENT_NAME_KEY) in SAFETY_INTENTS:
            self._withdraw(message, ranking)

    @staticmethod
    def _force(message: Message, intent: str, ranking: List[Dict[str, Any]]) -> None:
        forced = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
        rest = [entry for entry in ranking if entry.get(INTENT_NAME_KEY) != intent]
        message.set(INTENT, forced, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [forced, *rest], add_to_output=True)

    @staticmethod
    def _withdraw(message: Message, ranking: List[Dict[str, Any]]) -> None:
        """A safety guess that nothing supports gives way to the likeliest topic.

        Its confidence is its share of what the classifier gave everything
        but the safety intents: having ruled those out, the rest is what the
        classifier said about the message. A small share still ends in the
        fallback.
        """
        topics = [entry for entry in ranking if entry.get(INTENT_NAME_KEY) not in SAFETY_INTENTS]
        if not topics:
            return
        ruled_out = sum(
            float(entry.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            for entry in ranking
            if entry.get(INTENT_NAME_KEY) in SAFETY_INTENTS
        )
        confidence = float(topics[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0)
        message.set(
            INTENT,
            {
                INTENT_NAME_KEY: topics[0][INTENT_NAME_KEY],
                PREDICTED_CONFIDENCE_KEY: min(1.0, confidence / max(1.0 - ruled_out, 1e-6)),
            },
            add_to_output=True,
        )
