"""Rasa's Redis lock store, without a lock that is never released or lost.

Rasa 3.6 gives every message a ticket with a lifetime, so the tickets of a
server that crashed expire and others may go on. But a message waiting
behind such a ticket has a ticket of the same lifetime; if both expire
between two of its checks (once a second), nothing is left to serve and it
waits for ever (seen in tests/cluster: a retried message stuck until the
client gave up). Here a waiting message whose ticket expired takes a new one
and goes on as soon as no live ticket is ahead of it.

Rasa also changes a lock by reading it, changing it and writing it back, so
two servers changing one conversation's lock at once can drop each other's
tickets, and a message could then run beside another of its conversation.
Here every change is one Redis transaction (WATCH/MULTI), retried on conflict.

Both stores also limit how many messages one server processes at once
(``max_concurrent_messages``); the others wait their turn in arrival order.
Rasa works on every message it has received at once, on one event loop: each
wait for the action server or the database puts a message behind all the
others' computing again, so under load the messages that call the action
server took seconds longer than the rest. Waiting in line is fairer, and the
server does as much per second.
"""

from __future__ import annotations

import asyncio
import json
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable, List, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from heartwise.admission import Admission

# As many as one batch of the NLU takes (heartwise/nlu/batching.py): messages
# that arrive together are understood together, so the more are let in, the
# less each costs. At 4, batches rarely held more than one message.
MAX_CONCURRENT_MESSAGES = 64


class ExpiryAwareLocking(LockStore):
    def __init__(
        self, *args: Any, max_concurrent_messages: int = MAX_CONCURRENT_MESSAGES, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.admission = Admission(int(max_concurrent_messages))

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
                    queued = self.admission.locked()
                    async with self.admission:
                        if not queued or self._is_live(conversation_id, ticket):
                            yield lock
                            return
                        # It expired while queued: another server may have gone on.
                else:
                    await asyncio.sleep(wait_time_in_seconds)
        finally:
            self.cleanup(conversation_id, ticket)

    def _is_live(self, conversation_id: str, ticket: int) -> bool:
        lock = self.get_lock(conversation_id)
        return lock is not None and ticket in live_tickets(lock)


def live_tickets(lock: TicketLock) -> List[int]:
    """Numbers of the unexpired tickets, in the order they were issued."""
    return sorted(ticket.number for ticket in lock.tickets if not ticket.has_expired())


Result = TypeVar("Result")


class HeartwiseInMemoryLockStore(ExpiryAwareLocking, InMemoryLockStore):
    """Named in endpoints.yml: one server, locks in its memory."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(**endpoint_config.kwargs)


class HeartwiseRedisLockStore(ExpiryAwareLocking, RedisLockStore):
    """Named in deploy/endpoints.cluster.yml; configured like Rasa's ``redis``."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Gives the ticket back; the lock goes once no ticket is left."""
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def _change(self, conversation_id: str, change: Callable[[TicketLock], Result]) -> Result:
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as transaction:
            while True:
                try:
                    transaction.watch(key)
                    stored = transaction.get(key)
                    lock = (
                        TicketLock.from_dict(json.loads(stored))
                        if stored
                        else self.create_lock(conversation_id)
                    )
                    result = change(lock)
                    transaction.multi()
                    if lock.tickets:
                        transaction.set(key, lock.dumps())
                    else:
                        transaction.delete(key)
                    transaction.execute()
                    return result
                except redis.WatchError:
                    continue  # another server changed the lock first: read it again
