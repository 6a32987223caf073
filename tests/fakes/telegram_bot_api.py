"""A stand-in for Telegram's Bot API server, on 127.0.0.1.

It lies outside this machine, so it is the one thing the tests fake, at the
HTTP boundary: the real connector and real aiogram requests reach it through
TELEGRAM_API_URL. It records every call and answers the way the Bot API
documentation says Telegram does, including refusing a webhook URL that is not
HTTPS and flood control: after ``flood(n, retry_after)`` the next n
sendMessage calls get 429 with ``retry_after``.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

from aiohttp import web

TOKEN = "123456789:HEARTWISE-test-token"
BOT_USERNAME = "HeartwiseTestBot"


@dataclass
class Call:
    method: str
    params: Dict[str, Any]
    status: int = 200

    @property
    def chat_id(self) -> Optional[int]:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None


def decode(value: str) -> Any:
    """aiogram sends form fields; nested objects arrive as JSON strings."""
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


class FakeBotAPI:
    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.username = username
        self.calls: List[Call] = []
        self.updates: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        self._message_id = 0
        self._floods: List[int] = []
        self._loop = asyncio.new_event_loop()
        self._runner: Optional[web.AppRunner] = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- running ---------------------------------------------------------
    def start(self) -> FakeBotAPI:
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        if not ready.wait(10):
            raise RuntimeError("The fake Bot API did not start.")
        return self

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    def stop(self) -> None:
        async def shutdown() -> None:
            await self._runner.cleanup()
            self._loop.stop()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop)

    # --- what the tests look at -------------------------------------------
    def calls_to(self, method: str, chat_id: Optional[int] = None) -> List[Call]:
        with self._lock:
            return [
                c
                for c in self.calls
                if c.method == method and (chat_id is None or c.chat_id == chat_id)
            ]

    def wait_for(
        self, condition: Callable[[], Any], timeout: float = 30, what: str = "a call"
    ) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            time.sleep(0.05)
        raise AssertionError(f"Timed out waiting for {what}; calls: {self.calls[-10:]}")

    def texts_to(self, chat_id: int) -> List[str]:
        """What the chat received: the messages Telegram accepted."""
        return [c.params["text"] for c in self.calls_to("sendMessage", chat_id) if c.status == 200]

    def flood(self, times: int, retry_after: int) -> None:
        """Answer the next ``times`` sendMessage calls with 429."""
        with self._lock:
            self._floods.extend([retry_after] * times)

    def push_update(self, update: Dict[str, Any]) -> None:
        """Queue an update for getUpdates (polling mode)."""
        with self._lock:
            self.updates.append(update)

    # --- the API ------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = {key: decode(value) for key, value in (await request.post()).items()}
        call = Call(method, params)
        with self._lock:
            self.calls.append(call)
        answer = getattr(self, f"_{method}", None)
        if answer is None:
            return self._error(404, "Not Found: method not found")
        response = await answer(params)
        call.status = response.status
        return response

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(code: int, description: str) -> web.Response:
        return web.json_response(
            {"ok": False, "error_code": code, "description": description}, status=code
        )

    async def _getMe(self, _: Dict[str, Any]) -> web.Response:
        return self._ok(
            {"id": 4242, "is_bot": True, "first_name": "Heartwise", "username": self.username}
        )

    async def _setWebhook(self, params: Dict[str, Any]) -> web.Response:
        if not str(params.get("url", "")).startswith("https://"):
            return self._error(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        return self._ok(True)

    async def _deleteWebhook(self, _: Dict[str, Any]) -> web.Response:
        return self._ok(True)

    async def _answerCallbackQuery(self, _: Dict[str, Any]) -> web.Response:
        return self._ok(True)

    async def _sendMessage(self, params: Dict[str, Any]) -> web.Response:
        with self._lock:
            retry_after = self._floods.pop(0) if self._floods else None
        if retry_after is not None:
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {retry_after}",
                    "parameters": {"retry_after": retry_after},
                },
                status=429,
            )
        text = str(params.get("text", ""))
        if not text:
            return self._error(400, "Bad Request: message text is empty")
        if len(text.encode("utf-16-le")) // 2 > 4096:
            return self._error(400, "Bad Request: message is too long")
        return self._ok(self._message(params, text=text))

    def _message(self, params: Dict[str, Any], text: str) -> Dict[str, Any]:
        with self._lock:
            self._message_id += 1
            message_id = self._message_id
        chat_id = int(params["chat_id"])
        return {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": 4242, "is_bot": True, "first_name": "Heartwise"},
            "text": text,
        }

    async def _getUpdates(self, params: Dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 2.0)
        while True:
            with self._lock:
                # An offset confirms every update before it: Telegram forgets them.
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                pending = list(self.updates)
            if pending or time.monotonic() >= deadline:
                return self._ok(pending)
            await asyncio.sleep(0.05)
