"""Putting the person's message back in line, so the rules answer it afresh.

An action that finds a message is not for it (a form's question, the safety
check-in) re-adds the message after an ``action_listen``: the rules then see
it as if nothing had been pending, and every rule (safety first) applies
without a copy per place.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, EventType, FollowupAction, UserUttered

# What the rules and the safety replies read from a message besides its text
# and entities: the risk assessment travels with the message, so a crisis
# inside a form is answered at the same level as outside it.
CARRIED_PARSE_KEYS = ("intent", "intent_ranking", "risk")


def requeue_latest_message(tracker: Tracker) -> List[EventType]:
    message = tracker.latest_message
    if (message.get("intent") or {}).get("name") == "nlu_fallback":
        # Re-added, the two-stage fallback would count an unclear message
        # twice and skip to "please rephrase"; started here, it sees it once
        # and offers the likeliest topics first.
        return [FollowupAction("action_two_stage_fallback")]
    return [
        ActionExecuted("action_listen"),
        UserUttered(
            text=message.get("text"),
            parse_data={
                **{key: message[key] for key in CARRIED_PARSE_KEYS if key in message},
                "entities": [_schema_safe(entity) for entity in message.get("entities", [])],
                "text": message.get("text"),
            },
            input_channel=tracker.get_latest_input_channel(),
        ),
    ]


def _schema_safe(entity: Dict[str, Any]) -> Dict[str, Any]:
    """The entity without keys set to None.

    Rule-based extractors (Rasa's spaCy extractor among them) report
    ``"confidence": None``; Rasa's schema for an action's events wants a
    number there and rejects the whole response, which would turn a crisis
    message inside a form into the fallback.
    """
    return {key: value for key, value in entity.items() if value is not None}
