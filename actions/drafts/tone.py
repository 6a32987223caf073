"""What tends to backfire in a message to an ex: blame, pressure, mind games,
guilt-trips and pleading. Worth changing, not a reason to stop."""

from __future__ import annotations

from typing import List

from actions.drafts.tokens import (
    AM,
    ANY,
    CANT,
    NOT,
    YOU,
    YOUR,
    I,
    i_will,
    lemmas,
    maybe,
    spelled,
    words,
    you_are,
    you_will,
)
from heartwise.language.matching import Pattern

BLAME: List[Pattern] = [
    [YOU, words("always", "never")],
    [YOUR, words("fault")],
    [words("because"), words("of"), YOU],
    [lemmas("blame"), YOU],
    [words("all", "this", "it"), lemmas("be"), words("on"), YOU],
    [YOU, lemmas("ruin", "destroy", "wreck", "break", "throw")],
    [YOU, lemmas("make"), words("me"), lemmas("cry", "hate", "miserable", "do", "sick")],
    *you_are(
        maybe("so", "such", "a", "an", "really", "just"),
        ANY,
        words(
            "selfish",
            "toxic",
            "cruel",
            "heartless",
            "liar",
            "manipulative",
            "narcissist",
            "narcissistic",
            "coward",
            "cheat",
            "cheater",
        ),
    ),
    [YOU, lemmas("cheat", "lie")],
    # "you just throw it away for HER??"
    [YOU, words("just"), lemmas("throw", "ruin", "destroy", "wreck")],
    [YOU, lemmas("make"), words("me"), words("like", "this")],
    [YOU, words("did"), words("this")],
    [words("because"), words("of"), words("something", "what"), YOU],
    [words("mess", "this", "it", "all", "that"), lemmas("be"), words("on"), YOU],
    [YOU, lemmas("turn"), ANY, ANY, words("against")],
    [YOU, words("were", "are", "'re", "r"), words("the"), words("one"), words("who")],
    [words("that's", "thats", "it's", "its"), words("on"), YOU],
    [words("your", "ur"), words("mess")],
    [YOU, words("made"), words("it")],
    # The dig: "pay on time for once", "late as usual".
    [words("for"), words("once")],
    [words("for"), words("a"), words("change")],
    [words("as"), words("usual")],
    [words("like"), words("always")],
    # "maybe you could actually fix the washing machine", "since u obviously
    # had time to sort ur new flat out"
    [YOU, words("could", "can", "might"), words("actually")],
    [words("obviously"), lemmas("have", "find", "make"), words("time")],
]
PRESSURE: List[Pattern] = [
    [words("if"), YOU, lemmas("do", "will", "wo"), NOT],
    [words("or"), words("else")],
    [
        words("or"),
        words("we're", "were", "we", "it's", "its", "i'm", "im", "i"),
        ANY,
        words("done", "over", "finished", "through"),
    ],
    [words("last"), words("chance")],
    [
        lemmas("answer", "reply", "respond", "text", "call", "ring", "pick"),
        words("me", "up", "back"),
        words("now", "immediately", "asap", "already", "today", "tonight"),
    ],
    [words("pick"), words("up"), words("your", "ur", "the"), words("phone")],
    [
        words("why"),
        words("aren't", "arent", "are", "r", "wo", "do"),
        ANY,
        ANY,
        lemmas("answer", "reply", "respond", "answering", "replying"),
    ],
    [I, lemmas("need", "deserve", "want"), words("an"), words("answer", "explanation")],
    *i_will(words("keep"), lemmas("call", "text", "message", "calling", "texting")),
    [I, AM, words("outside")],
    [lemmas("sit", "wait", "stand"), words("outside")],
    [NOT, words("going", "leaving"), ANY, words("til", "till", "until")],
    [lemmas("ultimatum")],
    [words("or"), words("that's", "thats"), words("it")],
    [words("or"), I, {"NORM": {"IN": ["will", "am", "m", "swear"]}}],
    [words("or"), words("ill", "imma")],
    [words("unless"), YOU],
    [I, words("mean"), words("it")],
    [I, AM, words("coming"), ANY, words("to", "round", "over")],
    [I, AM, lemmas("block"), YOU],
    [words("or"), {"NORM": "do"}, NOT, words("bother")],
    [words("turning", "turn"), words("up"), words("at")],
    [words("coming"), words("over", "round")],
    [words("dead"), words("serious")],
    # Telling them what they feel: "i know you still love me so stop pretending".
    [words("stop"), words("pretending")],
    [I, words("know"), YOU, maybe("still", "really", "secretly"), lemmas("love", "want", "miss")],
]
# Plain information in a practical message ("the school needs it by friday",
# "you need to sign the form"), pressure in a personal one.
DEMAND: List[Pattern] = [
    [YOU, words("have", "need", "must", "better", "gotta"), maybe("to")],
    [YOU, words("have"), words("until", "till", "til")],
    [YOU, lemmas("owe"), words("me")],
    [YOU, ANY, words("got"), words("until", "till", "til")],
]
DEADLINE: List[Pattern] = [
    [
        words("by", "before", "until", "till"),
        words(
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
            "end",
        ),
    ],
    [words("by", "before"), spelled(r"\d{1,2}(:\d\d)?(am|pm)")],
]
MIND_GAMES: List[Pattern] = [
    [I, ANY, words("seeing", "dating"), words("someone", "somebody", "other")],
    [words("been"), words("seeing", "dating", "talking"), words("someone", "somebody")],
    [I, ANY, words("met"), words("someone", "somebody")],
    [I, lemmas("do"), NOT, maybe("even"), lemmas("care")],
    [words("not"), words("that"), I, ANY, ANY, lemmas("care")],
    [words("not"), words("that"), YOU, ANY, lemmas("care")],
    [I, AM, maybe("so"), words("over"), YOU],
    *you_will(lemmas("regret", "miss", "see")),
    [
        words("someone", "somebody", "everyone", "people", "loads"),
        maybe("else", "of"),
        ANY,
        words("interested"),
    ],
    [
        words("my"),
        words("new"),
        words("gf", "bf", "girlfriend", "boyfriend", "partner", "man", "girl", "guy", "fella"),
    ],
    [
        words("having", "had"),
        words("so", "loads", "lots", "such", "the"),
        ANY,
        words("fun", "time"),
    ],
    [words("best"), words("night", "weekend", "time", "day", "week", "summer", "holiday", "sex")],
    [words("never"), words("been"), words("happier", "better")],
    [lemmas("think"), words("about"), YOU, words("once")],
    [words("replacement")],
    [words("better"), words("in"), words("bed")],
    [words("hanging", "hang", "hung"), words("out"), words("with"), YOUR],
    [lemmas("jealous")],
    [words("had"), words("such"), words("a"), words("laugh")],
    [lemmas("buy"), words("me")],
    [words("started", "been"), words("seeing", "dating")],
    [words("got"), words("a"), words("date")],
    [NOT, ANY, lemmas("think"), words("about"), YOU],
    [words("better"), words("than"), words("when"), words("we")],
    [words("downgrade")],
]
GUILT: List[Pattern] = [
    [words("after"), words("everything", "all"), I],
    # "if you had any decency you'd come home"
    [
        words("if"),
        YOU,
        words("had", "have", "'d", "d"),
        words("any"),
        words("decency", "shame", "respect", "heart"),
    ],
    # "I cant sleep, I cant eat": one's suffering laid at their door.
    [I, *CANT, words("sleep", "eat", "function", "breathe", "cope", "work")],
    [I, words("cant", "cannot"), words("sleep", "eat", "function", "breathe", "cope", "work")],
    [words("how"), words("could"), YOU],
    [I, lemmas("give"), ANY, words("everything")],
    [I, lemmas("give"), words("up"), words("everything")],
    [words("hope"), YOU, maybe("'re", "are", "r", "re"), ANY, words("happy")],
    [words("hope"), words("youre", "ur"), ANY, words("happy")],
    [YOU, lemmas("do"), NOT, maybe("even"), lemmas("care")],
    [YOU, words("never"), lemmas("love", "care")],
    [words("look"), words("what"), YOU, lemmas("do"), words("to"), words("me")],
    [words("thanks", "thank"), words("for"), words("nothing")],
    [lemmas("cry"), ANY, ANY, ANY, words("because"), words("of"), YOU],
    [words("kids", "children"), ANY, ANY, lemmas("cry", "ask", "miss")],
    [words("hope"), ANY, ANY, ANY, words("proud", "worth")],
    [
        words("in"),
        words("case"),
        YOU,
        ANY,
        words("wondering", "forgotten", "forgot", "interested", "care"),
    ],
    [words("even"), words("be"), words("bothered")],
    [
        words("after"),
        I,
        lemmas("nurse", "support", "pay", "give", "raise", "feed", "carry", "put", "sacrifice"),
    ],
    [
        words("grandchildren", "grandkids", "dog", "cat"),
        ANY,
        ANY,
        lemmas("cry", "ask", "miss", "wait"),
    ],
    [I, words("have", "'ve", "ve", "havent", "haven't"), ANY, ANY, lemmas("eat", "sleep")],
    [words("hope"), ANY, ANY, words("satisfied")],
    [words("hope"), words("every"), words("time")],
    [words("paying"), words("the"), words("price")],
    [lemmas("cry"), words("themselves", "herself", "himself", "myself")],
]
PLEADING: List[Pattern] = [
    [words("please", "pls", "plz"), ANY, words("come"), words("back")],
    # "you'd come home", "you should come back", not "when you come back from"
    [YOU, words("'d", "d", "would", "should"), words("come"), words("home", "back")],
    [words("come"), words("back"), words("to"), words("me")],
    [I, AM, lemmas("beg")],
    [lemmas("beg"), YOU],
    *i_will(words("do"), words("anything", "whatever")),
    *i_will(words("wait"), words("forever")),
    [words("one", "just"), words("more"), words("chance")],
    [words("please", "pls", "plz"), words("please", "pls", "plz")],
    [
        words("please", "pls", "plz"),
        {"NORM": "do"},
        NOT,
        lemmas("shut", "leave", "go", "give", "ignore", "block", "end", "throw", "do"),
    ],
    [*CANT, ANY, words("live", "breathe", "cope", "function"), words("without"), YOU],
    [{"NORM": "do"}, NOT, words("leave"), words("me")],
    *i_will(words("change")),
    [I, lemmas("need"), YOU],
    [words("anything"), words("please", "pls")],
    [words("please", "pls", "plz"), ANY, words("come"), words("home", "out", "over")],
    [lemmas("beg")],
    [words("on"), words("my"), words("knees")],
    [words("give"), words("me"), words("a", "another", "one"), ANY, words("chance", "go")],
    [I, lemmas("need"), YOU, words("so")],
    [words("one"), words("more"), words("go", "try")],
]
# Phrases that look like a problem and are not: "you're dead to me" is a
# goodbye, "i'd kill for a holiday" a wish, "it's not your fault" a kindness.
# A swipe at them or at their new partner: "hope ur enjoying ur new life with
# mr protein shake" (role-play: called "clear and practical" in a text asking
# for a PS5 and a late father's watch back), "i hope she's worth it".
DIG: List[Pattern] = [
    # Plain words ("your new partner") can be a kind wish; these are not.
    [YOUR, words("new"), words("life", "bloke", "fella", "lad", "squeeze", "toyboy", "toy")],
    [YOUR, words("new"), words("little")],
    # "hope gym boy can buy u ur own stuff now"
    [
        words("gym", "lover", "pretty", "toy", "golden", "rich", "mummy's", "mummys"),
        words("boy", "boi"),
    ],
    [words("loverboy", "toyboy", "gymboy")],
    [
        words("mr", "mister", "miss"),
        words(
            "protein",
            "perfect",
            "wonderful",
            "muscles",
            "gym",
            "personality",
            "moneybags",
            "fancy",
            "biceps",
            "abs",
            "popular",
            "amazing",
            "shake",
        ),
    ],
    [
        lemmas("hope"),
        words("he", "she", "they", "it"),
        maybe("'s", "is", "s", "was"),
        words("worth"),
    ],
]
HARMLESS: List[Pattern] = [
    [words("dead"), words("to"), words("me", "us")],
    [lemmas("kill"), words("for")],
    [words("watch"), YOUR, words("back"), words("pain", "injury", "posture")],
    [NOT, YOUR, words("fault")],
    # A boundary, not an ultimatum: "i think itd be best if u didnt come".
    [
        words("best", "better", "easier", "rather", "prefer"),
        words("if"),
        YOU,
        lemmas("do", "will", "wo"),
        NOT,
    ],
]
