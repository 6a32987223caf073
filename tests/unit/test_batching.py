"""DIET ranks messages given together as it ranks each alone."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

import heartwise.nlu  # noqa: F401  (applies the batching, as the Rasa server does)
from tests.unit.small_diet import EXAMPLES, TrainedDiet

TEXTS = [
    "hello",
    "I miss my ex so much, I keep thinking of her every single day and night",
    "space?",
    "😢",
    "unseen words only",
    "",
    "hi there",
]


def names(ranking: List[Dict[str, Any]]) -> List[str]:
    return [entry["name"] for entry in ranking]


@pytest.fixture(scope="module")
def diet(trained_diet: TrainedDiet) -> DIETClassifier:
    return trained_diet.load()


def test_messages_given_together_are_ranked_as_each_alone(
    trained_diet: TrainedDiet, diet: DIETClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = [trained_diet.rank(diet, text) for text in TEXTS]
    assert diet.model is not None
    run_inference = diet.model.run_inference
    predictions = []

    def counted(*args: Any, **kwargs: Any) -> Dict[str, Any]:
        predictions.append(args)
        return run_inference(*args, **kwargs)

    monkeypatch.setattr(diet.model, "run_inference", counted)

    together = trained_diet.rank_together(diet, TEXTS)

    assert len(predictions) == 1  # one batch for all of them
    for text, single, batched in zip(TEXTS, alone, together, strict=True):
        assert names(batched) == names(single), text
        assert [e["confidence"] for e in batched] == pytest.approx(
            [e["confidence"] for e in single], abs=1e-6
        ), text
    assert {entry["name"] for entry in together[0]} == set(EXAMPLES)


def test_a_message_no_featurizer_reached_gets_no_intent_in_company_as_alone(
    trained_diet: TrainedDiet, diet: DIETClassifier
) -> None:
    featurized, bare = Message.build("hello"), Message.build("hello")
    trained_diet.tokenizer.process([featurized])
    trained_diet.words.process([featurized])

    diet.process([bare])
    assert bare.get(INTENT_RANKING_KEY) == []
    diet.process([bare, featurized])

    assert bare.get(INTENT) == {"name": None, "confidence": 0.0}
    assert bare.get(INTENT_RANKING_KEY) == []
    assert names(featurized.get(INTENT_RANKING_KEY)) == names(trained_diet.rank(diet, "hello"))
