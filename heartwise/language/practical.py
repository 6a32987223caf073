"""The practical questions people ask after a breakup, compared in the
sentence-embedding space (heartwise/nlu/practical_questions.py).

Each topic of practical_questions.yml is answered by the domain's
``utter_practical_<topic>``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import yaml

QUESTIONS_PATH = Path(__file__).with_name("practical_questions.yml")
ANSWER_PREFIX = "utter_practical_"
Encode = Callable[[Sequence[str]], np.ndarray]
# (topic, question)
Question = Tuple[str, str]


@dataclass(frozen=True)
class PracticalMatch:
    topic: str
    similarity: float
    question: str
    # Close enough to answer on its own; otherwise only as a follow-up to
    # this topic's answer ("yeah but would blocking make me look bitter").
    sure: bool = True

    def as_dict(self) -> Dict[str, Any]:
        return asdict(self)

    @property
    def answer(self) -> str:
        return f"{ANSWER_PREFIX}{self.topic}"


@dataclass(frozen=True)
class Topics:
    questions: List[Question]
    # Per topic, the words a message must have for the topic to be considered.
    cues: Dict[str, str]


def load_topics(path: Path = QUESTIONS_PATH) -> Topics:
    topics: Dict[str, Dict[str, Any]] = yaml.safe_load(path.read_text())["topics"]
    return Topics(
        questions=[(topic, q) for topic, entry in topics.items() for q in entry["questions"]],
        cues={topic: entry["cue"] for topic, entry in topics.items()},
    )


def bank_fingerprint(path: Path = QUESTIONS_PATH) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class PracticalBank:
    """The questions and their unit-length sentence vectors."""

    def __init__(self, topics: Topics, vectors: np.ndarray) -> None:
        if len(topics.questions) != len(vectors):
            raise ValueError("One vector per question is needed.")
        self._topics = topics
        self._vectors = vectors.astype(np.float32)
        self._cues = {topic: re.compile(cue, re.IGNORECASE) for topic, cue in topics.cues.items()}

    @classmethod
    def embed(cls, topics: Topics, encode: Encode) -> PracticalBank:
        return cls(topics, encode([question for _, question in topics.questions]))

    @property
    def vectors(self) -> np.ndarray:
        return self._vectors

    @property
    def topics(self) -> Topics:
        return self._topics

    def nearest(self, text: str, units: np.ndarray) -> Optional[PracticalMatch]:
        """Among the topics whose cue ``text`` has, the question closest to any
        of its clauses (``units``: one unit-length vector per clause and the
        whole message)."""
        cued = np.array(
            [bool(self._cues[topic].search(text)) for topic, _ in self._topics.questions]
        )
        if len(units) == 0 or not cued.any():
            return None
        similarity = np.where(cued[None, :], units @ self._vectors.T, -np.inf)
        _, index = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
        topic, question = self._topics.questions[index]
        return PracticalMatch(topic, float(similarity.max()), question)


# Every answer, one per topic of the bank.
PRACTICAL_ANSWERS = frozenset(f"{ANSWER_PREFIX}{topic}" for topic in load_topics().cues)
