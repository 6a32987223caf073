"""Lemma patterns that fire on a phrase unless the phrase is negated or benign."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Sequence

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

Pattern = List[Dict[str, object]]

NEGATIONS = frozenset({"not", "never", "no", "nothing"})
# How far back a negation can stand and still negate the phrase
# ("i would never ever hurt myself").
NEGATION_WINDOW = 3
# Matches with this label cancel any other match they overlap
# ("she hit me up yesterday" is not violence).
BENIGN = "BENIGN"


@dataclass(frozen=True)
class Hit:
    label: str
    text: str
    start_char: int
    end_char: int


class PhraseRules:
    """A spaCy ``Matcher`` with negation and benign-phrase handling.

    Only labels listed in ``negatable`` are cancelled by a negation just before
    them ("i'm not suicidal"); the others either carry their own negation
    ("don't want to wake up") or mean the same either way.
    """

    def __init__(
        self,
        vocab: Vocab,
        patterns: Mapping[str, Sequence[Pattern]],
        negatable: Iterable[str] = (),
    ) -> None:
        self._matcher = Matcher(vocab, validate=True)
        for label, label_patterns in patterns.items():
            self._matcher.add(label, list(label_patterns))
        self._negatable = frozenset(negatable)

    def find(self, doc: Doc) -> List[Hit]:
        spans = [
            (doc.vocab.strings[match_id], doc[start:end])
            for match_id, start, end in self._matcher(doc)
        ]
        benign = [span for label, span in spans if label == BENIGN]
        hits: List[Hit] = []
        for label, span in spans:
            if label == BENIGN or any(_overlap(span, b) for b in benign):
                continue
            if label in self._negatable and _negated(span):
                continue
            hit = Hit(label, span.text, span.start_char, span.end_char)
            if hit not in hits:
                hits.append(hit)
        return hits


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _negated(span: Span) -> bool:
    window = span.doc[max(span.start - NEGATION_WINDOW, 0) : span.start]
    return any(token.norm_ in NEGATIONS for token in window)
