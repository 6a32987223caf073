"""Deterministic safety patterns: the net under the intent classifier.

A classifier trained on a few dozen examples will sometimes miss "kms" or
"everyone would be better off without me". These lemma patterns catch the
explicit and the common indirect phrasings so that such a message always takes
the safety path, whatever the classifier said.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc
from spacy.vocab import Vocab

from heartwise.language.matching import BENIGN, Hit, Pattern, PhraseRules

# Highest priority first: when several fire, the first one decides the intent.
INTENT_FOR_LABEL: Dict[str, str] = {
    "CRISIS": "crisis",
    "CRISIS_EXPLICITLY_NEGATIVE": "crisis",
    "ABUSE": "report_abuse",
    "SURVEILLANCE": "request_surveillance",
    "MINOR": "mention_minor",
}
SAFETY_INTENTS = tuple(dict.fromkeys(INTENT_FOR_LABEL.values()))
# Forced intents that replace a classifier's safety guess whatever the
# priority, because the pattern shows the guess has the roles reversed: "a
# tracker on her car" means the writer is tracking, not being abused.
OVERRULES: Dict[str, Tuple[str, ...]] = {"request_surveillance": ("report_abuse",)}


def _any(*words: str) -> Dict[str, object]:
    return {"LOWER": {"IN": list(words)}}


def _lemma(*lemmas: str) -> Dict[str, object]:
    return {"LEMMA": {"IN": list(lemmas)}}


def _phrase(text: str) -> Pattern:
    return [{"LOWER": word} for word in text.split()]


_NOT = {"NORM": {"IN": ["not", "never"]}}
_TO = {"LOWER": "to", "OP": "?"}
_WANT = _lemma("want", "wanna", "wish")
_MYSELF = _any("myself", "meself", "myslef", "my self")
_PERSON = _any(
    "he",
    "she",
    "they",
    "ex",
    "husband",
    "wife",
    "partner",
    "boyfriend",
    "girlfriend",
    "bf",
    "gf",
    "fiance",
    "fiancee",
)
_AGES = [str(age) for age in range(10, 18)] + [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
]
_TIME_UNITS = _any(
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "hours",
    "weeks",
    "min",
    "mins",
    "minutes",
    "times",
    "messages",
    "texts",
)
_AFRAID = _any("afraid", "scared", "terrified", "frightened")
_TRACKING = _any("tracker", "gps", "airtag", "airtags", "spyware", "stalkerware", "keylogger")
_EXES = ("ex", "exes", "ex's", "ex-wife", "ex-husband")
_DEVICE = _any(
    "phone",
    "account",
    "accounts",
    "email",
    "laptop",
    "computer",
    "icloud",
    "instagram",
    "facebook",
    "snapchat",
    "whatsapp",
    "messages",
    "dms",
)
_I_AM = [{"LOWER": "i"}, {"LOWER": {"IN": ["am", "'m", "m"]}, "OP": "?"}]

# Cancelled by a negation just before them: "i'm not suicidal" is not a crisis.
_CRISIS: List[Pattern] = [
    [_lemma("kill", "hurt", "harm", "cut", "burn", "starve", "punish"), _MYSELF],
    [_any("kms", "suicide", "suicidal", "unalive", "sewerslide", "selfharm")],
    [{"LOWER": "self"}, {"ORTH": "-", "OP": "?"}, _lemma("harm", "harming")],
    [_lemma("end", "take"), {"LOWER": "my"}, {"LOWER": "own", "OP": "?"}, {"LOWER": "life"}],
    [_lemma("end"), {"LOWER": "it"}, {"LOWER": "all"}],
    [_WANT, _TO, _any("die", "disappear", "dead")],
    [_lemma("wish"), {"LOWER": "i"}, _lemma("be", "was", "were"), {"LOWER": "dead"}],
    _phrase("better off dead"),
    _phrase("better off without me"),
    [_lemma("overdose")],
    [_lemma("take"), {"LOWER": "all"}, {"OP": "?"}, _any("pills", "tablets", "meds")],
    [
        _lemma("jump"),
        _any("off", "from"),
        {"OP": "?"},
        _any("bridge", "building", "roof", "cliff", "balcony"),
    ],
    [_lemma("make"), _MYSELF, _lemma("throw", "puke", "vomit", "sick")],
    [_lemma("stop"), {"LOWER": "eating"}],
]
# These carry their own negation, so a negation must not cancel them.
_CRISIS_EXPLICITLY_NEGATIVE: List[Pattern] = [
    [_NOT, _WANT, _TO, _any("live", "exist")],
    [_NOT, _WANT, _TO, {"LOWER": "wake"}, {"LOWER": "up"}],
    [_NOT, _WANT, _TO, {"LOWER": "be"}, _any("alive", "here")],
    _phrase("no reason to live"),
    _phrase("nothing to live for"),
    [
        _NOT,
        _lemma("eat", "ate", "eaten"),
        {"LOWER": {"IN": ["in", "for", "anything", "properly", "since", "a", "like"]}, "OP": "*"},
        {"LIKE_NUM": True, "OP": "?"},
        _any("day", "days", "week", "weeks"),
    ],
    [_NOT, _lemma("deserve"), {"LOWER": "to"}, _lemma("live", "eat", "exist", "be")],
]
_ABUSE: List[Pattern] = [
    [
        _PERSON,
        {"OP": "?"},
        _lemma(
            "hit", "punch", "slap", "choke", "strangle", "kick", "beat", "smack", "rape", "assault"
        ),
        {"LOWER": "me"},
    ],
    [
        _lemma("threaten"),
        {"LOWER": "to"},
        _lemma("kill", "hurt", "hit", "beat", "leak", "post", "share"),
    ],
    [_any("afraid", "scared", "terrified", "frightened"), {"LOWER": "of"}, _any("him", "her")],
    [
        _any("afraid", "scared", "terrified", "frightened"),
        {"LOWER": "of"},
        {"LOWER": "my"},
        _any("ex", "husband", "wife", "partner", "boyfriend", "girlfriend", "bf", "gf"),
    ],
    # Threats: "he'll make me pay", "she said she's gonna make me regret it".
    [_any("'ll", "will", "na", "to"), _lemma("make"), {"LOWER": "me"}, _lemma("pay", "regret")],
    # Fear: "i'm afraid to go home", "i fear for my safety".
    [_AFRAID, {"LOWER": "to"}, _lemma("go"), _any("home", "back", "outside", "out")],
    [_any("fear", "afraid", "scared"), {"LOWER": "for"}, {"LOWER": "my"}, _any("life", "safety")],
    # Being tracked: "he put a tracker on my car" (but not "on my ex's phone").
    [_TRACKING, _any("on", "in"), {"LOWER": "my"}, {"LOWER": {"NOT_IN": list(_EXES)}}],
]
# The person writing wants to track or get into someone else's things: "how do
# i put a tracker on her car", "can i hack into his instagram".
_SURVEILLANCE: List[Pattern] = [
    [_TRACKING, _any("on", "in", "into"), _any("her", "his", "their")],
    [_TRACKING, _any("on", "in", "into"), {"LOWER": "my"}, _any(*_EXES)],
    [_lemma("hack"), {"LOWER": "into", "OP": "?"}, _any("her", "his", "their")],
    # "log into his email", but not "get in her head".
    [_lemma("log", "get", "break"), _any("into", "in"), _any("her", "his", "their"), _DEVICE],
    [_any("her", "his", "their"), _any("password", "passcode", "pin", "login")],
]
_MINOR: List[Pattern] = [
    [*_I_AM, _any(*_AGES)],
    [*_I_AM, {"LOWER": "only"}, _any(*_AGES)],
    [*_I_AM, {"LOWER": "in"}, _any("middle", "high", "junior"), {"LOWER": "school"}],
    [*_I_AM, {"LOWER": "in"}, {"OP": "?"}, _any("grade", "year")],
]
_BENIGN: List[Pattern] = [
    # "he hit me up", "she beat me to it"
    [_lemma("hit", "beat"), {"LOWER": "me"}, _any("up", "to")],
    # "i'm 16 days into no contact"
    [*_I_AM, _any(*_AGES), _TIME_UNITS],
]

PATTERNS: Dict[str, Sequence[Pattern]] = {
    "CRISIS": _CRISIS,
    "CRISIS_EXPLICITLY_NEGATIVE": _CRISIS_EXPLICITLY_NEGATIVE,
    "ABUSE": _ABUSE,
    "SURVEILLANCE": _SURVEILLANCE,
    "MINOR": _MINOR,
    BENIGN: _BENIGN,
}
NEGATABLE = ("CRISIS", "ABUSE", "SURVEILLANCE", "MINOR")


class SafetyRules:
    """Finds safety signals in a lemmatised doc and names the intent they force."""

    def __init__(self, vocab: Vocab) -> None:
        self._rules = PhraseRules(vocab, PATTERNS, negatable=NEGATABLE)

    def find(self, doc: Doc) -> List[Hit]:
        return self._rules.find(doc)

    def forced_intent(self, doc: Doc) -> Optional[str]:
        """The intent the strongest signal forces, or None when nothing fired."""
        labels = {hit.label for hit in self.find(doc)}
        return next(
            (intent for label, intent in INTENT_FOR_LABEL.items() if label in labels),
            None,
        )
