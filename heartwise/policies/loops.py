"""Which running loops the Heartwise policies step aside for."""

from __future__ import annotations

from typing import List

from rasa.shared.core.constants import ACTION_TWO_STAGE_FALLBACK_NAME
from rasa.shared.core.events import ActiveLoop, Event
from rasa.shared.core.trackers import DialogueStateTracker


def in_a_form(tracker: DialogueStateTracker) -> bool:
    """A form is asking for something: its own rules decide. Rasa's two-stage
    fallback is a loop too, but only a question; a clear follow-up ends it."""
    return tracker.active_loop_name not in (None, ACTION_TWO_STAGE_FALLBACK_NAME)


def leave_the_fallback(tracker: DialogueStateTracker) -> List[Event]:
    """Closes the two-stage fallback when a policy answers the message instead."""
    if tracker.active_loop_name == ACTION_TWO_STAGE_FALLBACK_NAME:
        return [ActiveLoop(None)]
    return []
