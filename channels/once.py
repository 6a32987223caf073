"""Processing a message once, however often a client or Telegram sends it.

Behind a load balancer a Rasa server can die after it stored a turn but
before the client saw the answer; the client then sends the message again,
and Telegram delivers an update again when its webhook did not answer 200.
A message with an id is looked up in the tracker under the conversation's
lock, so a repeat that arrives while the first attempt still runs waits for
it, and is then not processed a second time.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)


async def handle_once(agent: Agent, message: UserMessage) -> Optional[List[Dict[str, Any]]]:
    """Process ``message`` unless its id was processed already; then return
    the replies it got that time (None when it was processed now).

    Mirrors ``Agent.handle_message``, with the lookup inside the same lock.
    """
    async with agent.lock_store.lock(message.sender_id):
        tracker = await agent.tracker_store.retrieve_full_tracker(message.sender_id)
        earlier = replies_to(tracker, message.message_id) if tracker else None
        if earlier is not None:
            logger.info("A repeated message was answered from the tracker.")
            return earlier
        await agent.processor.handle_message(message)  # type: ignore[union-attr]
    return None


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
