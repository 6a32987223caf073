"""The training data, rules and responses keep the promises the product makes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Set

import pytest
import yaml

from scripts import guide_fingerprint
from tests.conftest import PROJECT_ROOT

# The guide lives outside the repository; only fingerprints of it are kept here.
GUIDE_RUNS = PROJECT_ROOT / "tests" / "data" / "guide_runs.txt"
GUIDE_TOPICS = [
    "want_ex_back",
    "express_feelings",
    "ask_mind_games",
    "express_anger",
    "ask_kindness",
    "ask_self_improvement",
    "ask_therapy",
    "ask_communication",
    "ask_space",
    "assess_relationship",
    "ask_compatibility",
    "ask_book",
    "consider_moving_on",
]
SAFETY = ["crisis", "report_abuse", "request_surveillance"]
# Added with the graded risk assessment; tests/nlu/real_voice measures them.
RISK_LEVELS_AND_HARMS = [
    "crisis_imminent",
    "express_hopelessness",
    "threaten_harm",
    "report_child_abuse",
]
CONTRACT = (
    GUIDE_TOPICS
    + SAFETY
    + [
        "start_guide",
        "request_reflection",
        "show_journal",
        "delete_my_data",
        "check_message_draft",
        "greet",
        "goodbye",
        "affirm",
        "deny",
        "thank",
        "bot_challenge",
        "ask_capabilities",
        "out_of_scope",
    ]
)


ANNOTATION = re.compile(r"\[([^\]]+)\]\{[^}]*\}")


def examples(path: Path) -> Dict[str, List[str]]:
    """Plain example texts per intent, entity annotations removed."""
    found: Dict[str, List[str]] = {}
    for files in [path] if path.is_file() else sorted(path.glob("*.yml")):
        for block in yaml.safe_load(files.read_text()).get("nlu", []):
            if "intent" in block:
                lines = [
                    line[2:].strip() for line in block["examples"].splitlines() if line.strip()
                ]
                found.setdefault(block["intent"], []).extend(lines)
    return found


def steps(folder: Path, key: str) -> List[dict]:
    return [
        step
        for file in sorted(folder.glob("*.yml"))
        for block in yaml.safe_load(file.read_text()).get(key, [])
        for step in block.get("steps", [])
    ]


def intents_in(step_list: List[dict]) -> Set[str]:
    names = {step["intent"] for step in step_list if "intent" in step}
    names |= {
        option["intent"]
        for step in step_list
        for option in step.get("or", [])
        if "intent" in option
    }
    return names


@pytest.fixture(scope="module")
def training() -> Dict[str, List[str]]:
    return examples(PROJECT_ROOT / "data" / "nlu")


@pytest.mark.parametrize("intent", GUIDE_TOPICS + SAFETY + RISK_LEVELS_AND_HARMS)
def test_topic_and_safety_intents_have_at_least_25_examples(training, intent):
    assert len(set(training[intent])) >= 25


def test_every_contract_intent_is_in_the_domain(domain):
    assert set(CONTRACT) <= set(domain["intents"])


def test_held_out_messages_are_never_trained_on(training):
    held_out = examples(PROJECT_ROOT / "tests" / "nlu" / "holdout.yml")
    assert set(CONTRACT) <= set(held_out)
    trained = {text.lower() for texts in training.values() for text in texts}
    assert not [text for texts in held_out.values() for text in texts if text.lower() in trained]


# Messages as people really write them: the held-out set that measures the
# model, and the calibration set its thresholds are chosen on. Neither is ever
# trained on, or its figures would flatter.
VOICE_SETS = {
    "held-out": (PROJECT_ROOT / "tests" / "nlu" / "real_voice", 600),
    "calibration": (PROJECT_ROOT / "eval" / "dev_voice", 500),
}


def voice_texts(folder: Path) -> List[str]:
    return [
        entry["text"]
        for path in sorted(folder.glob("*.yml"))
        for entry in yaml.safe_load(path.read_text())["messages"]
    ]


@pytest.mark.parametrize("voice_set", VOICE_SETS)
def test_voice_messages_are_never_trained_on(training, voice_set):
    folder, at_least = VOICE_SETS[voice_set]
    trained = {" ".join(text.lower().split()) for texts in training.values() for text in texts}
    voice = [" ".join(text.lower().split()) for text in voice_texts(folder)]
    assert len(voice) >= at_least
    assert [text for text in voice if text in trained] == []


@pytest.mark.parametrize("voice_set", VOICE_SETS)
def test_voice_messages_share_no_long_phrase_with_the_training_data(training, voice_set):
    # Exact copies are not the only leak: a paraphrase that keeps eight words
    # in a row of an evaluation message would flatter the score too. A few
    # training examples older than the sets share a stock phrase with them.
    def runs(text: str) -> Set[tuple]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    trained = set().union(*(runs(text) for texts in training.values() for text in texts))
    voice = voice_texts(VOICE_SETS[voice_set][0])
    sharing = [text for text in voice if runs(text) & trained]
    assert len(sharing) <= len(voice) // 100, sharing


def test_every_intent_is_covered_by_a_test_story(domain):
    covered = intents_in(steps(PROJECT_ROOT / "tests" / "stories", "stories"))
    assert set(domain["intents"]) - covered == set()


def test_only_continuing_keeps_the_guide_going(domain):
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "rules" / "guide.yml").read_text())["rules"]
    [pause] = [rule for rule in rules if rule["rule"] == "any other message pauses the guide"]
    leaving = intents_in(pause["steps"])
    assert leaving | {"affirm", "resume_guide"} == set(domain["intents"]) | {"nlu_fallback"}


def response_texts(domain) -> Dict[str, List[str]]:
    return {
        name: [variant["text"] for variant in variants if "text" in variant]
        for name, variants in domain["responses"].items()
    }


def test_responses_do_not_copy_the_guide(domain):
    guide_runs = guide_fingerprint.load(GUIDE_RUNS)
    assert len(guide_runs) > 400, "the fingerprint file holds the whole guide"
    for name, texts in response_texts(domain).items():
        for text in texts:
            assert not guide_runs.intersection(guide_fingerprint.runs(text)), name


def test_responses_stay_brief(domain):
    for name, texts in response_texts(domain).items():
        for text in texts:
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
            assert len(sentences) <= 5, name


def test_no_response_promises_the_ex_will_return(domain):
    promise = re.compile(r"(will|going to) (come|get \w+) back|guarantee|for sure", re.I)
    for name, texts in response_texts(domain).items():
        assert not [text for text in texts if promise.search(text)], name


def test_the_evaluation_config_is_the_product_config_without_the_fallback():
    product = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())
    evaluation = yaml.safe_load((PROJECT_ROOT / "eval" / "config.heartwise-eval.yml").read_text())
    expected = [c for c in product["pipeline"] if not c["name"].endswith("FallbackClassifier")]
    assert evaluation["pipeline"] == expected
    assert evaluation["language"] == product["language"]


def test_every_topic_answer_has_at_least_three_wordings(domain):
    # heartwise/nlg.py lets them take turns; with one wording the person
    # reads the same paragraph every time they ask.
    topic_answers = {
        step["action"]
        for rule in yaml.safe_load((PROJECT_ROOT / "data" / "rules" / "topics.yml").read_text())[
            "rules"
        ]
        for step in rule["steps"]
        if str(step.get("action", "")).startswith("utter_")
    }
    assert len(topic_answers) >= 10
    for name in topic_answers:
        plain = [v for v in domain["responses"][name] if not v.get("condition")]
        assert len(plain) >= 3, name
