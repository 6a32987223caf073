"""The server speed-ups give the answers Rasa's own code gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Type

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RULES as RULES_KEY
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.core.constants import (
    ACTION_LISTEN_NAME,
    PREVIOUS_ACTION,
    SHOULD_NOT_BE_SET,
    SLOTS,
    USER,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.generator import State, TrackerWithCachedStates, TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.core.training_data.structures import StoryGraph
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.tensorflow.models import RasaModel
from tensorflow.types.experimental import GenericFunction

import heartwise.nlu  # noqa: F401  (applies the speed-ups, as the Rasa server does)
from heartwise import server_speedups
from heartwise.server_speedups import recent_states
from tests.unit.small_diet import EXAMPLES, TrainedDiet

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


PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project_domain() -> Domain:
    return Domain.load(str(PROJECT / "domain.yml"))


@pytest.fixture(scope="module")
def training_trackers(project_domain: Domain) -> List[TrackerWithCachedStates]:
    """Each of the project's stories and rules as a conversation, as Rasa trains on them."""
    steps = []
    for folder in ("stories", "rules"):
        for path in sorted((PROJECT / "data" / folder).glob("*.yml")):
            steps += YAMLStoryReader(project_domain).read_from_file(str(path))
    return TrainingDataGenerator(
        StoryGraph(steps), project_domain, augmentation_factor=0
    ).generate()


@pytest.fixture(scope="module")
def conversations(
    project_domain: Domain, training_trackers: List[TrackerWithCachedStates]
) -> List[DialogueStateTracker]:
    """The training conversations, then all of them one after another as one
    conversation of some 450 turns."""
    # Plain trackers, as the server loads them: the generator's own cache their states.
    trackers = [
        DialogueStateTracker.from_events(tracker.sender_id, tracker.events, project_domain.slots)
        for tracker in training_trackers
    ]
    events = [event for tracker in trackers for event in tracker.events]
    return [*trackers, DialogueStateTracker.from_events("long", events, project_domain.slots)]


@pytest.mark.parametrize("turns", [1, 2, 5, 10_000])
def test_the_latest_turns_get_the_states_rasa_builds_for_them(
    project_domain: Domain, conversations: List[DialogueStateTracker], turns: int
) -> None:
    assert len(conversations[-1].past_states(project_domain)) > 400
    for tracker in conversations:
        expected = tracker.past_states(project_domain)[-turns:]
        assert recent_states(tracker, project_domain, turns) == expected


@pytest.mark.parametrize("use_text", [False, True])
def test_the_rule_policy_reads_as_many_turns_as_its_longest_rule(
    rule_policy: RulePolicy,
    project_domain: Domain,
    conversations: List[DialogueStateTracker],
    use_text: bool,
) -> None:
    long = conversations[-1]

    def rasas(turns: int) -> List[State]:
        return Policy._prediction_states(rule_policy, long, project_domain, use_text)[-turns:]

    assert rule_policy._prediction_states(long, project_domain, use_text) == rasas(1)
    rule_policy.lookup[RULES_KEY] = RULES  # the longest has four turns
    assert rule_policy._prediction_states(long, project_domain, use_text) == rasas(4)


@pytest.fixture(scope="module")
def memoization(
    project_domain: Domain,
    training_trackers: List[TrackerWithCachedStates],
    tmp_path_factory: pytest.TempPathFactory,
) -> MemoizationPolicy:
    """Trained as config.yml trains it."""
    policy = MemoizationPolicy.create(
        {**MemoizationPolicy.get_default_config(), "max_history": 5},
        LocalModelStorage(tmp_path_factory.mktemp("memoization")),
        Resource("memoization"),
        ExecutionContext(GraphSchema({})),
    )
    policy.train(training_trackers, project_domain)
    return policy


def test_memoization_recalls_for_every_turn_what_rasa_recalls(
    memoization: MemoizationPolicy,
    project_domain: Domain,
    conversations: List[DialogueStateTracker],
) -> None:
    recalled = []
    for tracker in conversations:
        states = tracker.past_states(project_domain)
        for end in range(1, len(states) + 1):
            latest = states[max(0, end - 5) : end]
            expected = server_speedups._rasa_recall_states(memoization, latest)
            assert memoization._recall_states(latest) == expected
            recalled.append(expected)
    assert None in recalled and len(set(recalled)) > 5  # misses, and hits of several actions


def _rasas_own_load(cls: Type[RasaModel], *args: Any, **kwargs: Any) -> RasaModel:
    return server_speedups._rasa_load_model(cls, *args, **kwargs)


@pytest.fixture(scope="module")
def loaded_by_rasa(trained_diet: TrainedDiet) -> DIETClassifier:
    with pytest.MonkeyPatch.context() as rasas_own:
        rasas_own.setattr(RasaModel, "load", classmethod(_rasas_own_load))
        return trained_diet.load()


@pytest.fixture(scope="module")
def loaded(trained_diet: TrainedDiet) -> DIETClassifier:
    return trained_diet.load()


@pytest.mark.parametrize("text", ["hello", "I miss my ex", "space?", "😢", "unseen words only"])
def test_a_loaded_diet_ranks_intents_exactly_as_after_rasas_load(
    trained_diet: TrainedDiet, loaded: DIETClassifier, loaded_by_rasa: DIETClassifier, text: str
) -> None:
    ranking = trained_diet.rank(loaded, text)
    assert ranking == trained_diet.rank(loaded_by_rasa, text)
    assert {entry["name"] for entry in ranking} == set(EXAMPLES)


def test_loading_diet_builds_no_training_graph_and_keeps_one_for_predictions(
    loaded: DIETClassifier,
) -> None:
    model = loaded.model
    assert model is not None
    assert not isinstance(model.train_function, GenericFunction)
    assert not model.run_eagerly
    assert isinstance(model._tf_predict_step, GenericFunction)
