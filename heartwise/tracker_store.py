"""Where conversations are kept: Rasa's SQL tracker store, leaner, and able to forget.

``LeanSQLTrackerStore`` keeps Rasa's table and semantics but does less work per
message. Profiled under load, Rasa's own store took a third of the server's
time: an ORM object per stored event on every load, a second query on every
save only to count what is already stored, and (SQLite) a new connection with
its setup for every one of these.

``DeletingSQLTrackerStore`` adds real deletion. The deletion action (named in
endpoints.yml as ``deletion_action``) marks the moment of deletion in the
conversation. When a tracker holding events from before that marker is saved,
every stored row of the sender is deleted and only the marker and what follows
it are written back. A slot reset would only hide the data; this removes it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

logger = logging.getLogger(__name__)

# Set on every tracker this store loads or saves: how many of its events are
# in the database. The processor only ever appends to the tracker it loaded,
# under the conversation's lock, so the new events are the ones past this
# count. A tracker built elsewhere has no count, and the store asks the
# database as Rasa does.
_STORED = "_heartwise_stored_events"


class LeanSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Optional[Domain] = None, **kwargs: Any) -> None:
        super().__init__(domain=domain, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._pool_sqlite_connections()
        table = self.SQLEvent.__table__
        sender = table.c.sender_id == sa.bindparam("sender_id")
        session_start = (
            sa.select(sa.func.max(table.c.timestamp))
            .where(sender, table.c.type_name == SessionStarted.type_name)
            .scalar_subquery()
        )
        everything = sa.select(table.c.data).where(sender).order_by(table.c.id)
        self._all_sessions_query = everything
        self._latest_session_query = everything.where(
            sa.or_(session_start.is_(None), table.c.timestamp >= session_start)
        )
        self._insert = table.insert()

    def _pool_sqlite_connections(self) -> None:
        """SQLAlchemy 1.4 opens (and sets up) a new SQLite connection for every
        session; keep them open instead, as SQLAlchemy 2 does.

        Queries run in worker threads (``asyncio.to_thread``), so a pooled connection
        moves between threads, hence ``check_same_thread``. With a
        write-ahead log and ``synchronous=NORMAL`` a committed turn survives
        the server being killed (only a power cut can lose the last turns),
        and a commit does not block the event loop on fsync.
        """
        url = self.engine.url
        self.engine.dispose()
        if url.database:
            _create_private_file(Path(url.database))
        self.engine = sa.create_engine(
            url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
        )
        sa.event.listen(self.engine, "connect", _write_ahead_log)
        self.sessionmaker.configure(bind=self.engine)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        query = (
            self._all_sessions_query
            if fetch_events_from_all_sessions
            else self._latest_session_query
        )
        stored = await asyncio.to_thread(self._fetch_data, query, sender_id)
        if not (self.domain and stored):
            return None
        tracker = DialogueStateTracker.from_dict(
            sender_id, [json.loads(data) for data in stored], self.domain.slots
        )
        setattr(tracker, _STORED, len(tracker.events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        stored = getattr(tracker, _STORED, None)
        total = len(tracker.events)
        new_events: Iterable[Event] = (
            await asyncio.to_thread(self._unstored_events, tracker)
            if stored is None
            else itertools.islice(tracker.events, stored, total)
        )
        rows = [_row(tracker.sender_id, event) for event in new_events]
        if rows:
            await asyncio.to_thread(self._insert_rows, rows)
        setattr(tracker, _STORED, total)

    # The database calls below run in a worker thread: they wait on a socket
    # or a file, and on Rasa's event loop that wait stopped every other message.

    def _fetch_data(self, query: sa.sql.Select, sender_id: str) -> List[str]:
        with self.session_scope() as session:
            return list(session.execute(query, {"sender_id": sender_id}).scalars())

    def _unstored_events(self, tracker: DialogueStateTracker) -> List[Event]:
        """For a tracker this store did not load: Rasa asks the database."""
        with self.session_scope() as session:
            return list(self._additional_events(session, tracker))

    def _insert_rows(self, rows: List[Dict[str, Any]]) -> None:
        with self.session_scope() as session:
            session.execute(self._insert, rows)
            session.commit()


class DeletingSQLTrackerStore(LeanSQLTrackerStore):
    def __init__(
        self,
        domain: Optional[Domain] = None,
        deletion_action: str = "action_delete_my_data",
        **kwargs: Any,
    ) -> None:
        super().__init__(domain=domain, **kwargs)
        self.deletion_action = deletion_action

    async def save(self, tracker: DialogueStateTracker) -> None:
        marker = self._deletion_marker_index(tracker)
        if marker is None:
            await super().save(tracker)
            return
        self.delete_sender(tracker.sender_id)
        remaining = DialogueStateTracker.from_events(
            tracker.sender_id,
            list(tracker.events)[marker:],
            slots=self.domain.slots if self.domain else None,
        )
        # With no rows left, the parent's save writes every remaining event.
        await super().save(remaining)
        await asyncio.to_thread(self._erase_freed_pages)
        logger.info("Deleted the stored conversation of one sender on request.")

    def _erase_freed_pages(self) -> None:
        """Leave no copy of deleted rows in the database files.

        ``secure_delete`` (set on every connection) zeroes the freed content,
        but the pages as they were before the deletion stay in the main file
        until a checkpoint copies the new ones over, and the log keeps every
        earlier version of them: checkpoint, then truncate the log.
        """
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def delete_sender(self, sender_id: str) -> int:
        """Remove every stored event of ``sender_id``; returns the row count."""
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        return int(deleted)

    def _deletion_marker_index(self, tracker: DialogueStateTracker) -> Optional[int]:
        """Index of the latest deletion marker, if anything precedes it."""
        for index in range(len(tracker.events) - 1, 0, -1):
            event = tracker.events[index]
            if isinstance(event, ActionExecuted) and event.action_name == self.deletion_action:
                return index
        return None


def _row(sender_id: str, event: Event) -> Dict[str, Any]:
    """One row of Rasa's ``events`` table, with the columns Rasa fills."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def _write_ahead_log(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA secure_delete=ON")  # freed pages are zeroed, not left readable
    cursor.close()


def _create_private_file(database: Path) -> None:
    """Create the database (and its folder) readable by its owner only.

    SQLite gives the log and index files the mode of the database file, so
    this covers them too. Conversations hold what people tell no one else.
    """
    database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))
    for path in database.parent.glob(database.name + "*"):  # files from before this rule
        path.chmod(0o600)
