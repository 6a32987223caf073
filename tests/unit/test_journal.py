"""Reading the journal back, newest first."""

from __future__ import annotations

import datetime as dt

from actions.journal import SHOWN_ANSWER_CHARS, ActionShowJournal, new_entry, render_journal
from tests.helpers import said


def test_empty_journal_says_how_to_start_one(tracker_for, dispatcher, domain):
    assert ActionShowJournal().run(dispatcher, tracker_for(), domain) == []
    assert "empty" in said(dispatcher)[0]


def test_entries_are_shown_newest_first(tracker_for, dispatcher, domain):
    older = new_entry("ask_space", "What did space show you?", "Patience.", dt.date(2026, 3, 1))
    newer = new_entry(
        "consider_moving_on", "What would moving on make room for?", "Travel.", dt.date(2026, 4, 9)
    )
    ActionShowJournal().run(dispatcher, tracker_for(slots={"journal": [older, newer]}), domain)
    text = said(dispatcher)[0]
    assert text.startswith("Your journal (2 entries, newest first)")
    assert text.index("9 Apr 2026") < text.index("1 Mar 2026")
    assert "moving on" in text and "A: Travel." in text and "A: Patience." in text


def test_long_answers_are_shortened_when_shown_but_kept_whole():
    entry = new_entry("general", "Q?", "x" * 5000)
    assert len(entry["answer"]) == 5000
    shown = render_journal([entry])
    assert "x" * SHOWN_ANSWER_CHARS + "…" in shown
    assert "x" * (SHOWN_ANSWER_CHARS + 1) not in shown
