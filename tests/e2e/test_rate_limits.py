"""The rate limits, on a Rasa server of their own that keeps the defaults
(30 messages a minute per conversation, 120 per address; channels/limits.py)."""

from __future__ import annotations

import uuid
from typing import Iterator

import pytest
import requests

from channels.limits import SLOW_DOWN
from tests.servers import Heartwise


@pytest.fixture(scope="module")
def limited(bot: Heartwise, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Heartwise]:
    server = Heartwise(workdir=tmp_path_factory.mktemp("limited"), actions_port=bot.actions_port)
    try:
        server.start_rasa()
        yield server
    finally:
        server.stop()


def post(server: Heartwise, sender: str, text: str) -> requests.Response:
    return requests.post(
        f"{server.url}/webhooks/rest/webhook",
        json={"sender": sender, "message": text},
        timeout=60,
    )


def test_a_conversation_that_floods_is_asked_to_slow_down(limited):
    sender = f"flood-{uuid.uuid4().hex[:8]}"
    statuses = [post(limited, sender, f"hello {n}").status_code for n in range(15)]
    assert statuses[:10] == [200] * 10, "a burst of ten is fine"
    assert 429 in statuses[10:]
    refused = post(limited, sender, "are you there")
    assert refused.status_code == 429
    text = refused.json()[0]["text"]
    assert text == SLOW_DOWN and "988" in text, "the polite answer keeps the crisis lines in view"
    # Other people are not slowed down by it.
    assert post(limited, f"calm-{uuid.uuid4().hex[:8]}", "hi").status_code == 200


def test_one_address_with_many_conversations_is_limited_too(limited):
    statuses = [post(limited, f"many-{uuid.uuid4().hex[:8]}", "hi").status_code for _ in range(60)]
    # An address gets a burst of 40 (part of it spent by the test above),
    # refilled at two a second.
    assert statuses[:20] == [200] * 20
    assert statuses.count(429) > 0
