"""What must never be sent, in any wording: threats (veiled ones most of all,
since they read as nothing to a keyword list), exposing someone, and the
insults and slurs that end any chance of being heard."""

from __future__ import annotations

from typing import List

from actions.drafts.tokens import (
    AM,
    ANY,
    CANT,
    NOT,
    THEIR,
    THEM,
    YOU,
    I,
    censored,
    i_will,
    lemmas,
    maybe,
    spelled,
    words,
    you_are,
    you_will,
)
from heartwise.language.matching import Pattern

_CENSORED = censored(
    "wanker",
    "tosser",
    "prick",
    "twat",
    "cunt",
    "slag",
    "skank",
    "slut",
    "whore",
    "bitch",
    "moron",
    "idiot",
    "retard",
    "dick",
    "bastard",
    "knob",
    "dickhead",
    "loser",
    "scumbag",
)
# "c u n t": the letters typed apart.
_SPELLED_OUT = [[words(letter) for letter in root] for root in ("cunt", "twat", "slag", "bitch")]
# Asterisks, digits and symbols stand in for letters.
_SLURS = spelled(
    "|".join(
        [
            "b[i1!*]tch(e?s|y)?",
            "biatch",
            "sl[u*]ts?",
            "slutty",
            "wh[o0*]res?",
            "hoes?",
            "skank(y|s)?",
            "slags?",
            "c(unt|[*]nt|u[*]t|[*][*]t|[*]{3})s?",
            "tw[a*]ts?",
            "d[i1*]ck(head)?s?",
            "pricks?",
            "(ass|arse|a[*]+)h[o0*]les?",
            "bastards?",
            "wankers?",
            "tossers?",
            "losers?",
            "idiots?",
            "morons?",
            "r[e3*]t[a4*]rd(ed|s)?",
            "spa(z|stic)",
            "psycho(path)?s?",
            "scum(bag)?s?",
            "f[a*]gg?([o*]t)?s?",
            "d[y*]kes?",
            "trann(y|ies)",
            "poofs?",
            "homos?",
            "n[i1*]gg(er|a|[*]r|[*]{2})s?",
            "fatass",
            "mongs?",
            "nonces?",
            "bimbos?",
            "home ?wreckers?",
            "skets?",
            "tramps?",
            "wasters?",
            "spongers?",
            "nutters?",
            "head ?cases?",
            "b[u*]tt?y",
        ]
    )
)
_NAMES = words(
    "cow",
    "pig",
    "snake",
    "rat",
    "freak",
    "creep",
    "slob",
    "leech",
    "parasite",
    "lump",
    "case",
    "tart",
    "bitch",
    "player",
    "thumb",
    "narcissist",
    "psycho",
    "shite",
    "sh*te",
    "joke",
    "troll",
    "clown",
)
_NAME_CALLING = words(
    "absolute",
    "stupid",
    "fat",
    "ugly",
    "lazy",
    "paranoid",
    "dirty",
    "lying",
    "selfish",
    "spoilt",
    "spoiled",
    "useless",
    "mental",
    "thick",
    "frigid",
    "cheap",
    "little",
    "precious",
    "disgusting",
    "filthy",
    "gormless",
    "spineless",
    "boring",
    "manky",
    "smelly",
    "sad",
)
INSULT: List[Pattern] = [
    [_SLURS],
    [_CENSORED],
    *_SPELLED_OUT,
    # Looks and character mocked: "the face of a horse", "a face like a slapped arse".
    [
        words("face", "personality", "brains", "brain", "charm", "iq", "manners", "body"),
        words("of", "like"),
        words("a", "an"),
    ],
    [words("looking"), words("thing")],
    [YOU, {**_NAME_CALLING, "OP": "*"}, _NAMES],
    [_NAME_CALLING, ANY, _NAMES],
    [words("absolute", "total", "complete", "utter"), _NAMES],
    [lemmas("get"), words("yourself"), words("sectioned")],
    [words("pathetic")],
    [words("piece"), words("of"), spelled("sh[i*!1]t|crap|trash|garbage")],
    [words("waste"), words("of"), words("space", "oxygen", "skin")],
    *you_are(ANY, ANY, words("disgusting", "worthless", "trash", "garbage", "vile", "repulsive")),
    *you_are(ANY, ANY, words("pathetic", "ugly", "stupid", "dumb", "useless", "fat", "thick")),
    [words("pathetic", "useless", "worthless"), words("excuse")],
]
# "i was such an idiot": said of oneself.
SAID_OF_ONESELF: List[Pattern] = [
    [
        I,
        words("was", "am", "'m", "m", "felt", "feel", "been"),
        ANY,
        words("a", "an", "such"),
        ANY,
        _SLURS,
    ],
    [lemmas("look", "feel"), words("like"), words("a", "an"), ANY, _SLURS],
    [I, words("was", "am", "'m", "m", "felt", "feel", "been"), ANY, words("pathetic")],
]
_HURT = lemmas("end", "destroy", "hurt", "kill", "smash", "ruin", "stab", "batter", "deck", "glass")
_PROPERTY = words(
    "car",
    "tyres",
    "tires",
    "windows",
    "house",
    "flat",
    "stuff",
    "things",
    "clothes",
    "lot",
    "everything",
    "bike",
    "van",
    "conservatory",
    "garden",
)
_WHEREABOUTS = words(
    "car",
    "gym",
    "shift",
    "time",
    "school",
    "pub",
    "route",
    "street",
    "road",
    "house",
    "flat",
    "work",
    "job",
    "office",
    "bus",
    "train",
    "class",
    "parents",
)
_THIRD_PARTY = words("he", "she", "they", "lads", "boys", "brother", "mates")
THREAT: List[Pattern] = [
    [lemmas("watch"), THEIR, words("back")],
    # "your new fella better start checking behind him".
    [
        lemmas("check", "look"),
        words("behind", "over"),
        words("you", "u", "him", "her", "them", "his", "your", "ur", "their"),
    ],
    *you_will(lemmas("regret")),
    [words("mark"), words("my"), words("words")],
    [lemmas("remember"), words("what"), lemmas("happen"), ANY, ANY, words("last")],
    [YOU, words("know"), words("what"), I, lemmas("do"), words("when", "if", "to")],
    [words("people", "anyone", "those", "whoever"), words("who"), lemmas("cross", "mess")],
    [lemmas("walk", "get"), words("away"), words("with", "from")],
    [words("nobody", "noone"), ANY, ANY, ANY, ANY, words("walks", "gets"), words("away")],
    [words("see"), words("soon"), words("enough")],
    [words("go", "goes", "going", "went"), words("up"), words("in"), words("flames", "smoke")],
    [lemmas("burn"), words("down")],
    [lemmas("make"), words("sure"), ANY, words("never"), lemmas("feel"), words("safe")],
    [I, words("know"), words("the"), words("venue", "address", "postcode", "hotel", "route")],
    [lemmas("want", "need"), words("to"), words("be"), words("careful")],
    # Someone else's fists offered: "he'd flatten you".
    [
        _THIRD_PARTY,
        words("'d", "will", "would", "'ll", "wd"),
        maybe("happily"),
        lemmas("flatten", "batter", "kill", "deck", "hurt", "smash", "sort", "do"),
        THEM,
    ],
    [lemmas("wait"), words("outside")],
    [words("before"), I, words("get", "come"), words("in", "round", "over", "there")],
    # Knowing where they are: "i know what time your shift finishes".
    [I, words("know"), words("where", "which", "when"), ANY, ANY, THEM],
    [I, words("know"), words("where", "which", "when", "what"), ANY, _WHEREABOUTS],
    [YOU, maybe("still"), lemmas("live"), words("at", "on"), {"LIKE_NUM": True}],
    [words("while"), words("you", "u", "he", "she", "they", "it", "its"), ANY, words("still")],
    [lemmas("enjoy"), ANY, ANY, ANY, ANY, words("while")],
    # Showing that one has been there: "drove past your new place".
    [lemmas("drive", "walk", "go", "come"), words("past", "by"), THEIR],
    [words("outside"), THEIR, ANY, words("house", "flat", "place", "work", "door", "window")],
    *you_will(words("pay"), words("for")),
    [lemmas("make"), THEM, words("pay")],
    *you_will(maybe("both", "all"), lemmas("be"), words("sorry")),
    *you_will(lemmas("get"), words("what"), ANY, words("coming")),
    *you_will(words("find"), words("out"), words("what"), ANY, lemmas("happen")),
    [YOU, {"NORM": "will"}, {"NORM": "not"}, words("like"), words("how", "what")],
    [words("wait"), words("and"), words("see"), words("what"), lemmas("happen")],
    [{"NORM": "will"}, {"NORM": "not"}, lemmas("see"), words("it"), words("coming")],
    [words("sleep"), words("with"), words("one"), words("eye"), words("open")],
    [THEIR, words("days"), words("are"), words("numbered")],
    [words("careful"), ANY, ANY, ANY, words("if"), I, words("were", "was")],
    [words("careful"), words("walking", "driving", "going"), ANY, words("home")],
    [words("should", "better", "'d"), words("be"), words("careful")],
    [words("better"), words("hope", "pray", "watch")],
    [words("accidents"), ANY, ANY, ANY, lemmas("happen")],
    [words("shame", "pity"), words("if")],
    [words("something"), words("bad"), ANY, ANY, lemmas("happen")],
    [words("make"), words("sure"), words("of"), words("it")],
    [words("out"), words("of"), THEIR, words("hide", "skin")],
    [words("long"), words("memory")],
    [I, ANY, lemmas("see", "know"), words("where"), words("he", "she", "they", "you", "u")],
    [words("know", "knows"), words("a"), words("lot"), words("of"), words("people")],
    [words("people"), I, words("know")],
    [NOT, words("be"), lemmas("ask"), words("twice")],
    [words("in"), words("pieces")],
    [words("see"), words("right"), words("in")],
    [words("any"), words("sense")],
    [lemmas("watch"), words("yourself")],
    [
        words("you", "u", "he", "she", "they"),
        {"NORM": "will"},
        NOT,
        words("be"),
        words("walking", "going", "driving", "smiling"),
    ],
    *i_will(
        lemmas("break"),
        ANY,
        words("bone", "bones", "leg", "legs", "arm", "arms", "neck", "jaw", "nose"),
    ),
    [lemmas("lay"), words("a", "one"), words("finger")],
    [
        words("going", "go", "goes"),
        words("in", "on"),
        words("the"),
        words("canal", "river", "bin", "skip", "fire", "bonfire"),
    ],
    # Warnings that leave the rest to the imagination.
    [lemmas("warn"), YOU],
    [words("consider"), words("yourself"), words("warned")],
    [words("nothing"), ANY, words("to"), words("lose")],
    [NOT, words("bluffing")],
    [words("think"), words("carefully")],
    [words("think"), words("about"), words("that"), words("before")],
    [words("next"), words("time"), I, lemmas("see")],
    [words("teeth"), ANY, words("off", "out"), ANY, words("floor")],
    [lemmas("get"), words("keyed", "slashed", "smashed", "torched")],
    [
        words("going", "gon"),
        words("to", "na"),
        lemmas("have"),
        ANY,
        ANY,
        words("problem", "problems"),
    ],
    [words("hope"), ANY, ANY, ANY, ANY, words("insurance", "insured")],
    *you_are(words("dead")),
    [words("dead"), words("man", "woman"), words("walking")],
    # "if i can't have you, nobody can": a known risk marker.
    [words("if"), I, *CANT, lemmas("have"), THEM],
    *i_will(ANY, _HURT, THEM),
    *i_will(ANY, lemmas("smash", "punch", "kick", "break", "batter", "cave"), THEIR, ANY),
    *i_will(lemmas("find", "get"), words("you", "u", "ya")),
    *i_will(words("put"), THEM, words("in", "through"), words("hospital", "the")),
    [lemmas("make"), THEIR, words("life"), words("hell", "a")],
    [lemmas("meet", "see"), THEM, words("outside")],
    [words("if"), I, lemmas("see"), THEM, ANY, ANY, words("ill", "imma", "i")],
    # Property, named with what would be done to it.
    [
        lemmas("key", "slash", "smash", "torch", "burn", "trash"),
        words("the", "your", "ur", "his", "her", "their", "all"),
        ANY,
        _PROPERTY,
    ],
    [I, AM, words("burning", "torching", "smashing", "slashing", "trashing")],
    [
        lemmas("end"),
        words("up"),
        words("slashed", "smashed", "burnt", "burned", "keyed", "torched", "hurt", "dead"),
    ],
    [THEIR, words("car", "house"), lemmas("be"), ANY, words("insured")],
]
# Who would be shown or told.
AUDIENCE = frozenset(
    "everyone everybody boss wife husband mum mom dad parents family church school friends "
    "manager hr gf bf girlfriend boyfriend fiance fiancé fiancee internet world facebook insta "
    "instagram tiktok twitter story page village whole neighbours bird fella missus hmrc "
    "probation employer colleagues congregation followers insurer cafcass judge officer "
    "club lads estate".split()
)
AUDIENCE_WORDS = AUDIENCE
# Those whose knowing would cost them a job, a marriage, their freedom.
SENSITIVE = words(
    *"boss manager employer hr probation hmrc wife husband fiance fiancé fiancee church "
    "congregation insurer cafcass council landlord".split()
)
_PLATFORMS = words(
    *"reddit facebook fb insta instagram tiktok twitter snapchat youtube onlyfans online "
    "internet whatsapp storytime".split()
)
_CORRESPONDENCE = words(
    *"thread messages texts convo conversation chats dms emails voice notes letters".split()
)
# Showing the world what was private, or threatening to.
_PRIVATE = spelled(
    "pics?|pictures?|photos?|nudes?|videos?|vids?|screenshots?|snaps?|recordings?|receipts?"
    "|cop(y|ies)|sexts?|selfies?|footage"
)
_READ_BY_OTHERS = lemmas(
    "post", "share", "send", "show", "leak", "upload", "forward", "spread", "put"
)
EXPOSURE: List[Pattern] = [
    *i_will(ANY, _READ_BY_OTHERS, ANY, ANY, _PRIVATE),
    # Private messages made public: "posting the whole thread", "printing out ur messages".
    [
        spelled(
            "(post|shar|leak|upload|forward|print|screenshot|stick|stuck)(e|es|s|ed|ing|ting|ted|ped)?"
        ),
        ANY,
        ANY,
        ANY,
        ANY,
        _CORRESPONDENCE,
    ],
    [
        words("go", "goes", "going", "end", "ends"),
        maybe("up"),
        words("on", "in"),
        maybe("the"),
        _PLATFORMS,
    ],
    [_PLATFORMS, ANY, ANY, ANY, words("about"), words("you", "u", "us", "him", "her")],
    [
        lemmas("email", "ring", "call", "contact", "message", "report", "tell", "text", "write"),
        maybe("to"),
        THEIR,
        ANY,
        SENSITIVE,
    ],
    [
        THEIR,
        words(*sorted(AUDIENCE_WORDS), "mam", "nan"),
        lemmas("get"),
        ANY,
        ANY,
        ANY,
        words(
            "call", "visit", "letter", "email", "pics", "photos", "videos", "screenshots", "message"
        ),
    ],
    *i_will(
        lemmas("tell", "show", "ring", "email", "message", "inform", "text"),
        THEIR,
        ANY,
        words(*sorted(AUDIENCE_WORDS), "mam", "nan"),
        words("about", "what", "everything", "exactly", "that", "how"),
    ),
    [I, AM, words("telling", "showing", "sending"), ANY, words("everything", "all", "lot")],
    [
        words("deserves", "deserve"),
        words("to"),
        words("know"),
        words("exactly", "what", "who", "the"),
    ],
    [words("names"), words("included")],
    [words("tip"), words("line", "off")],
    [
        I,
        AM,
        words("posting", "sharing", "sending", "leaking", "uploading", "showing", "forwarding"),
    ],
    [I, ANY, maybe("still"), lemmas("have", "keep", "save", "get"), ANY, ANY, _PRIVATE],
    [
        lemmas("make"),
        words("sure"),
        ANY,
        ANY,
        ANY,
        words("knows", "know", "hears", "finds", "sees"),
    ],
    [words("going", "goes", "go"), words("straight", "to"), ANY, words(*sorted(AUDIENCE))],
    [{"NORM": "will"}, NOT, words("go"), words("up")],
    [
        _PRIVATE,
        ANY,
        ANY,
        ANY,
        ANY,
        words("going", "go", "goes"),
        words("straight", "to", "up", "on", "in", "round", "out"),
    ],
    [words("going", "go", "goes"), words("up", "live"), words("on")],
    [
        words("wonder"),
        words("what"),
        ANY,
        ANY,
        ANY,
        ANY,
        ANY,
        ANY,
        words("would", "'d"),
        lemmas("say", "think"),
    ],
    [
        I,
        AM,
        words("telling", "showing", "handing", "giving", "sending"),
        ANY,
        ANY,
        ANY,
        words(*sorted(AUDIENCE_WORDS)),
    ],
    [NOT, lemmas("see", "hear"), words("any", "all"), words("of"), ANY, ANY, words("yet")],
    [
        lemmas("post", "put", "share", "spread"),
        words("it", "them", "everything", "this"),
        words("on", "all", "online", "everywhere"),
    ],
    [lemmas("expose")],
    [
        lemmas("ruin", "destroy", "wreck"),
        THEIR,
        words("reputation", "career", "marriage", "name", "job"),
    ],
    [words("go", "going"), words("public")],
    [
        words("would", "'d"),
        words("hate", "love"),
        words("for", "to"),
        ANY,
        ANY,
        lemmas("hear", "know", "see", "find"),
    ],
]
# A message that ends on a tag question about their life ("your brother works
# nights, doesn't he") is a veiled threat when it names where they are or who
# they love (see review.py).
TAG_QUESTION = (
    r"\b(?:doesn'?t|does|isn'?t|is|hasn'?t|has|wouldn'?t|won'?t|aren'?t|didn'?t|don'?t|dont|"
    r"can'?t)\s+(?:he|she|it|they|you|ya|u|there)(?:\s+[a-z]+)?\s*(?:[.?!…]|$)"
)
THEIR_WORLD = frozenset(
    "house flat place work job office floor shift car kids children son daughter mum mom "
    "dad brother sister family parents nan gran street road school gym dog cat new".split()
)

# "everyone at church is going to know exactly what kind of man you are": an
# audience, then what it will learn (see review.py).
REVEALING = frozenset("know hear learn find read interested fascinated say think".split())
# Between the audience and what it learns: "will", "is going to", "would love to".
TO_COME = frozenset("will 'll going gon gonna would 'd to".split())
