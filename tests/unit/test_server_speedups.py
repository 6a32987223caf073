"""The server speed-ups give the answers Rasa's own code gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Optional

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import (
    ACTION_LISTEN_NAME,
    PREVIOUS_ACTION,
    SHOULD_NOT_BE_SET,
    SLOTS,
    USER,
)
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.generator import State
from rasa.shared.utils.common import all_subclasses
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


@pytest.mark.parametrize("event_class", all_subclasses(Event), ids=lambda c: c.__name__)
def test_each_stored_event_name_finds_the_class_rasas_scan_finds(event_class: type) -> None:
    name = event_class.type_name
    first_match = next(c for c in all_subclasses(Event) if c.type_name == name)
    assert Event.resolve_by_type(name) is first_match
    assert Event.resolve_by_type(name) is first_match  # and again, remembered


def test_an_unknown_event_name_is_still_refused_or_defaulted() -> None:
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")


def _turn(action: str, intent: str = "", slots: Optional[Dict[str, Any]] = None) -> State:
    state: State = {PREVIOUS_ACTION: {"action_name": action}}
    if intent:
        state[USER] = {"intent": intent}
    if slots:
        # Rules store "should not be set" as it is, a value as a feature tuple.
        state[SLOTS] = {
            name: value if value == SHOULD_NOT_BE_SET else (value,) for name, value in slots.items()
        }
    return state


def _rule(*turns: State) -> str:
    return json.dumps(list(turns), sort_keys=True)


RULES = {
    _rule({}): "utter_welcome_back",
    _rule({}, _turn(ACTION_LISTEN_NAME, "greet")): "utter_greet",
    _rule(_turn("utter_space")): ACTION_LISTEN_NAME,
    _rule(_turn(ACTION_LISTEN_NAME, "ask_space", {"abuse": SHOULD_NOT_BE_SET})): "utter_space",
    _rule(_turn(ACTION_LISTEN_NAME, "crisis")): "utter_crisis_lines",
    _rule(_turn(ACTION_LISTEN_NAME, "ask_space"), _turn("utter_space")): ACTION_LISTEN_NAME,
    _rule(
        _turn(ACTION_LISTEN_NAME, "greet"),
        _turn("utter_greet"),
        _turn(ACTION_LISTEN_NAME, "ask_space", {"abuse": 1.0}),
    ): "utter_safety_first",
    _rule(
        _turn("utter_space"),
        _turn(ACTION_LISTEN_NAME, "thanks"),
        _turn("utter_welcome"),
        _turn(ACTION_LISTEN_NAME, "ask_space"),
    ): "utter_space",
}
CONVERSATION = [
    {},
    _turn(ACTION_LISTEN_NAME, "greet"),
    _turn("utter_greet"),
    _turn(ACTION_LISTEN_NAME, "thanks"),
    _turn("utter_welcome"),
    _turn(ACTION_LISTEN_NAME, "ask_space", {"abuse": 1.0}),
    _turn("utter_space"),
    _turn(ACTION_LISTEN_NAME, "thanks"),
    _turn("utter_welcome"),
    _turn(ACTION_LISTEN_NAME, "ask_space"),
]


@pytest.fixture
def rule_policy(tmp_path: Path) -> RulePolicy:
    return RulePolicy.create(
        RulePolicy.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("rule_policy"),
        ExecutionContext(GraphSchema({})),
    )


@pytest.mark.parametrize("length", range(1, len(CONVERSATION) + 1))
def test_rules_that_apply_are_those_rasa_finds_checking_every_turn(
    rule_policy: RulePolicy, length: int
) -> None:
    states = CONVERSATION[:length]
    every_turn = set(RULES)
    for turns_back, state in enumerate(reversed(states)):
        every_turn = {
            key for key in every_turn if rule_policy._is_rule_applicable(key, turns_back, state)
        }
    assert rule_policy._get_possible_keys(RULES, states) == every_turn


def test_a_rule_matches_only_the_turns_it_describes(rule_policy: RulePolicy) -> None:
    matching = rule_policy._get_possible_keys(RULES, CONVERSATION)
    assert {RULES[key] for key in matching} == {"utter_space"}
    assert len(matching) == 2  # the one-turn rule and the four-turn rule


def test_a_rule_learned_after_a_prediction_is_found(rule_policy: RulePolicy) -> None:
    # Training adds and removes rules between predictions.
    lookup = dict(RULES)
    rule_policy._get_possible_keys(lookup, CONVERSATION)
    thanks = _rule(_turn(ACTION_LISTEN_NAME, "thanks"))
    lookup[thanks] = "utter_welcome"
    assert thanks in rule_policy._get_possible_keys(lookup, CONVERSATION[:8])
    del lookup[thanks]
    assert thanks not in rule_policy._get_possible_keys(lookup, CONVERSATION[:8])


def test_a_rule_naming_no_action_or_intent_is_still_checked(rule_policy: RulePolicy) -> None:
    # An end-to-end rule names what the bot said rather than an action.
    text = "Take a slow breath with me."
    rule = _rule({PREVIOUS_ACTION: {"action_text": text}})
    latest = {PREVIOUS_ACTION: {"action_name": "utter_breathe", "action_text": text}}
    latest[USER] = {"intent": "greet"}
    assert rule_policy._get_possible_keys({rule: ACTION_LISTEN_NAME}, [{}, latest]) == {rule}
