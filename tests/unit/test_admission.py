"""The per-server admission limit: a freed slot goes to the longest wait."""

from __future__ import annotations

import asyncio
from typing import List

import pytest

from heartwise.admission import Admission


async def _enter(admission: Admission, name: str, order: List[str]) -> None:
    async with admission:
        order.append(name)
        await asyncio.sleep(0)


async def test_a_freed_slot_goes_to_the_message_that_waited_not_a_newcomer() -> None:
    admission, order = Admission(1), []
    await admission.__aenter__()
    waiting = asyncio.create_task(_enter(admission, "waited", order))
    await asyncio.sleep(0)
    await admission.__aexit__(None, None, None)
    # Arrives in the same instant the slot is freed, before the waiter runs.
    await _enter(admission, "newcomer", order)
    await waiting
    assert order == ["waited", "newcomer"]


async def test_no_more_than_the_limit_inside_at_once() -> None:
    admission, inside, most = Admission(3), 0, 0

    async def work() -> None:
        nonlocal inside, most
        async with admission:
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(0.01)
            inside -= 1

    await asyncio.gather(*(work() for _ in range(10)))
    assert most == 3 and not admission.locked()


async def test_a_cancelled_waiter_neither_keeps_nor_loses_a_slot() -> None:
    admission, order = Admission(1), []
    await admission.__aenter__()
    given_up = asyncio.create_task(_enter(admission, "given up", order))
    patient = asyncio.create_task(_enter(admission, "patient", order))
    await asyncio.sleep(0)
    given_up.cancel()
    await admission.__aexit__(None, None, None)
    await patient
    with pytest.raises(asyncio.CancelledError):
        await given_up
    assert order == ["patient"] and not admission.locked()


async def test_cancelled_just_after_being_let_in_passes_the_slot_on() -> None:
    admission, order = Admission(1), []
    await admission.__aenter__()
    unlucky = asyncio.create_task(_enter(admission, "unlucky", order))
    next_in_line = asyncio.create_task(_enter(admission, "next", order))
    await asyncio.sleep(0)
    await admission.__aexit__(None, None, None)  # hands the slot to "unlucky"...
    unlucky.cancel()  # ...which is cancelled before it runs
    await next_in_line
    with pytest.raises(asyncio.CancelledError):
        await unlucky
    assert order == ["next"] and not admission.locked()


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        Admission(0)
