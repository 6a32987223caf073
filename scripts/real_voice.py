"""Scores a trained model on messages written as people really write them.

The messages are in tests/nlu/real_voice/*.yml (format and categories in its
README): each lists the intents a person would accept, so a long message that
fairly means two topics is right with either. Unlike `rasa test nlu`, this
parses through the model as it runs, fallback and safety net included,
because that is what the person gets.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

import yaml

from heartwise.nlu.fallback import word_count

ROOT = Path(__file__).resolve().parents[1]
REAL_VOICE = ROOT / "tests" / "nlu" / "real_voice"
PRACTICAL = ROOT / "tests" / "nlu" / "practical.yml"
# The report's "25 words or more" (the target), whatever length the
# fallback classifier is configured to treat as long.
LONG_MESSAGE_WORDS = 25
FALLBACK = "nlu_fallback"

# Intents whose reply treats the person as at risk, or as a risk to others.
ALARMS = frozenset(
    {
        "crisis_imminent",
        "crisis",
        "express_hopelessness",
        "report_abuse",
        "threaten_harm",
        "report_child_abuse",
        "mention_minor",
        "request_surveillance",
    }
)
# The recall targets, each over the categories that must get a safety reply.
RECALL_GROUPS: Dict[str, Sequence[str]] = {
    "crisis_and_self_harm": (
        "self_harm_explicit",
        "self_harm_passive",
        "self_harm_past_attempt",
        "self_harm_behaviour",
        "self_harm_means",
        "self_harm_imminent",
        "eating_disorder",
        "concern",
    ),
    "abuse": ("abuse_explicit", "abuse_reconcile", "coercive_control"),
    "harm_to_others": ("harm_to_others",),
    "minors_at_risk": ("minor", "minor_sexual_abuse"),
    "surveillance": ("surveillance",),
}
HARD_NEGATIVE_PREFIX = "hn_"
ORDINARY = ("topic", "tool", "conversation")


@dataclass(frozen=True)
class Case:
    text: str
    accept: tuple[str, ...]
    category: str
    source: str

    @property
    def long(self) -> bool:
        return word_count(self.text) >= LONG_MESSAGE_WORDS


def load_cases(folder: Path = REAL_VOICE) -> List[Case]:
    cases = []
    for path in sorted(folder.glob("*.yml")):
        for entry in yaml.safe_load(path.read_text())["messages"]:
            cases.append(Case(entry["text"], tuple(entry["accept"]), entry["category"], path.name))
    return cases


async def _parse(model: Path, texts: Iterable[str]) -> List[Dict[str, Any]]:
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Rasa logs every parsed text at debug level: held-out messages stay out of logs.
    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def parse(model: Path, texts: Sequence[str]) -> List[Dict[str, Any]]:
    """What the model makes of each text, as a live server would."""
    return asyncio.run(_parse(model, texts))


def intents(parsed: Sequence[Dict[str, Any]]) -> List[str]:
    return [(result.get("intent") or {}).get("name") or FALLBACK for result in parsed]


@dataclass(frozen=True)
class PracticalCase:
    text: str
    # None: no practical question, or one a topic answer covers.
    topic: Optional[str]


def load_practical(path: Path = PRACTICAL) -> List[PracticalCase]:
    entries = yaml.safe_load(path.read_text())["messages"]
    return [PracticalCase(e["text"], None if e["topic"] == "none" else e["topic"]) for e in entries]


def score_practical(
    cases: Sequence[PracticalCase], parsed: Sequence[Dict[str, Any]]
) -> Dict[str, Any]:
    """How many practical questions were found as the right topic, how many
    as another, and how many other messages were taken for one."""
    # Found on its own, not only as a follow-up to the topic's answer.
    found = [
        (result.get("practical") or {}).get("topic")
        if (result.get("practical") or {}).get("sure")
        else None
        for result in parsed
    ]
    asked = [(case, topic) for case, topic in zip(cases, found, strict=True) if case.topic]
    right = sum(1 for case, topic in asked if topic == case.topic)
    wrong = sum(1 for case, topic in asked if topic not in (None, case.topic))
    others = [topic for case, topic in zip(cases, found, strict=True) if not case.topic]
    taken = sum(1 for topic in others if topic)
    return {
        "questions": len(asked),
        "recall": _rate(right, len(asked)),
        "precision": _rate(right, right + wrong + taken),
        "others": len(others),
        "others_taken": taken,
    }


def _rate(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def score(cases: Sequence[Case], predicted: Sequence[str]) -> Dict[str, Any]:
    """Every figure the issue's targets name, plus accuracy per category."""
    right = [intent in case.accept for case, intent in zip(cases, predicted, strict=True)]
    by_category: Dict[str, List[bool]] = defaultdict(list)
    for case, ok in zip(cases, right, strict=True):
        by_category[case.category].append(ok)

    def false_alarms(selected: Iterable[int]) -> Dict[str, Any]:
        chosen = list(selected)
        alarms = [
            i for i in chosen if predicted[i] in ALARMS and predicted[i] not in cases[i].accept
        ]
        return {"count": len(alarms), "total": len(chosen), "rate": _rate(len(alarms), len(chosen))}

    indices = range(len(cases))
    long_ones = [i for i in indices if cases[i].long]
    clear = [i for i in indices if FALLBACK not in cases[i].accept]
    fallbacks = [i for i in clear if predicted[i] == FALLBACK]
    return {
        "messages": len(cases),
        "long_messages": len(long_ones),
        "acceptable": _rate(sum(right), len(cases)),
        "acceptable_long": _rate(sum(right[i] for i in long_ones), len(long_ones)),
        "recall": {
            group: {
                "rate": _rate(
                    sum(ok for c in categories for ok in by_category[c]),
                    sum(len(by_category[c]) for c in categories),
                ),
                "total": sum(len(by_category[c]) for c in categories),
            }
            for group, categories in RECALL_GROUPS.items()
        },
        "false_alarms_hard_negatives": false_alarms(
            i for i in indices if cases[i].category.startswith(HARD_NEGATIVE_PREFIX)
        ),
        "false_alarms_ordinary": false_alarms(i for i in indices if cases[i].category in ORDINARY),
        "fallback": {
            "count": len(fallbacks),
            "total": len(clear),
            "rate": _rate(len(fallbacks), len(clear)),
        },
        "by_category": {
            category: {"accuracy": _rate(sum(oks), len(oks)), "total": len(oks)}
            for category, oks in sorted(by_category.items())
        },
        "confusions": Counter(
            f"{cases[i].accept[0]} -> {predicted[i]}" for i in indices if not right[i]
        ).most_common(12),
        "errors": [
            {
                "text": cases[i].text,
                "category": cases[i].category,
                "accept": list(cases[i].accept),
                "predicted": predicted[i],
            }
            for i in indices
            if not right[i]
        ],
    }
