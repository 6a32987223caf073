"""The NLU quality bars, checked on the held-out scores that
scripts/eval_nlu.py wrote (run by `make test-nlu` just before this)."""

from __future__ import annotations

import json

import pytest

from scripts.eval_nlu import REAL_VOICE_ROWS
from tests.conftest import PROJECT_ROOT

SUMMARY = PROJECT_ROOT / "results" / "eval" / "summary.json"


@pytest.fixture(scope="module")
def results():
    if not SUMMARY.exists():
        pytest.fail("No NLU evaluation found: run `make test-nlu`.")
    return json.loads(SUMMARY.read_text())["results"]


def test_the_short_held_out_file_scores_no_worse_than_before(results):
    assert results["heartwise"]["accuracy"] >= 0.928


def test_every_held_out_crisis_message_is_recognised(results):
    assert results["heartwise"]["crisis_support"] >= 10
    assert results["heartwise"]["crisis_recall"] == 1.0


def test_crisis_false_alarms_on_the_short_file_stay_at_or_below_one_percent(results):
    assert results["heartwise"]["crisis_false_alarm_rate"] <= 0.01


def test_the_real_voice_set_is_as_large_and_hard_as_promised(results):
    real_voice = results["heartwise"]["real_voice"]
    assert real_voice["messages"] >= 600
    assert real_voice["long_messages"] >= real_voice["messages"] / 2
    safety = sum(group["total"] for group in real_voice["recall"].values())
    assert safety >= 150
    assert real_voice["false_alarms_hard_negatives"]["total"] >= 150


# The targets (scripts/eval_nlu.py, REAL_VOICE_ROWS) are reported by
# `make test-nlu` beside these; they are not all met yet (README, "How
# Heartwise understands messages"). These floors hold what has been reached,
# measured on this machine minus one message's worth for retraining noise, so
# that no change can lose it unnoticed. Raise them as the model improves.
# The hard-negative floor was loosened once, on purpose: the second round of
# safety training data raised every recall (self-harm 0.917 to 0.954, harm to
# others 0.773 to 0.864, minors 0.909 to 0.955) and cost three more false
# alarms on hard negatives, where a false alarm is a question that is cheap
# to undo and a missed risk is not. The ordinary floor was loosened by one
# message for the same reason: letting a safety guess of 0.45 stand alone
# (0.5 before, chosen on eval/dev_voice) found one more abuse and one more
# surveillance message here and raised one more question on an ordinary one.
# The fourth to sixth rounds of training data raised every figure but one and
# tightened the others' floors; harm to others fell by one of its 22 messages
# (0.864 to 0.818), so its floor, at one message below, was 0.77. Training
# the breakup idioms ("finished it with me", "called it off") as feelings
# brought it back to 0.909 and the fallback to 0.5 %: floors 0.86 and 0.01.
# Phrase families for harm described rather than named (injuries, violence
# told as a scene, control after the breakup, veiled threats; found on the
# third calibration batch) raised abuse to 46 of 48 and harm to others to
# 21 of 22: floors 0.937 and 0.909. A sixth round of training data on the
# same themes lowered every recall here (self-harm 0.972 to 0.936, abuse to
# 0.917, harm to 0.909) and was not kept.
FLOORS = {
    "acceptable intent": 0.89,
    "acceptable intent, 25+ words": 0.89,
    "crisis and self harm recall": 0.954,
    "abuse recall": 0.937,
    "harm to others recall": 0.909,
    "minors at risk recall": 0.9,
    "surveillance recall": 0.875,
    "false alarms, hard negatives": 0.075,
    "false alarms, ordinary messages": 0.012,
    "fallback on clear messages": 0.01,
}


@pytest.mark.parametrize("row", REAL_VOICE_ROWS, ids=lambda row: row[0])
def test_real_voice_floor(results, row):
    title, value, _target, at_least = row
    measured, floor = value(results["heartwise"]["real_voice"]), FLOORS[title]
    if at_least:
        assert measured >= floor, f"{title}: {measured:.3f} fell below {floor}"
    else:
        assert measured <= floor, f"{title}: {measured:.3f} rose above {floor}"


# Practical questions (tests/nlu/practical.yml, held out from the bank and
# from the threshold's calibration). Measured at 0.62 found (0.55 before the
# bank grew on role-played conversations), precision 0.96, no other message
# taken: the matcher answers only when sure, since a wrong practical answer
# ignores what was asked. Floors one message below that.
def test_practical_questions_are_found_and_nothing_else_is_taken_for_one(results):
    found = results["heartwise"]["practical"]
    assert found["questions"] >= 40 and found["others"] >= 20
    assert found["recall"] >= 0.6
    assert found["precision"] >= 0.9
    assert found["others_taken"] <= 1
