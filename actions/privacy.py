"""Deleting a person's data for real.

The action marks the moment and forgets every slot (the journal included);
the tracker store (heartwise/tracker_store.py) sees this action in the
conversation and deletes every stored row from before it. The web widget
is told as well, so that it forgets its copy of the transcript.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher

# Rasa's socketio channel emits a custom message as `emit(bot_uttered, **it)`,
# so the widget receives what is under "data".
WIDGET_DATA_DELETED = {"data": {"event": "data_deleted"}}


class ActionDeleteMyData(Action):
    def name(self) -> str:
        # endpoints.yml names this action as the tracker store's deletion marker.
        return "action_delete_my_data"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        dispatcher.utter_message(
            text="Done. Your journal and our conversation have been deleted "
            "from my storage. If you write again, we start fresh."
        )
        if tracker.get_latest_input_channel() == "socketio":
            dispatcher.utter_message(json_message=WIDGET_DATA_DELETED)
        return [AllSlotsReset()]
