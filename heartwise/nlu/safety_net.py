"""Forces the safety intents when the deterministic patterns fire.

It runs last in the NLU pipeline, after the classifier and the fallback
classifier, so no classifier mistake and no low confidence can route a clear
crisis message anywhere else.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Type

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

from heartwise.language.safety import OVERRULES, SAFETY_INTENTS, SafetyRules

# Added to the parse result so logs and tests can see why an intent was forced.
SAFETY_NET_KEY = "safety_net"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
    is_trainable=False,
    model_from="SpacyNLP",
)
class SafetyNet(GraphComponent, IntentClassifier):
    """Overrides the predicted intent with a safety intent on a pattern hit."""

    def __init__(self) -> None:
        self._rules: Optional[SafetyRules] = None

    @classmethod
    def required_components(cls) -> List[Type]:
        return [SpacyNLP, IntentClassifier]

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyNet:
        return cls()

    def process(self, messages: List[Message], model: SpacyModel) -> List[Message]:
        if self._rules is None:
            self._rules = SafetyRules(model.model.vocab)
        for message in messages:
            self._apply(message, model)
        return messages

    def _apply(self, message: Message, model: SpacyModel) -> None:
        assert self._rules is not None
        doc = message.get(SPACY_DOCS[TEXT]) or model.model(message.get(TEXT, ""))
        forced = self._rules.forced_intent(doc)
        predicted = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        if forced is None or _outranks(predicted, forced):
            return
        ranking = [
            entry
            for entry in message.get(INTENT_RANKING_KEY, [])
            if entry.get(INTENT_NAME_KEY) != forced
        ]
        forced_intent = {INTENT_NAME_KEY: forced, PREDICTED_CONFIDENCE_KEY: 1.0}
        message.set(INTENT, forced_intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [forced_intent, *ranking], add_to_output=True)
        message.set(
            SAFETY_NET_KEY,
            {"forced": forced, "overridden": predicted},
            add_to_output=True,
        )


def _outranks(predicted: Optional[str], forced: str) -> bool:
    """True when the classifier already chose an equal or more urgent intent."""
    if predicted not in SAFETY_INTENTS or predicted in OVERRULES.get(forced, ()):
        return False
    return SAFETY_INTENTS.index(predicted) <= SAFETY_INTENTS.index(forced)
