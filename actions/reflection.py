"""Reflection prompts: asked without repeats, answered into the journal."""

from __future__ import annotations

import random
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.journal import new_entry
from actions.reflection_prompts import GENERAL, PROMPTS
from heartwise.language.breakup_time import days_since, describe

UsedPrompts = Dict[str, List[int]]


def choose_prompt(
    topic: Optional[str], used: UsedPrompts, rng: random.Random
) -> tuple[str, int, UsedPrompts]:
    """Pick an unused prompt of ``topic``'s bank; start over once it is spent.

    Returns the topic actually used, the prompt's index and the updated record
    of used prompts (a new dict: slots must not be mutated in place).
    """
    bank = topic if topic in PROMPTS else GENERAL
    already = [i for i in used.get(bank, []) if i < len(PROMPTS[bank])]
    fresh = [i for i in range(len(PROMPTS[bank])) if i not in already]
    if not fresh:
        already, fresh = [], list(range(len(PROMPTS[bank])))
    index = rng.choice(fresh)
    return bank, index, {**used, bank: [*already, index]}


def fill_prompt(
    template: str,
    ex_role: Optional[str],
    time_phrase: Optional[str],
    ex_name: Optional[str] = None,
) -> str:
    """Personalise a prompt with what the bot remembers: the ex by name if
    the person gave one, else by role."""
    days = days_since(time_phrase)
    since = (
        f"in the {describe(days).removeprefix('about ')} since the breakup"
        if days is not None and days > 1
        else "since the breakup"
    )
    ex = ex_name or (f"your {ex_role}" if ex_role else "your ex")
    return template.format(ex=ex, since=since)


class ActionAskReflectionAnswer(Action):
    """The reflection form's question: a fresh prompt on the last topic."""

    def __init__(self, rng: Optional[random.Random] = None) -> None:
        self._rng = rng or random.Random()

    def name(self) -> str:
        return "action_ask_reflection_answer"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        topic = tracker.get_slot("last_topic")
        if topic == "ask_therapy" and tracker.get_slot("has_counsellor"):
            topic = "ask_therapy_with_counsellor"
        topic, index, used = choose_prompt(
            topic,
            tracker.get_slot("prompts_used") or {},
            self._rng,
        )
        text = fill_prompt(
            PROMPTS[topic][index],
            tracker.get_slot("ex_role"),
            tracker.get_slot("time_since_breakup"),
            tracker.get_slot("ex_name"),
        )
        dispatcher.utter_message(
            text=f"Here's something to reflect on. {text} Take your time; "
            'whatever you write goes into your journal (say "stop" to skip).'
        )
        return [
            SlotSet("prompts_used", used),
            SlotSet("reflection_prompt", {"topic": topic, "text": text}),
        ]


class ActionSaveReflection(Action):
    """Keeps the answer, with its prompt, topic and date, in the journal."""

    def name(self) -> str:
        return "action_save_reflection"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        return kept_in_the_journal(tracker, tracker.get_slot("reflection_answer") or "")


def kept_in_the_journal(tracker: Tracker, answer: str) -> List[EventType]:
    """The events that add ``answer``, with its prompt, topic and date, to the
    journal and clear the prompt."""
    prompt = tracker.get_slot("reflection_prompt") or {"topic": GENERAL, "text": ""}
    entry = new_entry(topic=prompt["topic"], prompt=prompt["text"], answer=answer)
    journal = [*(tracker.get_slot("journal") or []), entry]
    return [
        SlotSet("journal", journal),
        SlotSet("reflection_answer", None),
        SlotSet("reflection_prompt", None),
    ]
