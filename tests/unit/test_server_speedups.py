"""The cached action-response check accepts and refuses what Rasa's own does."""

from __future__ import annotations

from typing import Any, Dict

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

import heartwise.nlu  # noqa: F401  (applies the speed-ups, as the Rasa server does)

VALID = {
    "events": [{"event": "slot", "name": "mood", "value": "low", "timestamp": None}],
    "responses": [{"text": "I'm here.", "buttons": []}],
}
INVALID = [
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": "not a list", "responses": []},
    {"events": [], "responses": ["not an object"]},
]


@pytest.fixture
def action() -> RemoteAction:
    return RemoteAction("action_check_in", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_accepts_a_valid_response(action: RemoteAction) -> None:
    assert action._validate_action_result(VALID)
    jsonschema.validate(VALID, RemoteAction.action_response_format_spec())


@pytest.mark.parametrize("response", INVALID)
def test_refuses_what_rasas_check_refuses(action: RemoteAction, response: Dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(response, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError, match="does not match Rasa's format"):
        action._validate_action_result(response)
