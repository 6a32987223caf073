"""When Heartwise isn't sure what was meant, it offers the likeliest topics.

Replaces Rasa's default affirmation step of the two-stage fallback, which
would show raw intent names ("Did you mean 'ask_space'?").
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

# Only intents a person would recognise as a choice are offered.
INTENT_TITLES: Dict[str, str] = {
    "want_ex_back": "Getting back together",
    "express_feelings": "Feeling sad or lonely",
    "ask_mind_games": "Jealousy and mind games",
    "express_anger": "Feeling angry",
    "ask_kindness": "How to act towards my ex",
    "ask_self_improvement": "Working on myself",
    "ask_therapy": "Getting professional help",
    "ask_communication": "What to say to my ex",
    "ask_space": "Space and no contact",
    "assess_relationship": "What went wrong",
    "ask_compatibility": "Whether we want the same future",
    "ask_book": "Books and resources",
    "consider_moving_on": "Moving on",
    "start_guide": "Walk me through the guide",
    "request_reflection": "A question to reflect on",
    "show_journal": "My journal",
    "check_message_draft": "Check a message I wrote",
    "delete_my_data": "Delete my data",
}
MAX_CHOICES = 3
# Offered when the classifier has no idea at all (empty text, gibberish).
STARTING_POINTS = ("start_guide", "request_reflection", "check_message_draft")
# Never offered once abuse was disclosed: the reconciliation tools stay off
# (docs/safety-protocol.md), in the "did you mean" buttons too.
RECONCILIATION = frozenset(
    {
        "want_ex_back",
        "ask_mind_games",
        "ask_kindness",
        "ask_communication",
        "start_guide",
        "check_message_draft",
    }
)
AFTER_ABUSE_STARTING_POINTS = ("express_feelings", "ask_therapy", "request_reflection")


class ActionOfferLikelyTopics(Action):
    def name(self) -> str:
        return "action_default_ask_affirmation"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        message = tracker.latest_message
        ranking = message.get("intent_ranking") or []
        after_abuse = bool(tracker.get_slot("abuse_disclosed"))
        offered = {
            intent for intent in INTENT_TITLES if not (after_abuse and intent in RECONCILIATION)
        }
        likely = [entry["name"] for entry in ranking if entry.get("name") in offered]
        starting_points = AFTER_ABUSE_STARTING_POINTS if after_abuse else STARTING_POINTS
        if not (message.get("text") or "").strip():
            text = "Your message came through empty. What's on your mind? You could start here:"
        else:
            text = "I'm not sure I understood. Is it about one of these?"
        buttons = [
            {"title": INTENT_TITLES[intent], "payload": f"/{intent}"}
            for intent in (likely or starting_points)[:MAX_CHOICES]
        ]
        # Rasa's two-stage fallback reads out_of_scope here as "none of these".
        buttons.append({"title": "Something else", "payload": "/out_of_scope"})
        dispatcher.utter_message(text=text, buttons=buttons)
        return []
