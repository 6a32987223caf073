"""Speed-ups for the Rasa server that change none of its behaviour.

Rasa 3.6 checks every action server response with ``jsonschema.validate``,
which first re-checks the schema itself: about 30 ms of CPU per custom action
on a 2-core machine, a fifth of the server's time under load (py-spy, see
bench/RESULTS.md). The schema never changes, so it is checked once here and
its validator reused; a response that breaks it still fails the same way.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction


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


def apply() -> None:
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
