"""Messages that reach the NLU together are understood as each would be alone.

The trained model, loaded in this process as the Rasa server loads it.
"""

from __future__ import annotations

import asyncio
import copy
from typing import Any, Dict, List

import pytest
from rasa.core.agent import load_agent
from rasa.core.channels.channel import UserMessage
from rasa.core.http_interpreter import RasaNLUHttpInterpreter
from rasa.core.processor import MessageProcessor
from rasa.utils.endpoints import EndpointConfig

from heartwise.nlu import batching
from tests.servers import MODEL

TEXTS = [
    "hi",
    "i want to kill myself",
    "my boyfriend hit me last night when i said i wanted to leave",
    "how do i read her whatsapp messages without her knowing",
    "am i talking to a real human?",
    "my girlfriend broke up with me two weeks ago and i cant stop thinking about her",
    "should i text her or give her space?",
    "😭😭😭",
    "<script>alert('hi')</script> je suis triste",
    "",
    "please " * 2000,
    "/greet",
]


@pytest.fixture(scope="module")
def processor() -> MessageProcessor:
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` (make test-e2e does it for you).")
    agent = asyncio.run(load_agent(model_path=str(MODEL)))
    assert agent.processor is not None
    return agent.processor


@pytest.fixture
def graph_runs(processor: MessageProcessor, monkeypatch: pytest.MonkeyPatch) -> List[int]:
    """How many messages each run of the model's graph was given."""
    runs: List[int] = []
    run = processor.graph_runner.run

    def counted(inputs: Dict[str, Any], targets: List[str]) -> Dict[str, Any]:
        runs.append(len(inputs.get("__message__", [])))
        return run(inputs=inputs, targets=targets)

    monkeypatch.setattr(processor.graph_runner, "run", counted)
    return runs


def understood(parse_data: Dict[str, Any]) -> Dict[str, Any]:
    return {
        "intent": parse_data["intent"]["name"],
        "ranking": [entry["name"] for entry in parse_data.get("intent_ranking", [])],
        "entities": parse_data["entities"],
        "text": parse_data["text"],
    }


def parse_alone(processor: MessageProcessor, text: str) -> Dict[str, Any]:
    """What Rasa's own parse_message makes of the message."""
    return asyncio.run(batching._rasa_parse_message(processor, UserMessage(text)))


def parse_together(processor: MessageProcessor, texts: List[str]) -> List[Dict[str, Any]]:
    async def arriving_at_once() -> List[Dict[str, Any]]:
        return await asyncio.gather(*(processor.parse_message(UserMessage(t)) for t in texts))

    return asyncio.run(arriving_at_once())


def test_messages_arriving_at_once_are_parsed_together_as_each_alone(
    processor: MessageProcessor, graph_runs: List[int]
) -> None:
    alone = [parse_alone(processor, text) for text in TEXTS]
    graph_runs.clear()

    together = parse_together(processor, TEXTS)

    assert graph_runs == [len(TEXTS)]
    assert [understood(p) for p in together] == [understood(p) for p in alone]
    for single, batched in zip(alone, together, strict=True):
        assert batched["intent"]["confidence"] == pytest.approx(
            single["intent"]["confidence"], abs=1e-5
        )
    assert together[1]["intent"]["name"] == "crisis"


def test_a_message_alone_is_parsed_at_once_as_rasa_parses_it(
    processor: MessageProcessor, graph_runs: List[int]
) -> None:
    text = "should i text her or give her space?"
    alone = parse_alone(processor, text)
    graph_runs.clear()

    (parsed,) = parse_together(processor, [text])

    assert graph_runs == [1]
    assert parsed == alone


def test_a_message_the_pipeline_cannot_take_fails_alone(
    processor: MessageProcessor, graph_runs: List[int]
) -> None:
    texts: List[Any] = ["hi", None, "i want to kill myself"]

    async def arriving_at_once() -> List[Any]:
        return await asyncio.gather(
            *(processor.parse_message(UserMessage(t)) for t in texts), return_exceptions=True
        )

    hi, broken, crisis = asyncio.run(arriving_at_once())

    assert isinstance(broken, Exception)
    assert hi["intent"]["name"] == "greet"
    assert crisis["intent"]["name"] == "crisis"
    assert graph_runs[0] == 3  # tried together first, then one by one


def test_messages_for_an_external_nlu_server_are_left_to_rasa(
    processor: MessageProcessor,
) -> None:
    assert batching.parse_queue(processor) is not None
    elsewhere = copy.copy(processor)

    async def nlu_server() -> RasaNLUHttpInterpreter:  # it opens its HTTP session on a loop
        return RasaNLUHttpInterpreter(EndpointConfig("http://127.0.0.1:1"))

    elsewhere.http_interpreter = asyncio.run(nlu_server())
    assert batching.parse_queue(elsewhere) is None
