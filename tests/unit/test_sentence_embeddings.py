"""The MiniLM featurizer: refuses tampered weights, and gives stable, normalised
features of the right shape."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from heartwise.language.clauses import clauses
from heartwise.nlu.sentence_embeddings import (
    CLAUSE_VECTORS,
    EMBEDDING_DIM,
    ModelIntegrityError,
    SentenceEmbeddingFeaturizer,
    default_model_dir,
    length_groups,
    verify_model_files,
)


@pytest.fixture(scope="module")
def featurizer() -> SentenceEmbeddingFeaturizer:
    config = {**SentenceEmbeddingFeaturizer.get_default_config(), "batch_size": 2}
    return SentenceEmbeddingFeaturizer(config, "minilm")


def tokenized(text: str) -> Message:
    message = Message(data={TEXT: text})
    tokens, offset = [], 0
    for word in text.split():
        start = text.index(word, offset)
        tokens.append(Token(word, start))
        offset = start + len(word)
    message.set(TOKENS_NAMES[TEXT], tokens)
    return message


def features(message: Message):
    sequence, sentence = message.get_dense_features(TEXT)
    return sequence.features, sentence.features


def test_the_installed_model_is_the_upstream_one():
    verify_model_files(default_model_dir())


@pytest.mark.parametrize("tampered", ["tokenizer.json", "model.safetensors"])
def test_a_tampered_model_file_is_refused(tmp_path, tampered):
    copy = tmp_path / "model"
    shutil.copytree(default_model_dir(), copy)
    with (copy / tampered).open("ab") as stream:
        stream.write(b"\0")
    with pytest.raises(ModelIntegrityError, match="refusing"):
        SentenceEmbeddingFeaturizer(
            {**SentenceEmbeddingFeaturizer.get_default_config(), "model_path": str(copy)}, "x"
        )


def test_a_missing_model_file_is_refused(tmp_path):
    with pytest.raises(ModelIntegrityError, match="Missing"):
        verify_model_files(tmp_path)


def test_one_vector_per_token_and_a_normalised_sentence_vector(featurizer):
    message = tokenized("I've been on day 26 of no contact, when should I reach out?")
    featurizer.process([message])
    sequence, sentence = features(message)
    assert sequence.shape == (len(message.get(TOKENS_NAMES[TEXT])), EMBEDDING_DIM)
    assert sentence.shape == (1, EMBEDDING_DIM)
    assert np.linalg.norm(sentence) == pytest.approx(1.0, abs=1e-5)
    assert np.all(np.linalg.norm(sequence, axis=1) > 0)


def test_a_story_is_also_read_clause_by_clause(featurizer):
    # The risk bank and the clause classifier compare each clause read on its
    # own, beside the whole message.
    text = "we split up in june after six years, but honestly i still miss her every day"
    message = tokenized(text)
    featurizer.process([message])
    views = message.get(CLAUSE_VECTORS)
    assert views.shape == (3, EMBEDDING_DIM)
    np.testing.assert_allclose(views[0], features(message)[1][0], atol=1e-6)
    for row, clause in zip(views[1:], clauses(text), strict=True):
        alone = tokenized(clause)
        featurizer.process([alone])
        np.testing.assert_allclose(row, features(alone)[1][0], atol=1e-5)


def test_a_single_clause_is_the_whole_message(featurizer):
    message = tokenized("how long should i wait before i text him")
    featurizer.process([message])
    assert message.get(CLAUSE_VECTORS).shape == (1, EMBEDDING_DIM)


def test_training_data_is_read_whole_only(featurizer):
    # Clause views are for parsing; training needs the whole message.
    data = TrainingData([tokenized("she left, and i miss her, but i will be ok")])
    featurizer.process_training_data(data)
    assert data.training_examples[0].get(CLAUSE_VECTORS) is None


def test_identical_text_gets_identical_features(featurizer):
    first, second = tokenized("she left me last night"), tokenized("she left me last night")
    featurizer.process([first])
    featurizer.process([second])
    for a, b in zip(features(first), features(second), strict=True):
        assert np.array_equal(a, b)


def test_batched_training_data_matches_one_message_at_a_time(featurizer):
    texts = [
        "how long should i wait",
        "i miss her so much it hurts",
        "ok",
        "can you check my text",
        "we were together for six years and i still cant believe she is gone " * 8,
    ]
    batch = TrainingData([tokenized(text) for text in texts])
    featurizer.process_training_data(batch)
    for example, text in zip(batch.training_examples, texts, strict=True):
        alone = tokenized(text)
        featurizer.process([alone])
        for batched, single in zip(features(example), features(alone), strict=True):
            np.testing.assert_allclose(batched, single, atol=1e-5)


def test_meaning_not_just_words_brings_messages_together(featurizer):
    messages = [
        tokenized("how many days should i wait before i text my ex"),
        tokenized("is it too soon to reach out to her after the breakup"),
        tokenized("what's a good recipe for banana bread"),
    ]
    featurizer.process(messages)
    a, b, c = (features(m)[1][0] for m in messages)
    assert a @ b > a @ c + 0.2


def test_text_past_the_length_limit_still_gets_features(featurizer):
    message = tokenized("word " * 600)
    featurizer.process([message])
    sequence, sentence = features(message)
    assert sequence.shape[0] == 600 and np.isfinite(sentence).all()


@pytest.mark.parametrize(
    ("lengths", "groups"),
    [
        ([7], [[0]]),
        ([9, 7, 8, 7], [[1, 3, 2, 0]]),  # padding a few pieces is cheaper than a call
        ([6, 120, 5, 7], [[2, 0, 3], [1]]),  # short texts are not padded to a long one
        ([3, 60, 4, 62, 250], [[0, 2], [1, 3], [4]]),
    ],
)
def test_texts_are_grouped_with_texts_of_similar_length(lengths, groups):
    assert length_groups(lengths) == groups


def test_every_text_is_in_exactly_one_group():
    lengths = [(7 * i) % 97 + 2 for i in range(64)]
    grouped = [index for group in length_groups(lengths) for index in group]
    assert sorted(grouped) == list(range(64))
    assert [lengths[i] for i in grouped] == sorted(lengths)
