"""Messages that arrive together are understood together.

Rasa runs the NLU pipeline once per message, and DIET predicts one message at
a time. For a short message most of the cost of all-MiniLM-L6-v2 and DIET is
paid per call, not per word (TensorFlow's dispatch, and reading MiniLM's
weights): 19 ms of CPU for a message parsed alone, 6 ms each for sixteen
parsed together (README, "Measured"). So under load a message waits for the
event loop's next turn, for a few turns while more keep arriving, and every
message that reached the NLU meanwhile goes through the pipeline with it,
DIET predicting them as one batch. A person alone waits for nothing: the next
turn brings no one else, and one message is parsed exactly as Rasa parses it.

A message parsed in company gets the intents it gets alone; only the
confidences may differ, by about a millionth, because padding changes how
TensorFlow sums (tests/unit/test_batching.py, tests/e2e/test_parse_batching.py).
"""

from __future__ import annotations

import asyncio
import copy
import warnings
from typing import Any, Dict, List, Optional, Tuple, Union
from weakref import WeakKeyDictionary

import numpy as np
import structlog
from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.engine.constants import PLACEHOLDER_MESSAGE, PLACEHOLDER_TRACKER
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.tensorflow.constants import ENTITY_RECOGNITION, FEATURIZERS, INTENT_CLASSIFICATION

# Enough to absorb a burst; more would hold the event loop for longer at a time.
LARGEST_BATCH = 64
# How many turns of the event loop a batch may wait for more messages, while
# each turn brings some. At 50 users, 0 turns gave the cluster 94 messages a
# second (batches of 1 to 10), 3 turns 108-112, 5 and 10 turns 98-105.
WAIT_TURNS = 3

_rasa_parse_message = MessageProcessor.parse_message
_rasa_diet_process = DIETClassifier.process
_queues: WeakKeyDictionary[MessageProcessor, Optional[ParseQueue]] = WeakKeyDictionary()
structlogger = structlog.get_logger()

Waiting = Tuple[UserMessage, bool, "asyncio.Future[Dict[str, Any]]"]


class ParseQueue:
    """The messages waiting for one model's NLU pipeline."""

    def __init__(self, processor: MessageProcessor) -> None:
        self._processor = processor
        self._waiting: List[Waiting] = []
        # No component of the pipeline reads it (see parse_queue), but the graph takes one.
        self._tracker = DialogueStateTracker.from_events("", [])

    async def parse(self, message: UserMessage, only_output_properties: bool) -> Dict[str, Any]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Dict[str, Any]] = loop.create_future()
        self._waiting.append((message, only_output_properties, future))
        if len(self._waiting) == 1:
            loop.call_soon(self._parse_when_quiet, loop, 1, 0)
        return await future

    def _parse_when_quiet(self, loop: asyncio.AbstractEventLoop, seen: int, turns: int) -> None:
        # Wait while each turn of the loop brings more, for a few turns at most.
        if len(self._waiting) > seen and turns < WAIT_TURNS:
            loop.call_soon(self._parse_when_quiet, loop, len(self._waiting), turns + 1)
        else:
            self._parse_waiting()

    def _parse_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for first in range(0, len(waiting), LARGEST_BATCH):
            self._parse_together(waiting[first : first + LARGEST_BATCH])

    def _parse_together(self, batch: List[Waiting]) -> None:
        try:
            parsed = self._run([message for message, _, _ in batch])
        except Exception:
            # One message the pipeline cannot take must not fail the others.
            for message, only_output_properties, future in batch:
                _settle(future, self._parse_alone(message, only_output_properties))
            return
        for (_, only_output_properties, future), message in zip(batch, parsed, strict=True):
            _settle(future, _parse_data(message, only_output_properties))

    def _parse_alone(
        self, message: UserMessage, only_output_properties: bool
    ) -> Union[Dict[str, Any], Exception]:
        try:
            return self._processor._parse_message_with_graph(
                message, self._tracker, only_output_properties
            )
        except Exception as error:
            return error

    def _run(self, messages: List[UserMessage]) -> List[Message]:
        target = self._processor.model_metadata.nlu_target
        results = self._processor.graph_runner.run(
            inputs={PLACEHOLDER_MESSAGE: messages, PLACEHOLDER_TRACKER: self._tracker},
            targets=[target],
        )
        return results[target]


def _parse_data(message: Message, only_output_properties: bool) -> Dict[str, Any]:
    # The defaults Rasa's _parse_message_with_graph starts from.
    parse_data: Dict[str, Any] = {
        TEXT: "",
        INTENT: {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0},
        ENTITIES: [],
    }
    parse_data.update(message.as_dict(only_output_properties=only_output_properties))
    return parse_data


def _settle(
    future: asyncio.Future[Dict[str, Any]], outcome: Union[Dict[str, Any], Exception]
) -> None:
    if future.done():  # the client went away and its request was cancelled
        return
    if isinstance(outcome, Exception):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)


def parse_queue(processor: MessageProcessor) -> Optional[ParseQueue]:
    """The processor's queue, or None where its messages must be parsed one by one.

    That is when an external NLU server parses them, or when a component of
    the pipeline reads the conversation, which differs from message to message.
    """
    if processor not in _queues:
        nlu = processor.model_metadata.predict_schema.minimal_graph_schema(
            [processor.model_metadata.nlu_target]
        )
        reads_tracker = any(
            PLACEHOLDER_TRACKER in node.needs.values() for node in nlu.nodes.values()
        )
        batchable = processor.http_interpreter is None and not reads_tracker
        _queues[processor] = ParseQueue(processor) if batchable else None
    return _queues[processor]


async def _parse_message(
    self: MessageProcessor,
    message: UserMessage,
    tracker: Optional[DialogueStateTracker] = None,
    only_output_properties: bool = True,
) -> Dict[str, Any]:
    """``MessageProcessor.parse_message``, through the processor's queue."""
    queue = parse_queue(self)
    if queue is None:
        return await _rasa_parse_message(self, message, tracker, only_output_properties)
    parse_data = await queue.parse(message, only_output_properties)
    # What Rasa's parse_message does after running the graph.
    self._update_full_retrieval_intent(parse_data)
    structlogger.debug(
        "processor.message.parse",
        parse_data_text=copy.deepcopy(parse_data[TEXT]),
        parse_data_intent=parse_data[INTENT],
        parse_data_entities=copy.deepcopy(parse_data[ENTITIES]),
    )
    self._check_for_unseen_features(parse_data)
    return parse_data


# `self` is left unannotated: Rasa's graph validation takes every annotated
# parameter of a component's `process` for an input the graph must provide.
def _diet_process(self, messages: List[Message]) -> List[Message]:  # noqa: ANN001
    """``DIETClassifier.process``, predicting the intents of all messages in one batch.

    Entities and diagnostic data are left to Rasa's message-by-message loop:
    this pipeline's DIET predicts neither.
    """
    config = self.component_config
    if (
        len(messages) < 2
        or self.model is None
        or not config[INTENT_CLASSIFICATION]
        or config[ENTITY_RECOGNITION]
        or self._execution_context.should_add_diagnostic_data
    ):
        return _rasa_diet_process(self, messages)
    # Rasa predicts nothing for a message without text features (an empty one).
    featurized = [
        message
        for message in messages
        if message.features_present(attribute=TEXT, featurizers=config.get(FEATURIZERS))
    ]
    scores: Dict[int, Dict[str, Any]] = {}
    if featurized:
        with warnings.catch_warnings():
            # numpy 1.23 warns about the ragged arrays Rasa builds on purpose
            # from messages of different lengths, as it does in training.
            warnings.simplefilter("ignore", np.VisibleDeprecationWarning)
            model_data = self._create_model_data(featurized, training=False)
        out = self.model.run_inference(model_data, batch_size=len(featurized))
        for row, message in enumerate(featurized):
            scores[id(message)] = {"i_scores": out["i_scores"][row : row + 1]}
    for message in messages:
        label, ranking = self._predict_label(scores.get(id(message)))
        message.set(INTENT, label, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    return messages


def apply() -> None:
    MessageProcessor.parse_message = _parse_message  # type: ignore[method-assign]
    DIETClassifier.process = _diet_process  # type: ignore[method-assign]
