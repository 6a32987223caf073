"""A limit on how many messages one server works on at once, first come first served.

asyncio.Semaphore on Python 3.10 hands a freed slot to whoever asks next,
so a message that arrives just as another finishes can go ahead of one that
has waited for seconds. Here a freed slot goes straight to the message that
has waited longest.
"""

from __future__ import annotations

import asyncio
from collections import deque
from types import TracebackType
from typing import Deque, Optional, Type


class Admission:
    """At most ``limit`` holders; the others get in strictly in arrival order."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("max_concurrent_messages must be at least 1.")
        self._free = limit
        self._waiting: Deque[asyncio.Future[None]] = deque()

    def locked(self) -> bool:
        """True when a newcomer would have to wait."""
        return self._free == 0 or bool(self._waiting)

    async def __aenter__(self) -> None:
        if not self.locked():
            self._free -= 1
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if not turn.cancelled():
                self._release()  # the slot was already ours: pass it on
            elif turn in self._waiting:
                self._waiting.remove(turn)
            raise

    async def __aexit__(
        self,
        kind: Optional[Type[BaseException]],
        error: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self._release()

    def _release(self) -> None:
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)  # handed over: the slot never becomes free
                return
        self._free += 1
