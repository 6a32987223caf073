"""The draft coach's bars, on the held-out drafts that scripts/eval_drafts.py
scored (run by `make test-nlu` just before this)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "results" / "eval" / "drafts.json"


@pytest.fixture(scope="module")
def drafts():
    if not RESULTS.exists():
        pytest.fail("No draft evaluation found: run `make test-nlu`.")
    result = json.loads(RESULTS.read_text())
    assert result["with_classifier"], "scored without the model; run `make test-nlu`"
    return result


def test_the_held_out_drafts_are_as_many_and_as_hard_as_promised(drafts):
    assert drafts["drafts"] >= 120
    assert drafts["recall"]["threat"]["total"] >= 20
    assert drafts["recall"]["exposure"]["total"] >= 16
    assert drafts["recall"]["insult"]["total"] >= 16
    assert drafts["logistics_as_love_notes"]["total"] >= 25


def test_no_practical_message_comes_back_as_a_love_note(drafts):
    assert drafts["logistics_as_love_notes"]["count"] == 0


# The target is every threat, slur and exposure flagged. These floors
# hold what the phrase lists and the classifier reach on drafts they were not
# written against (README, "The draft coach"), so that none of it is lost
# unnoticed; raise them as the coach improves.
def test_threats_and_exposure_are_told_not_to_be_sent(drafts):
    told = drafts["told_not_to_send"]
    assert told["stopped"] / told["total"] >= 0.69  # 30 of 42 measured


def test_few_drafts_with_a_threat_slur_or_exposure_are_praised(drafts):
    assert drafts["harmful_drafts_praised"] <= 7


def test_calm_drafts_are_rarely_flagged(drafts):
    clean = drafts["clean_drafts_flagged"]
    assert clean["flagged"] <= 3


def test_a_draft_is_told_from_a_question_about_it(drafts):
    told = drafts["draft_or_question_told_apart"]
    assert told["right"] / told["total"] >= 0.95
