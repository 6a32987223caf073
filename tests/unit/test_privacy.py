"""Deleting data: the action forgets every slot, and the tracker store removes
every stored row of the sender from before the deletion."""

from __future__ import annotations

import sqlite3

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    AllSlotsReset,
    BotUttered,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.events import AllSlotsReset as SdkAllSlotsReset

from actions.privacy import ActionDeleteMyData
from heartwise.tracker_store import DeletingSQLTrackerStore
from tests.conftest import PROJECT_ROOT


def test_the_action_forgets_everything(tracker_for, dispatcher, domain):
    events = ActionDeleteMyData().run(dispatcher, tracker_for(slots={"journal": [{}]}), domain)
    assert events == [SdkAllSlotsReset()]
    assert "deleted" in dispatcher.messages[0]["text"]


@pytest.mark.parametrize(("channel", "widget_told"), [("socketio", True), ("rest", False)])
def test_only_the_web_widget_is_told_to_forget_its_transcript(
    tracker_for, dispatcher, domain, channel, widget_told
):
    said_on = [{"event": "user", "text": "yes", "input_channel": channel}]
    ActionDeleteMyData().run(dispatcher, tracker_for(events=said_on), domain)
    custom = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert custom == ([{"data": {"event": "data_deleted"}}] if widget_told else [])


@pytest.fixture
def store(tmp_path):
    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    db = tmp_path / "trackers.db"
    return DeletingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(db)), db


def rows(db, sender):
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
        ).fetchall()


async def test_deletion_removes_every_earlier_row(store):
    tracker_store, db = store
    secret = "my journal says i still love him"
    tracker = DialogueStateTracker.from_events(
        "alice",
        [
            ActionExecuted("action_listen"),
            UserUttered(secret, {"name": "express_feelings"}),
            SlotSet("journal", [{"answer": secret}]),
            BotUttered("I'm sorry."),
        ],
    )
    await tracker_store.save(tracker)
    other = DialogueStateTracker.from_events("bob", [UserUttered("hi", {"name": "greet"})])
    await tracker_store.save(other)
    assert any(secret in data for _, data in rows(db, "alice"))

    tracker.update(UserUttered("delete my data", {"name": "delete_my_data"}))
    tracker.update(ActionExecuted("action_delete_my_data"))
    tracker.update(BotUttered("Done."))
    tracker.update(AllSlotsReset())
    await tracker_store.save(tracker)

    remaining = rows(db, "alice")
    assert not any(secret in data or "delete my data" in data for _, data in remaining)
    assert [type_name for type_name, _ in remaining] == ["action", "bot", "reset_slots"]
    assert len(rows(db, "bob")) == 1


async def test_later_turns_are_saved_normally_after_a_deletion(store):
    tracker_store, db = store
    tracker = DialogueStateTracker.from_events(
        "carol",
        [UserUttered("old", {"name": "greet"}), ActionExecuted("action_delete_my_data")],
    )
    await tracker_store.save(tracker)
    reloaded = await tracker_store.retrieve("carol")
    reloaded.update(UserUttered("new message", {"name": "greet"}))
    await tracker_store.save(reloaded)
    assert [type_name for type_name, _ in rows(db, "carol")] == ["action", "user"]
    assert "new message" in rows(db, "carol")[-1][1]


def database_bytes(db) -> bytes:
    """Everything SQLite keeps on disk for ``db``: the file, its log and index."""
    return b"".join(path.read_bytes() for path in db.parent.glob(db.name + "*") if path.is_file())


async def test_deleted_text_is_not_left_in_the_database_files(store):
    # A row deletion only unlinks the row: its bytes stay in free pages and in
    # the write-ahead log until overwritten, where any file copy finds them.
    tracker_store, db = store
    secret = "journal: the night at the lake house"
    tracker = DialogueStateTracker.from_events(
        "dana",
        [UserUttered(secret, {"name": "express_feelings"}), SlotSet("journal", [secret])],
    )
    await tracker_store.save(tracker)
    assert secret.encode() in database_bytes(db)

    tracker.update(UserUttered("delete my data", {"name": "delete_my_data"}))
    tracker.update(ActionExecuted("action_delete_my_data"))
    await tracker_store.save(tracker)

    assert secret.encode() not in database_bytes(db)


async def test_the_database_files_are_readable_by_their_owner_only(store):
    tracker_store, db = store
    await tracker_store.save(
        DialogueStateTracker.from_events("erin", [UserUttered("hi", {"name": "greet"})])
    )
    files = [path for path in db.parent.glob(db.name + "*") if path.is_file()]
    assert files and {oct(path.stat().st_mode & 0o777) for path in files} == {"0o600"}
