"""Asked whether it remembers, or who can read what was written, Heartwise
says plainly what it keeps and how to make it forget.

People ask it just before they tell something hard ("is this private?") or
as they leave ("will u remember all this if i come back tomorrow"). The
classifier has no intent for it: role-play heard the second as a request to
start the guide. A question in these words is answered whatever intent was
heard, unless the message shows any risk at all.
"""

from __future__ import annotations

import re
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.policies.context_policy import (
    Answer,
    ContextPolicy,
    typed_message,
)

ABOUT_MEMORY = "utter_about_memory"
_YOU = r"(?:you|u|ya|this (?:bot|app|thing)|heartwise)"
_WHAT_WAS_SAID = (
    r"(?:this|that|it|all (?:this|that|of (?:this|that|it))|everything|our (?:chat|conversation|talk)s?|"
    r"what (?:i|we) (?:said|say|told|tell|wrote|write|talked)(?: (?:you|u))?|"
    r"my (?:messages|chats?|data|journal|name))"
)
ASKS_ABOUT_MEMORY = re.compile(
    rf"\b(?:will|would|do|does|can|could|are|r) {_YOU} (?:still |even |actually )?"
    rf"(?:remember|save|store|keep|record|log|forget|be able to see)\w* {_WHAT_WAS_SAID}"
    rf"|\b(?:is|are|will|does) {_WHAT_WAS_SAID} (?:be |get |going to be |gonna be )?"
    r"(?:saved|stored|kept|recorded|logged|private|confidential|anonymous|shared|read|seen)\b"
    r"|\b(?:who|can (?:anyone|anybody|someone|somebody|people|my ex|he|she|they)) "
    rf"(?:else )?(?:can |could )?(?:see|read|access) {_WHAT_WAS_SAID}"
    r"|\bis this (?:private|confidential|anonymous|secure|safe to talk)\b",
    re.IGNORECASE,
)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class MemoryQuestionPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        message = typed_message(tracker)
        # Any risk, even the classifier's lone guess, is the safety policies':
        # "will you remember this when i'm gone" is not a question about data.
        risk = message.parse_data.get("risk") if message else None
        if message is None or (risk or {}).get("level") not in (None, "none"):
            return None
        return (ABOUT_MEMORY, []) if ASKS_ABOUT_MEMORY.search(message.text or "") else None

    def after(self, action: Optional[str]) -> Optional[str]:
        # The answer ends with its own question.
        return ACTION_LISTEN_NAME if action == ABOUT_MEMORY else None
