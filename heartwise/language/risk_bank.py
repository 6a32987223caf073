"""A curated bank of risk expressions, compared in the sentence-embedding space.

Patterns catch what was foreseen; people in pain say the same things in
countless other words ("i keep wondering why i'm still here"). Each clause of
a message is compared with short expressions of each kind of risk, and with
safe look-alikes ("i'm dying to know if she misses me"): a risk counts only
when it is closer than every look-alike. The expressions are in
risk_bank.yml, written apart from both the training data and the evaluation
sets.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Sequence

import numpy as np
import yaml

from heartwise.language.risk import BankMatch, Category, Level, Signal

BANK_PATH = Path(__file__).with_name("risk_bank.yml")
LOOK_ALIKE = "look_alike"
Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Expression:
    text: str
    category: str
    level: str


def load_expressions(path: Path = BANK_PATH) -> List[Expression]:
    entries = yaml.safe_load(path.read_text())["expressions"]
    expressions = [Expression(e["text"], e["category"], e["level"]) for e in entries]
    known = {category.value for category in Category} | {LOOK_ALIKE}
    unknown = {e.category for e in expressions} - known
    if unknown:
        raise ValueError(f"Unknown categories in {path}: {sorted(unknown)}")
    return expressions


def bank_fingerprint(path: Path = BANK_PATH) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class RiskBank:
    """The expressions and their unit-length sentence vectors."""

    def __init__(self, expressions: Sequence[Expression], vectors: np.ndarray) -> None:
        if len(expressions) != len(vectors):
            raise ValueError("One vector per expression is needed.")
        self._expressions = list(expressions)
        self._vectors = vectors.astype(np.float32)
        self._look_alikes = np.array([e.category == LOOK_ALIKE for e in expressions])
        self._by_category: Dict[str, np.ndarray] = {
            category: np.array([e.category == category for e in expressions])
            for category in {e.category for e in expressions} - {LOOK_ALIKE}
        }

    @classmethod
    def embed(cls, expressions: Sequence[Expression], encode: Encode) -> RiskBank:
        return cls(expressions, encode([e.text for e in expressions]))

    @property
    def vectors(self) -> np.ndarray:
        return self._vectors

    @property
    def expressions(self) -> List[Expression]:
        return list(self._expressions)

    def nearest(self, units: np.ndarray) -> List[BankMatch]:
        """For each category, the closest expression to any of the clauses.

        ``units``: one unit-length vector per clause (and the whole message).
        """
        if len(units) == 0:
            return []
        similarity = units @ self._vectors.T
        look_alike = (
            similarity[:, self._look_alikes].max(axis=1)
            if self._look_alikes.any()
            else np.full(len(units), -1.0)
        )
        matches = []
        for category, members in self._by_category.items():
            scores = np.where(members[None, :], similarity, -np.inf)
            unit, index = np.unravel_index(int(np.argmax(scores)), scores.shape)
            expression = self._expressions[index]
            matches.append(
                BankMatch(
                    signal=Signal(Category(category), Level[expression.level.upper()]),
                    similarity=float(similarity[unit, index]),
                    look_alike=float(look_alike[unit]),
                    expression=expression.text,
                )
            )
        return matches
