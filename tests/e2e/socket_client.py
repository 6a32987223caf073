"""A socket.io client that records everything the server sends it: what the
widget is, minus the browser, and what someone attacking the widget's
channel would use."""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import Any, Dict, List, Optional, Tuple, Type

import socketio

WAIT_S = 30.0


class SocketClient:
    def __init__(self, url: str, **client_options: Any) -> None:
        self.url = url
        self.events: List[Tuple[str, Any]] = []
        self._lock = threading.Lock()
        self.sio = socketio.Client(**client_options)
        self.sio.on("*", self._record)

    def __enter__(self) -> SocketClient:
        self.sio.connect(self.url, transports=["websocket"], socketio_path="/socket.io")
        return self

    def __exit__(
        self,
        kind: Optional[Type[BaseException]],
        error: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.sio.disconnect()

    def _record(self, event: str, data: Any = None) -> None:
        with self._lock:
            self.events.append((event, data))

    def received(self, event: str) -> List[Any]:
        with self._lock:
            return [data for name, data in self.events if name == event]

    def wait_for(self, event: str, count: int = 1, timeout: float = WAIT_S) -> List[Any]:
        deadline = time.monotonic() + timeout
        while len(self.received(event)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"no {event!r} after {timeout} s; got {self.events}")
            time.sleep(0.05)
        return self.received(event)

    def session(
        self, resume: Optional[Dict[str, Any]] = None, timeout: float = WAIT_S
    ) -> Dict[str, Any]:
        """A confirmed session: {session_id, token, resumed}."""
        before = len(self.received("session_confirm"))
        self.sio.emit("session_request", resume or {})
        return self.wait_for("session_confirm", before + 1, timeout)[-1]

    def say(self, text: str, **extra: Any) -> List[str]:
        """Sends a message and returns the texts of the replies, once the
        server has acknowledged it (after its last reply)."""
        before = len(self.received("bot_uttered"))
        self.sio.call("user_uttered", {"message": text, **extra}, timeout=WAIT_S)
        return [reply.get("text", "") for reply in self.received("bot_uttered")[before:]]
