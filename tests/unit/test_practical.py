"""Practical questions ("should i block him", "how do i get my stuff back"):
the matcher in the NLU pipeline with the real MiniLM encoder, the policy that
answers them on real trackers, and the answers in the domain.

The messages here are written apart from the bank
(heartwise/language/practical_questions.yml) and from the calibration set
(eval/practical_dev.yml). How many questions are found, and how few other
messages are taken for one, is measured on tests/nlu/practical.yml
(tests/quality): about half are found, by design of the threshold."""

from __future__ import annotations

from typing import Any, Dict, Optional

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUttered
from rasa.shared.nlu.training_data.training_data import TrainingData

from heartwise.language.answers import asks_something
from heartwise.language.practical import ANSWER_PREFIX, PRACTICAL_ANSWERS, load_topics
from heartwise.nlu.practical_questions import PRACTICAL_KEY, PracticalQuestionMatcher
from heartwise.nlu.sentence_embeddings import SentenceEmbeddingFeaturizer
from heartwise.policies.practical import practical_answer_behind_a_guess, practical_question
from tests.helpers import messages_read_as
from tests.servers import PROJECT_ROOT
from tests.unit.test_sentence_embeddings import tokenized


@pytest.fixture(scope="module")
def asks(tmp_path_factory: pytest.TempPathFactory):
    """The topic the pipeline finds in a message: the matcher trained (its
    questions embedded), persisted and loaded as Rasa would, after the real
    featurizer, with the threshold config.yml gives it."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    resource = Resource("practical")
    context = ExecutionContext(GraphSchema({}), "test")
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["pipeline"]
    [configured] = [c for c in pipeline if c["name"].endswith("PracticalQuestionMatcher")]
    config = {**PracticalQuestionMatcher.get_default_config(), **configured}
    PracticalQuestionMatcher.create(config, storage, resource, context).train(TrainingData())
    matcher = PracticalQuestionMatcher.load(config, storage, resource, context)
    featurizer = SentenceEmbeddingFeaturizer(
        SentenceEmbeddingFeaturizer.get_default_config(), "minilm"
    )

    def topic(text: str) -> Optional[str]:
        message = tokenized(text)
        featurizer.process([message])
        [result] = matcher.process([message])
        found = result.get(PRACTICAL_KEY) or {}
        return found.get("topic") if found.get("sure") else None

    return topic


@pytest.mark.parametrize(
    "text, topic",
    [
        (
            "right so i finally did it, blocked her on whatsapp and insta last night. "
            "do i need to block her number too or is that overkill",
            "block",
        ),
        (
            "i still have a drawer full of his clothes and his guitar. how do i get them "
            "back to him without having to see him",
            "belongings",
        ),
        ("hes texted me merry christmas. do i reply or not", "reply_to_them"),
        ("every friday after the pub i end up calling him. how do i stop this", "drunk_texting"),
        (
            "we've been apart a month and i can still see him moving about on snap map. "
            "do i switch mine off or does that look petty",
            "location_sharing",
        ),
        (
            "stupid question but my salary still lands in our joint bank account and he has "
            "the card. how do i get it paid to just me",
            "shared_money",
        ),
    ],
)
def test_a_practical_question_in_a_person_s_words_is_found(asks, text: str, topic: str):
    assert asks(text) == topic


@pytest.mark.parametrize(
    "text",
    [
        # Questions the topic answers cover, and a story with no question.
        "how do i make her fall back in love with me",
        "we broke up three weeks ago and i cant stop crying",
        "should i see a counsellor about all this",
        "why do i still miss him when he treated me so badly",
    ],
)
def test_what_is_not_a_practical_question_is_left_alone(asks, text: str):
    assert asks(text) is None


@pytest.mark.parametrize(
    "text, asks",
    [
        ("ok practical q. is it petty to block him everywhere or just mute", True),
        ("the lease runs till march. how do we even do this", True),
        ("any tips for the wedding", True),
        ("blocked him on everything last night and i feel lighter", False),
        ("he told me what he did with her", False),
    ],
)
def test_a_question_is_heard_wherever_it_is_in_the_message(text: str, asks: bool):
    assert asks_something(text) is asks


def found(topic: str = "block", similarity: float = 0.7) -> Dict[str, Any]:
    return {"topic": topic, "similarity": similarity, "question": "should i block him"}


def test_a_practical_question_gets_its_own_answer():
    tracker = messages_read_as(
        "do i block him or just mute him", intent="ask_space", practical=found()
    )
    match = practical_question(tracker)
    assert match is not None and match.answer == "utter_practical_block"


@pytest.mark.parametrize(
    "text, intent, risk, slots",
    [
        # Risk of any kind, even the classifier's lone guess: the safety policies'.
        (
            "should i block him before i do something stupid",
            "ask_space",
            {"level": "concern", "category": "self_harm", "evidence": ["classifier 0.5: crisis"]},
            {},
        ),
        # A statement, not a question: the story is heard instead.
        ("blocked him on everything last night", "ask_space", {}, {}),
        # The draft coach asked for by name.
        ("can you check what i wrote before i block her", "check_message_draft", {}, {}),
    ],
)
def test_everything_else_is_left_to_the_rules_and_the_safety_policies(
    text: str, intent: str, risk: Dict[str, Any], slots: Dict[str, Any]
):
    tracker = messages_read_as(text, intent=intent, risk=risk, slots=slots, practical=found())
    assert practical_question(tracker) is None


def test_a_weaker_match_is_answered_only_right_after_that_topic_s_answer():
    text = "yeah but would blocking make me look bitter tho"
    unsure = {**found(similarity=0.5), "sure": False}
    assert practical_question(messages_read_as(text, practical=unsure)) is None
    tracker = messages_read_as("is it petty to block him", practical=found())
    tracker.update(ActionExecuted("utter_practical_block"))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(
        UserUttered(
            text,
            {"name": "ask_space", "confidence": 0.6},
            parse_data={
                "intent": {"name": "ask_space", "confidence": 0.6},
                "text": text,
                "risk": {},
                "practical": unsure,
            },
        )
    )
    match = practical_question(tracker)
    assert match is not None and match.answer == "utter_practical_block"


def test_after_abuse_only_topics_with_a_safe_answer_are_answered(domain):
    slots = {"abuse_disclosed": True}
    text = "how do i get my stuff back from his flat"
    belongings = messages_read_as(text, slots=slots, practical=found("belongings"))
    assert practical_question(belongings) is not None
    # Its answer after abuse is the safety variant, not the logistics text.
    [after_abuse] = [
        variant
        for variant in domain["responses"]["utter_practical_belongings"]
        if variant.get("condition")
    ]
    assert "on your own" in after_abuse["text"] and "0808 2000 247" in after_abuse["text"]
    friends = messages_read_as("can we be friends", slots=slots, practical=found("be_friends"))
    assert practical_question(friends) is None


def test_intimacy_is_not_discussed_with_someone_under_18():
    practical = found("sleeping_with_them")
    text = "is it bad that we still sleep together"
    assert practical_question(messages_read_as(text, practical=practical)) is not None
    minor = messages_read_as(text, practical=practical, slots={"minor_disclosed": True})
    assert practical_question(minor) is None


def test_inside_a_form_the_form_keeps_the_turn():
    tracker = messages_read_as("should i block him", practical=found())
    tracker.update(ActiveLoop("draft_form"))
    assert practical_question(tracker) is None


def test_every_topic_has_three_answers_that_end_with_a_question(domain):
    topics = load_topics().cues
    assert PRACTICAL_ANSWERS == {f"{ANSWER_PREFIX}{topic}" for topic in topics}
    for answer in PRACTICAL_ANSWERS:
        variants = domain["responses"][answer]
        assert len(variants) >= 3, answer
        assert all(variant["text"].rstrip().endswith("?") for variant in variants), answer
        # Nothing in them promises the ex back or coaches a game.
        for variant in variants:
            assert "win them back" not in variant["text"].lower()


@pytest.mark.parametrize("path", ["eval/practical_dev.yml", "tests/nlu/practical.yml"])
def test_the_bank_shares_no_question_with_the_calibration_or_held_out_sets(path: str):
    bank = {question.lower() for _, question in load_topics().questions}
    messages = yaml.safe_load((PROJECT_ROOT / path).read_text())["messages"]
    assert not bank & {message["text"].lower() for message in messages}


def test_a_ruled_out_guess_gives_way_to_the_practical_answer():
    text = "the venue deposit was 3000 and dan says we split the loss. is that fair?"
    tracker = messages_read_as(text, slots={"abuse_disclosed": True})
    money = {"text": text, "practical": found("shared_money")}
    # After abuse too: its answer has a variant for it (economic abuse, at a distance).
    assert practical_answer_behind_a_guess(tracker, money) == "utter_practical_shared_money"
    assert practical_answer_behind_a_guess(messages_read_as(text), money) == (
        "utter_practical_shared_money"
    )
    friends = {"text": text, "practical": found("be_friends")}
    assert practical_answer_behind_a_guess(tracker, friends) is None
    unsure = {"text": text, "practical": {**found("shared_money"), "sure": False}}
    assert practical_answer_behind_a_guess(messages_read_as(text), unsure) is None
