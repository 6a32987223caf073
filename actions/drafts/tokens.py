"""Token pieces for the draft patterns. The pipeline splits and normalises
contractions: "won't" is "wo" (norm "will") + "n't" (norm "not"), "gonna"
is "gon" (norm "going") + "na" (norm "to"), "you're" is "you" + "'re"."""

from __future__ import annotations

from typing import Dict, List

from heartwise.language.matching import Pattern

Token = Dict[str, object]


def words(*options: str) -> Token:
    return {"LOWER": {"IN": list(options)}}


def lemmas(*options: str) -> Token:
    return {"LEMMA": {"IN": list(options)}}


def maybe(*options: str) -> Token:
    return {"LOWER": {"IN": list(options)}, "OP": "?"}


def spelled(regex: str) -> Token:
    """One token as angry people type it: "b*tch", "sl*t", "r3tard"."""
    return {"LOWER": {"REGEX": f"^(?:{regex})$"}}


_STAND_INS = "*@#!$%0-9_."


def censored(*roots: str) -> Token:
    """ "w*nker", "sk@nk", "m0ron", "tw@t": after the first letter, any letter
    may be a symbol or a digit, as long as at least one stays a letter."""
    options = []
    for root in roots:
        body = "".join(f"[{letter}{_STAND_INS}]" for letter in root[1:])
        options.append(f"{root[0]}(?=.*[a-z]){body}s?")
    return spelled("|".join(options))


NOT: Token = {"NORM": "not"}
ANY: Token = {"OP": "?"}
YOU = words("you", "u", "ya", "yu", "u.")
# "ur" is "your" and "you're" alike.
YOUR = words("your", "ur", "yr", "youre")
I: Token = {"LOWER": "i"}  # noqa: E741 (the word itself)
AM: Token = {"NORM": {"IN": ["am", "m"]}, "OP": "?"}
WILL: Token = {"NORM": {"IN": ["will", "going", "shall", "gunna", "gonna"]}}
TO: Token = {"NORM": "to", "OP": "?"}
CANT: List[Token] = [{"NORM": "can"}, NOT]
THEM = words("you", "u", "him", "her", "them")
THEIR = words("your", "ur", "his", "her", "their")
_I_LL = words("ill", "imma", "ima", "i'll")
_YOU_LL = words("u'll", "youll", "ull", "you'll")
_ARE: Token = {"NORM": {"IN": ["are", "r"]}, "OP": "?"}


def i_will(*rest: Token) -> List[Pattern]:
    """ "i'll", "i will", "i'm gonna", "ill", "imma", then ``rest``."""
    return [[I, AM, WILL, TO, *rest], [_I_LL, TO, *rest]]


def you_will(*rest: Token) -> List[Pattern]:
    return [[YOU, WILL, TO, *rest], [_YOU_LL, TO, *rest]]


def you_are(*rest: Token) -> List[Pattern]:
    """ "you're", "you are", "u r", "ur", "youre", then ``rest``."""
    return [[YOU, _ARE, *rest], [words("ur", "youre"), *rest]]
