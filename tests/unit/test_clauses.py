"""Cutting a story into clauses: every word is kept, each thought apart."""

from __future__ import annotations

import re

from heartwise.language.clauses import MAX_CLAUSES, clause_spans, clauses


def test_one_clause_is_the_whole_message():
    assert clauses("how long should i wait before texting her") == [
        "how long should i wait before texting her"
    ]


def test_sentences_commas_and_new_thoughts_are_cut():
    text = "we split in june and i keep lying awake, but honestly i know it is over. anyway"
    assert clauses(text) == [
        "we split in june",
        "and i keep lying awake",
        "but honestly i know it is over. anyway",
    ]


def test_me_and_him_is_not_a_new_thought():
    assert clauses("me and him were together for six years") == [
        "me and him were together for six years"
    ]


def test_no_word_is_lost_between_clauses():
    text = "ok so. she left, and then i cried - a lot; but im fine\nreally fine now honestly"
    kept = " ".join(text[begin:end] for begin, end in clause_spans(text))
    assert re.findall(r"[a-z']+", text) == re.findall(r"[a-z']+", kept)


def test_a_very_long_story_is_cut_into_a_bounded_number_of_clauses():
    text = ". ".join(f"this is sentence number {n} of the story" for n in range(40))
    spans = clause_spans(text)
    assert len(spans) == MAX_CLAUSES
    assert spans[-1][1] == len(text)


def test_empty_text_is_one_empty_clause():
    assert clause_spans("") == [(0, 0)]
