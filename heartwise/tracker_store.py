"""An SQL tracker store that really forgets a person when they ask it to.

The deletion action (named in endpoints.yml as ``deletion_action``) marks the
moment of deletion in the conversation. When a tracker holding events from
before that marker is saved, every stored row of the sender is deleted and
only the marker and what follows it are written back. A slot reset would only
hide the data; this removes it from the database.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import event

logger = logging.getLogger(__name__)


class DeletingSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Optional[Domain] = None,
        deletion_action: str = "action_delete_my_data",
        **kwargs: Any,
    ) -> None:
        super().__init__(domain=domain, **kwargs)
        self.deletion_action = deletion_action
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _write_ahead_log)

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
        logger.info("Deleted the stored conversation of one sender on request.")

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


def _write_ahead_log(connection: Any, _record: Any) -> None:
    """Commit without waiting for the disk on every message.

    With a write-ahead log and ``synchronous=NORMAL`` a committed turn survives
    the server being killed (only a power cut can lose the last turns), and a
    commit no longer blocks the event loop on fsync.
    """
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
