"""What people say around a crisis reply: questions about the lines, and the
ordinary things said once the lines were given.

After the crisis lines, "ive called 111 and my brother is with me now", "ok
sorry its been a lot" and "can we talk about something else" are what a
person says next. Read alone they are nothing the classifier knows (the
fallback's "could you say it another way?"), a "no", or a draft to review;
the classifier even heard "my mum is coming over later" as hopelessness and
gave the lines again. Read after a crisis reply they are help reached, an
apology that needs none, and a wish for a break from the heavy part.
"""

from __future__ import annotations

import re
from typing import Optional

# Asking how calling works (what to say, texting instead, no name needed),
# or not wanting to call at all; the commonest fear, the police at the door;
# and whether it costs or shows on a bill someone else reads.
_ABOUT_THE_POLICE = re.compile(
    r"\b(police|cops|ambulance|sectioned|section me|lock me up|locked up|at my door|"
    r"emergency services|trace)\b"
)
_ABOUT_THE_BILL = re.compile(
    r"\b(phone bill|(my|the|their|our) bill|phone plan|cost(s)? (any )?money|does it cost|"
    r"is (it|texting|calling) free|charge(d)?|"
    r"(parents|mum|mom|dad|family|husband|wife) (would |will |might )?(find out|see|know))\b"
)
_ABOUT_THE_LINES = re.compile(
    r"\b(what (do|would|should|can) i (even )?(say|tell)|what if i (do ?n'?t|dont|cant|can'?t) "
    r"(know what to say|talk|speak)|do i (have|need) to (give|say|tell)|anonymous|my name|"
    r"(text|chat|email)( \w+)? instead|instead of (calling|a call|phoning|talking)|"
    r"without (calling|a call|phoning|talking)|hate (phone )?calls|"
    r"(scared|afraid|nervous|embarrassed) to (call|ring|phone|text)|"
    r"(do ?n'?t|dont|cant|can'?t) (talk|speak) on the phone|(do ?n'?t|dont) like (calling|the phone|phone)|"
    r"will they (call|tell|send|judge|think|record)|"
    r"(do ?n'?t|dont) (really )?want to (call|ring|phone|talk to) "
    r"(anyone|anybody|someone|them|a stranger))"
)
# "What would I even say to my sister" is about telling someone close, which
# the reply before asked about; the lines' own names make it about them again.
_SOMEONE_CLOSE = re.compile(
    r"\b(mum|mom|mam|dad|parents?|friends?|sister|brother|flatmate|roommate|housemate|"
    r"boss|teacher|ex|him|her|gf|bf|girlfriend|boyfriend|wife|husband)\b"
)
_THE_LINES = re.compile(
    r"\b(988|741741|116 ?123|samaritans|hotline|helpline|crisis line|the line|suicide line)\b"
)


def question_about_the_lines(text: str) -> Optional[str]:
    """The reply for a question about the crisis lines, if the text is one."""
    said = _plain(text)
    if _ABOUT_THE_POLICE.search(said):
        return "about_the_police"
    if _ABOUT_THE_BILL.search(said):
        return "about_the_bill"
    if not _ABOUT_THE_LINES.search(said):
        return None
    if _SOMEONE_CLOSE.search(said) and not _THE_LINES.search(said):
        return None
    return "about_the_lines"


# Help reached, or on its way: "i rang samaritans earlier", "ive called 111",
# "my brother is with me now", "my mum is coming over later", "im at my dads".
# A plan to call ("gonna ring that number") is answered elsewhere
# (heartwise/policies/safety_follow_up.py), and any "not yet" or "haven't"
# keeps this from reading as done.
_PEOPLE = (
    r"(?:mum|mom|mam|mother|dad|father|parents|brother|sister|bro|sis|friend|mate|bestie|best friend"
    r"|partner|flatmate|roommate|housemate|nan|nana|gran|grandma|grandad|aunt|auntie|uncle|cousin"
    r"|neighbou?r|boyfriend|girlfriend|husband|wife)"
)
_REACHED_HELP = re.compile(
    r"\b(?:called|rang|phoned|texted|messaged|spoke to|spoken to|talked to|got through to|been on to"
    r"|been to see|saw|seen)\b[^.?!]{0,30}"
    r"\b(?:111|999|911|988|112|000|741741|85258|samaritans|shout|(?:crisis )?line|helpline|hotline"
    r"|ambulance|gp|doctor|crisis team|the number|my " + _PEOPLE + r")\b"
    r"|\b(?:my |our )?" + _PEOPLE + r"(?:'s| is| s| has| will be|'ll be)\s+(?:\w+\s+)?"
    r"(?:here|with me|coming|on (?:his|her|their|the) way|staying|round|over|driving over)\b"
    r"|\b(?:i'?m|im|i am)\s+(?:now\s+)?(?:at|staying at|staying with|with|going to|heading to)\s+"
    r"(?:my |a )?" + _PEOPLE + r"(?:'?s)?\b"
)
_NOT_YET = re.compile(
    r"\b(?:not yet|haven'?t|havent|have not|hasn'?t|hasnt|didn'?t|didnt|did not|can'?t|cant|cannot"
    r"|couldn'?t|couldnt|won'?t|wont|no one|nobody|isn'?t|isnt|aren'?t|should i|will i|shall i"
    r"|gonna|going to call|going to ring)\b"
)
# "sorry for dumping all this on you", "ok sorry its been a lot".
_APOLOGY = re.compile(
    r"\b(?:sorry|soz|sry|apologies)\b[^.?!]{0,40}"
    r"\b(?:dump\w*|a lot|too much|so much|all this|ramb\w*|vent\w*|unload\w*|going on|spam\w*|crying"
    r"|heavy|dramatic|a mess|burden\w*|messages|long|this)\b"
    r"|^\W*(?:ok(?:ay)?\W+)?(?:sorry|soz|sry)\W*$"
    r"|\b(?:i'?m|im|i am|i feel like) (?:such )?a burden\b"
)
# "can we talk about something else", "i need to take my mind off it".
_SOMETHING_ELSE = re.compile(
    r"\b(?:talk|chat|speak) about (?:something|anything) else\b|\bchange (?:the )?subject\b"
    r"|\b(?:take|get) my mind off\b|\bdistract (?:me|myself)\b|\bneed a distraction\b"
)


def reached_help(text: str) -> bool:
    """Whether the person says they called for help or someone is with them."""
    said = _plain(text)
    return bool(_REACHED_HELP.search(said)) and not _NOT_YET.search(said)


_SOMEONE_NAMED = re.compile(r"\b(?:my )?" + _PEOPLE + r"\b")


def names_someone_close(text: str) -> bool:
    """ "my sister maybe. shes 40 mins away and has a toddler": who they
    could tell, asked after the lines."""
    return bool(_SOMEONE_NAMED.search(_plain(text)))


def apologises(text: str) -> bool:
    return bool(_APOLOGY.search(_plain(text)))


def wants_something_else(text: str) -> bool:
    return bool(_SOMETHING_ELSE.search(_plain(text)))


def _plain(text: str) -> str:
    return text.lower().replace("’", "'").strip()
