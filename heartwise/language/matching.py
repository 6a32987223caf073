"""Lemma patterns that fire on a phrase unless the phrase is negated or benign."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional, Sequence

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

Pattern = List[Dict[str, object]]

NEGATIONS = frozenset({"not", "never", "no", "nothing", "nobody", "noone", "none", "zero"})
# How far back a negation can stand and still negate the phrase
# ("i would never ever hurt myself"); a coordinated phrase shares it, so each
# "or" lets it reach this much further ("he never hit me or threatened me").
NEGATION_WINDOW = 3
COORDINATION = frozenset({"or", "nor"})
# A negation does not reach across these: in "no. i want to die" or "he's not
# my type but i want to die" the "no" and the "not" belong to another clause.
CLAUSE_BREAKS = frozenset({"but", "and", "so", "because", "cause", "bc", "though", "tho", "yet"})
# A negation of these asserts what follows: "i can't stop picturing smashing
# his face" and "i couldn't help thinking about it" are the thought, not its
# denial.
NEGATED_INTO_ASSERTION = frozenset({"stop", "help", "resist", "quit"})
# Who a phrase is about: the nearest of these before it in the same clause.
# "my friend keeps saying she wants to die" is someone else's crisis.
FIRST_PERSON = frozenset(
    {"i", "me", "my", "myself", "im", "i'm", "ive", "i've", "id", "i'd", "mine"}
)
SOMEONE_ELSE = frozenset(
    {
        "he",
        "she",
        "they",
        "his",
        "hers",
        "their",
        "friend",
        "mate",
        "bestie",
        "sister",
        "brother",
        "mum",
        "mom",
        "dad",
        "father",
        "mother",
        "cousin",
        "aunt",
        "uncle",
        "daughter",
        "son",
        "guy",
        "lad",
        "bloke",
        "dude",
        "man",
        "woman",
        "girl",
        "boy",
        "character",
        "someone",
        "somebody",
        "people",
        "person",
        "neighbour",
        "neighbor",
        "colleague",
        "coworker",
        "flatmate",
        "roommate",
        "housemate",
        "patient",
        "patients",
        "client",
        "niece",
        "nephew",
        "student",
        "kid",
        "nan",
        "gran",
        "grandma",
        "grandad",
        "ex",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "partner",
        # Plurals: "one of my uni housemates self harms".
        "friends",
        "mates",
        "housemates",
        "flatmates",
        "roommates",
        "colleagues",
        "cousins",
    }
)
# Verbs that can only follow "he", "she" or a name: after "and" they carry
# the last clause's subject on.
THIRD_PERSON_VERBS = frozenset(
    {"has", "is", "was", "keeps", "says", "does", "seems", "wants", "goes", "gets", "needs"}
)
POSSESSIVES = frozenset({"my", "mine"})
SUBJECT_WINDOW = 8
QUOTES = frozenset({"'", '"', "‘", "’", "“", "”"})
# "'i want to disappear' meant move to lisbon", "'i want to vanish' = off grid
# for a week": the person's own words, quoted in order to explain them.
EXPLAINED_BY = frozenset({"meant", "means", "mean", "="})
EXPLAIN_WINDOW = 3


@dataclass(frozen=True)
class Hit:
    label: str
    text: str
    start_char: int
    end_char: int
    # Why the phrase does not count, if it does not: "negated" ("he never hit
    # me"), "someone else" ("my friend wants to die"), "look-alike" (inside
    # "he hit me up"), "explained" (quoted and then explained), or, for the
    # look-alike itself, "harmless".
    cancelled_by: str = ""


class PhraseRules:
    """A spaCy ``Matcher`` with negation and look-alike handling.

    Only labels listed in ``negatable`` are cancelled by a negation, just
    before the phrase ("i'm not suicidal") or inside it ("he never hit me");
    the others either carry their own negation ("don't want to wake up") or
    mean the same either way. Labels listed in ``look_alikes`` are harmless
    phrases that cancel the matches they overlap ("she hit me up yesterday"):
    every match, or, given as a mapping, only the labels each one argues
    against ("took my whole wage" is no overdose, but it is control).
    """

    def __init__(
        self,
        vocab: Vocab,
        patterns: Mapping[str, Sequence[Pattern]],
        negatable: Iterable[str] = (),
        about_the_writer: Iterable[str] = (),
        look_alikes: Iterable[str] | Mapping[str, Iterable[str]] = (),
    ) -> None:
        self._matcher = Matcher(vocab, validate=True)
        for label, label_patterns in patterns.items():
            self._matcher.add(label, list(label_patterns))
        self._negatable = frozenset(negatable)
        self._about_the_writer = frozenset(about_the_writer)
        self._look_alikes = frozenset(look_alikes)
        # None: the look-alike cancels every label.
        self._cancels: Dict[str, Optional[frozenset[str]]] = {
            label: frozenset(look_alikes[label]) if isinstance(look_alikes, Mapping) else None
            for label in self._look_alikes
        }

    def find(self, doc: Doc) -> List[Hit]:
        """The phrases that count."""
        return [hit for hit in self.find_all(doc) if not hit.cancelled_by]

    def find_all(self, doc: Doc) -> List[Hit]:
        """Every phrase found, with why it does not count where it does not.

        Every label is cancelled inside a look-alike; labels in
        ``about_the_writer`` when the phrase is about someone else; labels in
        ``negatable`` when it is negated. The look-alikes themselves are
        reported too, as "harmless".
        """
        spans = [
            (doc.vocab.strings[match_id], doc[start:end])
            for match_id, start, end in self._matcher(doc)
        ]
        look_alikes = [(label, span) for label, span in spans if label in self._look_alikes]
        hits: List[Hit] = []
        for label, span in spans:
            cancelled_by = ""
            if label in self._look_alikes:
                cancelled_by = "harmless"
            elif any(
                _overlap(span, look_alike) and self._cancels_label(kind, label)
                for kind, look_alike in look_alikes
            ):
                cancelled_by = "look-alike"
            elif label in self._negatable and _negated(span):
                cancelled_by = "negated"
            elif label in self._about_the_writer and _about_someone_else(span):
                cancelled_by = "someone else"
            elif _explained_in_quotes(span):
                cancelled_by = "explained"
            hit = Hit(label, span.text, span.start_char, span.end_char, cancelled_by)
            if hit not in hits:
                hits.append(hit)
        return hits

    def _cancels_label(self, look_alike: str, label: str) -> bool:
        cancelled = self._cancels[look_alike]
        return cancelled is None or label in cancelled


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _negated(span: Span) -> bool:
    if any(_negates(token) for token in span):
        return True
    reach = NEGATION_WINDOW
    index = span.start - 1
    while index >= 0 and reach > 0:
        token = span.doc[index]
        if (
            token.is_punct
            or token.lower_ in CLAUSE_BREAKS
            or token.lemma_ in NEGATED_INTO_ASSERTION
        ):
            return False
        if _negates(token):
            return True
        reach += NEGATION_WINDOW if token.lower_ in COORDINATION else 0
        reach -= 1
        index -= 1
    return False


def _about_someone_else(span: Span) -> bool:
    if any(token.lower_ in FIRST_PERSON for token in span):
        return False
    reach = SUBJECT_WINDOW
    index = span.start - 1
    while index >= 0 and reach > 0:
        token = span.doc[index]
        index -= 1
        reach -= 1
        if token.text in QUOTES:
            # "he's telling everyone he's 'suicidal'": a word in quotes.
            continue
        if token.lower_ in POSSESSIVES:
            # "a girl in my uni halls overdosed": "my" names whose, not who.
            continue
        if token.lower_ in CLAUSE_BREAKS and _shares_the_subject(token):
            reach += SUBJECT_WINDOW
            continue
        if token.is_punct or token.lower_ in CLAUSE_BREAKS or token.lower_ in FIRST_PERSON:
            return False
        if token.lower_ in SOMEONE_ELSE:
            return True
    return False


def _shares_the_subject(conjunction: Token) -> bool:
    """Whether the clause after "and" or "but" goes on without a subject of its
    own, in the third person: "my friend's going through a breakup and has
    stopped eating" is still about the friend."""
    following = conjunction.nbor(1) if conjunction.i + 1 < len(conjunction.doc) else None
    return (
        conjunction.lower_ in ("and", "but")
        and following is not None
        and following.lower_ in THIRD_PERSON_VERBS
    )


def _explained_in_quotes(span: Span) -> bool:
    doc = span.doc
    opening = next(
        (t for t in reversed(doc[: span.start]) if t.text in QUOTES or t.is_sent_end), None
    )
    closing = next((t for t in doc[span.end :] if t.text in QUOTES or t.text in ".?!"), None)
    if (
        opening is None
        or closing is None
        or opening.text not in QUOTES
        or closing.text not in QUOTES
    ):
        return False
    return any(
        token.lower_ in EXPLAINED_BY
        for token in doc[closing.i + 1 : closing.i + 1 + EXPLAIN_WINDOW]
    )


def _negates(token: Token) -> bool:
    """A negation word, but not an interjection ("no, i want to die")."""
    if token.norm_ not in NEGATIONS:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return not (token.lower_ == "no" and (following is None or following.is_punct))
