"""Rasa's fallback classifier, with its own threshold for long messages.

A long message that tells a story spreads the classifier's confidence over
the two or three topics it touches, so its best intent is less confident than
a short message's while being just as often right. One threshold for both
either sends clear stories to "could you say that another way?" or lets
short unclear messages through. The thresholds are chosen on the calibration
set in eval/dev_voice (`make calibrate-fallback`), never on the held-out set.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.fallback_classifier import (
    THRESHOLD_KEY,
    FallbackClassifier,
    _fallback_intent,
)
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

LONG_MESSAGE_WORDS_KEY = "long_message_words"
LONG_MESSAGE_THRESHOLD_KEY = "long_message_threshold"


def word_count(text: str) -> int:
    return len(text.split())


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LengthAwareFallbackClassifier(FallbackClassifier):
    """Predicts `nlu_fallback` below a threshold that depends on the length."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            **FallbackClassifier.get_default_config(),
            LONG_MESSAGE_WORDS_KEY: 25,
            LONG_MESSAGE_THRESHOLD_KEY: None,
        }

    def is_long(self, text: str) -> bool:
        return word_count(text) >= int(self.component_config[LONG_MESSAGE_WORDS_KEY])

    def threshold_for(self, text: str) -> float:
        long_threshold = self.component_config[LONG_MESSAGE_THRESHOLD_KEY]
        if long_threshold is not None and self.is_long(text):
            return float(long_threshold)
        return float(self.component_config[THRESHOLD_KEY])

    def process(self, messages: List[Message]) -> List[Message]:
        # Rasa's own reports every fallback at the one threshold it knows; a
        # long message's is reported at the threshold it fell below.
        for message in messages:
            if not self._should_fallback(message):
                continue
            confidence = self.threshold_for(message.get(TEXT) or "")
            message.data[INTENT] = _fallback_intent(confidence)
            message.data.setdefault(INTENT_RANKING_KEY, [])
            message.data[INTENT_RANKING_KEY].insert(0, _fallback_intent(confidence))
        return messages

    def _nlu_confidence_below_threshold(self, message: Message) -> Tuple[bool, float]:
        confidence = message.data[INTENT].get(PREDICTED_CONFIDENCE_KEY)
        return confidence < self.threshold_for(message.get(TEXT) or ""), confidence
