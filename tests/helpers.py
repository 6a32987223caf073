"""Small helpers shared by the test modules."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk.executor import CollectingDispatcher


def said(dispatcher: CollectingDispatcher) -> List[str]:
    """What the bot said, as plain text."""
    return [message.get("text") or "" for message in dispatcher.messages]


def button_titles(messages: List[Dict[str, Any]]) -> List[str]:
    """The titles of every button in a REST reply."""
    return [button["title"] for message in messages for button in message.get("buttons", [])]
