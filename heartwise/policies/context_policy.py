"""What Heartwise's own policies share: they answer a message in the light of
the conversation, above the rules, and otherwise abstain."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Tuple

from rasa.core.constants import POLICY_PRIORITY, RULE_POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction, confidence_scores_for
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.language.risk import guessed_only, shown_in_words

logger = logging.getLogger(__name__)

Answer = Tuple[str, List[Event]]
# Asked for by name: the tool's own rules answer, whatever else the message says.
TOOL_INTENTS = frozenset(
    {"show_journal", "delete_my_data", "check_message_draft", "start_assessment", "resume_guide"}
)


class ContextPolicy(Policy):
    """Subclasses say what to do after a message (``answer``) and after their
    own actions (``after``); a failure abstains, so the rules still answer."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # Above the rules: a rule answers the message's intent, these answer
        # the message in the light of the conversation.
        return {POLICY_PRIORITY: RULE_POLICY_PRIORITY + 1}

    def train(
        self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource

    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        raise NotImplementedError

    def after(self, action: Optional[str]) -> Optional[str]:
        """The action that follows one of this policy's own, if any."""
        raise NotImplementedError

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[str, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        following = self.after(tracker.latest_action_name)
        if following:
            return self._prediction(confidence_scores_for(following, 1.0, domain))
        try:
            choice = self.answer(tracker)
        except Exception:
            logger.exception("%s failed; the rules answer instead.", type(self).__name__)
            choice = None
        if choice is None:
            return self._prediction(self._default_predictions(domain))
        action, events = choice
        return self._prediction(
            confidence_scores_for(action, 1.0, domain),
            events=events,
        )


def listening_to(tracker: DialogueStateTracker) -> bool:
    """A message just arrived and no loop is running. Inside a loop, Rasa
    3.6's RulePolicy predicts the loop "without user input", which overrules
    every other policy, while the events of every policy are still applied:
    an answer there would lose, and its events would leave the loop half
    closed. Inside Rasa's two-stage fallback that sent the server round the
    fallback without end. A rephrasing the fallback accepts is handed back
    with the loop closed, and answered then."""
    return tracker.latest_action_name == ACTION_LISTEN_NAME and tracker.active_loop_name is None


def typed_message(tracker: DialogueStateTracker) -> Optional[UserUttered]:
    """The message that just arrived, if it was typed (a button's payload is
    already what it means) and no loop is running; else None."""
    message = tracker.latest_message
    if not listening_to(tracker) or message is None or not message.text:
        return None
    return None if message.text.startswith("/") else message


def risk_beyond_a_guess(parse_data: Dict[str, Any]) -> bool:
    """The safety net found a risk in this message by a phrase or by likeness
    to its bank, not by the intent classifier's guess alone: the rules answer
    it, never a policy of Heartwise's own."""
    risk = parse_data.get("risk") or {}
    if risk.get("level") not in (None, "none") and not risk.get("evidence"):
        return True
    return shown_in_words(risk)


def only_a_guess(parse_data: Dict[str, Any]) -> bool:
    """A risk the intent classifier alone found in this message."""
    return guessed_only(parse_data.get("risk") or {})


# Heartwise's questions about safety: their answers are read as answers
# (actions/safety_check_in.py, the rules, AnswerPolicy), never reinterpreted.
SAFETY_QUESTIONS = ("utter_crisis", "utter_risk", "utter_ask_safe_now", "utter_ask_trusted_adult")
# The reply to a no to the gentle question asks what weighs most: what comes
# next is the person's story, read like any other message.
NOT_A_SAFETY_QUESTION = "utter_risk_check_in_declined"


def answers_a_safety_question(tracker: DialogueStateTracker) -> bool:
    reply = reply_before_this_message(tracker) or ""
    return reply.startswith(SAFETY_QUESTIONS) and reply != NOT_A_SAFETY_QUESTION


def reply_before_this_message(tracker: DialogueStateTracker) -> Optional[str]:
    """Heartwise's last action before the latest message, if one came before it."""
    seen_this_message = False
    for event in reversed(list(tracker.events)):
        if isinstance(event, UserUttered):
            if seen_this_message:
                return None
            seen_this_message = True
        elif (
            seen_this_message
            and isinstance(event, ActionExecuted)
            and event.action_name != ACTION_LISTEN_NAME
        ):
            return event.action_name
    return None


def message_before_this_one(tracker: DialogueStateTracker) -> Optional[str]:
    said = [event.text for event in tracker.events if isinstance(event, UserUttered)]
    return said[-2] if len(said) >= 2 else None
