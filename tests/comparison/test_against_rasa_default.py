"""Heartwise against Rasa's default pipeline, on the scores that
`make eval-nlu` wrote with the baseline trained beside it. Not part of
`make test`: training the baseline on this data takes longer than the rest of
the suite, and the quality bars in tests/quality are Heartwise's own."""

from __future__ import annotations

import json

import pytest

from scripts.eval_nlu import BASELINE
from tests.conftest import PROJECT_ROOT

SUMMARY = PROJECT_ROOT / "results" / "eval" / "summary.json"


@pytest.fixture(scope="module")
def results():
    scores = json.loads(SUMMARY.read_text())["results"] if SUMMARY.exists() else {}
    if BASELINE not in scores:
        pytest.fail("No baseline scores found: run `make eval-nlu`.")
    return scores


def test_heartwise_beats_rasas_default_pipeline(results):
    assert results["heartwise"]["accuracy"] > results[BASELINE]["accuracy"]
    ours, base = results["heartwise"]["real_voice"], results[BASELINE]["real_voice"]
    assert ours["acceptable"] > base["acceptable"]
    assert ours["acceptable_long"] > base["acceptable_long"]
