"""A question about facing a birthday, an anniversary or a holiday without
the ex goes to the action that plans the day (actions/hard_dates.py).

The classifier has no intent for it and hears such questions as whatever they
share words with: "ok i'll allow ONE small suggestion. how do people get
through the first birthday after" started the guide, "christmas is coming up
and it'll be the first one without her, how am i meant to get through that"
fell back, and "how do you get through it", a turn after an anniversary was
named, got the gentle question about ending one's life from the classifier's
guess alone. A tool asked for by name, the guide named, a safety question
being answered, and any risk shown in words stay with the rules.
"""

from __future__ import annotations

import re
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.language.hard_dates import facing_the_day
from heartwise.policies.context_policy import (
    TOOL_INTENTS,
    Answer,
    ContextPolicy,
    answers_a_safety_question,
    risk_beyond_a_guess,
    typed_message,
)

FACE_THE_DAY = "action_face_the_day"
NAMES_THE_GUIDE = re.compile(r"\b(?:guide|step|programme|program|walk me through)\b", re.I)
# Earlier messages that may have named the day.
LOOK_BACK = 3


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class HardDatesPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        return (FACE_THE_DAY, []) if faces_a_hard_date(tracker) else None

    def after(self, action: Optional[str]) -> Optional[str]:
        # The answer ends with its own question.
        return ACTION_LISTEN_NAME if action == FACE_THE_DAY else None


def faces_a_hard_date(tracker: DialogueStateTracker) -> bool:
    message = typed_message(tracker)
    if message is None or risk_beyond_a_guess(message.parse_data):
        return False
    intent = (message.intent or {}).get("name")
    text = message.text or ""
    if intent in TOOL_INTENTS or NAMES_THE_GUIDE.search(text) or answers_a_safety_question(tracker):
        return False
    said = [event.text or "" for event in tracker.events if isinstance(event, UserUttered)]
    return facing_the_day(text, said[-2 : -2 - LOOK_BACK : -1]) is not None
