"""A small DIET, trained in seconds and stored as `rasa train` stores it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Sequence

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import EPOCHS, RANDOM_SEED

EXAMPLES = {
    "greet": ["hi there", "hello", "good morning", "hey you"],
    "miss_ex": ["I miss her", "I miss him so much", "I keep thinking of my ex"],
    "ask_space": ["should I give them space", "how long no contact", "do I need space"],
}


@dataclass
class TrainedDiet:
    storage: LocalModelStorage
    context: ExecutionContext
    config: Dict[str, Any]
    tokenizer: WhitespaceTokenizer
    words: CountVectorsFeaturizer

    def load(self) -> DIETClassifier:
        return DIETClassifier.load(self.config, self.storage, Resource("diet"), self.context)

    def rank(self, diet: DIETClassifier, text: str) -> List[Dict[str, Any]]:
        return self.rank_together(diet, [text])[0]

    def rank_together(
        self, diet: DIETClassifier, texts: Sequence[str]
    ) -> List[List[Dict[str, Any]]]:
        """The intent rankings of messages given to DIET in one call."""
        messages = [Message.build(text) for text in texts]
        self.tokenizer.process(messages)
        self.words.process(messages)
        diet.process(messages)
        return [message.get(INTENT_RANKING_KEY) for message in messages]


def train_small_diet(folder: Path) -> TrainedDiet:
    storage = LocalModelStorage(folder)
    context = ExecutionContext(GraphSchema({}), "small_diet")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    words = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("words"), context
    )
    data = TrainingData(
        [Message.build(text, intent) for intent, texts in EXAMPLES.items() for text in texts]
    )
    tokenizer.process_training_data(data)
    words.train(data)
    words.process_training_data(data)
    config = {**DIETClassifier.get_default_config(), EPOCHS: 3, RANDOM_SEED: 7}
    DIETClassifier.create(config, storage, Resource("diet"), context).train(data)
    return TrainedDiet(storage, context, config, tokenizer, words)
