"""When Heartwise isn't sure what was meant, it asks a narrowing question.

Replaces Rasa's default affirmation step of the two-stage fallback, which
would show raw intent names ("Did you mean 'ask_space'?"). The question names
the two readings the classifier found likeliest for this message ("is this
more about moving on, or about what to say to your ex?"), never a menu of
unrelated topics; with no likely reading it asks to hear more. Only a
message that is not in English is told that Heartwise reads English only.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Sequence

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
# How the question names each reading, after "more about".
INTENT_PHRASES: Dict[str, str] = {
    "want_ex_back": "wanting to get back together",
    "express_feelings": "how you're feeling",
    "ask_mind_games": "jealousy or games",
    "express_anger": "the anger",
    "ask_kindness": "how to act towards your ex",
    "ask_self_improvement": "working on yourself",
    "ask_therapy": "getting professional help",
    "ask_communication": "what to say to your ex",
    "ask_space": "space and no contact",
    "assess_relationship": "what went wrong",
    "ask_compatibility": "whether you want the same future",
    "ask_book": "books and resources",
    "consider_moving_on": "moving on",
    "start_guide": "the guided walk-through",
    "request_reflection": "a question to reflect on",
    "show_journal": "your journal",
    "check_message_draft": "checking a message you wrote",
    "delete_my_data": "deleting your data",
}
MAX_CHOICES = 2
# A reading below this is a guess, not something the message said.
LIKELY = 0.1
# Deleting everything is offered only when the message plainly asked for it.
CAREFUL = {"delete_my_data": 0.5}
NOT_ENGLISH = (
    "I can only read English so far, sorry. If you're in danger or thinking of ending "
    "your life, please call your local emergency number, or find a free line in your "
    "country at findahelpline.com."
)
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
        likely = [
            entry["name"]
            for entry in ranking
            if entry.get("name") in offered
            and (entry.get("confidence") or 0) >= CAREFUL.get(entry["name"], LIKELY)
        ][:MAX_CHOICES]
        text = message.get("text") or ""
        if not text.strip():
            starting_points = AFTER_ABUSE_STARTING_POINTS if after_abuse else STARTING_POINTS
            dispatcher.utter_message(
                text="Your message came through empty. What's on your mind? You could start here:",
                buttons=_buttons(starting_points),
            )
        elif not is_english(text):
            dispatcher.utter_message(text=NOT_ENGLISH)
        elif not likely:
            dispatcher.utter_message(
                text="I want to be sure I follow. Could you tell me a bit more about what's "
                "happening, or what you'd like from me?"
            )
        else:
            readings = " or ".join(INTENT_PHRASES[intent] for intent in likely)
            dispatcher.utter_message(
                text=f"I want to be sure I follow: is this more about {readings}?",
                buttons=_buttons(likely),
            )
        return []


def _buttons(intents: Sequence[str]) -> List[Dict[str, str]]:
    # Rasa's two-stage fallback reads out_of_scope here as "none of these".
    return [
        *({"title": INTENT_TITLES[intent], "payload": f"/{intent}"} for intent in intents),
        {"title": "Something else", "payload": "/out_of_scope"},
    ]


# Common words of the languages people most often try instead.
_ENGLISH = frozenset(
    "i you he she it we they me my your the a an and but or not to of in on at is am are was "
    "were be been have has had do did dont don't can cant can't will would what why how when "
    "so just like im i'm he's she's its it's this that with for about no yes know".split()
)
_OTHER = frozenset(
    "que el la los las de del y en es mi tu por para con una un pero muy esta estoy "
    "je tu il elle nous vous les des est pas mon ma mais avec pour dans une suis "
    "ich du er sie wir ihr der die das und nicht mein ist bin aber mit für ein eine "
    "eu voce você ele ela nao não meu minha com para uma mas estou "
    "io lui lei noi voi il lo gli non sono mio mia con per una ma".split()
)


def is_english(text: str) -> bool:
    """Whether the message is (mostly) English: English function words, and no
    majority of another script or another language's function words."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) / len(letters) < 0.5:
        return False
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower())
    english = sum(word in _ENGLISH for word in words)
    other = sum(word in _OTHER and word not in _ENGLISH for word in words)
    return english >= other or other < 2
