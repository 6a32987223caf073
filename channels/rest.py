"""Rasa's REST channel, made safe for clients to retry.

Behind a load balancer a Rasa server can die after it stored a turn but
before the client saw the answer; the client then sends the message again.
Rasa 3.6's RestInput would process it twice, and it answers 200 with no
messages when processing fails, so the client cannot tell it should retry.
This channel keeps the same URL (``/webhooks/rest/webhook``) and payload, and:

- takes an optional ``message_id``: under the conversation's lock, a message
  whose id is already in the tracker is not processed again; the replies it
  got are sent back instead;
- answers 503 when the message could not be processed, 400 for a body that is
  not a JSON object with a text ``message`` and a valid ``sender``;
- requires a ``sender`` of at most 128 letters, digits and ``-_.@``: without
  one, Rasa's channel put everybody in the one conversation "default". The
  other channels' ids hold a colon (``web:…``, ``telegram:…``), so REST can
  never reach their conversations;
- reads only the first 2,000 characters of a message and says so, and
  answers 429 to a sender or an address that sends too fast
  (channels/limits.py).
"""

from __future__ import annotations

import logging
import re
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.limits import SLOW_DOWN, ChannelLimits, client_address, only_the_start
from channels.once import handle_once

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
SENDER = re.compile(r"[A-Za-z0-9_.@-]{1,128}")
BAD_SENDER = (
    "Send a 'sender': a string of 1 to 128 letters, digits and '-', '_', '.' or '@' "
    "that names the conversation."
)


class RetrySafeRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("heartwise_rest", __name__)
        limits = ChannelLimits()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                payload = request.json
            except InvalidUsage:
                payload = None
            if not isinstance(payload, dict) or not isinstance(payload.get("message"), str):
                return response.json({"error": "Send a JSON object with a text 'message'."}, 400)
            sender = payload.get("sender")
            if not isinstance(sender, str) or not SENDER.fullmatch(sender):
                return response.json({"error": BAD_SENDER}, 400)
            message_id = payload.get("message_id")
            if message_id is not None and not isinstance(message_id, str):
                return response.json({"error": "'message_id' must be a string."}, 400)
            address = client_address(request.ip, request.headers.get("x-forwarded-for"))
            if not limits.allow(f"rest:{sender}", address):
                return response.json([{"recipient_id": sender, "text": SLOW_DOWN}], 429)
            text, note = only_the_start(payload["message"])
            collector = CollectingOutputChannel()
            if note:
                await collector.send_text_message(sender, note)
            message = UserMessage(
                text,
                collector,
                sender,
                input_channel=self.name(),
                message_id=message_id,
                metadata=self.get_metadata(request),
            )
            try:
                if message_id is None:
                    await on_new_message(message)
                    return response.json(collector.messages)
                earlier = await handle_once(request.app.ctx.agent, message)
                return response.json(collector.messages if earlier is None else earlier)
            except Exception:
                logger.exception("Could not process a REST message; the client may retry.")
                return response.json({"error": "Not processed; please send it again."}, 503)

        return webhook
