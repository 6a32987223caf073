"""Speed-ups for the Rasa server that change none of its behaviour.

Each replaces a Rasa 3.6 function whose cost py-spy showed, under load or at start
(bench/RESULTS.md) with one that returns the same result for less work:

- Every action server response is checked with ``jsonschema.validate``, which
  first re-checks the schema itself: about 30 ms of CPU per custom action. The
  schema never changes, so it is checked once and its validator reused; a
  response that breaks it still fails the same way.
- Loading a conversation looks up each event's class by scanning every
  subclass of ``Event`` (a twentieth of the server's time). The classes are
  all imported before the first message, so each name is looked up once.
- RulePolicy checks every rule against every turn of the conversation (a
  tenth of the server's time). Now only the rules whose latest turn names the
  conversation's latest action and intent (or names none) are checked, and
  only as far back as the longest rule: a rule of n turns is satisfied by any
  turn further back than n. For the same reason it is given the states of
  only that many turns: Rasa built a state for every turn of the session, up
  to twice per prediction, so each message of a long session took longer than
  the one before (the session is still replayed, which costs far less).
- MemoizationPolicy looks a conversation's latest turns up by their JSON,
  compressed with zlib and base64 (a twentieth of a server's time at 50
  users). The memorised keys are decompressed once instead, and the JSON is
  looked up as it is: the same key, so the same answer.
- Loading DIET builds its weights by training one step on one example, which
  traces the whole training graph (7 s of a server's start), then traces the
  prediction through autograph (2 s more). The step now runs eagerly (under a
  second) and creates the same weights, which the trained ones then replace
  as before; the prediction is traced without autograph, into the same graph.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections import defaultdict
from functools import lru_cache
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Set, Tuple, Type, TypeVar

import tensorflow as tf
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.featurizers.tracker_featurizers import MaxHistoryTrackerFeaturizer
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.policy import Policy
from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.core.constants import PREVIOUS_ACTION, SHOULD_NOT_BE_SET, USER
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.generator import State
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ACTION_NAME, INTENT
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

_rasa_resolve_by_type = Event.resolve_by_type
_rasa_load_model = RasaModel.load.__func__  # type: ignore[attr-defined]
_rasa_recall_states = MemoizationPolicy._recall_states
_event_classes: Dict[str, Type[Event]] = {}


@lru_cache(maxsize=1)
def action_response_validator() -> Validator:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    error = best_match(action_response_validator().iter_errors(result))
    if error is not None:
        error.message += ". The action server's response does not match Rasa's format."
        raise error
    return True


def _resolve_event_type(
    type_name: str, default: Optional[Type[Event]] = None
) -> Optional[Type[Event]]:
    known = _event_classes.get(type_name)
    if known is not None:
        return known
    found = _rasa_resolve_by_type(type_name, default)
    # Only a real match is remembered: a default stands in for an unknown name.
    if found is not None and found.type_name == type_name:
        _event_classes[type_name] = found
    return found


Need = Tuple[Optional[str], Optional[str]]


class RuleIndex:
    """Rules grouped by the action and intent their latest turn requires.

    Rasa's check (``RulePolicy._is_rule_applicable``) refuses a rule whose
    latest turn names an action or an intent the conversation's latest state
    does not have, so only the rest need checking. A rule that starts the
    conversation (no previous action) is always checked.
    """

    def __init__(self, lookup: Dict[str, str]) -> None:
        self.longest = max((len(RulePolicy._rule_key_to_state(key)) for key in lookup), default=0)
        self.unindexed: Set[str] = set()
        self.by_need: Dict[Need, Set[str]] = defaultdict(set)
        for key in lookup:
            latest = RulePolicy._rule_key_to_state(key)[-1]
            if latest.get(PREVIOUS_ACTION):
                need = (
                    _named(latest[PREVIOUS_ACTION], ACTION_NAME),
                    _named(latest.get(USER, {}), INTENT),
                )
                self.by_need[need].add(key)
            else:
                self.unindexed.add(key)

    def candidates(self, latest: State) -> Set[str]:
        action = latest.get(PREVIOUS_ACTION, {}).get(ACTION_NAME)
        intent = latest.get(USER, {}).get(INTENT)
        needs = {(action, intent), (action, None), (None, intent), (None, None)}
        return self.unindexed.union(*(self.by_need.get(need, ()) for need in needs))


def _named(sub_state: Any, key: str) -> Optional[str]:
    """The name a rule requires, or None if it requires none."""
    value = sub_state.get(key)
    return value if isinstance(value, str) and value and value != SHOULD_NOT_BE_SET else None


Derived = TypeVar("Derived")


def _derived(
    policy: Policy, lookup: Dict[str, str], build: Callable[[Dict[str, str]], Derived]
) -> Derived:
    """What ``build`` makes of one of the policy's lookups, made again when its keys change.

    Training changes a lookup between predictions; serving never does.
    """
    made: Dict[Tuple[Callable[..., Any], int], Tuple[FrozenSet[str], Any]]
    made = vars(policy).setdefault("_heartwise_derived", {})
    keys, derived = made.get((build, id(lookup)), (None, None))
    if keys != lookup.keys():
        keys, derived = made[build, id(lookup)] = frozenset(lookup), build(lookup)
    return derived


def _rule_index(policy: RulePolicy, lookup: Dict[str, str]) -> RuleIndex:
    return _derived(policy, lookup, RuleIndex)


def _get_possible_keys(self: RulePolicy, lookup: Dict[str, str], states: List[State]) -> Set[str]:
    if not states:
        return set(lookup)
    index = _rule_index(self, lookup)
    possible_keys = index.candidates(states[-1])
    for turns_back, state in enumerate(reversed(states[-index.longest :])):
        possible_keys = {
            key for key in possible_keys if self._is_rule_applicable(key, turns_back, state)
        }
    return possible_keys


def recent_states(tracker: DialogueStateTracker, domain: Domain, turns: int) -> List[State]:
    """The last ``turns`` of ``tracker.past_states(domain)``, building no others.

    A turn's state needs the conversation replayed up to it, but the replay
    is cheap next to building the state itself.
    """
    events = tracker.applied_events()
    first = 1 + sum(isinstance(event, ActionExecuted) for event in events) - turns
    replay = tracker.init_copy()
    states: List[State] = []
    turn = 0
    for event in events:
        if isinstance(event, ActionExecuted):
            if turn >= first:
                states.append(domain._clean_state(domain.get_active_state(replay)))
            turn += 1
        replay.update(event)
    states.append(domain._clean_state(domain.get_active_state(replay)))
    return states


def _rule_prediction_states(
    self: RulePolicy,
    tracker: DialogueStateTracker,
    domain: Domain,
    use_text_for_last_user_input: bool = False,
    rule_only_data: Optional[Dict[str, Any]] = None,
) -> List[State]:
    featurizer = self.featurizer
    if not isinstance(featurizer, MaxHistoryTrackerFeaturizer) or featurizer.max_history:
        return Policy._prediction_states(
            self, tracker, domain, use_text_for_last_user_input, rule_only_data
        )
    # The policy reads these states only to match rules, and to log them at debug level.
    lookups = [
        self.lookup[key] for key in (RULES, RULES_FOR_LOOP_UNHAPPY_PATH) if key in self.lookup
    ]
    turns = max([_rule_index(self, lookup).longest for lookup in lookups], default=0)
    states = recent_states(tracker, domain, max(turns, 1))
    featurizer._choose_last_user_input([states], use_text_for_last_user_input)
    return states


def _decompressed(lookup: Dict[str, str]) -> Dict[str, str]:
    return {
        zlib.decompress(base64.b64decode(key)).decode(): action for key, action in lookup.items()
    }


def _recall_states(self: MemoizationPolicy, states: List[State]) -> Optional[str]:
    if (
        not states
        or not self.config["enable_feature_string_compression"]
        # RulePolicy, for one, makes its keys differently.
        or type(self)._create_feature_key is not MemoizationPolicy._create_feature_key
    ):
        return _rasa_recall_states(self, states)
    # MemoizationPolicy._create_feature_key, before it compresses.
    key = json.dumps(states, sort_keys=True).replace('"', "")
    return _derived(self, self.lookup, _decompressed).get(key)


def _load_model(
    cls: Type[RasaModel],
    model_file_name: str,
    model_data_example: RasaModelData,
    predict_data_example: Optional[RasaModelData] = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    """``RasaModel.load``, with its one training step run eagerly."""
    config = kwargs.get("config", {})
    if finetune_mode or config.get(RUN_EAGERLY):
        # Fine-tuning trains on, so the traced graph is used; run_eagerly traces nothing.
        return _rasa_load_model(
            cls,
            model_file_name,
            model_data_example,
            predict_data_example,
            finetune_mode,
            *args,
            **kwargs,
        )
    model = cls(*args, **kwargs)
    model.compile(
        optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=True
    )
    model.fit(RasaBatchDataGenerator(model_data_example, batch_size=1), verbose=False)
    model.run_eagerly = False  # predictions are traced once, as before
    model.load_weights(model_file_name)
    if predict_data_example:
        # Traced now, with the trained weights, rather than on a first message.
        # Autograph would rewrite Rasa's source looking for Python control flow
        # on tensors, and the prediction has none.
        batch = RasaBatchDataGenerator(predict_data_example, batch_size=1, shuffle=False)[0][0]
        model._tf_predict_step = tf.function(
            model.predict_step, input_signature=model._dynamic_signature(batch), autograph=False
        )
        model.run_inference(predict_data_example)
    return model


def apply() -> None:
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_event_type)  # type: ignore[assignment]
    RulePolicy._get_possible_keys = _get_possible_keys  # type: ignore[method-assign]
    RulePolicy._prediction_states = _rule_prediction_states  # type: ignore[method-assign]
    MemoizationPolicy._recall_states = _recall_states  # type: ignore[method-assign]
    RasaModel.load = classmethod(_load_model)  # type: ignore[assignment]
