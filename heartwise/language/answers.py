"""Reading a short answer to a question Heartwise asked: yes, no, or "you
misread me".

The intent classifier reads each message alone, so "yes im at my mums" (to
"are you somewhere safe?") looks to it like a question about the bot, and
"yes please, keep that in my journal" like nothing it knows. What such a
message starts with says what it answers; the rest only adds to it.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Optional


class Reply(Enum):
    YES = "yes"
    NO = "no"


_YES = re.compile(
    r"^\W*(?:y(?:es+|ea+h?|ep|up|a|h|s)|sure|ok(?:ay)?|k|alright|aight|go on|go ahead|please|"
    r"definitely|of course|absolutely|why not|sounds good|that would help|"
    r"i'?d (?:like|love) (?:that|one|to)|let'?s (?:do it|go|try)|mhm+|uh[- ]?huh)\b",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^\W*(?:no+|nah|nope|not really|not now|not yet|not today|no thanks|maybe later|"
    r"i'?m (?:ok|okay|good|fine) thanks|i'?ll pass|pass)\b",
    re.IGNORECASE,
)
# Words after the yes or no that leave it a plain answer ("yes please",
# "sure, go on"), as opposed to a new request or a story.
_FILLER = re.compile(
    r"\b(?:please|pls|plz|thanks|thank you|ta|go on|go ahead|then|ok(?:ay)?|sure|why not|"
    r"i guess|i suppose|lol|haha|x+|tbh|honestly|that'?d be good|that would be good|"
    r"let'?s do (?:it|that)|sounds good|i'?d like that|id like that|one)\b",
    re.IGNORECASE,
)
# "ok, where were we": a request of its own after the yes.
_ASKS = re.compile(r"\b(?:where|what|how|why|when|who|which|can|could|should)\b", re.IGNORECASE)
# Words that take a reading back, rather than merely disagree with a reply.
SAYS_MISREAD = re.compile(
    r"\b(mis ?read|misunderst\w*|misinterpret\w*|not what i meant|did ?n[o']?t mean|"
    r"got (it|that|me) wrong|took (it|that|me) wrong|wrong idea|came out wrong|"
    r"(was|is) ?n[o']?t (abuse|abusive|like that)|not (abuse|abusive|like that)|"
    r"never (hurt|hit|touched|laid a (hand|finger) on) me|"
    r"never did (anything|any of that|that|owt)|nothing (like that|of the sort)|"
    r"(nobody|no ?one|no-one) (is |was |has )?(hurt|hit|abus)\w*|"
    r"(he|she|they) (never|did ?n[o']?t|did not) (hurt|hit|abuse)\w*|never said (he|she|they)|"
    # "i meant ending the RELATIONSHIP": the ending was of the relationship.
    r"meant (ending|end|finishing|leaving) (the |our |my )?(relationship|engagement|marriage|things))",
    re.IGNORECASE,
)

# "he's not like that, he just left": said to the abuse reply, a misread
# breakup; said anywhere else, only part of a story.
_NOT_LIKE_THAT = re.compile(
    r"\b(?:he|she|they)(?:'s| is| was|'re| are| were) not like that\b"
    r"|\b(?:he|she|they) just (?:left|ended it|dumped me|broke up with me)\b",
    re.IGNORECASE,
)


# "i'm not suicidal lol, it's a figure of speech", "he never abused me,
# he's just rubbish at texting": a risk denied, whether or not it was raised.
_DENIES_A_RISK = re.compile(
    r"\b(?:not|never been|wasn'?t|i'?m not) (?:suicidal|in danger|going to hurt (?:myself|anyone))\b"
    r"|\b(?:don'?t|dont|do not|never) (?:have|had|get) (?:any )?(?:thoughts|feelings) like (?:that|those)\b"
    r"|\bfigure of speech\b|\bnot (?:literally|being literal)\b|\b(?:only|just) (?:joking|a joke|an expression)\b",
    re.IGNORECASE,
)


# A message that is nothing but a request to stop what is going on: "scrap
# that, i dont want to do this anymore", "can we stop the questions". The
# whole message must say it, so "forget it, he's never going to change" is
# still a story.
_STOP_LEAD = (
    r"(?:(?:actually|honestly|ok(?:ay)?|nah|no|sorry|tbh|hmm+|um+|look|wait|right|yeah)\W+)*"
)
_STOP_WHAT = (
    r"(?: (?:this(?: one)?|these|that(?: one)?|them|it|the questions|the rest|here|now|for now))?"
)
_STOP = (
    r"(?:scrap (?:that|this|it)|forget (?:it|this|that)|never ?mind|stop"
    r"|i (?:don'?t|do not) (?:want|wanna|feel like) (?:to )?(?:do|doing|answer|answering|talk about"
    r"|talking about|carry on with|continue|continuing|go through|going through)"
    rf"{_STOP_WHAT}"
    r"|i (?:can'?t|cannot) do (?:this|these|the questions) (?:right )?now"
    rf"|(?:can|could) we (?:just )?(?:stop|not do this|leave it|skip){_STOP_WHAT}"
    rf"|(?:let'?s |lets )?(?:just )?(?:stop|leave it|skip){_STOP_WHAT}"
    r"|i'?m done(?: with (?:this|these|the questions))?"
    r"|not (?:doing|answering) (?:this|these|that))"
)
_STOP_TAIL = r"(?:\W+(?:any ?more|now|tonight|right now|for now|lol|sorry|tbh|pls|please|thanks|x+|honestly|ok(?:ay)?))*"
ASKS_TO_STOP = re.compile(
    rf"^\W*{_STOP_LEAD}{_STOP}(?:\W+{_STOP_LEAD}{_STOP})*{_STOP_TAIL}\W*$", re.IGNORECASE
)


def asks_to_stop(text: str) -> bool:
    return bool(ASKS_TO_STOP.match(text.strip()))


def denies_a_risk(text: str) -> bool:
    return bool(SAYS_MISREAD.search(text) or _DENIES_A_RISK.search(text))


# Said any time after an abuse reply, whatever the classifier heard: "jake did
# NOT treat me badly. there was no abuse. pls stop" (role-play: asked to say
# it again in other words, twice, with the guide locked). Not with a "but":
# "he never hit me but he checked my phone" is no correction.
_CLEARLY_NOT_ABUSE = re.compile(
    r"\b(?:there was|there's|there is|it was|it's) no abuse\b|\b(?:was|is)n'?t (?:abuse|abusive)\b"
    r"|\bnot abus(?:e|ive)\b|\b(?:didn'?t|did not|never) treat(?:ed)? me bad(?:ly)?\b"
    r"|\b(?:no ?one|nobody) (?:abused|hurt|hit) me\b|\byou (?:misread|misunderstood|got it wrong)\b",
    re.IGNORECASE,
)


# Behaviour excused rather than denied: "it wasnt abuse, he just gets
# anxious", after telling of a phone and a bank app checked. Not taken back.
_EXCUSED = re.compile(
    r"\b(?:he|she|they)(?:'s| is|'re| are)? (?:just|only) (?:\w+ ){0,2}"
    r"(?:anxious|insecure|jealous|stressed|protective|worried|scared|like that)\b"
    r"|\bjust how (?:he|she|they) (?:is|are)\b|\b(?:he|she|they) only (?:did|does) it because\b",
    re.IGNORECASE,
)


_MISREAD_IN_SO_MANY_WORDS = re.compile(
    r"\b(?:mis ?read|misunderst\w*|misinterpret\w*|not what i meant|got (?:it|that|me) wrong"
    r"|took (?:it|that|me) wrong|wrong idea)\b",
    re.IGNORECASE,
)


def clearly_not_abuse(text: str) -> bool:
    return (
        bool(_CLEARLY_NOT_ABUSE.search(text))
        and not re.search(r"\bbut\b", text, re.I)
        and not _EXCUSED.search(text)
    )


def takes_back_abuse(text: str) -> bool:
    """Whether a message said after the abuse reply says it misread them."""
    if _EXCUSED.search(text) and not _MISREAD_IN_SO_MANY_WORDS.search(text):
        return False
    return bool(SAYS_MISREAD.search(text) or _NOT_LIKE_THAT.search(text) or clearly_not_abuse(text))


def plain_reply(text: str, words_after: int = 4) -> Optional[Reply]:
    """A yes or a no with at most ``words_after`` words of its own after it,
    and no question: "yeah id like that", "nah not now thanks"; None when the
    message says more than an answer."""
    if "?" in text:
        return None
    for reply, opening in ((Reply.NO, _NO), (Reply.YES, _YES)):
        found = opening.match(text)
        if found:
            rest = _FILLER.sub(" ", text[found.end() :])
            if _ASKS.search(rest) or len(re.findall(r"[a-z']+", rest, re.I)) > words_after:
                return None
            return reply
    return None


def opens_with(text: str) -> Optional[Reply]:
    """The yes or no a message opens with, whatever follows it."""
    if _NO.match(text):
        return Reply.NO
    if _YES.match(text):
        return Reply.YES
    return None


# Not the story but something said about the conversation: a correction
# ("no, stop suggesting it"), thanks, or how it is going.
ABOUT_THE_CONVERSATION = re.compile(
    r"^\W*(?:no|nope|nah|again|stop|i said|please|ok(?:ay)?\W+(?:so|but))\b"
    r"|\b(?:stop (?:suggesting|saying|telling|asking)|don'?t want|dont want|not what i (?:said|meant|asked))\b"
    r"|\b(?:this|you|talking to you|this chat)\b[^.?!]{0,25}\b(?:help|helped|helps|helping|useful)\b"
    r"|\b(?:thank|thanks|thx|cheers|ta)\b",
    re.IGNORECASE,
)
QUESTION = re.compile(
    r"\?\s*$|^\s*(?:(?:wait|ok|okay|so|but|and|hm+|um+|well)\W+)?(?:how|what|why|when|where|who|which|should|can|could|would|will|is|are|do|does|did)\b"
    # Asked at the end of a story: "... ok last thing, how do i stop myself
    # drunk texting her at 1am fr" got "What happened after that?"
    r"|\b(?:how (?:do|can|should|would) (?:i|you|people)|what (?:should|do|can) i|should i"
    r"|is it (?:normal|ok|okay|bad|weird|wrong))\b",
    re.IGNORECASE,
)


# Asking something anywhere in the message, for a practical answer: "ok
# practical q. is it petty to block him", "...till march. how do we even do
# this", "any tips". Wider than QUESTION, which must not take a story with a
# question in passing for a question about the conversation.
_ASKS_ANYWHERE = re.compile(
    r"\?"
    r"|(?:^|[.!;:\n]\s*|,\s*|\b(?:so|but|and|ok|okay|like|also|tho|though|q)\W+)"
    r"(?:(?:would|should|could|will|can|shall|is|are|am|do|does|did)\s+\w+"
    r"|(?:how|what|whats|what's|why|when|where|who|which)\s+(?:(?:much|many|long|often|soon)\s+)?"
    r"(?:(?:do|does|did|can|could|should|would|will|is|are|am)\s+)?"
    r"(?:i|we|you|u|it|he|she|they|people|anyone|one|my|our|that|this|there|me|him|her|them|even)\b)"
    # "whats a good show to watch at 4am", at the start of a sentence.
    r"|(?:^|[.!;:\n]\s*)(?:whats|what's|what is|which)\s+(?:a|an|the|some|your|ur)\b"
    r"|\bany (?:tips|advice|ideas)\b|\b(?:idk|not sure|no idea|don'?t know) (?:how|what|whether|if)\b",
    re.IGNORECASE,
)


def asks_something(text: str) -> bool:
    return bool(QUESTION.search(text) or _ASKS_ANYWHERE.search(text))


def tells_the_story(text: str) -> bool:
    """A statement about what happened, not a question or something said
    about the conversation itself."""
    return not (QUESTION.search(text) or ABOUT_THE_CONVERSATION.search(text))


# Fewer words than this is too little to be heard as a story: "the thing" is
# unclear, and the fallback asks what was meant.
STORY_WORDS = 6


def tells_enough_of_the_story(text: str) -> bool:
    return len(text.split()) >= STORY_WORDS and tells_the_story(text)


# "stop suggesting it", "i already said i dont want that": an objection to
# something Heartwise suggested, owed an apology rather than a rephrasing.
_OBJECTS = re.compile(
    r"\bstop (?:suggesting|saying|telling me|asking|bringing (?:it|that) up)\b"
    r"|\bi (?:already )?(?:said|told you)\b[^.?!]{0,30}\b(?:don'?t|dont|do not|not)\b"
    r"|\bnot what i (?:said|meant|asked)\b",
    re.IGNORECASE,
)


def objects_to_a_suggestion(text: str) -> bool:
    return bool(_OBJECTS.search(text))
