"""A message that only asks to stop is ``stop``, however it is worded.

Inside a form every message that is not an interruption becomes an answer:
role-play had "scrap that, i dont want to do this anymore" stored as the
answer to "can it be resolved?", the bot's next question after it stored as
the next, and "goodnight x" as the last. The classifier heard the first as
moving on. A message that is nothing but a request to stop (heartwise/
language/answers.py, ``asks_to_stop``) is forced to ``stop`` here, after the
fallback classifier, so every form and pending question leaves as it would on
"stop". A message with any risk in it keeps the safety net's reading: "i
don't want to do this anymore" may be about more than the questions.
"""

from __future__ import annotations

from typing import Any, Dict, List

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

from heartwise.language.answers import asks_to_stop
from heartwise.nlu.safety_net import RISK_KEY

STOP = "stop"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class StopInWordsClassifier(GraphComponent, IntentClassifier):
    """Forces ``stop`` on a message that only asks to stop and shows no risk."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> StopInWordsClassifier:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            risk = message.get(RISK_KEY) or {}
            if risk.get("level") not in (None, "none") or not asks_to_stop(message.get(TEXT) or ""):
                continue
            forced = {INTENT_NAME_KEY: STOP, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [
                entry
                for entry in message.get(INTENT_RANKING_KEY) or []
                if entry.get(INTENT_NAME_KEY) != STOP
            ]
            message.set(INTENT, forced, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [forced, *ranking], add_to_output=True)
        return messages
