"""Response wording that does not repeat itself.

Rasa picks one of a response's variants at random, so a person who asks twice
may read the same paragraph twice, and one who asks four times almost surely
does. Here the variants take turns within a conversation: of the variants
whose conditions hold, the one this person has never seen comes first (in the
order domain.yml lists them), else the one seen longest ago. Once the person
has named their ex (actions/context.py), "your ex" reads as that name. A
topic answer to a message about a birthday or an anniversary first names the
day (heartwise/language/hard_dates.py); one that names a feeling first says
that feeling back in the person's own terms (heartwise/language/feelings.py);
and one that asks whether it should still hurt after this long starts from
how long it has been. Named in endpoints.yml as the ``nlg`` type.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Dict, List, Optional

from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from heartwise.language.breakup_time import days_since, describe
from heartwise.language.feelings import reflect
from heartwise.language.hard_dates import heard_from_them_on_the_day
from heartwise.language.names import with_name

# The answers to the guide's topics (data/rules/topics.yml: each is followed
# by utter_topic_follow_up); tests/unit/test_fresh_responses.py keeps the two
# lists the same.
TOPIC_ANSWERS = frozenset(
    """utter_want_ex_back utter_express_feelings utter_ask_mind_games utter_express_anger
    utter_ask_kindness utter_ask_self_improvement utter_ask_therapy utter_ask_communication
    utter_assess_relationship utter_ask_compatibility utter_ask_book
    utter_consider_moving_on""".split()
)


# A reminder said this often is not said again: after three "say 'where were
# we?'", the person knows, and the offer reads as if the guide were not paused.
REMINDERS: Dict[str, Dict[str, Any]] = {"utter_topic_follow_up": {"guide_paused": False}}
TIMES_TO_REMIND = 3


def _reminded_enough(
    said: List[Optional[str]], variants: List[Dict[str, Any]], overrides: Dict[str, Any]
) -> bool:
    """Whether the variants that depend on the overridden slots were said
    ``TIMES_TO_REMIND`` times already."""
    reminders = {
        variant.get("text")
        for variant in variants
        if any(condition.get("name") in overrides for condition in variant.get("condition") or [])
    }
    return sum(1 for text in said if text in reminders) >= TIMES_TO_REMIND


class FreshResponses(TemplatedNaturalLanguageGenerator):
    def __init__(
        self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None
    ) -> None:
        super().__init__(domain.responses if domain else {})

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> Optional[Dict[str, Any]]:
        slots = tracker.current_slot_values()
        said = [event.text for event in tracker.events if isinstance(event, BotUttered)]
        overrides = REMINDERS.get(utter_action, {})
        if overrides and _reminded_enough(said, self.responses[utter_action], overrides):
            slots = {**slots, **overrides}
        suitable = ResponseVariationFilter(self.responses).responses_for_utter_action(
            utter_action, output_channel, slots
        )
        if not suitable:
            return None
        name = tracker.get_slot("ex_name")
        filled = [
            self._fill_response(copy.deepcopy(variant), slots, **kwargs) for variant in suitable
        ]
        for variant in filled:
            if variant.get("text"):
                variant["text"] = with_name(variant["text"], name)
        # Compared as the person read them, name included: otherwise a variant
        # already said with the name would look unseen and come round again.
        chosen = min(filled, key=lambda variant: last_seen(said, variant.get("text")))
        if utter_action in TOPIC_ANSWERS and chosen.get("text"):
            chosen["text"] = _after_a_lead(tracker, chosen["text"], name)
            chosen["text"] = _with_the_time(tracker, chosen["text"])
        return chosen


def _after_a_lead(tracker: DialogueStateTracker, text: str, name: Optional[str]) -> str:
    """Hearing from the ex on a hard day, else the feeling the message names,
    before the answer. Facing a day to come has its own action (HardDatesPolicy)."""
    message = tracker.latest_message.text if tracker.latest_message else None
    if not message or message.startswith("/"):
        return text
    news = heard_from_them_on_the_day(message)
    if news:
        return f"{with_name(news, name)} {text}"
    return _after_reflection(message, tracker, text)


def _after_reflection(message: str, tracker: DialogueStateTracker, text: str) -> str:
    turn = sum(1 for event in tracker.events if event.type_name == "user")
    reflection = reflect(message, turn)
    return f"{reflection} {text}" if reflection else text


# "is it normal to still be this raw after this long", "how long does this
# take": the answer starts from how long it has been, as the person said it.
ASKS_ABOUT_TIME = re.compile(
    r"\b(?:this long|so long|still (?:feel|this|so|hurt|be|be this)|how long (?:does|will|is|should|until)|"
    r"(?:normal|ok|okay) to still|shouldn'?t i be over)\b",
    re.IGNORECASE,
)


def _with_the_time(tracker: DialogueStateTracker, text: str) -> str:
    message = tracker.latest_message.text if tracker.latest_message else None
    days = days_since(tracker.get_slot("time_since_breakup"))
    # Under a week, "after this long" is not what the person is asking about.
    if not message or days is None or days < 7 or not ASKS_ABOUT_TIME.search(message):
        return text
    return (
        f"It's been {describe(days)}, and still feeling it this much is normal: "
        f"there's no set timetable for getting over someone. {text}"
    )


def last_seen(said: List[Optional[str]], text: Optional[str]) -> int:
    """Where ``text`` was last said in the conversation; -1 if never."""
    for index in range(len(said) - 1, -1, -1):
        # A reflection may have been said before it (``_after_reflection``).
        if said[index] == text or (text and (said[index] or "").endswith(f" {text}")):
            return index
    return -1
