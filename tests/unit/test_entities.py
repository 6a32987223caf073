"""Entities from the ruler: canonical roles, and time phrases without filler."""

from __future__ import annotations

import pytest

from heartwise.language import load_pipeline
from heartwise.nlu.entities import RulerEntityExtractor


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "my gf dumped me 3 weeks ago",
            {("ex_role", "girlfriend", "gf"), ("time_since_breakup", "3 weeks ago", "3 weeks ago")},
        ),
        (
            "its been two months since my ex-wife left",
            {("time_since_breakup", "two months", "two months"), ("ex_role", "wife", "wife")},
        ),
        (
            "we broke up last night and my bf blocked me",
            {("time_since_breakup", "last night", "last night"), ("ex_role", "boyfriend", "bf")},
        ),
        (
            "my hubby moved out yesterday",
            {("ex_role", "husband", "hubby"), ("time_since_breakup", "yesterday", "yesterday")},
        ),
        (
            "a couple of days ago my partner ended it",
            {
                ("time_since_breakup", "a couple of days ago", "a couple of days ago"),
                ("ex_role", "partner", "partner"),
            },
        ),
        ("should i wait 30 days before texting", set()),
    ],
)
def test_entities_and_their_values(text, expected):
    doc = load_pipeline()(text.lower())
    found = {
        (e["entity"], e["value"], text[e["start"] : e["end"]])
        for e in RulerEntityExtractor._extract_entities(doc)
    }
    assert found == expected
