"""Small helpers shared by the test modules."""

from __future__ import annotations

import functools
from typing import Any, Dict, List, Optional

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.executor import CollectingDispatcher

from deploy.processes import PROJECT_ROOT


@functools.lru_cache(maxsize=1)
def domain() -> Domain:
    return Domain.load(PROJECT_ROOT / "domain.yml")


def reply_then_message(
    reply: str,
    text: str,
    intent: str = "nlu_fallback",
    slots: Optional[Dict[str, Any]] = None,
    risk: Optional[Dict[str, Any]] = None,
    first: str = "he cheated and left",
) -> DialogueStateTracker:
    """A real Rasa tracker, as a policy sees it: a first message, Heartwise's
    ``reply``, then the person's ``text`` as the classifier read it."""
    tracker = DialogueStateTracker("someone", domain().slots)
    for name, value in (slots or {}).items():
        tracker.update(SlotSet(name, value))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(first, {"name": "express_feelings"}))
    tracker.update(ActionExecuted(reply))
    tracker.update(ActionExecuted("action_listen"))
    parse = {"intent": {"name": intent, "confidence": 0.4}, "text": text, "risk": risk or {}}
    tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    return tracker


def messages_read_as(
    *messages: str,
    intent: str = "nlu_fallback",
    slots: Optional[Dict[str, Any]] = None,
    risk: Optional[Dict[str, Any]] = None,
    practical: Optional[Dict[str, Any]] = None,
) -> DialogueStateTracker:
    """A real Rasa tracker of ``messages``, each read by the classifier as
    ``intent`` at low confidence, after ``slots`` were set; ``practical`` is
    the practical question the NLU found in each."""
    tracker = DialogueStateTracker("someone", domain().slots)
    for name, value in (slots or {}).items():
        tracker.update(SlotSet(name, value))
    for text in messages:
        tracker.update(ActionExecuted("action_listen"))
        parse = {"intent": {"name": intent, "confidence": 0.4}, "text": text, "risk": risk or {}}
        if practical:
            parse["practical"] = practical
        tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    return tracker


def said(dispatcher: CollectingDispatcher) -> List[str]:
    """What the bot said, as plain text."""
    return [message.get("text") or "" for message in dispatcher.messages]


def button_titles(messages: List[Dict[str, Any]]) -> List[str]:
    """The titles of every button in a REST reply."""
    return [button["title"] for message in messages for button in message.get("buttons", [])]
