"""The conversation lock: one message at a time, and never stuck for good."""

from __future__ import annotations

import asyncio
from typing import List

from rasa.core.lock_store import InMemoryLockStore

from heartwise.lock_store import ExpiryAwareLocking

LIFETIME_S = 0.3
POLL_S = 0.05


class MemoryLocks(ExpiryAwareLocking, InMemoryLockStore):
    """The Redis store's locking, kept in memory for the test."""


async def test_a_crashed_servers_ticket_holds_others_only_until_it_expires() -> None:
    store = MemoryLocks()
    store.issue_ticket("c", LIFETIME_S)  # taken by a server that then died
    # Both tickets expire between two checks: Rasa's own lock waits for ever here.
    acquired = await asyncio.wait_for(_hold(store, "c", wait=LIFETIME_S * 2), timeout=5)
    assert acquired


async def test_messages_of_one_conversation_run_one_at_a_time_in_order() -> None:
    store = MemoryLocks()
    order: List[str] = []

    async def handle(name: str, delay: float) -> None:
        await asyncio.sleep(delay)
        async with store.lock("c", LIFETIME_S * 10, POLL_S):
            order.append(f"start {name}")
            await asyncio.sleep(0.05)
            order.append(f"end {name}")

    await asyncio.gather(handle("a", 0), handle("b", 0.01), handle("c", 0.02))
    assert order == ["start a", "end a", "start b", "end b", "start c", "end c"]
    assert store.get_lock("c") is None, "the lock is removed once nobody waits"


async def _hold(store: MemoryLocks, conversation: str, wait: float) -> bool:
    async with store.lock(conversation, LIFETIME_S, wait):
        return True
