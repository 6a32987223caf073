"""Deleting a person's data for real.

The action marks the moment and forgets every slot (the journal included);
the tracker store (heartwise/tracker_store.py) sees this action in the
conversation and deletes every stored row from before it.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher


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
        return [AllSlotsReset()]
