"""What the message-draft coach looks for, as spaCy token patterns over lemmas."""

from __future__ import annotations

from typing import Dict, List, Sequence

from heartwise.language.matching import Pattern

_NOT = {"NORM": "not"}
_YOU = {"LOWER": {"IN": ["you", "u", "ya"]}}
_I = {"LOWER": "i"}


def _any(*words: str) -> Dict[str, object]:
    return {"LOWER": {"IN": list(words)}}


def _lemma(*lemmas: str) -> Dict[str, object]:
    return {"LEMMA": {"IN": list(lemmas)}}


BLAME: List[Pattern] = [
    [_YOU, _any("always", "never")],
    [_any("your", "ur"), {"LOWER": "fault"}],
    [{"LOWER": "because"}, {"LOWER": "of"}, _YOU],
    [_lemma("blame"), _YOU],
    [_YOU, _lemma("ruin", "destroy", "wreck", "break")],
    [_YOU, _lemma("make"), {"LOWER": "me"}, _lemma("cry", "hate", "miserable", "do", "sick")],
    [
        _YOU,
        _lemma("be"),
        {"LOWER": {"IN": ["so", "such", "a", "an", "really"]}, "OP": "*"},
        _any(
            "selfish",
            "toxic",
            "pathetic",
            "cruel",
            "heartless",
            "liar",
            "manipulative",
            "narcissist",
            "narcissistic",
            "coward",
        ),
    ],
]
PRESSURE: List[Pattern] = [
    [_YOU, _any("have", "need", "must", "better", "gotta"), {"LOWER": "to", "OP": "?"}],
    [{"LOWER": "if"}, _YOU, _lemma("do", "will", "wo"), _NOT],
    [{"LOWER": "or"}, {"LOWER": "else"}],
    [{"LOWER": "last"}, {"LOWER": "chance"}],
    [
        _any("by", "before", "until"),
        _any(
            "tonight",
            "tomorrow",
            "midnight",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "noon",
            "the",
        ),
    ],
    [
        _lemma("answer", "reply", "respond", "text", "call"),
        {"LOWER": "me"},
        _any("now", "immediately", "asap", "already", "today"),
    ],
    [_I, _lemma("need", "deserve", "want"), {"LOWER": "an"}, {"LOWER": "answer"}],
    [_lemma("ultimatum")],
]
MIND_GAMES: List[Pattern] = [
    [_I, {"OP": "?"}, _any("seeing", "dating"), _any("someone", "somebody", "other")],
    [_I, {"OP": "?"}, {"LOWER": "met"}, _any("someone", "somebody")],
    [_I, _lemma("do"), _NOT, {"LOWER": "even", "OP": "?"}, _lemma("care")],
    [_I, _lemma("be"), {"LOWER": "so", "OP": "?"}, {"LOWER": "over"}, _YOU],
    [_YOU, _any("will", "'ll", "ll"), _lemma("regret", "miss", "see")],
    [
        _any("someone", "somebody", "everyone"),
        {"LOWER": "else", "OP": "?"},
        _lemma("be"),
        {"LOWER": "interested"},
    ],
    [
        {"LOWER": "my"},
        {"LOWER": "new"},
        _any("gf", "bf", "girlfriend", "boyfriend", "partner", "man", "girl", "guy"),
    ],
    [_lemma("jealous")],
]
GUILT: List[Pattern] = [
    [{"LOWER": "after"}, _any("everything", "all"), _I],
    [{"LOWER": "how"}, {"LOWER": "could"}, _YOU],
    [_I, _lemma("give"), _YOU, {"LOWER": "everything"}],
    [_YOU, _lemma("owe"), {"LOWER": "me"}],
    [_I, {"LOWER": "hope"}, _YOU, _lemma("be"), {"LOWER": "happy"}],
    [_YOU, _lemma("do"), _NOT, {"LOWER": "even", "OP": "?"}, _lemma("care")],
    [_any("ca", "can"), _NOT, {"LOWER": "live"}, {"LOWER": "without"}, _YOU],
    [{"LOWER": "look"}, {"LOWER": "what"}, _YOU, _lemma("do"), {"LOWER": "to"}, {"LOWER": "me"}],
]

PATTERNS: Dict[str, Sequence[Pattern]] = {
    "BLAME": BLAME,
    "PRESSURE": PRESSURE,
    "MIND_GAMES": MIND_GAMES,
    "GUILT": GUILT,
}
