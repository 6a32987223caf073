"""The first step of the pipeline: bounded, plain text for every component after it.

- Only the first ``max_characters`` are read. The channels cut longer
  messages already and tell the person (channels/limits.py); this bound also
  covers ``/model/parse`` and ``rasa shell``. Unbounded, a 1 MB message made
  the transformer allocate a [1, 4, 250001, 250001] tensor and held the
  server at full CPU for over a minute.
- Look-alike letters, fullwidth forms, invisible characters and stacked
  accents are read as the plain letters (heartwise/language/characters.py),
  so that the safety net sees what the person wrote.

The tracker keeps the message as it was written: Rasa stores the channel's
text in the event and this text only in its parse data.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from heartwise.language.characters import plain_text


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class PlainTextPreprocessor(GraphComponent):
    """Cuts a message to ``max_characters`` and spells it in plain letters."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"max_characters": 2000}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PlainTextPreprocessor:
        return cls(config)

    def __init__(self, config: Dict[str, Any]) -> None:
        self.max_characters = int(config["max_characters"])
        if self.max_characters < 1:
            raise ValueError("max_characters must be at least 1.")

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and text:
                message.set(TEXT, plain_text(text[: self.max_characters]))
        return messages
