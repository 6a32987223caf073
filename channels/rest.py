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
  not a JSON object with a text ``message``.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class RetrySafeRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("heartwise_rest", __name__)

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
            message_id = payload.get("message_id")
            if message_id is not None and not isinstance(message_id, str):
                return response.json({"error": "'message_id' must be a string."}, 400)
            collector = CollectingOutputChannel()
            message = UserMessage(
                payload["message"],
                collector,
                str(payload.get("sender") or "default"),
                input_channel=self.name(),
                message_id=message_id,
                metadata=self.get_metadata(request),
            )
            try:
                if message_id is None:
                    await on_new_message(message)
                    return response.json(collector.messages)
                return response.json(await handle_once(request.app.ctx.agent, message))
            except Exception:
                logger.exception("Could not process a REST message; the client may retry.")
                return response.json({"error": "Not processed; please send it again."}, 503)

        return webhook


async def handle_once(agent: Agent, message: UserMessage) -> List[Dict[str, Any]]:
    """Process ``message`` unless its id was processed already.

    Mirrors ``Agent.handle_message``, but looks for the id inside the same
    lock, so a retry that arrives while the first attempt still runs waits
    for it and then gets its replies.
    """
    collector = message.output_channel
    assert isinstance(collector, CollectingOutputChannel)
    async with agent.lock_store.lock(message.sender_id):
        tracker = await agent.tracker_store.retrieve_full_tracker(message.sender_id)
        earlier = replies_to(tracker, message.message_id) if tracker else None
        if earlier is not None:
            logger.info("A retried REST message was answered from the tracker.")
            return earlier
        await agent.processor.handle_message(message)  # type: ignore[union-attr]
    return collector.messages


def replies_to(
    tracker: DialogueStateTracker, message_id: Optional[str]
) -> Optional[List[Dict[str, Any]]]:
    """The bot's replies to the user message ``message_id``, if it is stored."""
    replies: Optional[List[Dict[str, Any]]] = None
    for event in tracker.events:
        if isinstance(event, UserUttered):
            if replies is not None:
                break
            if event.message_id == message_id:
                replies = []
        elif isinstance(event, BotUttered) and replies is not None:
            reply = {"recipient_id": tracker.sender_id, "text": event.text}
            reply.update({key: value for key, value in event.data.items() if value})
            replies.append({key: value for key, value in reply.items() if value is not None})
    return replies
