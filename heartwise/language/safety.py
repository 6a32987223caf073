"""Deterministic risk patterns: the part of the risk assessment that never guesses.

A classifier trained on a few hundred examples will sometimes miss "kms" or
"everyone would be better off without me". These lemma patterns catch the
explicit and the common indirect phrasings, each with the category of harm and
the level of risk it shows, so such a message always takes the safety path,
whatever the classifier said. The paraphrases no pattern foresaw are left to
the sentence-embedding bank (heartwise/language/risk_bank.py); both are
combined in heartwise/language/risk.py.
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

from spacy.tokens import Doc
from spacy.vocab import Vocab

from heartwise.language.matching import Hit, Pattern, PhraseRules
from heartwise.language.risk import Category, Level, Signal


def _any(*words: str) -> Dict[str, object]:
    return {"LOWER": {"IN": list(words)}}


def _lemma(*lemmas: str) -> Dict[str, object]:
    return {"LEMMA": {"IN": list(lemmas)}}


def _none_of(*words: str) -> Dict[str, object]:
    return {"LOWER": {"NOT_IN": list(words)}}


def _phrase(text: str) -> Pattern:
    return [{"LOWER": word} for word in text.split()]


_OPT = {"OP": "?"}


def _gap(most: int) -> List[Dict[str, object]]:
    """Up to ``most`` tokens of any kind (spaCy 3.4 has no {0,n} quantifier)."""
    return [_OPT] * most


_NOT = {"NORM": {"IN": ["not", "never"]}}
_TO = {"LOWER": "to", "OP": "?"}
_WANT = _lemma("want", "wanna", "wish", "wan")
_MYSELF = _any("myself", "meself", "myslef", "mysef")
_OBJECT = _any("him", "her", "them", "ex", "hm")
_ME = {"LOWER": "me"}
_PARTNER_WORDS = (
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
    "hubby",
)
_PERSON = _any("he", "she", "they", *_PARTNER_WORDS)
_THEIR = _any("her", "his", "their", "my ex's", "ex's")
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
_AGE_TAG = {"LOWER": {"REGEX": r"^1[0-7](m|f|yo|y/o)$"}}
_ADULT_AGES = [str(age) for age in range(18, 60)]
_TIME_UNITS = _any(
    "day",
    "days",
    "week",
    "weeks",
    "wks",
    "month",
    "months",
    "hours",
    "min",
    "mins",
    "minutes",
    "times",
    "messages",
    "texts",
    "years",
    "yrs",
    "year",
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
    "insta",
    "ig",
    "facebook",
    "snapchat",
    "snap",
    "whatsapp",
    "messages",
    "texts",
    "dms",
)
_I_AM = [{"LOWER": "i"}, {"LOWER": {"IN": ["am", "'m", "m"]}, "OP": "?"}]
_HIGH_PLACE = _lemma(
    "bridge",
    "building",
    "roof",
    "rooftop",
    "cliff",
    "balcony",
    "ledge",
    "garage",
    "tower",
    "overpass",
    "park",
    "carpark",
    "skyscraper",
    "multistorey",
)
_PILL_WORDS = (
    "pills",
    "tablets",
    "meds",
    "paracetamol",
    "tylenol",
    "sleeping",
    "painkillers",
    "bottle",
    "insulin",
    "antidepressants",
    "sertraline",
    "ibuprofen",
    "aspirin",
    "codeine",
    "xanax",
)
_PILLS = _any(*_PILL_WORDS)
_HOW_MANY_PILLS = [_any("how"), _any("many", "much"), _OPT, _OPT, _PILLS]
_FLOOR_NUMBER = {"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)?$"}}
_FLOORS = ("floor", "floors", "storey", "storeys", "story", "stories")
_LIGATURES = ("rope", "cord", "belt", "cable", "noose", "scarf")
_METHOD = _any("gun", "pills", "rope", "hanging", "jumping", "overdose", "bridge", "train")
_FIREARMS = ("gun", "guns", "handgun", "revolver", "rifle", "shotgun", "pistol", "firearm")
_CUTTING_TOOL = _any("blade", "blades", "razor", "razors", "razorblade", "razorblades")
# Drugs one overdoses on, so that "overdosed on ice cream" can be an idiom.
_DRUGS = (
    "drugs", "heroin", "coke", "cocaine", "fentanyl", "fent", "oxy", "oxycodone",
    "ketamine", "ket", "alcohol", "booze", "vodka", "meth", "methadone", "morphine",
)  # fmt: skip
_DETERMINERS = ("my", "his", "her", "the", "some", "a", "an", "all", "those", "them", "it")
_PARENT = _any("mum", "mom", "mam", "dad", "parents", "mother", "father", "stepdad", "stepmum")
_FRIENDS = _any(
    "mates", "mate", "friends", "friend", "bestie", "flatmate", "flatmates", "sister", "brother"
)
_BODY = _any(
    "arm", "arms", "forearm", "forearms", "wrist", "wrists", "leg", "legs", "thigh", "thighs",
    "skin", "stomach", "hip", "hips", "hand", "hands", "chest", "ankle", "ankles",
)  # fmt: skip
_SURER = ("reliable", "quicker", "faster", "painless", "effective", "certain", "surer")

# --- Self-harm --------------------------------------------------------------
# Cancelled by a negation just before them: "i'm not suicidal" is not a crisis.
_SELF_HARM: List[Pattern] = [
    [
        _lemma(
            "kill",
            "hurt",
            "harm",
            "cut",
            "burn",
            "starve",
            "punish",
            "hang",
            "off",
            "top",
            "end",
            "hit",
            "punch",
            "slap",
            "carve",
        ),
        _MYSELF,
    ],
    [_any("kms", "suicide", "suicidal", "sewerslide", "selfharm", "kys")],
    # "unaliving myself", "sewer slide thoughts": the words people use where
    # platforms filter the plain ones.
    [{"LOWER": {"REGEX": r"^un-?aliv"}}],
    _phrase("sewer slide"),
    # "is it normal to want to kill yourself after an affair, because i do"
    [
        _any("normal", "weird", "wrong", "bad"),
        _any("to"),
        _WANT,
        _any("to"),
        _lemma("kill", "hurt", "harm", "end"),
        _any("yourself", "urself", "ur", "your"),
    ],
    [{"LOWER": "self"}, {"ORTH": "-", "OP": "?"}, _lemma("harm", "harming")],
    [_lemma("end", "take"), {"LOWER": "my"}, {"LOWER": "own", "OP": "?"}, {"LOWER": "life"}],
    [_lemma("end"), {"LOWER": "it"}, {"LOWER": "all"}],
    [_WANT, _TO, _any("die", "disappear", "dead", "vanish")],
    [_lemma("wish"), {"LOWER": "i"}, _lemma("be", "was", "were"), _any("dead", "gone")],
    [_lemma("wish"), {"LOWER": "i"}, _any("could", "would"), _OPT, _any("die", "disappear")],
    _phrase("better off dead"),
    _phrase("better off without me"),
    [
        _any("everyone", "everybody", "they", "people"),
        _any("would", "'d", "d", "will", "'ll"),
        _OPT,
        _any("be", "cope", "manage", "do"),
        _OPT,
        _any("fine", "better", "ok", "okay", "well"),
        _any("without"),
        _ME,
    ],
    [_lemma("overdose", "od")],
    [_lemma("take"), {"LOWER": "all"}, _OPT, _PILLS],
    [_lemma("jump"), _any("off", "from", "in", "infront"), _OPT, _OPT, _HIGH_PLACE],
    [_lemma("jump"), _any("in", "under"), _OPT, _OPT, _any("front", "train", "traffic")],
    [_lemma("make"), _MYSELF, _lemma("throw", "puke", "vomit", "sick")],
    [_lemma("stop"), {"LOWER": "eating"}],
    [_lemma("slit"), _OPT, _any("wrist", "wrists", "throat")],
    [
        _lemma("cut", "cutting", "burn", "scratch"),
        _any("my"),
        _any("arm", "arms", "wrist", "wrists", "thigh", "thighs", "legs", "skin"),
    ],
    [_lemma("stop"), _any("existing", "exsisting")],
    [_any("cease"), {"LOWER": "to"}, {"LOWER": "exist"}],
    [_lemma("sleep"), _any("forever")],
    [_any("rather"), _any("be", "b"), _any("dead")],
    [{"LOWER": "i"}, _lemma("deserve"), {"LOWER": "to"}, _any("die", "suffer", "starve")],
    [
        _any("suicide", "overdose", "attempt", "attempted"),
        _any("attempt", "last", "before", "again"),
    ],
    [{"LOWER": "my"}, _any("last", "first", "previous", "second"), _any("attempt")],
    # "since my attempt", "she knew about my attempt", "made an attempt in
    # 2021": not "my attempt to talk to him".
    [
        _any("since", "after", "about", "before", "from", "of"),
        _any("my"),
        _any("attempt"),
        _none_of("to", "at"),
    ],
    [_lemma("make"), _any("an"), _any("attempt"), _none_of("to", "at")],
    # "go on then, do it properly this time", said to someone who tried before.
    [_lemma("do"), _any("it"), _any("properly"), _any("this"), _any("time")],
    # Household poisons: "in college i had drunk phenyl".
    [
        _lemma("drink", "drank", "swallow", "swallowed"),
        _OPT,
        _any("phenyl", "bleach", "poison", "pesticide", "antifreeze", "weedkiller"),
    ],
    [_any("relapse", "relapsed", "relapsing"), _OPT, _OPT, _any("cutting", "self", "harm")],
    [_any("cutting", "burning"), _any("again", "myself")],
    # The tools and the traces of cutting: "using my old blades again",
    # "how do i hide the marks".
    [_lemma("use", "get", "grab", "buy"), _any("my", "the", "a"), _OPT, _CUTTING_TOOL],
    [_CUTTING_TOOL, _any("again")],
    [_lemma("hide", "cover"), _OPT, _OPT, _any("marks", "cuts", "scars", "burns")],
    [_any("fresh", "deeper", "deep", "new"), _any("cuts")],
    [
        _lemma("slam", "burn", "hit", "punch", "scratch", "bang", "cut"),
        _any("my", "myself"),
        *_gap(4),
        _any("on"),
        _any("purpose"),
    ],
    [_any("diet"), _any("pills")],
    [_lemma("hide"), _any("food")],
    # Injuries that leave no cut: "dig my nails into my arm", "hitting my head
    # against the bathroom wall" (not the idiom's "a brick wall"), "biting
    # myself till it marks", laxatives.
    [_lemma("dig", "dug"), _any("my"), _any("nails", "fingernails"), _any("into")],
    [
        # The writer's own doing ("he slammed my head into the door" and "he
        # kept banging my head" are abuse).
        _any("i", "been", "started", "start"),
        _OPT,
        _lemma("bang", "hit", "smash", "slam", "bash"),
        _any("my"),
        _any("head"),
        _any("against", "into", "off"),
        _any("the", "a"),
        _OPT,
        _any("wall", "walls", "door", "mirror", "floor"),
    ],
    # "i bang my head on the wall when the thoughts get loud", not "i hit my
    # head on the cupboard door".
    [
        _any("i", "been", "started", "start"),
        _OPT,
        _lemma("bang", "bash"),
        _any("my"),
        _any("head"),
        _any("on"),
        _any("the", "a"),
        _any("wall", "walls", "floor"),
    ],
    [_lemma("bite", "pinch", "bruise"), _any("myself")],
    # "carved his initials into my leg", "bit my own forearm till it went purple"
    [_lemma("carve", "etch", "scratch"), _OPT, _OPT, _OPT, _any("into"), _any("my"), _BODY],
    [_lemma("bite", "cut", "burn", "hit", "scratch", "punch"), _any("my"), _any("own"), _BODY],
    # "punched my wall so hard my knuckles split open again", "punching the
    # wall till my knuckles bled", "hit the wall cos its better than feeling it"
    [
        _lemma("punch", "hit", "smash", "bang"),
        _any("the", "a", "my"),
        _OPT,
        _any("wall", "walls", "door", "doors"),
        *_gap(6),
        _any("knuckles", "knuckle", "hand", "hands", "fist", "fists"),
        _OPT,
        _any(
            "split",
            "bleed",
            "bled",
            "bleeding",
            "broke",
            "broken",
            "swollen",
            "swelled",
            "bruised",
            "purple",
        ),
    ],
    [
        _lemma("punch", "hit", "smash", "bang"),
        _any("the", "a", "my"),
        _any("wall", "walls", "door"),
        _any("cos", "cause", "coz", "because", "bc", "so", "to"),
        _OPT,
        _OPT,
        _any("better", "feel", "numb", "quiet", "stop", "hurts"),
    ],
    # "going at my skin with my nails every night until it's raw"
    [
        _any("skin"),
        *_gap(4),
        _any("until", "till", "til"),
        _any("it"),
        _OPT,
        _any("raw", "bleeds", "bled", "bleeding"),
    ],
    [_any("skin"), _any("with"), _any("my"), _any("nails", "fingernails")],
    [_lemma("take", "use", "live"), _OPT, _OPT, _any("laxatives", "laxative")],
    # Passive wishes: "i wish that car had hit me", "i pray he takes me in my sleep".
    [_lemma("wish", "hope", "pray"), _OPT, _OPT, _OPT, _any("hit", "killed", "run"), _ME],
    [
        _lemma("pray", "hope", "wish"),
        _OPT,
        _OPT,
        _lemma("take"),
        _ME,
        _any("in", "away", "now", "tonight", "soon"),
    ],
    # Eating-disorder behaviour is self-harm: a few hundred calories a day, or
    # purging.
    [
        {"TEXT": {"REGEX": r"^[1-9]\d{0,2}$"}},
        _any("calories", "cals", "kcal", "kcals"),
        _any("a", "per"),
        _any("day"),
    ],
    [_any("purging", "purge", "bulimic", "anorexic")],
    [
        _lemma("throw"),
        _any("up"),
        _any("after"),
        _OPT,
        _any("meal", "meals", "eating", "food", "dinner", "lunch", "breakfast", "tea", "i"),
    ],
    [_any("fingers", "finger", "toothbrush"), _any("down"), _any("my"), _any("throat")],
    # "eating only once in two days", "i don't deserve food"
    [
        _lemma("eat"),
        _OPT,
        _any("once"),
        _any("in", "every"),
        _any("two", "three", "2", "3", "few"),
        _any("days"),
    ],
    [_any("no"), _any("right"), _any("to"), _any("eat", "food")],
]
# These carry their own negation, so a negation must not cancel them.
_SELF_HARM_OWN_NEGATION: List[Pattern] = [
    # "i don't know why i'm still alive" is the thought itself.
    # "better off if i wasnt around" too: among the other patterns, its own
    # "n't" negated it, and inside an assessment it got the threat reply.
    [
        *_phrase("better off if i"),
        _lemma("be"),
        {"NORM": {"IN": ["not", "gone", "dead", "never"]}},
    ],
    [{"LOWER": "why"}, _OPT, _OPT, {"LOWER": "still"}, _any("alive", "breathing", "here")],
    [_any("done", "tired", "sick"), _OPT, _any("existing", "exsisting")],
    [_any("done", "tired", "sick"), _OPT, _any("being"), _any("alive")],
    [_NOT, _WANT, _TO, _any("live", "exist")],
    [_NOT, _WANT, _TO, _any("wake"), {"LOWER": "up"}],
    [_NOT, _any("wake"), {"LOWER": "up"}, _any("tomorrow", "again", "anymore", "ever")],
    [_lemma("hope"), {"LOWER": "i"}, _NOT, _any("wake")],
    [_any("and"), _any("never"), _any("wake"), {"LOWER": "up"}],
    # "some nights it would be easier not to wake up"
    [_any("easier", "better"), _OPT, _any("not"), _any("to"), _any("wake"), {"LOWER": "up"}],
    # "i told u i think about not waking up", "i just dont care if i wake up"
    [_lemma("think"), _any("about"), _any("not"), _any("waking"), {"LOWER": "up"}],
    [_NOT, _lemma("care"), _any("if", "whether"), _any("i"), _OPT, _any("wake")],
    [_NOT, _WANT, _TO, {"LOWER": "be"}, _any("alive", "here", "around", "breathing")],
    [
        _NOT,
        _WANT,
        _TO,
        {"LOWER": "be"},
        {"LOWER": "on"},
        {"LOWER": "this"},
        _any("earth", "planet"),
    ],
    _phrase("no reason to live"),
    # "biscuit is literally the only reason i'm still here"
    [
        _any("only"),
        _any("reason"),
        _any("i"),
        _OPT,
        _any("still"),
        _any("here", "alive", "around", "breathing"),
    ],
    [_any("out"), _any("of"), _any("being"), _any("alive", "a", "here", "human")],
    # "clean for 200 days until tonight": a relapse, counted as people in recovery count.
    [
        _any("clean"),
        _any("for"),
        {"LIKE_NUM": True},
        _any("days", "weeks", "months", "years"),
        _any("until", "till", "til"),
    ],
    _phrase("no reason to be alive"),
    _phrase("nothing to live for"),
    _phrase("not worth living"),
    [_any("point"), _any("of", "in"), _any("living", "life", "existing")],
    [_any("point"), _any("of", "in"), _any("being"), _any("alive", "here")],
    [_any("no"), _any("point"), _any("living", "existing", "being")],
    [
        _NOT,
        _lemma("eat", "ate", "eaten"),
        {"LOWER": {"IN": ["in", "for", "anything", "properly", "since", "a", "like"]}, "OP": "*"},
        {"LIKE_NUM": True, "OP": "?"},
        _any("day", "days", "week", "weeks"),
    ],
    [_NOT, _lemma("deserve"), {"LOWER": "to"}, _lemma("live", "eat", "exist")],
    [_NOT, _lemma("deserve"), _any("food", "meals", "dinner", "breakfast", "lunch")],
    # "i don't see why i should keep going without her"
    [
        _NOT,
        _lemma("see"),
        _any("why"),
        _any("i"),
        _any("should"),
        _OPT,
        _any("keep", "carry", "go", "stay", "be"),
        _any("going", "on", "alive", "here", "living"),
    ],
    [_NOT, _lemma("deserve"), {"LOWER": "to"}, _any("be"), _any("alive", "here", "around")],
    [_NOT, _any("be"), _any("around"), _any("much", "for"), _any("longer", "long")],
]
# Questions about means: never answered, always met with the lines.
_MEANS: List[Pattern] = [
    # "which car parks are high enough": a place now, not a date remembered.
    [
        _HIGH_PLACE,
        *_gap(3),
        _any("is", "are", "be", "'s"),
        _any("high", "tall"),
        _any("enough"),
    ],
    [_any("above", "over", "past"), _OPT, _FLOOR_NUMBER, _any(*_FLOORS)],
    [_lemma("get", "go", "climb"), _any("onto", "on", "up"), _OPT, _OPT, _lemma("roof", "rooftop")],
    [_lemma("roof", "rooftop"), _any("access", "terrace", "terraces")],
    # "what kind of rope will hold an adult's weight"
    [
        _lemma(*_LIGATURES),
        *_gap(3),
        _lemma("hold", "take", "support", "carry"),
        *_gap(3),
        _any("weight"),
    ],
    # "how much insulin would be too much for someone who isn't diabetic"
    [*_HOW_MANY_PILLS, _OPT, _OPT, _OPT, _any("too"), _any("much", "many")],
    # "is a gun or pills more reliable"
    [_METHOD, _any("or"), _OPT, _METHOD, _OPT, _OPT, _any(*_SURER)],
    [_any("tallest", "highest", "tall", "high", "taller", "higher"), _OPT, _HIGH_PLACE],
    [_HIGH_PLACE, _any("taller", "higher", "tall", "high")],
    [_HIGH_PLACE, _OPT, _OPT, _OPT, _OPT, _any("taller", "higher"), _any("than")],
    [
        _any("how"),
        _any("high", "tall", "far"),
        _any("is", "would", "do", "does"),
        _OPT,
        _OPT,
        _HIGH_PLACE,
    ],
    [
        _any("lethal", "fatal", "deadly", "toxic"),
        _OPT,
        _any("dose", "doses", "dosage", "amount", "overdose"),
    ],
    [
        *_HOW_MANY_PILLS,
        _OPT,
        _OPT,
        _any("kill", "die", "lethal", "fatal", "overdose", "death", "wake"),
    ],
    [
        *_HOW_MANY_PILLS,
        _any("would", "does", "will", "to"),
        _any("it"),
        _any("take"),
    ],
    [_any("painless"), _any("way", "method", "ways", "methods")],
    [_any("way", "ways", "method", "methods"), _any("to", "of"), _any("die", "dying")],
    [_any("fatality"), _any("rate", "rates")],
    [_PILLS, _OPT, _OPT, _OPT, _lemma("kill"), _any("you", "u", "someone", "somebody", "a", "me")],
    [
        _any("deepest"),
        *_gap(3),
        _any("lake", "river", "reservoir", "canal", "quarry", "sea", "loch", "water"),
    ],
    # A firearm newly bought or loaded, whoever it may be meant for.
    [_lemma("buy", "load", "purchase", "borrow"), _OPT, _OPT, _any(*_FIREARMS)],
    [
        _lemma("get", "buy", "find", "keep"),
        _OPT,
        _OPT,
        _any("cartridges", "ammo", "ammunition", "bullets"),
    ],
    [
        _any("how"),
        _any("many", "much"),
        _any("would"),
        _any("be"),
        _any("too"),
        _any("many", "much"),
    ],
    [_any("exhaust"), _OPT, _any("work", "works", "fumes")],
    [
        _any("how"),
        _any("deep"),
        _any("does", "is", "would", "do"),
        _OPT,
        _any("water", "river", "lake", "reservoir", "sea", "canal"),
    ],
    [
        _any("how"),
        _any("long"),
        _any("does", "would"),
        _any("it"),
        _any("take"),
        _any("to"),
        _any("die", "bleed", "suffocate", "drown"),
    ],
]
_SELF_HARM_IMMINENT: List[Pattern] = [
    [
        _any("took", "taken", "swallowed", "downed", "necked"),
        _OPT,
        _any("all", "whole", "handful", "bottle", "box", "load", "bunch", "entire", "packet"),
    ],
    [_any("goodbye"), _any("note", "notes")],
    [_any("suicide"), _any("note", "notes", "letter", "letters")],
    [
        _any("standing", "stood"),
        _any("on", "at"),
        _OPT,
        _OPT,
        _any("bridge", "ledge", "edge", "rooftop", "roof", "cliff", "tracks", "railing"),
    ],
    [
        *_I_AM,
        _any("on", "at", "up"),
        _any("the", "a", "this", "top"),
        _OPT,
        _any("roof", "rooftop", "bridge", "ledge", "cliff", "railing", "tracks"),
    ],
    [
        _any("pills", "knife", "rope", "gun", "blade", "razor", "noose", "belt", "cord", "tablets"),
        *_gap(3),
        _any("next", "beside", "front", "hand", "ready"),
    ],
]
# Said with a self-harm signal, these make it imminent: "tonight i'll do it".
_NOW: List[Pattern] = [
    [_any("tonight", "tonite", "2night")],
    [_any("right"), _any("now")],
    [_any("in"), _any("an", "a", "few"), _any("hour", "hours", "minutes", "mins")],
]
# Thoughts that are loud tonight are not a plan for tonight: the lines and
# "are you thinking of acting on them now?", not emergency services first.
_THOUGHTS_NOT_A_PLAN: List[Pattern] = [
    [
        _any("thoughts"),
        _any("are", "r", "have", "been", "getting", "so", "really", "feel"),
        *_gap(2),
        _any("loud", "louder", "bad", "worse", "strong", "heavy", "back", "dark", "intense"),
        *_gap(2),
        _any("tonight", "tonite", "2night"),
    ],
]
# A time long past, in the sentence that tells of an overdose or a note, makes
# it history: "took a bunch of pills 3 yrs ago" is a past attempt (the lines),
# not someone acting now (emergency services first).
_LONG_AGO: List[Pattern] = [
    [_any("years", "yrs", "yr", "year", "months", "month", "weeks", "week", "wks"), _any("ago")],
    [_any("last"), _any("year", "summer", "spring", "winter", "autumn", "christmas")],
    [_any("when"), _any("i"), _any("was", "were"), {"LIKE_NUM": True}],
    [
        _any("when"),
        _any("i"),
        _any("was", "were"),
        _OPT,
        _any("younger", "teenager", "teen", "kid"),
    ],
    [
        _any("when"),
        _any("i"),
        _any("was", "were"),
        _any("at", "in"),
        _any("uni", "school", "college"),
    ],
    [_any("back", "in"), _OPT, {"SHAPE": "dddd"}],
    [_any("as"), _any("a"), _any("teenager", "teen", "kid")],
]
# Alone only a concern (a gentle question); after an earlier disclosure the
# conversation makes it high (data/rules/safety.yml).
_SELF_HARM_CONCERN_OWN_NEGATION: List[Pattern] = [
    [
        _lemma("can", "ca"),
        _NOT,
        _any("do", "take", "handle"),
        _any("this", "it", "anything"),
        _OPT,
        _any("anymore", "any", "no"),
    ],
    [_lemma("can", "ca"), _NOT, _any("go", "keep"), _any("on", "going")],
    [_any("no", "not"), _any("way"), _any("out")],
    [_NOT, _lemma("see"), _OPT, _any("way"), _any("out")],
    [_any("nothing"), _any("matters")],
    [_any("not"), _any("being"), _any("here", "around", "alive")],
    [
        _NOT,
        _OPT,
        _lemma("see", "have", "find"),
        _any("any", "a", "no"),
        _any("reason", "point"),
        _any("to"),
        _any("get", "go", "keep", "carry", "wake"),
        _any("up", "on", "going"),
    ],
    [_NOT, _lemma("deserve"), _any("anything", "happiness", "love", "good")],
    # "i don't think i'll come out the other side of this one"
    [
        _NOT,
        *_gap(3),
        _lemma("come", "make", "get"),
        _OPT,
        _any("out", "through", "to"),
        _any("the"),
        _any("other"),
        _any("side"),
    ],
    # "some nights i dont really care what happens yknow", "...what happens to me"
    [_NOT, _OPT, _lemma("care"), _any("what"), _any("happens", "happen"), _any("to"), _any("me")],
    [
        _NOT,
        _OPT,
        _lemma("care"),
        _any("what"),
        _any("happens", "happen"),
        {"LOWER": {"IN": [".", "!", "yknow", "anymore", "tbh", "honestly", "lol", "tho", ","]}},
    ],
    [
        _NOT,
        _lemma("mind"),
        _any("if"),
        _OPT,
        _OPT,
        _any("died", "die", "crashed", "crash", "hit", "killed", "wake", "woke"),
    ],
    [_NOT, _lemma("deserve"), _any("to"), _any("be"), _any("happy", "loved")],
]
_SELF_HARM_CONCERN: List[Pattern] = [
    [_any("what"), _any("'s", "is", "s"), _any("the"), _any("point"), {"IS_PUNCT": True}],
    [_any("point"), _any("anymore")],
    [_any("point"), _any("of", "in"), _any("anything")],
    # "some nights i think whats even the point of any of it"
    [_any("point"), _any("of", "in"), _any("any"), _any("of"), _any("it", "this")],
    # Said as a last word ("whats even the point you know"), not of something.
    [
        _any("what"),
        _any("'s", "is", "s"),
        _any("even"),
        _any("the"),
        _any("point"),
        {"LOWER": {"IN": ["?", ".", "!", ",", "you", "tbh", "honestly", "anymore", "lol", "like"]}},
    ],
    [
        _any("tired", "exhausted", "sick"),
        _any("of"),
        _any("everything", "living", "life", "existing"),
    ],
    [_any("give", "giving", "gave"), _any("up"), _any("on"), _any("everything", "life", "myself")],
    [_any("want", "need"), _any("it", "everything", "the"), _OPT, _any("to"), _any("stop", "end")],
    [_any("a"), _any("burden")],
    [_any("easier", "better"), _any("for"), _any("everyone", "everybody"), _any("if"), _any("i")],
    # "it's getting like that again": the way it was before.
    [_lemma("feel", "get", "be"), _any("like"), _any("that"), _any("again")],
    [
        _any("those", "these", "the", "that"),
        _any("thoughts", "feelings", "place"),
        _any("are", "is"),
        _any("back", "coming"),
    ],
    [_any("dark"), _any("place", "thoughts")],
    [_any("thin", "skinny"), _any("enough")],
    # Giving one's things away is a known warning sign.
    [
        _lemma("give"),
        _any("away"),
        _any("all", "most"),
        _OPT,
        _OPT,
        _any("things", "stuff", "belongings", "possessions", "everything"),
    ],
    [
        _lemma("give"),
        _any("away"),
        _any("my"),
        _any("things", "stuff", "belongings", "possessions"),
    ],
    [
        _lemma("give"),
        _any("my", "all", "most"),
        _OPT,
        _any("things", "stuff", "belongings", "possessions"),
        _any("away"),
    ],
    # "i'm back in that place again"
    [
        _any("back"),
        _any("in", "to"),
        _any("that", "the", "this"),
        _OPT,
        _any("place", "headspace", "hole"),
        _any("again"),
    ],
]

# --- Harm to others ---------------------------------------------------------
_WEAPON = _any(*_FIREARMS, "knife", "machete", "crowbar", "bat")
_HURT_VERBS = _lemma(
    "kill", "stab", "shoot", "strangle", "murder", "choke", "punch", "smash", "batter", "attack"
)
# "i could kill him" is as often a figure of speech as a threat: the
# classifier and the bank weigh it, a pattern would be certain.
_HARM_TO_OTHERS: List[Pattern] = [
    [
        _any(
            "want",
            "wanna",
            "going",
            "gon",
            "gonna",
            "will",
            "'ll",
            "gunna",
            "plan",
            "planning",
            "wish",
        ),
        _OPT,
        _OPT,
        _HURT_VERBS,
        _OBJECT,
    ],
    [_HURT_VERBS, _any("his", "her", "their"), _any("new")],
    [
        _HURT_VERBS,
        _any("the"),
        _any("new"),
        _any("guy", "girl", "bf", "gf", "boyfriend", "girlfriend", "partner", "man", "woman"),
    ],
    [
        _lemma("break", "smash", "bust", "slam", "bash"),
        _any("his", "her", "their"),
        _any("jaw", "legs", "face", "nose", "teeth", "neck", "arm", "arms", "skull", "head"),
    ],
    [
        _lemma("beat", "knock", "kick"),
        _any("the"),
        _any("shit", "crap", "hell", "life"),
        _any("out"),
    ],
    [
        _lemma(
            "key", "slash", "scratch", "smash", "trash", "wreck", "vandalise", "vandalize", "egg"
        ),
        _any("his", "her", "their", "my ex's", "ex's"),
        _OPT,
        _any(
            "car",
            "truck",
            "ute",
            "tyres",
            "tires",
            "windows",
            "window",
            "windscreen",
            "house",
            "place",
            "flat",
            "stuff",
            "things",
            "clothes",
            "bike",
        ),
    ],
    [
        _lemma("burn", "torch"),
        _any("his", "her", "their"),
        _OPT,
        _any("house", "car", "flat", "place"),
    ],
    [_lemma("set"), _any("fire"), _any("to"), _any("his", "her", "their")],
    [_lemma("burn"), _any("down")],
    [
        _lemma("leak", "post", "share", "send", "spread", "upload", "expose"),
        _OPT,
        _THEIR,
        _OPT,
        _any("nudes", "nude", "naked", "sex", "intimate"),
    ],
    [
        {"LOWER": "i"},
        _any("know"),
        _any("where"),
        _any("he", "she", "they", "her", "his", "you"),
        _any("live", "lives", "works", "work", "sleeps", "parks", "new", "both"),
    ],
    # Not "make him regret leaving": as often mind games as menace.
    [_lemma("make"), _any("him", "her", "them"), _any("pay", "suffer", "bleed")],
    [_any("watch"), _any("his", "her", "their", "your"), _any("back")],
    [_lemma("ruin", "destroy"), _any("his", "her", "their"), _any("life", "lives")],
    [_lemma("run"), _any("him", "her", "them"), _any("over", "off")],
    # Menace: "just to scare him", "he'll find out what happens".
    [
        _any("to", "gonna", "wanna", "'ll", "ll", "will"),
        _lemma("scare", "frighten", "intimidate", "terrify"),
        _any("him", "her", "them"),
    ],
    [
        _any("he", "she", "they", "hes", "shes"),
        *_gap(3),
        _lemma("find"),
        _any("out"),
        _any("what"),
        _any("happens", "happen"),
    ],
    [_lemma("bring", "take", "grab", "use", "get"), _OPT, _OPT, _WEAPON],
    [_lemma("poison"), _any("him", "her", "them", "it", "his", "their", "a", "the")],
    [_lemma("cut", "tamper"), _OPT, _any("the", "his", "her", "their"), _any("brake", "brakes")],
    # "i'd put him in a wheelchair"
    [
        _lemma("put"),
        _OBJECT,
        _any("in", "into"),
        _OPT,
        _any("wheelchair", "hospital", "ground", "grave", "coma", "icu"),
    ],
    # "i just want the man she's seeing to have an accident. a proper one"
    [
        _WANT,
        *_gap(6),
        _any("to"),
        _any("have"),
        _any("an"),
        _any("accident"),
    ],
    # "i keep picturing driving into her new fella"
    [
        _lemma("drive", "crash", "plough", "plow", "swerve"),
        _any("into"),
        _OBJECT,
        _none_of(
            "street",
            "road",
            "drive",
            "driveway",
            "work",
            "town",
            "car",
            "house",
            "place",
            "village",
            "city",
        ),
    ],
    [
        _any("he", "she", "they", "him", "her", "them"),
        _lemma("deserve"),
        _any("to"),
        _any("be", "get"),
        _any("hurt", "beaten", "killed", "dead", "stabbed", "shot", "attacked"),
    ],
    [_any("he", "she", "they", "him", "her", "them"), _lemma("deserve"), _any("to"), _any("die")],
]

# Possessive threats, a known risk marker for intimate-partner homicide.
_HARM_TO_OTHERS_OWN_NEGATION: List[Pattern] = [
    [_any("if"), _any("i"), _lemma("can", "ca"), _NOT, _any("have"), _any("her", "him", "them")],
    [
        _any("nobody", "noone"),
        _OPT,
        _any("will", "can", "gets", "'ll", "is"),
        _OPT,
        _any("have", "get"),
        _any("her", "him", "them"),
    ],
    [
        _any("no"),
        _any("one"),
        _any("else"),
        _OPT,
        _any("will", "can", "gets", "'ll"),
        _any("have", "get"),
    ],
]

# --- Abuse the writer suffers -----------------------------------------------
_ABUSE: List[Pattern] = [
    [
        _PERSON,
        _OPT,
        _OPT,
        _lemma(
            "hit",
            "punch",
            "slap",
            "choke",
            "strangle",
            "kick",
            "beat",
            "smack",
            "rape",
            "assault",
            "shove",
            "push",
            "throttle",
            "molest",
            "abuse",
        ),
        _ME,
    ],
    [
        _lemma("threaten"),
        {"LOWER": "to"},
        _lemma(
            "kill",
            "hurt",
            "hit",
            "beat",
            "leak",
            "post",
            "share",
            "take",
            "out",
            "expose",
            "send",
            "show",
            "tell",
        ),
    ],
    [_lemma("threaten"), _ME],
    # "he said he'd kill me if i left": a threat reported, not a figure of speech.
    [
        _lemma("say", "tell", "swear", "text", "message", "scream", "shout"),
        _OPT,
        _any("he", "she", "they"),
        _any("'d", "d", "would", "will", "'ll", "ll", "gonna", "was"),
        _OPT,
        _lemma("kill", "hurt", "hit", "beat", "stab", "strangle"),
        _ME,
    ],
    [_AFRAID, {"LOWER": "of"}, _any("him", "her", "them")],
    [_AFRAID, {"LOWER": "of"}, {"LOWER": "my"}, _any(*_PARTNER_WORDS)],
    [_any("'ll", "will", "na", "to"), _lemma("make"), _ME, _lemma("pay", "regret")],
    [_AFRAID, {"LOWER": "to"}, _lemma("go"), _any("home", "back", "outside", "out")],
    [_any("fear", "afraid", "scared"), {"LOWER": "for"}, {"LOWER": "my"}, _any("life", "safety")],
    # Being tracked: "he put a tracker on my car" (but not "on my ex's phone").
    [_TRACKING, _any("on", "in"), {"LOWER": "my"}, {"LOWER": {"NOT_IN": list(_EXES)}}],
    [
        _lemma("put", "lay", "laid"),
        _any("his", "her", "their"),
        _any("hands", "hand"),
        _any("on"),
        _ME,
    ],
    [_any("got", "gets", "get", "getting"), _any("physical", "violent", "rough")],
    [_PERSON, _OPT, _OPT, _lemma("knock"), _ME, _any("about", "around")],
    [_lemma("choke", "strangle", "throttle", "punch", "headbutt", "smother"), _ME],
    [_lemma("hold", "pin"), _ME, _any("down", "against")],
    [_lemma("grab"), _ME, _any("by")],
    [
        _lemma("throw", "drag", "shove", "push", "slam"),
        _ME,
        _any("into", "against", "down", "across", "onto", "out"),
        _OPT,
        _any(
            "wall",
            "wardrobe",
            "door",
            "floor",
            "stairs",
            "table",
            "car",
            "ground",
            "bed",
            "mirror",
            "window",
            "fridge",
            "counter",
            "cupboard",
            "of",
        ),
    ],
    [
        _PERSON,
        _OPT,
        _OPT,
        _lemma("break", "crack", "fracture"),
        _any("my"),
        _any("nose", "rib", "ribs", "jaw", "arm", "wrist", "finger", "fingers", "tooth", "teeth"),
    ],
    [
        _lemma("control"),
        _OPT,
        _any("all", "the"),
        _any("my", "our", "the"),
        _any("money", "finances", "bank", "spending", "wages"),
    ],
    [
        _lemma("have"),
        _any("to"),
        _lemma("ask"),
        _any("him", "her", "them"),
        _any("for"),
        _OPT,
        _any("money", "cash"),
    ],
    [
        _PERSON,
        _OPT,
        _OPT,
        _lemma("slam", "smash", "bang", "shove", "push", "throw"),
        _any("my"),
        _any("head", "face"),
    ],
    [
        _PERSON,
        _OPT,
        _lemma("make"),
        _ME,
        _any("quit", "leave", "drop", "give"),
        _OPT,
        _any("my"),
        _any("job", "friends", "course", "uni", "college", "family", "work"),
    ],
    [_any("walk", "walking", "walked"), _any("on"), _any("eggshells", "egg")],
    [
        _PERSON,
        _OPT,
        _lemma("check", "go", "read"),
        _OPT,
        _any("my"),
        _any("phone", "texts", "messages", "email", "emails"),
    ],
    # "he used to check my phone and go through my bank app"
    [
        _PERSON,
        _any("used", "would", "kept", "always", "constantly", "'d", "d"),
        _OPT,
        _lemma("check", "go", "read", "look"),
        _OPT,
        _any("my"),
        _any(
            "phone",
            "texts",
            "messages",
            "email",
            "emails",
            "bank",
            "statements",
            "accounts",
            "whatsapps",
            "whatsapp",
            "dms",
            "snaps",
            "chats",
        ),
    ],
    # "i had to explain every purchase", "had to justify every penny"
    [
        _any("had", "have", "having"),
        _any("to"),
        _any("explain", "justify", "account"),
        _OPT,
        _any("every", "each", "all"),
        _any("purchase", "purchases", "penny", "pound", "receipt", "receipts", "payment", "spend"),
    ],
    [
        _lemma("take", "took", "control", "keep"),
        # "he keeps my phone", but not "i keep checking my phone"
        {
            "LOWER": {
                "NOT_IN": ["checking", "looking", "staring", "refreshing", "picking", "scrolling"]
            },
            "OP": "?",
        },
        _any("my"),
        _any("bank", "card", "money", "wages", "salary", "passport", "phone"),
    ],
    [
        _lemma("force", "pressure", "coerce"),
        _ME,
        _OPT,
        _any("into", "to"),
        _OPT,
        _any("sex", "have", "sleep"),
    ],
    [_PERSON, _OPT, _lemma("kill"), _any("himself", "herself", "themselves"), _any("if")],
    [
        _lemma("take"),
        _any("the", "my", "our"),
        _any("kids", "children", "baby", "son", "daughter"),
        _any("away"),
    ],
]
# Threats to share the writer's intimate images ("he said he'd post the pics
# i sent"): image-based abuse, sextortion when the writer is a minor.
# Violence described rather than named: "his hands round my throat", "threw
# the kettle at me", "held my head under the bath water", "came at me with a
# knife", "the choking only happened twice", "put me in hospital".
_ABUSE += [
    [
        _any("hands", "hand", "fingers"),
        _any("round", "around", "on"),
        _any("my"),
        _any("throat", "neck"),
    ],
    [
        _lemma("throw", "chuck", "hurl", "lob"),
        _OPT,
        _any(
            "plate",
            "plates",
            "mug",
            "cup",
            "glass",
            "bottle",
            "phone",
            "remote",
            "shoe",
            "shoes",
            "kettle",
            "chair",
            "lamp",
            "keys",
            "book",
            "pan",
            "knife",
            "stuff",
            "things",
            "something",
            "ashtray",
            "vase",
            "drink",
            "bowl",
            "laptop",
            "controller",
            "iron",
        ),
        _any("at"),
        _any("me"),
    ],
    [
        _lemma("throw", "chuck", "hurl", "smash", "break"),
        _OPT,
        _OPT,
        _any("at", "over"),
        _any("my"),
        _any("head", "face"),
    ],
    [
        _lemma("hold", "push", "press", "shove", "force"),
        _OPT,
        _OPT,
        _any("over", "under"),
        _any("my"),
        _any("face", "head", "mouth", "nose"),
    ],
    [
        _lemma("hold", "push", "shove", "force"),
        _any("my"),
        _any("head", "face"),
        _any("under", "into"),
    ],
    [
        _lemma("come", "go"),
        _any("at", "for"),
        _ME,
        _any("with"),
        _OPT,
        _any(
            *_FIREARMS,
            "knife",
            "knives",
            "bottle",
            "hammer",
            "bat",
            "belt",
            "scissors",
            "glass",
            "pan",
            "hairbrush",
            "fists",
        ),
    ],
    [
        _PERSON,
        _OPT,
        _OPT,
        _lemma("put", "land"),
        _ME,
        _any("in"),
        _OPT,
        _any("hospital", "a&e", "icu", "er"),
    ],
    [
        _any("the"),
        _any("choking", "strangling", "hitting", "slapping", "punching", "kicking"),
        _none_of("feeling", "feelings", "sensation", "game", "bag"),
    ],
    [
        _any("molestation", "restraining", "protective", "protection"),
        _any("order"),
        _any("on", "against"),
        _any("him", "her", "them", "my", "the"),
    ],
    # Control after the breakup: "he's been driving past my house every night".
    [
        _lemma("drive", "walk"),
        _any("past", "by"),
        _any("my"),
        _any("house", "flat", "place", "work", "home"),
        _any("every", "all"),
    ],
    # Money taken: "my ex took my whole wage every month".
    [
        _lemma("take"),
        _any("all", "my"),
        _OPT,
        _OPT,
        _any("wage", "wages", "salary", "paycheck", "paycheque", "benefits", "pay"),
    ],
    # Threats of suicide to stop someone leaving: "she said she'd hurt herself if i did it again".
    [
        _any("he", "she", "they"),
        _any("'d", "d", "would", "will", "'ll"),
        _lemma("kill", "hurt", "harm"),
        _any("himself", "herself", "themselves"),
        _any("if"),
    ],
]
_ABUSE += [
    # "she used to scratch my face when we argued", "my ex girlfriend bit me"
    [
        _PERSON,
        _OPT,
        _OPT,
        _lemma("scratch", "claw", "bite", "punch", "slap", "hit", "kick", "burn"),
        _any("my"),
        _any("face", "arm", "arms", "neck", "back", "head", "chest", "hand", "hands"),
    ],
    [_PERSON, _OPT, _OPT, _lemma("bite", "bit", "scratch", "headbutt", "stab"), _ME],
    [
        _lemma("throw", "shove", "push", "slam"),
        _ME,
        _any("into", "against", "down", "onto"),
        _OPT,
        _any(
            "banister",
            "bannister",
            "radiator",
            "sink",
            "bath",
            "tv",
            "cabinet",
            "dresser",
            "railings",
        ),
    ],
    # Control: "she always needed to know where i was", "check my google maps timeline".
    [
        _lemma("need", "have", "want", "demand", "insist"),
        _any("to"),
        _any("know"),
        _any("where"),
        _any("i"),
        _any("was", "am", "'m", "m", "were", "went"),
    ],
    [
        _PERSON,
        _OPT,
        _OPT,
        _lemma("check", "track", "watch", "follow", "monitor"),
        _any("my"),
        _OPT,
        _OPT,
        _any("location", "timeline", "whereabouts"),
    ],
    # "if i ever left he'd drive the car into a tree", "...he'd take the kids"
    [
        _any("if"),
        _any("i"),
        _OPT,
        _any("left", "leave", "went"),
        _OPT,
        _OPT,
        _any("he", "she", "they"),
        _any("'d", "would", "will", "'ll", "d"),
        _OPT,
        _lemma("kill", "hurt", "drive", "crash", "take", "make", "ruin", "end", "find", "burn"),
    ],
]
_IMAGES = _any(
    "nudes", "nude", "naked", "intimate", "pics", "pictures", "photos", "video", "videos"
)
_ABUSE += [
    [
        _any("he", "she", "they"),
        _any("'d", "d", "would", "will", "'ll", "ll", "gonna", "going", "to", "could"),
        _OPT,
        _lemma("post", "share", "leak", "send", "spread", "show", "upload"),
        _OPT,
        _any("my", "the", "those", "our"),
        _OPT,
        _IMAGES,
    ],
]
_ABUSE_OWN_NEGATION: List[Pattern] = [
    [
        _NOT,
        _any("allowed"),
        _any("a", "my", "any", "to"),
        _any("car", "phone", "money", "friends", "job", "bank", "card", "own"),
    ],
    [
        _NOT,
        _any("let", "allow", "allows"),
        _ME,
        _any("see", "go", "leave", "have", "talk", "work", "use", "out"),
    ],
    [
        _NOT,
        _any("allowed"),
        _any("to"),
        _any("see", "go", "leave", "have", "talk", "work", "use"),
    ],
]
# Pressure for sex or pictures: abuse of anyone, child abuse of a minor.
_SEXUAL_PRESSURE: List[Pattern] = [
    [_any("send", "sending", "sent"), _OPT, _any("nudes", "pics", "pictures", "photos", "nude")],
    [_lemma("ask", "keep", "beg", "pressure", "want"), _OPT, _OPT, _any("nudes", "pics", "nude")],
    [_lemma("touch"), _ME],
    [_lemma("make"), _ME, _any("do"), _any("stuff", "things", "something", "it")],
    [_lemma("touch"), _any("my")],
    [_any("have", "having", "had"), _any("sex")],
    [
        _lemma("shared", "share", "leak", "post", "spread"),
        _any("my"),
        _OPT,
        _any("nudes", "pics", "photos", "nude"),
    ],
]
_ADULT_PARTNER: List[Pattern] = [
    [_any(*_PARTNER_WORDS, "he", "she"), _any("is", "'s", "s"), _OPT, _any(*_ADULT_AGES)],
    [_any(*_PARTNER_WORDS), _any(*_ADULT_AGES)],
]

# The person writing wants to track or get into someone else's things: "how do
# i put a tracker on her car", "can i hack into his instagram".
_SURVEILLANCE: List[Pattern] = [
    [_TRACKING, _any("on", "in", "into"), _any("her", "his", "their")],
    [_TRACKING, _any("on", "in", "into"), {"LOWER": "my"}, _any(*_EXES)],
    [_lemma("slip", "hide", "stick", "plant"), _OPT, _TRACKING],
    [_any("spyware", "stalkerware", "keylogger")],
    [_any("signed", "logged"), _any("in", "into"), _OPT, _any("her", "his", "their")],
    [
        _any("i", "been"),
        _OPT,
        _lemma("sit", "park", "wait"),
        _OPT,
        _OPT,
        _any("outside", "opposite"),
        _any("her", "his", "their"),
    ],
    [
        _any("see", "find", "know", "check", "track"),
        _OPT,
        _any("where"),
        _any("he", "she", "they"),
        _OPT,
        _OPT,
        _any("goes", "going", "went", "lives", "living", "staying", "works"),
    ],
    # "can you find out where ryan lives now"
    [
        _any("find", "track", "look"),
        _any("out", "down", "up"),
        _any("where"),
        {"IS_ALPHA": True},
        _OPT,
        _any("lives", "living", "staying", "moved", "works", "is"),
    ],
    [_lemma("hack"), {"LOWER": "into", "OP": "?"}, _any("her", "his", "their")],
    # "log into his email", but not "get in her head".
    [_lemma("log", "get", "break"), _any("into", "in"), _any("her", "his", "their"), _DEVICE],
    [_any("her", "his", "their"), _any("password", "passcode", "pin", "login")],
    [
        _any("fake", "burner", "finsta"),
        _OPT,
        _any("account", "accounts", "profile", "profiles", "acc", "accs", "insta", "page"),
    ],
    [
        _lemma("track", "see", "check", "find"),
        _any("her", "his", "their"),
        _any("location", "whereabouts"),
    ],
    # "read her whatsapp", but not "whether i read his messages" (his to me).
    [
        _lemma("read", "see", "access", "check"),
        _any("her", "his", "their"),
        _any("dms", "emails", "whatsapp", "chats", "inbox"),
    ],
]
_MINOR: List[Pattern] = [
    [*_I_AM, _any(*_AGES)],
    [*_I_AM, {"LOWER": "only"}, _any(*_AGES)],
    [_any("turning", "turn"), _any(*_AGES)],
    [*_I_AM, {"LOWER": "in"}, _any("middle", "high", "junior"), {"LOWER": "school"}],
    [*_I_AM, {"LOWER": "in"}, {"OP": "?"}, _any("grade", "year")],
    [
        {"LOWER": "in"},
        _any("9th", "10th", "11th", "8th", "7th", "year"),
        _any("grade", "7", "8", "9", "10", "11", "12", "13"),
    ],
    [*_I_AM, _any("a", "only"), _any(*_AGES), _any("year", "yr", "yo")],
    # Forum-style age tags: "14f", "[15M]", "(16 m)", "15yo".
    [_AGE_TAG],
    [{"ORTH": {"IN": ["(", "["]}}, _any(*_AGES), _any("m", "f", "yo", "y/o")],
    [_PARENT, _OPT, _lemma("ground"), _ME],
    [_any("year"), _any("7", "8", "9", "10", "11", "12", "13"), _any("here")],
    [*_I_AM, _any("in", "at"), _any("sixth"), _any("form")],
    [_any("my"), _any("gcses", "gcse")],
    # "17 and just got dumped": an age first thing in the message.
    [{"IS_SENT_START": True, "LOWER": {"IN": _AGES}}, _any("and", ",", "f", "m", "yo")],
    [_any("got", "am", "'m", "m", "being", "been"), _any("grounded")],
]
# --- Look-alikes -------------------------------------------------------------
# Each cancels any risk phrase it overlaps and argues against the harms it
# looks like: after "i'd kill for a hug" the classifier's guess of a threat
# needs to be surer (heartwise/language/risk.py, denials).
_LOOKS_VIOLENT: List[Pattern] = [
    # "i've been killing myself at work"
    [_any("killing"), _MYSELF, _any("at"), _OPT, _any("work", "gym", "office", "job", "uni")],
    # "i'd kill for a hug", "killing it at work", "dying to know", "to die for"
    [_lemma("kill"), _any("for", "it", "time")],
    [_any("dying"), _any("to", "for", "of")],
    [_any("to"), _any("die"), _any("for")],
    # "i want to die of embarrassment"
    [_any("die"), _any("of"), _none_of("a", "an", "the", "my", "overdose", "it")],
    [_any("social"), _any("suicide")],
    [_any("suicide"), _any("rate", "rates", "statistics", "stats", "prevention", "awareness")],
    # "stop eating takeaways", not "i've stopped eating"
    [
        _lemma("stop"),
        _any("eating"),
        _any("junk", "takeaway", "takeaways", "crisps", "sugar", "chocolate", "meat", "so", "late"),
    ],
    [_any("it", "this", "that", "'s", "s", "is"), _any("killing"), _ME],
    # "i could murder a gin", "i'd kill a pint right now"
    [
        _lemma("murder", "kill"),
        _any("a", "an", "some", "the"),
        _OPT,
        _any(
            "gin",
            "pint",
            "pints",
            "drink",
            "curry",
            "pizza",
            "coffee",
            "takeaway",
            "beer",
            "wine",
            "vodka",
            "kebab",
            "burger",
            "brew",
            "cuppa",
            "glass",
            "bottle",
            "chippy",
            "sandwich",
            "tea",
            "cake",
            "nap",
            "bath",
        ),
    ],
    # "i could slap myself for texting him": self-reproach, not an act.
    [_any("could", "should"), _OPT, _lemma("hit", "slap", "kick", "punch"), _MYSELF],
    # Money, time and attention taken: "she took my whole wage", "took my whole weekend".
    [
        _any("took", "taken", "take", "takes"),
        _any("my", "all"),
        _any("whole", "entire", "my"),
        _any(
            "wage",
            "wages",
            "salary",
            "pay",
            "paycheck",
            "savings",
            "weekend",
            "day",
            "evening",
            "night",
            "life",
            "attention",
            "time",
        ),
    ],
    # "the no checking one is gonna kill me lol", "this week will kill me":
    # a thing, not a person, does the killing.
    [
        _any("it", "this", "that", "one", "thing", "week", "wait", "rule", "day", "part", "job"),
        _OPT,
        _any("will", "'ll", "ll", "gonna", "going"),
        _OPT,
        _lemma("kill"),
        _ME,
    ],
    [_any("could"), _lemma("murder", "kill"), _any("a", "an", "some")],
    [_any("the"), _any("death"), _any("of"), _ME],
    [_any("drop"), _any("dead")],
    [_lemma("shoot"), _ME, _any("a", "an")],
    # "i can't keep going round in circles", "can't keep going back to him":
    # worn out by the pattern, not by life ("can't go on like this" stays).
    [
        _lemma("can", "ca"),
        _NOT,
        _any("go", "keep"),
        _any("on", "going"),
        _any("round", "around", "back", "in", "over", "through"),
    ],
    # "i'm at the rooftop bar"
    [_lemma("roof", "rooftop"), _any("bar", "garden", "party", "pool", "restaurant")],
    # Drunk, not hurt: "got absolutely smashed at a gig".
    [_any("got", "get", "getting"), _OPT, _any("smashed", "wasted", "hammered", "battered")],
    # "i dont care if i wake up late tomorrow": a lie-in, not the wish.
    [_any("wake", "waking"), {"LOWER": "up"}, _any("late", "early", "at", "on", "in", "before")],
    # "the point of no contact", "what's the point of texting him"
    [
        _any("point"),
        _any("of", "in"),
        _any("texting", "messaging", "calling", "trying", "asking", "no", "talking"),
    ],
    # "overdosed on ben & jerry's", but not on pills or drugs
    [
        _lemma("overdose", "od"),
        _any("on"),
        _none_of(*_PILL_WORDS, *_DRUGS, *_DETERMINERS),
    ],
    # "my mum will kill me", "she'll kill me when she finds out": trouble at home.
    # (A parent named first: "he said he'd kill me" stays a threat.)
    [
        _any("mum", "mom", "mam", "dad", "parents", "nan", "teacher"),
        _OPT,
        _OPT,
        _any("will", "'ll", "ll", "gonna", "going", "would", "'d"),
        _OPT,
        _lemma("kill", "murder"),
        _ME,
    ],
    # "she can't stand him": dislike.
    [
        _any("ca", "can", "cant", "cannot"),
        _OPT,
        _any("stand", "stick"),
        _any("him", "her", "them", "each"),
    ],
]
_LOOKS_LIKE_ABUSE: List[Pattern] = [
    # "he hit me up", "she beat me to it"
    [_lemma("hit", "beat"), {"LOWER": "me"}, _any("up", "to")],
    # "she hit me with a 'we need to talk' text"
    [
        _lemma("hit"),
        _ME,
        _any("with"),
        _any("a", "the", "this", "that"),
        _any("text", "message", "dm", "call", "voice", "paragraph", "long", "we", "'", '"'),
    ],
    # "she hit me with 'maybe in another life'"
    [_lemma("hit"), _ME, _any("with"), _any("'", '"', "‘", "“")],
    # "she pushed me away": distance, not violence.
    [_lemma("push", "shove"), _ME, _any("away", "out", "aside")],
    # "she pushed me to finish my degree", not "pushed me to the ground"
    [_lemma("push"), _ME, _any("to"), _none_of("the", "a", "my", "his", "her", "their")],
    # "he beat me at mario kart", but not "he beat me at home"
    [_lemma("beat"), _ME, _any("at"), _none_of("home", "night", "work", "the")],
    [_lemma("knock"), _ME, _any("sideways", "for", "flat")],
    # "it hit me in the gut", "that punched me in the stomach"
    [_any("it", "that", "this"), _lemma("punch", "hit", "kick"), _ME],
    [_any("like"), _any("someone", "somebody"), _OPT, _lemma("punch", "hit", "kick", "stab"), _ME],
    # A parent taking a phone away is discipline, not coercive control.
    [_PARENT, _OPT, _lemma("take", "confiscate"), _OPT, _any("my")],
    [_lemma("stab"), _ME, _any("in"), _any("the"), _any("back")],
    # "my mum won't let me go to the party": house rules, not control.
    [_PARENT, _OPT, _OPT, _OPT, _any("let", "allow"), _ME],
    [_PARENT, _OPT, _OPT, _OPT, _OPT, _any("allowed")],
    # Friends holding the phone so the writer can't text the ex: help asked
    # for ("my mates would 100% take my phone if i asked"), not control.
    [
        _FRIENDS,
        *_gap(3),
        _lemma("take", "hold", "keep", "confiscate", "have"),
        _OPT,
        _any("my"),
    ],
    [_PERSON, _any("is", "'s", "s", "was"), _NOT, _any("dangerous", "violent")],
]
_LOOKS_LIKE_A_MINOR: List[Pattern] = [
    # "i'm 16 days into no contact", but not "i'm 16 years old"
    [*_I_AM, _any(*_AGES), _TIME_UNITS, _none_of("old")],
    [_any(*_AGES), _TIME_UNITS, _none_of("old")],
    # "our 14yo": the writer's child
    [_any("our", "my", "his", "her", "their", "a", "the"), _AGE_TAG],
    # "i'm in year 3 of uni"
    [
        {"LOWER": "in"},
        _any("year"),
        _OPT,
        _any("of", "at"),
        _any("uni", "university", "college", "my", "the", "med", "law"),
    ],
]
# The ex has someone new: the commonest fact after a breakup, and the
# training data's threats and surveillance are full of new partners.
_LOOKS_LIKE_JEALOUSY: List[Pattern] = [
    [
        _any("seeing", "dating", "with", "found", "met", "got"),
        _any("someone", "somebody"),
        _any("else", "new"),
    ],
]
# What each kind of look-alike argues against.
LOOK_ALIKES: Dict[str, Tuple[Category, ...]] = {
    "LOOKS_VIOLENT": (Category.SELF_HARM, Category.HARM_TO_OTHERS),
    "LOOKS_LIKE_ABUSE": (Category.ABUSE,),
    "LOOKS_LIKE_A_MINOR": (Category.MINOR,),
    "LOOKS_LIKE_JEALOUSY": (Category.HARM_TO_OTHERS, Category.SURVEILLANCE),
    "THOUGHTS_NOT_A_PLAN": (Category.NOW,),
}

# Each pattern label: the category of harm and the level it shows.
SIGNALS: Dict[str, Signal] = {
    "SELF_HARM_IMMINENT": Signal(Category.SELF_HARM, Level.IMMINENT),
    "SELF_HARM": Signal(Category.SELF_HARM, Level.HIGH),
    "SELF_HARM_OWN_NEGATION": Signal(Category.SELF_HARM, Level.HIGH),
    "MEANS": Signal(Category.SELF_HARM, Level.HIGH),
    "SELF_HARM_CONCERN": Signal(Category.SELF_HARM, Level.CONCERN),
    "SELF_HARM_CONCERN_OWN_NEGATION": Signal(Category.SELF_HARM, Level.CONCERN),
    "HARM_TO_OTHERS": Signal(Category.HARM_TO_OTHERS, Level.HIGH),
    "HARM_TO_OTHERS_OWN_NEGATION": Signal(Category.HARM_TO_OTHERS, Level.HIGH),
    "ABUSE": Signal(Category.ABUSE, Level.HIGH),
    "ABUSE_OWN_NEGATION": Signal(Category.ABUSE, Level.HIGH),
    "SEXUAL_PRESSURE": Signal(Category.SEXUAL_PRESSURE, Level.HIGH),
    "ADULT_PARTNER": Signal(Category.ADULT_PARTNER, Level.HIGH),
    "SURVEILLANCE": Signal(Category.SURVEILLANCE, Level.HIGH),
    "MINOR": Signal(Category.MINOR, Level.HIGH),
    "NOW": Signal(Category.NOW, Level.IMMINENT),
}
PATTERNS: Dict[str, Sequence[Pattern]] = {
    "SELF_HARM_IMMINENT": _SELF_HARM_IMMINENT,
    "SELF_HARM": _SELF_HARM,
    "SELF_HARM_OWN_NEGATION": _SELF_HARM_OWN_NEGATION,
    "MEANS": _MEANS,
    "SELF_HARM_CONCERN": _SELF_HARM_CONCERN,
    "SELF_HARM_CONCERN_OWN_NEGATION": _SELF_HARM_CONCERN_OWN_NEGATION,
    "HARM_TO_OTHERS": _HARM_TO_OTHERS,
    "HARM_TO_OTHERS_OWN_NEGATION": _HARM_TO_OTHERS_OWN_NEGATION,
    "ABUSE": _ABUSE,
    "ABUSE_OWN_NEGATION": _ABUSE_OWN_NEGATION,
    "SEXUAL_PRESSURE": _SEXUAL_PRESSURE,
    "ADULT_PARTNER": _ADULT_PARTNER,
    "SURVEILLANCE": _SURVEILLANCE,
    "MINOR": _MINOR,
    "NOW": _NOW,
    "LOOKS_VIOLENT": _LOOKS_VIOLENT,
    "LOOKS_LIKE_ABUSE": _LOOKS_LIKE_ABUSE,
    "LOOKS_LIKE_A_MINOR": _LOOKS_LIKE_A_MINOR,
    "LOOKS_LIKE_JEALOUSY": _LOOKS_LIKE_JEALOUSY,
    "THOUGHTS_NOT_A_PLAN": _THOUGHTS_NOT_A_PLAN,
    # Not a signal: it only dates another one (SafetyRules.signals).
    "LONG_AGO": _LONG_AGO,
}
# Labels whose phrases carry their own negation are left out ("don't want to
# wake up" is the risk, not its denial), and so are questions about means
# ("not asking for me, but how many pills...") and times.
NEGATABLE = tuple(
    label
    for label in SIGNALS
    if not label.endswith("_OWN_NEGATION") and label not in ("MEANS", "NOW")
)


# Labels about the writer's own acts and thoughts: "she wants to die" or
# "some guy set fire to his car" are someone else's (abuse patterns name the
# other person on purpose: "he hit me").
ABOUT_THE_WRITER = tuple(
    label
    for label in SIGNALS
    if label.startswith(("SELF_HARM", "HARM_TO_OTHERS")) or label in ("MEANS", "SURVEILLANCE")
)


class SafetyRules:
    """Finds risk signals in a lemmatised doc."""

    def __init__(self, vocab: Vocab) -> None:
        self._rules = PhraseRules(
            vocab,
            PATTERNS,
            negatable=NEGATABLE,
            about_the_writer=ABOUT_THE_WRITER,
            look_alikes={
                look_alike: [
                    label for label, signal in SIGNALS.items() if signal.category in argues_against
                ]
                for look_alike, argues_against in LOOK_ALIKES.items()
            },
        )

    def find(self, doc: Doc) -> List[Hit]:
        return self._rules.find(doc)

    def signals(self, doc: Doc) -> List[Tuple[Signal, Hit]]:
        """Every signal found, with the phrase that showed it; cancelled ones
        (negated, about someone else, or a look-alike) carry ``cancelled_by``.
        A look-alike reports, cancelled, each harm it looks like."""
        hits = self._rules.find_all(doc)
        long_ago = [hit for hit in hits if hit.label == "LONG_AGO"]
        found: List[Tuple[Signal, Hit]] = []
        for hit in hits:
            if hit.label in LOOK_ALIKES:
                found += [
                    (Signal(category, Level.HIGH), hit) for category in LOOK_ALIKES[hit.label]
                ]
            elif hit.label in SIGNALS:
                found.append((_dated(SIGNALS[hit.label], hit, long_ago, doc.text), hit))
        return found


def _dated(signal: Signal, hit: Hit, long_ago: Sequence[Hit], text: str) -> Signal:
    """An act of acting now, told in a sentence with a time long past, is a past attempt."""
    if signal != Signal(Category.SELF_HARM, Level.IMMINENT):
        return signal
    if any(_same_sentence(hit, when, text) for when in long_ago):
        return Signal(Category.SELF_HARM, Level.HIGH)
    return signal


def _same_sentence(a: Hit, b: Hit, text: str) -> bool:
    between = text[min(a.end_char, b.end_char) : max(a.start_char, b.start_char)]
    return not any(mark in between for mark in ".!?\n")
