"""The NLU quality bars, checked on the held-out scores that
scripts/eval_nlu.py wrote (run by `make test-nlu` just before this)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import PROJECT_ROOT

SUMMARY = PROJECT_ROOT / "results" / "eval" / "summary.json"


@pytest.fixture(scope="module")
def results():
    if not SUMMARY.exists():
        pytest.fail("No NLU evaluation found: run `make test-nlu`.")
    return json.loads(SUMMARY.read_text())["results"]


def test_held_out_intent_accuracy_is_at_least_092(results):
    assert results["heartwise"]["accuracy"] >= 0.92


def test_every_held_out_crisis_message_is_recognised(results):
    assert results["heartwise"]["crisis_support"] >= 10
    assert results["heartwise"]["crisis_recall"] == 1.0


def test_crisis_false_alarms_stay_at_or_below_one_percent(results):
    assert results["heartwise"]["crisis_false_alarm_rate"] <= 0.01


def test_heartwise_beats_rasas_default_pipeline(results):
    assert results["heartwise"]["accuracy"] > results["rasa-default"]["accuracy"]
