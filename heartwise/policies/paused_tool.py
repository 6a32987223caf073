"""Asked "where were we?", Heartwise picks up the tool the person was in last.

The classifier hears "can we go back to the questions" as ``resume_guide``,
and the rules resume the guide. But a crisis message or a question in the
middle of the relationship assessment pauses the assessment too
(action_leave_form keeps the answers given), and someone who was answering its
questions means those questions. So when the assessment was the last tool
running and was left unfinished, a typed "where were we?" takes it up again
from its next question. A message that names the
guide, or the guide's own button, still resumes the guide.
"""

from __future__ import annotations

import re
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import ActionExecuted, ActiveLoop
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.policies.context_policy import Answer, ContextPolicy, typed_message

ASSESSMENT_FORM = "assessment_form"
GUIDE_FORM = "guide_form"
SUMMARIZE_ASSESSMENT = "action_summarize_assessment"
NAMES_THE_GUIDE = re.compile(r"\b(?:guide|step|programme|program)\b", re.IGNORECASE)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class PausedToolPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        action = tool_to_resume(tracker)
        return (action, []) if action else None

    def after(self, action: Optional[str]) -> Optional[str]:
        # The form asks its next question; the rules wait for the answer.
        return None


def tool_to_resume(tracker: DialogueStateTracker) -> Optional[str]:
    """The paused assessment, when "where were we?" means it; else None."""
    message = typed_message(tracker)
    if message is None or (message.intent or {}).get("name") != "resume_guide":
        return None
    if NAMES_THE_GUIDE.search(message.text or "") or tracker.get_slot("abuse_disclosed"):
        return None
    return ASSESSMENT_FORM if assessment_paused(tracker) else None


def assessment_paused(tracker: DialogueStateTracker) -> bool:
    """The assessment was the last tool that ran, and was left unfinished."""
    for event in reversed(list(tracker.events)):
        if isinstance(event, ActionExecuted) and event.action_name == SUMMARIZE_ASSESSMENT:
            return False
        if isinstance(event, ActiveLoop) and event.name in (ASSESSMENT_FORM, GUIDE_FORM):
            return event.name == ASSESSMENT_FORM
    return False
