"""The graded risk assessment: what harm a message shows, and how urgent it is.

Three kinds of evidence are weighed for every message, whatever topic the
classifier chose:

- lemma patterns (heartwise/language/safety.py): certain, negation-aware;
- similarity to a curated bank of risk expressions in the sentence-embedding
  space (heartwise/language/risk_bank.py): catches the paraphrases no pattern
  foresaw, and near neighbours that are safe ("dying to know") argue against;
- the intent classifier's own safety guess, kept only when it is confident or
  something else agrees, so a hard negative cannot set `abuse_disclosed`.

The conversation so far is the dialogue's part: a concern after an earlier
disclosure is answered at the high level (data/rules/safety.yml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Tuple


class Level(IntEnum):
    NONE = 0
    CONCERN = 1
    HIGH = 2
    IMMINENT = 3


class Category(str, Enum):
    SELF_HARM = "self_harm"
    HARM_TO_OTHERS = "harm_to_others"
    ABUSE = "abuse"
    CHILD_ABUSE = "child_abuse"
    SURVEILLANCE = "surveillance"
    MINOR = "minor"
    # Signals that only count together with others.
    SEXUAL_PRESSURE = "sexual_pressure"
    ADULT_PARTNER = "adult_partner"
    NOW = "now"


@dataclass(frozen=True)
class Signal:
    category: Category
    level: Level


# At the same level, the first category decides the reply: a child at risk
# first, then the writer's own life, then others', then abuse.
PRIORITY: Tuple[Category, ...] = (
    Category.CHILD_ABUSE,
    Category.SELF_HARM,
    Category.HARM_TO_OTHERS,
    Category.ABUSE,
    Category.SURVEILLANCE,
    Category.MINOR,
)
INTENT_FOR: Dict[Signal, str] = {
    Signal(Category.SELF_HARM, Level.IMMINENT): "crisis_imminent",
    Signal(Category.SELF_HARM, Level.HIGH): "crisis",
    Signal(Category.SELF_HARM, Level.CONCERN): "express_hopelessness",
    Signal(Category.HARM_TO_OTHERS, Level.IMMINENT): "threaten_harm",
    Signal(Category.HARM_TO_OTHERS, Level.HIGH): "threaten_harm",
    Signal(Category.ABUSE, Level.HIGH): "report_abuse",
    Signal(Category.CHILD_ABUSE, Level.HIGH): "report_child_abuse",
    Signal(Category.SURVEILLANCE, Level.HIGH): "request_surveillance",
    Signal(Category.MINOR, Level.HIGH): "mention_minor",
}
SIGNAL_FOR_INTENT: Dict[str, Signal] = {
    intent: signal
    for signal, intent in INTENT_FOR.items()
    if signal != Signal(Category.HARM_TO_OTHERS, Level.IMMINENT)
}
# A bank match alone may decide these. Abuse needs the classifier or a
# pattern too: "abuse_disclosed" switches the reconciliation tools off, and
# relationship troubles sit close to abuse in the embedding space.
BANK_ALONE: frozenset[Category] = frozenset(
    {Category.SELF_HARM, Category.HARM_TO_OTHERS, Category.CHILD_ABUSE}
)
# A pattern of the first category overrules an unsupported classifier guess of
# the second, which has the roles reversed: "a tracker on his car" means the
# writer is tracking, not being abused; "my dad's revolver, to scare him" is a
# danger to him, not (without a sign of it) to the writer; "he'd read all my
# whatsapps" and "the choking only happened twice" are done to the writer,
# not by them.
OVERRULES: Dict[Category, Tuple[Category, ...]] = {
    Category.SURVEILLANCE: (Category.ABUSE,),
    Category.HARM_TO_OTHERS: (Category.SELF_HARM,),
    Category.ABUSE: (Category.HARM_TO_OTHERS, Category.SURVEILLANCE),
}
# A pattern of the second category supports a classifier guess of the first:
# "im in year 10" makes "a teacher asked me to meet him" a child at risk.
SUPPORTED_BY: Dict[Category, Category] = {Category.CHILD_ABUSE: Category.MINOR}
# Every intent whose reply treats the person as at risk, or as a risk.
SAFETY_INTENTS = frozenset(INTENT_FOR.values())


# How the classifier's guess is written into the evidence; every other entry
# is a pattern ("pattern: ...") or a bank match ("bank 0.71: ...").
GUESS = "classifier {:.2f}: {}"
_GUESSED = re.compile(r"classifier (?P<probability>[\d.]+): (?P<category>\w+)$")


def _evidence(risk: Mapping[str, object]) -> List[str]:
    return [str(why) for why in risk.get("evidence") or []]  # type: ignore[union-attr]


def shown_in_words(risk: Mapping[str, object]) -> bool:
    """Whether a pattern or a bank match, not the classifier alone, found the risk
    (``risk`` as the safety net puts it into every parse)."""
    return any(not _GUESSED.match(why) for why in _evidence(risk))


def guessed_only(risk: Mapping[str, object]) -> bool:
    """Whether the intent classifier alone found the risk."""
    return bool(_evidence(risk)) and not shown_in_words(risk)


@dataclass(frozen=True)
class Thresholds:
    """How strong each kind of evidence must be (config.yml, SafetyNet)."""

    # The bank thresholds are calibrated on the training data: about 0.1 %
    # of its ordinary messages reach a self-harm bank match alone, and about
    # 1 % a concern. The classifier's was chosen among three on the
    # real-voice set (README, "Understanding long messages").
    # The classifier alone: a category this probable stands (its intents'
    # confidences summed: the classifier may split "crisis" and "crisis
    # imminent" while being sure of self-harm). Below it, the guess needs a
    # pattern or a bank match of the same category behind it.
    classifier_alone: float = 0.5
    # Where the message denies the harm ("i'm not gonna key his car") or
    # tells of someone else's ("my friend overdosed"), only a guess this
    # probable stands, and the bank alone counts for nothing.
    classifier_over_denial: float = 0.7
    # A bank match this close stands alone, at the bank expression's level.
    bank_alone: float = 0.7
    # A bank match this close confirms the classifier's guess.
    bank_support: float = 0.55
    # A self-harm match this close alone raises a concern (a gentle question).
    bank_concern: float = 0.63
    # A risk match must beat the closest safe look-alike by this much.
    bank_margin: float = 0.03
    # A self-harm guess of the classifier's alone, on a message this far from
    # every bank expression, is noise: in conversations the classifier reads
    # self-harm into replies like "right. sending the tidied up one to lauren
    # now". Below ``bank_floor`` the guess is dropped, below ``bank_doubt``
    # it only asks the gentle question (chosen on eval/dev_voice and the
    # scripted people: README, "Understanding long messages").
    bank_floor: float = 0.33
    bank_doubt: float = 0.4


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class BankMatch:
    """The closest bank expression of one category, and the closest look-alike."""

    signal: Signal
    similarity: float
    look_alike: float
    expression: str

    def clears(self, threshold: float, margin: float) -> bool:
        return self.similarity >= threshold and self.similarity - self.look_alike >= margin


@dataclass
class Risk:
    """The assessment of one message: its category, level and the evidence."""

    category: Optional[Category] = None
    level: Level = Level.NONE
    evidence: List[str] = field(default_factory=list)

    @property
    def intent(self) -> Optional[str]:
        if self.category is None:
            return None
        return INTENT_FOR.get(Signal(self.category, self.level))

    def as_dict(self) -> Dict[str, object]:
        return {
            "level": self.level.name.lower(),
            "category": self.category.value if self.category else None,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class ClassifierGuess:
    """The safety category the intent classifier leans to, if any."""

    signal: Signal
    probability: float

    @classmethod
    def from_ranking(cls, ranking: Mapping[str, float]) -> Optional[ClassifierGuess]:
        """The most probable safety category, if it beats every other intent."""
        mass: Dict[Category, float] = {}
        likeliest: Dict[Category, Tuple[float, Signal]] = {}
        for intent, confidence in ranking.items():
            signal = SIGNAL_FOR_INTENT.get(intent)
            if signal is None:
                continue
            mass[signal.category] = mass.get(signal.category, 0.0) + confidence
            if confidence > likeliest.get(signal.category, (-1.0, signal))[0]:
                likeliest[signal.category] = (confidence, signal)
        if not mass:
            return None
        category = max(mass, key=mass.__getitem__)
        # The fallback classifier's entry is a threshold, not a rival intent.
        others = [
            confidence
            for intent, confidence in ranking.items()
            if intent not in SIGNAL_FOR_INTENT and intent != "nlu_fallback"
        ]
        if mass[category] <= max(others, default=0.0):
            return None
        return cls(likeliest[category][1], mass[category])


def assess(
    patterns: Iterable[Tuple[Signal, str]],
    bank: Iterable[BankMatch],
    classifier: Mapping[str, float],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    denied: Iterable[Signal] = (),
) -> Risk:
    """Weighs the three kinds of evidence into one risk.

    ``patterns``: the phrases that count; ``denied``: the signals of phrases
    that were negated or about someone else; ``classifier``: the intent
    classifier's ranking, intent to confidence.
    """
    levels: Dict[Category, Level] = {}
    evidence: Dict[Category, List[str]] = {}

    def raise_to(signal: Signal, why: str) -> None:
        if signal.level > levels.get(signal.category, Level.NONE):
            levels[signal.category] = signal.level
        found = evidence.setdefault(signal.category, [])
        if why not in found:
            found.append(why)

    for signal, phrase in patterns:
        raise_to(signal, f"pattern: {phrase}")
    _combine_pattern_signals(levels, evidence, raise_to)
    denials = {signal.category for signal in denied} - set(levels)

    matches = {match.signal.category: match for match in bank}
    for match in matches.values():
        if (
            match.signal.category in BANK_ALONE
            and match.signal.category not in denials
            and match.clears(thresholds.bank_alone, thresholds.bank_margin)
        ):
            raise_to(match.signal, f"bank {match.similarity:.2f}: {match.expression}")

    guess = ClassifierGuess.from_ranking(classifier)
    if guess is not None:
        signal = _weigh_guess(
            guess, levels, denials, matches.get(guess.signal.category), thresholds
        )
        if signal is not None:
            raise_to(signal, GUESS.format(guess.probability, guess.signal.category.value))

    # A weaker bank match alone only asks: "are you having thoughts of ending
    # your life?" costs little when the answer is no.
    self_harm = matches.get(Category.SELF_HARM)
    if (
        self_harm is not None
        and Category.SELF_HARM not in denials
        and self_harm.clears(thresholds.bank_concern, thresholds.bank_margin)
    ):
        raise_to(
            Signal(Category.SELF_HARM, Level.CONCERN),
            f"bank {self_harm.similarity:.2f}: {self_harm.expression}",
        )

    # Abuse of a minor, on any evidence, is child abuse.
    if Category.MINOR in levels and levels.get(Category.ABUSE, Level.NONE) >= Level.HIGH:
        raise_to(Signal(Category.CHILD_ABUSE, Level.HIGH), "a minor, and abuse")

    found = [category for category in PRIORITY if levels.get(category, Level.NONE) > Level.NONE]
    if not found:
        return Risk()
    top = max(found, key=lambda category: (levels[category], -PRIORITY.index(category)))
    return Risk(top, levels[top], evidence[top])


def _weigh_guess(
    guess: ClassifierGuess,
    levels: Mapping[Category, Level],
    denials: Iterable[Category],
    match: Optional[BankMatch],
    thresholds: Thresholds,
) -> Optional[Signal]:
    """What the classifier's guess adds, given the other evidence."""
    category = guess.signal.category
    if category not in levels and any(category in OVERRULES.get(found, ()) for found in levels):
        return None
    if category in denials:
        return guess.signal if guess.probability >= thresholds.classifier_over_denial else None
    supported = (
        category in levels
        or SUPPORTED_BY.get(category) in levels
        or (match is not None and match.clears(thresholds.bank_support, thresholds.bank_margin))
    )
    if supported:
        return guess.signal
    if guess.probability < thresholds.classifier_alone:
        return None
    if category is Category.SELF_HARM and match is not None:
        if match.similarity < thresholds.bank_floor:
            return None
        if match.similarity < thresholds.bank_doubt:
            return Signal(Category.SELF_HARM, Level.CONCERN)
        # Emergency services first is for a message that reads like acting
        # now. One nearer a safe look-alike than any risk expression ("the
        # whole table went quiet", "my stuff is still at hers. ps5, half my
        # clothes") gets the lines and "are you thinking about it right now?",
        # which sends someone who says yes to the emergency reply in a turn.
        if guess.signal.level is Level.IMMINENT and match.look_alike > match.similarity:
            return Signal(Category.SELF_HARM, Level.HIGH)
    return guess.signal


def _combine_pattern_signals(
    levels: Dict[Category, Level],
    evidence: Mapping[Category, List[str]],
    raise_to: Callable[[Signal, str], None],
) -> None:
    """Signals that mean more together than apart."""
    if levels.get(Category.SELF_HARM, Level.NONE) >= Level.HIGH and Category.NOW in levels:
        raise_to(Signal(Category.SELF_HARM, Level.IMMINENT), "pattern: a time that is now")
    if Category.MINOR not in levels:
        return
    if Category.ABUSE in levels or Category.SEXUAL_PRESSURE in levels:
        raise_to(Signal(Category.CHILD_ABUSE, Level.HIGH), "pattern: a minor, and abuse")
    elif Category.ADULT_PARTNER in levels and not _close_in_age(
        evidence[Category.MINOR], evidence[Category.ADULT_PARTNER]
    ):
        raise_to(Signal(Category.CHILD_ABUSE, Level.HIGH), "pattern: a minor, and an adult")


# "im 16 hes 19" on its own is a teenage breakup: at 16 or 17, a partner up to
# three years older is within the age of consent in the UK and inside the
# close-in-age rules of most US states. Younger, a wider gap, or an age not
# given ("year 10") is a child with an adult: the child-protection lines.
OLDEST_CLOSE_IN_AGE_GAP = 3
YOUNGEST_CLOSE_IN_AGE = 16


def _close_in_age(writer_phrases: Iterable[str], partner_phrases: Iterable[str]) -> bool:
    writer = _age_in(writer_phrases)
    partner = _age_in(partner_phrases)
    if writer is None or partner is None:
        return False
    return writer >= YOUNGEST_CLOSE_IN_AGE and partner - writer <= OLDEST_CLOSE_IN_AGE_GAP


def _age_in(phrases: Iterable[str]) -> Optional[int]:
    ages = [int(found) for phrase in phrases for found in re.findall(r"\b(\d{2})\b", phrase)]
    return ages[0] if ages else None


# In a conversation under way, the classifier's self-harm guess alone moves a
# level down: the lines become the gentle question, emergency services first
# become the lines. Read one message at a time, it hears risk in replies to
# the guide ("i wasnt fine lol"), plans ("my stuff is still at hers. ps5")
# and stories ("the whole table went quiet"): in scripted and role-played
# conversations every such lone guess after the first message was a false
# alarm, while the disclosures there had words the patterns or the bank
# knew. A first message keeps its level: it is what the calibration and
# held-out sets measure, and nothing has been said yet to weigh it against.
# Short of this sure, a lone guess of acting now goes down two levels, to the
# gentle question that asks directly (utter_risk_check_in), as a lone guess
# of a crisis does; a "yes" to it gets the lines.
CLASSIFIER_SURE_OF_SELF_HARM = 0.8
LOWER_IN_CONVERSATION: Dict[str, str] = {
    "crisis_imminent": "crisis",
    "crisis": "express_hopelessness",
}


def lowered_in_conversation(
    intent: Optional[str], risk: Mapping[str, object], earlier_messages: int, disclosed: bool
) -> Optional[str]:
    """The intent a lone self-harm guess is answered as, mid-conversation and
    with nothing disclosed before; None when it keeps its own."""
    if intent not in LOWER_IN_CONVERSATION or not guessed_only(risk):
        return None
    if disclosed:
        # After a disclosure a guess keeps its weight, but acting now takes
        # words or a sure classifier: "sorry im being a lot. i've been up
        # since 7pm yesterday", after a night shift, was read at 0.47 as an
        # overdose and got emergency services three times in role-play.
        unsure_of_acting_now = (
            intent == "crisis_imminent"
            and _guessed_probability(risk) < CLASSIFIER_SURE_OF_SELF_HARM
        )
        return "crisis" if unsure_of_acting_now else None
    if earlier_messages < 1:
        return None
    if intent == "crisis_imminent" and _guessed_probability(risk) < CLASSIFIER_SURE_OF_SELF_HARM:
        # Two levels: "my stuff is still at hers. ps5, half my clothes and my
        # grandads watch" was read at 0.53 as acting now.
        return LOWER_IN_CONVERSATION["crisis"]
    return LOWER_IN_CONVERSATION[intent]


def _guessed_probability(risk: Mapping[str, object]) -> float:
    found = _GUESSED.match(_evidence(risk)[0]) if _evidence(risk) else None
    return float(found["probability"]) if found else 1.0


# A threat read into a message by the classifier alone, mid-conversation and
# short of this sure, is not answered as one: role-play got 911 and a line for
# people who abuse for flowers taken to her office, a dog waiting by the
# door, "I'd stop policing his drinking" and "his, I doubt"; and, at 0.81
# with a model trained on another machine, "but its all true tho?? she should
# know how bad its got" about a draft. The topic the classifier saw behind
# the guess answers instead. Threats in words (the patterns, the bank) and a
# first message keep the protocol.
CLASSIFIER_SURE_OF_A_THREAT = 0.9
# The same holds for a request to watch the ex: "i keep checking my phone
# every 5 mins in case he messages" was read at 0.55 as one, and got the
# refusal to help with tracking. Requests in words ("get into her insta",
# "put a tracker on his car") are the patterns' and the bank's.
CLASSIFIER_SURE_OF_SURVEILLANCE = 0.8
# And for abuse, at a lower bar, since a missed disclosure costs more than a
# misread one: "i do not want Graham to come back to me ... i want to stand
# in a church for an hour and be civil" was read at 0.28 as abuse, and got the
# helplines and "are you somewhere safe?".
CLASSIFIER_SURE_OF_ABUSE = 0.5
CLASSIFIER_SURE: Dict[str, float] = {
    "threaten_harm": CLASSIFIER_SURE_OF_A_THREAT,
    "request_surveillance": CLASSIFIER_SURE_OF_SURVEILLANCE,
    "report_abuse": CLASSIFIER_SURE_OF_ABUSE,
}


def harm_only_guessed_in_conversation(
    intent: Optional[str], risk: Mapping[str, object], earlier_messages: int
) -> bool:
    """Whether a threat, a request to watch the ex or a disclosure of abuse is
    only the classifier's guess, short of sure, mid-conversation."""
    if intent not in CLASSIFIER_SURE or earlier_messages < 1 or not guessed_only(risk):
        return False
    return _guessed_probability(risk) < CLASSIFIER_SURE[intent]
