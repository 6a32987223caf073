"""Shared fixtures: real rasa_sdk Trackers built from the real domain, and the
real servers (started once per run, only by the tests that ask for them)."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from deploy.processes import UNLIMITED_RATES
from tests.fakes.telegram_bot_api import BOT_USERNAME, TOKEN, FakeBotAPI
from tests.servers import MODEL, PROJECT_ROOT, Heartwise

TELEGRAM_SECRET = "test-secret-0123456789"
# The shared servers lift the rate limits (the tests are one address sending
# faster than any person); tests/e2e/test_rate_limits.py checks them on a
# server of its own.
# The tests are one address sending faster than any person could; the shared
# servers lift the rate limits, and tests/e2e/test_rate_limits.py checks them
# on a server of its own.
LIFTED_RATE_LIMITS = {
    "HEARTWISE_RATE_PER_SENDER": "1000000",
    "HEARTWISE_RATE_PER_ADDRESS": "1000000",
}

TrackerFactory = Callable[..., Tracker]


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def tracker_for(domain: Dict[str, Any]) -> TrackerFactory:
    """Builds a Tracker as the action server would receive it."""

    def build(
        text: str = "",
        intent: Optional[str] = None,
        slots: Optional[Dict[str, Any]] = None,
        entities: Optional[List[Dict[str, Any]]] = None,
        intent_ranking: Optional[List[Dict[str, Any]]] = None,
        active_loop: Optional[str] = None,
        events: Optional[List[Dict[str, Any]]] = None,
        risk: Optional[Dict[str, Any]] = None,
    ) -> Tracker:
        all_slots = {name: None for name in domain["slots"]}
        all_slots.update(slots or {})
        return Tracker(
            sender_id="test-user",
            slots=all_slots,
            latest_message={
                "text": text,
                "intent": {"name": intent, "confidence": 1.0} if intent else {},
                "entities": entities or [],
                "intent_ranking": intent_ranking or [],
                **({"risk": risk} if risk else {}),
            },
            events=events or [],
            paused=False,
            followup_action=None,
            active_loop={"name": active_loop} if active_loop else {},
            latest_action_name="action_listen",
        )

    return build


@pytest.fixture(scope="session")
def telegram_api() -> Iterator[FakeBotAPI]:
    api = FakeBotAPI().start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory, telegram_api: FakeBotAPI) -> Iterator[Heartwise]:
    """The action server and the Rasa server, shared by tests/e2e, tests/browser
    and tests/telegram. Telegram is on, talking to the fake Bot API."""
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` (make test-e2e does it for you).")
    heartwise = Heartwise(workdir=tmp_path_factory.mktemp("heartwise"))
    heartwise.env = {
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_BOT_NAME": BOT_USERNAME,
        # Not HTTPS, so the (fake) Bot API refuses it, as Telegram would.
        "TELEGRAM_WEBHOOK_URL": f"{heartwise.url}/webhooks/telegram/webhook",
        "TELEGRAM_SECRET": TELEGRAM_SECRET,
        "TELEGRAM_API_URL": telegram_api.url,
        **UNLIMITED_RATES,
    }
    try:
        heartwise.start_actions()
        heartwise.start_rasa()
        yield heartwise
    finally:
        heartwise.stop()
