"""The journal: reflection answers, kept in the conversation's own slots.

Keeping it in the tracker means it lives and dies with the conversation: the
deletion flow (actions/privacy.py) removes both at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional, TypedDict

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.reflection_prompts import TOPIC_NAMES

# Long answers are kept whole but shown shortened when read back.
SHOWN_ANSWER_CHARS = 500


class JournalEntry(TypedDict):
    date: str
    topic: str
    prompt: str
    answer: str


def new_entry(
    topic: str, prompt: str, answer: str, today: Optional[dt.date] = None
) -> JournalEntry:
    return JournalEntry(
        date=(today or dt.date.today()).isoformat(),
        topic=topic,
        prompt=prompt,
        answer=answer.strip(),
    )


def render_journal(entries: List[JournalEntry]) -> str:
    """The journal as text, newest entry first."""
    if not entries:
        return (
            'Your journal is empty so far. Say "give me a question" and your '
            "answer to it will be saved here."
        )
    count = "1 entry" if len(entries) == 1 else f"{len(entries)} entries"
    lines = [f"Your journal ({count}, newest first):"]
    for entry in reversed(entries):
        answer = entry["answer"]
        if len(answer) > SHOWN_ANSWER_CHARS:
            answer = answer[:SHOWN_ANSWER_CHARS].rstrip() + "…"
        topic = TOPIC_NAMES.get(entry["topic"], entry["topic"])
        lines.append(
            f"\n{_format_date(entry['date'])} · {topic}\nQ: {entry['prompt']}\nA: {answer}"
        )
    return "\n".join(lines)


def _format_date(iso_date: str) -> str:
    day = dt.date.fromisoformat(iso_date)
    return f"{day.day} {day:%b %Y}"


class ActionShowJournal(Action):
    def name(self) -> str:
        return "action_show_journal"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        dispatcher.utter_message(text=render_journal(tracker.get_slot("journal") or []))
        return []
