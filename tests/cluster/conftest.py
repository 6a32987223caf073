"""The cluster of deploy/cluster.py, started once for tests/cluster on free
loopback ports with its own PostgreSQL and Redis in a temporary folder."""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest
import requests

from deploy.cluster import Cluster, Ports
from deploy.processes import MODEL, PROJECT_ROOT
from tests.browser.chat import browser  # noqa: F401 (fixture)

Reply = List[Dict[str, Any]]
LOGS = PROJECT_ROOT / "results" / "cluster"


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` (make test-cluster does it for you).")
    # Not under pytest's own (private) folder: PostgreSQL runs as its own user
    # and must reach its data.
    state = Path(tempfile.mkdtemp(prefix="heartwise-cluster-"))
    state.chmod(0o755)
    # The tests are one address sending faster than any person could.
    heartwise = Cluster(state, Ports.free(instances=2), unlimited=True)
    try:
        heartwise.start()
        yield heartwise
    finally:
        heartwise.stop()
        # The servers' logs outlive the run, for whoever reads a failure.
        shutil.rmtree(LOGS, ignore_errors=True)
        shutil.copytree(state / "log", LOGS)
        shutil.rmtree(state, ignore_errors=True)


@dataclass
class Client:
    """A REST client as a careful app would write it: every message has an id
    and is sent again, with the same id, until it gets an answer."""

    url: str
    sender: str = field(default_factory=lambda: f"user-{uuid.uuid4().hex[:12]}")
    sent: List[str] = field(default_factory=list)
    retries: int = 0
    slowest: float = 0.0

    def say(self, text: str, timeout_s: float = 180) -> Reply:
        message_id = uuid.uuid4().hex
        self.sent.append(message_id)
        started = time.monotonic()
        deadline = started + timeout_s
        while True:
            try:
                response = requests.post(
                    f"{self.url}/webhooks/rest/webhook",
                    json={"sender": self.sender, "message": text, "message_id": message_id},
                    timeout=90,
                )
                if response.status_code < 500:
                    response.raise_for_status()
                    self.slowest = max(self.slowest, time.monotonic() - started)
                    return response.json()
            except requests.ConnectionError:
                pass
            except requests.Timeout as error:
                raise AssertionError(f"{self.sender} {message_id} {text!r}: {error}") from error
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} got no answer in {timeout_s:.0f} s")
            self.retries += 1
            time.sleep(0.5)

    def reply(self, text: str) -> str:
        return "\n".join(m.get("text") or "" for m in self.say(text))


def stored_turns(cluster: Cluster, sender: str) -> List[Tuple[str, int]]:
    """(message_id, bot messages until the next user message) for every stored
    user message of ``sender``, in the order PostgreSQL holds them."""
    with cluster.database() as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT type_name, data::jsonb ->> 'message_id' FROM events"
            " WHERE sender_id = %s ORDER BY id",
            (sender,),
        )
        rows = cursor.fetchall()
    turns: List[Tuple[str, int]] = []
    for type_name, message_id in rows:
        if type_name == "user":
            turns.append((message_id, 0))
        elif type_name == "bot" and turns:
            turns[-1] = (turns[-1][0], turns[-1][1] + 1)
    return turns
