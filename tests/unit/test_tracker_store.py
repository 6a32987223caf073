"""The lean SQL tracker store stores and loads exactly what Rasa's own does."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import List

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.tracker_store import LeanSQLTrackerStore
from tests.conftest import PROJECT_ROOT


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


def turn(text: str, intent: str, answer: str) -> List[Event]:
    return [
        UserUttered(text, {"name": intent, "confidence": 0.9}),
        SlotSet("ex_role", "girlfriend"),
        ActionExecuted("utter_empathy"),
        BotUttered(answer),
        ActionExecuted("action_listen"),
    ]


def two_sessions() -> List[Event]:
    """Two sessions of one turn each, with fixed times so two stores can be compared."""
    events = []
    for greeting, intent, answer in (
        ("hi", "greet", "Hello."),
        ("still sad", "sad", "I hear you."),
    ):
        events += [ActionExecuted("action_session_start"), SessionStarted()]
        events += turn(greeting, intent, answer)
    for number, event in enumerate(events):
        event.timestamp = 1_700_000_000.0 + number
    return events


def rows(db: Path) -> List[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data"
            " FROM events ORDER BY id"
        ).fetchall()


def stores(rasa_domain: Domain, tmp_path: Path) -> tuple:
    rasa = SQLTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    lean = LeanSQLTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "lean.db"))
    return rasa, lean


async def test_it_writes_the_same_rows_as_rasas_store(rasa_domain, tmp_path):
    rasa, lean = stores(rasa_domain, tmp_path)
    for store in (rasa, lean):
        await store.save(DialogueStateTracker.from_events("ana", two_sessions(), rasa_domain.slots))
    assert rows(tmp_path / "lean.db") == rows(tmp_path / "rasa.db")
    assert len(rows(tmp_path / "lean.db")) == len(two_sessions())


@pytest.mark.parametrize("full", [False, True], ids=["latest session", "all sessions"])
async def test_it_loads_the_same_conversation_as_rasas_store(rasa_domain, tmp_path, full):
    rasa, lean = stores(rasa_domain, tmp_path)
    loaded = []
    for store in (rasa, lean):
        await store.save(DialogueStateTracker.from_events("ana", two_sessions(), rasa_domain.slots))
        retrieve = store.retrieve_full_tracker if full else store.retrieve
        loaded.append(await retrieve("ana"))
    assert list(loaded[1].events) == list(loaded[0].events)
    assert len(loaded[1].events) == (len(two_sessions()) if full else 6)
    assert await lean.retrieve("nobody") is None


async def test_turn_after_turn_every_event_is_stored_once_in_order(rasa_domain, tmp_path):
    lean = LeanSQLTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "lean.db"))
    events = turn("hi", "greet", "Hello.")
    await lean.save(DialogueStateTracker.from_events("ana", events, rasa_domain.slots))
    for number in range(3):
        tracker = await lean.retrieve("ana")
        new = turn(f"message {number}", "sad", f"answer {number}")
        for event in new:
            tracker.update(event)
        events += new
        await lean.save(tracker)
        await lean.save(tracker)  # saving again adds nothing
    stored = await lean.retrieve("ana")
    assert list(stored.events) == events
    assert len(rows(tmp_path / "lean.db")) == len(events)


async def test_a_tracker_built_elsewhere_adds_only_what_is_not_stored(rasa_domain, tmp_path):
    lean = LeanSQLTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "lean.db"))
    first = turn("hi", "greet", "Hello.")
    await lean.save(DialogueStateTracker.from_events("ana", first, rasa_domain.slots))
    both = first + turn("again", "sad", "I'm here.")
    await lean.save(DialogueStateTracker.from_events("ana", both, rasa_domain.slots))
    reference = SQLTrackerStore(
        domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "reference.db")
    )
    await reference.save(DialogueStateTracker.from_events("ana", both, rasa_domain.slots))
    assert rows(tmp_path / "lean.db") == rows(tmp_path / "reference.db")


async def test_sqlite_keeps_a_write_ahead_log(rasa_domain, tmp_path):
    lean = LeanSQLTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "lean.db"))
    await lean.save(
        DialogueStateTracker.from_events("ana", turn("hi", "greet", "Hi."), rasa_domain.slots)
    )
    with sqlite3.connect(tmp_path / "lean.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
