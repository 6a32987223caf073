"""A message to the ex pasted without asking for the draft coach first.

"Hi Lauren, can you transfer your half by Friday..." from someone who said
their ex is Lauren is a draft, whatever the intent classifier makes of it
(often "out of scope"); so is "ok fair. what about: ..." straight after a
review. This policy sends such a message to the coach's review
(action_review_pasted_draft), and steps aside for anything else, for any
risk the safety net found, and inside forms.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa.core.constants import POLICY_PRIORITY, RULE_POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction, confidence_scores_for
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.language.drafts import ANOTHER_VERSION
from heartwise.policies.loops import in_a_form, leave_the_fallback

REVIEW = "action_review_pasted_draft"
# Intents a pasted draft is mistaken for; a real topic question is left alone.
MISREAD_AS = frozenset({"out_of_scope", "nlu_fallback", "express_anger", "express_feelings"})
SECOND_PERSON = re.compile(r"\b(?:you|u|your|ur)\b", re.I)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class PastedDraftPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {POLICY_PRIORITY: RULE_POLICY_PRIORITY + 1}

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Any = None,
    ) -> None:
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(
        self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        if tracker.latest_action_name == REVIEW:
            return self._prediction(confidence_scores_for(ACTION_LISTEN_NAME, 1.0, domain))
        if is_a_pasted_draft(tracker):
            return self._prediction(
                confidence_scores_for(REVIEW, 1.0, domain), events=leave_the_fallback(tracker)
            )
        return self._prediction(self._default_predictions(domain))


def is_a_pasted_draft(tracker: DialogueStateTracker) -> bool:
    if tracker.latest_action_name != ACTION_LISTEN_NAME or in_a_form(tracker):
        return False
    message = tracker.latest_message
    if message is None or not message.text or message.text.startswith("/"):
        return False
    risk = message.parse_data.get("risk") or {}
    if risk.get("level") not in (None, "none"):
        return False
    text = message.text
    if ANOTHER_VERSION.match(text) and _just_reviewed(tracker) and SECOND_PERSON.search(text):
        return True
    name = tracker.get_slot("ex_name")
    intent = (message.intent or {}).get("name")
    greets_the_ex = bool(
        name and re.match(rf"^\W*(?:hi|hey|hello|dear)?\W*{re.escape(name)}\b\W", text, re.I)
    )
    return greets_the_ex and intent in MISREAD_AS and bool(SECOND_PERSON.search(text))


def _just_reviewed(tracker: DialogueStateTracker) -> bool:
    """The coach's review is the bot's last action before this message."""
    actions = [
        event.action_name
        for event in tracker.events
        if isinstance(event, ActionExecuted) and event.action_name != ACTION_LISTEN_NAME
    ]
    return bool(actions) and actions[-1] in ("action_review_message_draft", REVIEW)
