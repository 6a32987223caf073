"""The web widget's socket.io channel, where a conversation belongs to whoever started it.

Rasa 3.6's SocketIOInput lets any socket join any conversation: a
``session_request`` naming someone else's session id, or a message carrying
it, was enough to read their replies and write in their conversation. Here:

- The server makes every session id (``web:`` and 32 random hex digits) and
  signs it. The widget keeps the id with its token and shows both to resume;
  a request that cannot prove its session gets a new one.
- A socket speaks only in the session it was confirmed in; a message naming
  another session is refused.
- Wrong types, missing fields and messages before a session get an ``error``
  event and one log line, never a traceback.
- Frames are capped (the widget sends at most 2,000 characters), messages
  cut to ``MAX_MESSAGE_CHARS`` with a note, and a session or address that
  sends too fast gets a polite answer (channels/limits.py).

The signing key comes from HEARTWISE_SESSION_KEY (every server of a cluster
needs the same one) or from the file HEARTWISE_SESSION_KEY_FILE
(``var/session.key`` by default), which is made, mode 600, on first start.
A token stays valid for ``HEARTWISE_SESSION_DAYS`` (30) days after it was
issued; every confirmed session gets a fresh one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels.limits import SLOW_DOWN, ChannelLimits, client_address, only_the_start

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
PREFIX = "web:"
# Characters per frame: a 2,000-character message, its JSON and metadata fit
# with room to spare; Rasa's channel took 1,000,000.
MAX_FRAME_CHARS = 16_000


@dataclass(frozen=True)
class SessionSigner:
    """Signed, expiring proof that a socket may speak in a session."""

    key: bytes
    max_age_s: float
    clock: Callable[[], float] = time.time

    @classmethod
    def from_env(cls) -> SessionSigner:
        days = float(os.environ.get("HEARTWISE_SESSION_DAYS", "30"))
        return cls(_signing_key(), max_age_s=days * 86_400)

    def new_session(self) -> str:
        return PREFIX + uuid.uuid4().hex

    def token(self, session_id: str) -> str:
        issued = str(int(self.clock()))
        return f"{issued}.{self._signature(session_id, issued)}"

    def verify(self, session_id: Any, token: Any) -> bool:
        if not isinstance(session_id, str) or not isinstance(token, str):
            return False
        issued, _, signature = token.partition(".")
        if not issued.isdigit() or not session_id.startswith(PREFIX):
            return False
        if self.clock() - int(issued) > self.max_age_s:
            return False
        return hmac.compare_digest(signature, self._signature(session_id, issued))

    def _signature(self, session_id: str, issued: str) -> str:
        mac = hmac.new(self.key, f"{session_id}.{issued}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(mac.digest()).decode().rstrip("=")


def _signing_key() -> bytes:
    from_env = os.environ.get("HEARTWISE_SESSION_KEY", "").strip()
    if from_env:
        return from_env.encode()
    path = Path(os.environ.get("HEARTWISE_SESSION_KEY_FILE", "var/session.key"))
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Created with mode 600 from the start: no moment in which others can read it.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as key_file:
            key_file.write(secrets.token_urlsafe(32))
    return path.read_text().strip().encode()


@dataclass
class Socket:
    """What the server knows about one connected socket."""

    address: Optional[str]
    session_id: Optional[str] = None


@dataclass(eq=False)
class OwnedSessionInput(SocketIOInput):
    """Named ``socketio`` like Rasa's channel; its output is Rasa's too."""

    user_message_evt: str = "user_uttered"
    bot_message_evt: str = "bot_uttered"
    socketio_path: str = "/socket.io"
    metadata_key: str = "metadata"
    signer: SessionSigner = field(default_factory=SessionSigner.from_env)
    limits: ChannelLimits = field(default_factory=ChannelLimits)
    sio: Optional[AsyncServer] = None
    sockets: Dict[str, Socket] = field(default_factory=dict)

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            socketio_path=credentials.get("socketio_path", "/socket.io"),
            metadata_key=credentials.get("metadata_key", "metadata"),
        )

    def get_output_channel(self) -> Optional[OutputChannel]:
        return SocketIOOutput(self.sio, self.bot_message_evt) if self.sio else None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        # No CORS handling, as in Rasa's channel: a page elsewhere may open a
        # session of its own, but without a token it cannot enter another's.
        sio = AsyncServer(
            async_mode="sanic", cors_allowed_origins=[], max_http_buffer_size=MAX_FRAME_CHARS
        )
        self.sio = sio
        socketio_webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect")
        async def connect(sid: str, environ: Dict[str, Any], auth: Any = None) -> None:
            request = environ.get("sanic.request")
            peer = request.ip if request is not None else None
            self.sockets[sid] = Socket(client_address(peer, environ.get("HTTP_X_FORWARDED_FOR")))

        @sio.on("disconnect")
        async def disconnect(sid: str) -> None:
            self.sockets.pop(sid, None)

        @sio.on("session_request")
        async def session_request(sid: str, data: Any = None) -> None:
            await self.confirm_session(sid, data)

        @sio.on(self.user_message_evt)
        async def handle_message(sid: str, data: Any = None) -> None:
            await self.receive(sid, data, on_new_message)

        return socketio_webhook

    async def confirm_session(self, sid: str, data: Any) -> None:
        assert self.sio is not None
        socket = self.sockets.setdefault(sid, Socket(None))
        if data is None:
            data = {}
        if not isinstance(data, dict):
            await self.refuse(sid, "A session_request carries an object, or nothing.")
            return
        wanted, token = data.get("session_id"), data.get("token")
        resumed = self.signer.verify(wanted, token)
        if wanted is not None and not resumed:
            logger.info("socket.io: a session request without a valid token got a new session.")
        session_id = wanted if resumed else self.signer.new_session()
        if socket.session_id and socket.session_id != session_id:
            self.sio.leave_room(sid, socket.session_id)
        socket.session_id = session_id
        self.sio.enter_room(sid, session_id)
        await self.sio.emit(
            "session_confirm",
            {
                "session_id": session_id,
                "token": self.signer.token(session_id),
                "resumed": resumed,
            },
            room=sid,
        )

    async def receive(self, sid: str, data: Any, on_new_message: OnNewMessage) -> None:
        assert self.sio is not None
        socket = self.sockets.get(sid)
        if socket is None or socket.session_id is None:
            await self.refuse(sid, "Ask for a session (session_request) before sending messages.")
            return
        if not isinstance(data, dict) or not isinstance(data.get("message"), str):
            await self.refuse(sid, "A message is an object with a text 'message'.")
            return
        if data.get("session_id") not in (None, socket.session_id):
            await self.refuse(sid, "This socket can only write in its own session.")
            return
        metadata = data.get(self.metadata_key) or {}
        if not isinstance(metadata, dict):
            await self.refuse(sid, "'metadata' must be an object.")
            return
        output = SocketIOOutput(self.sio, self.bot_message_evt)
        if not self.limits.allow(socket.session_id, socket.address):
            await output.send_text_message(socket.session_id, SLOW_DOWN)
            return
        text, note = only_the_start(data["message"])
        if note:
            await output.send_text_message(socket.session_id, note)
        await on_new_message(
            UserMessage(
                text, output, socket.session_id, input_channel=self.name(), metadata=metadata
            )
        )

    async def refuse(self, sid: str, reason: str) -> None:
        assert self.sio is not None
        logger.warning("socket.io: refused a request from %s: %s", sid, reason)
        await self.sio.emit("error", {"error": reason}, room=sid)
