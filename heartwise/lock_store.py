"""Rasa's Redis lock store, without a lock that is never released.

Rasa 3.6 gives every message a ticket with a lifetime, so the tickets of a
server that crashed expire and others may go on. But a message waiting
behind such a ticket has a ticket of the same lifetime; if both expire
between two of its checks (once a second), nothing is left to serve and it
waits for ever (seen in tests/cluster: a retried message stuck until the
client gave up). Here a waiting message whose ticket expired takes a new one
and goes on as soon as no live ticket is ahead of it.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator, List

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig


class ExpiryAwareLocking(LockStore):
    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncIterator[TicketLock]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                lock = self.get_lock(conversation_id)
                waiting = live_tickets(lock) if lock else []
                if ticket not in waiting:
                    # Ours expired while we waited: queue again, at the back.
                    ticket = self.issue_ticket(conversation_id, lock_lifetime)
                elif waiting[0] == ticket:
                    assert lock is not None
                    yield lock
                    return
                else:
                    await asyncio.sleep(wait_time_in_seconds)
        finally:
            self.cleanup(conversation_id, ticket)


def live_tickets(lock: TicketLock) -> List[int]:
    """Numbers of the unexpired tickets, in the order they were issued."""
    return sorted(ticket.number for ticket in lock.tickets if not ticket.has_expired())


class HeartwiseRedisLockStore(ExpiryAwareLocking, RedisLockStore):
    """Named in deploy/endpoints.cluster.yml; configured like Rasa's ``redis``."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)
