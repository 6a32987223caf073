"""The conversation lock: one message at a time, and never stuck for good."""

from __future__ import annotations

import asyncio
from typing import List

from rasa.utils.endpoints import EndpointConfig

from heartwise.lock_store import HeartwiseInMemoryLockStore

LIFETIME_S = 0.3
POLL_S = 0.05


def memory_locks(**settings: int) -> HeartwiseInMemoryLockStore:
    """The Redis store's locking, kept in memory, configured as in endpoints.yml."""
    return HeartwiseInMemoryLockStore(EndpointConfig(**settings))


async def test_a_crashed_servers_ticket_holds_others_only_until_it_expires() -> None:
    store = memory_locks()
    store.issue_ticket("c", LIFETIME_S)  # taken by a server that then died
    # Both tickets expire between two checks: Rasa's own lock waits for ever here.
    acquired = await asyncio.wait_for(_hold(store, "c", wait=LIFETIME_S * 2), timeout=5)
    assert acquired


async def test_messages_of_one_conversation_run_one_at_a_time_in_order() -> None:
    store = memory_locks()
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


async def test_a_server_works_on_a_few_messages_at_once_the_others_wait_in_order() -> None:
    store = memory_locks(max_concurrent_messages=2)
    inside: List[str] = []
    entered: List[str] = []
    most = 0

    async def handle(conversation: str, delay: float) -> None:
        nonlocal most
        await asyncio.sleep(delay)
        async with store.lock(conversation, LIFETIME_S * 10, POLL_S):
            inside.append(conversation)
            entered.append(conversation)
            most = max(most, len(inside))
            await asyncio.sleep(0.05)
            inside.remove(conversation)

    names = [f"c{number}" for number in range(6)]
    await asyncio.gather(*(handle(name, number * 0.005) for number, name in enumerate(names)))
    assert most == 2
    assert entered == names


async def test_a_message_waiting_for_its_conversation_leaves_room_for_others() -> None:
    store = memory_locks(max_concurrent_messages=1)
    order: List[str] = []

    async def handle(name: str, conversation: str, delay: float) -> None:
        await asyncio.sleep(delay)
        async with store.lock(conversation, LIFETIME_S * 10, POLL_S):
            order.append(name)
            await asyncio.sleep(0.05)

    # b waits for a (same conversation); d, of another one, goes first.
    await asyncio.gather(handle("a", "c", 0), handle("b", "c", 0.01), handle("d", "x", 0.02))
    assert order == ["a", "d", "b"]


async def _hold(store: HeartwiseInMemoryLockStore, conversation: str, wait: float) -> bool:
    async with store.lock(conversation, LIFETIME_S, wait):
        return True
