"""Speed-ups for the Rasa server that change none of its behaviour.

Each replaces a Rasa 3.6 function whose cost py-spy showed under load
(bench/RESULTS.md) with one that returns the same result for less work:

- Every action server response is checked with ``jsonschema.validate``, which
  first re-checks the schema itself: about 30 ms of CPU per custom action. The
  schema never changes, so it is checked once and its validator reused; a
  response that breaks it still fails the same way.
- Loading a conversation looks up each event's class by scanning every
  subclass of ``Event`` (a twentieth of the server's time). The classes are
  all imported before the first message, so each name is looked up once.
- RulePolicy checks every rule against every turn of the conversation, though
  a rule of n turns is satisfied by any turn further back than n. It now stops
  at the longest rule's length, so a long conversation costs no more than a
  short one (a tenth of the server's time on a six-message conversation).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional, Set, Type

from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.events import Event
from rasa.shared.core.generator import State

_rasa_resolve_by_type = Event.resolve_by_type
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
    if found is not None and found is not default and found.type_name == type_name:
        _event_classes[type_name] = found
    return found


def _get_possible_keys(self: RulePolicy, lookup: Dict[str, str], states: List[State]) -> Set[str]:
    possible_keys = set(lookup)
    longest = max((len(self._rule_key_to_state(key)) for key in possible_keys), default=0)
    for turns_back, state in enumerate(reversed(states)):
        if turns_back >= longest:
            break  # every rule applies this far back (RulePolicy._is_rule_applicable)
        possible_keys = {
            key for key in possible_keys if self._is_rule_applicable(key, turns_back, state)
        }
    return possible_keys


def apply() -> None:
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_event_type)  # type: ignore[assignment]
    RulePolicy._get_possible_keys = _get_possible_keys  # type: ignore[method-assign]
