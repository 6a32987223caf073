"""Things the classifier takes for harm that want a reply in proportion:
posting the ex's messages for everyone to see, and checking on what the ex
shares.

Posting.
"im this close to putting the screenshots on my insta story" is revenge, and
the classifier hears a threat in it: the harm-to-others reply then offered
999 and a line for people who abuse, to someone who had been cheated on. And
"is posting them a bad idea? like legally" got the list of what Heartwise
can do, "should i post them yes or no" advice on mind games. This policy
answers such messages with what posting tends to cost the person who posts,
and what else could meet the wish behind it.

Checking. "is it weird that i check her snap map every hour??" got the
refusal meant for hacking an account: "it crosses their privacy and often
the law", and the person felt treated like a criminal. Looking at what
someone still shares with you (a map they share, their stories, their
profile) is common after a breakup and worth easing off, not a crime; the
reply says so. Getting into their accounts, trackers and spyware keep the
refusal (the rules), and so does anything the safety net found in words.

Turning up. "surprise visit at her office with peonies... would that work"
got advice on courtesy, and "so thats a yes then. ill go friday" was
approved as a plan; "i drive past his apartment at night to see if her car
is there" got 911. Turning up unannounced, or keeping watch from outside,
is answered for what it does to both of them.

Intimate pictures are another matter: sharing them, or threatening to, is a
crime and gets the harm-to-others protocol from the rules, as does anything
the safety net found in words (a pattern or the bank), not by the
classifier's guess alone.
"""

from __future__ import annotations

import re
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.policies.context_policy import (
    Answer,
    ContextPolicy,
    answers_a_safety_question,
    reply_before_this_message,
    risk_beyond_a_guess,
    typed_message,
)

POSTING = "utter_posting_about_them"
CHECKING = "utter_checking_on_them"
TURNING_UP = "utter_turning_up"
# Arriving unasked where they live or work, or watching it from outside.
UNASKED_VISIT = re.compile(
    r"\b(?:turn(?:ing)? up|show(?:ing)? up|rock(?:ing)? up|go(?:ing)? round|go(?:ing)? over|surprise visit"
    r"|surprise (?:her|him|them))\b(?:\s+\w+){0,4}?\s+(?:at|to|outside|round)\s+(?:her|his|their|the)\b"
    r"[^.?!]{0,30}\b(?:work|office|house|flat|apartment|place|door|job|gym|parents|halls|dorm|room)\b"
    # "should i just turn up there tonight", "go to her halls", "round to hers"
    r"|\b(?:turn(?:ing)? up|show(?:ing)? up|rock(?:ing)? up)\s+(?:there|tonight|unannounced|at hers|at his)\b"
    r"|\bgo(?:ing)? (?:to|round to|over to) (?:her|his|their) (?:halls|dorm|flat|house|place|work|office)\b"
    r"|\b(?:go(?:ing)?|come|coming) (?:round|over) to (?:hers|his)\b|\bunannounced\b"
    r"|\b(?:drive|driving|drove|walk|walking|walked)\s+past\s+(?:her|his|their|the new \w+'s)\b"
    r"|\b(?:park|parked|parking|sit|sitting|wait|waiting)\s+outside\s+(?:her|his|their)\b",
    re.IGNORECASE,
)
# What they share themselves, looked at: "her snap map", "his stories".
WHAT_THEY_SHARE = re.compile(
    r"\b(?:snap ?map|location|stories|story|insta(?:gram)?|profile|tiktok|facebook|posts?|last seen|online status|spotify|strava)\b",
    re.IGNORECASE,
)
LOOKING = re.compile(
    r"\b(?:check\w*|look\w* at|look\w*|watch\w*|stalk\w*|keep seeing|see if|seeing if|refresh\w*)\b",
    re.IGNORECASE,
)
# The habit asked about as one's own, whatever the classifier heard: "i keep
# checking his instagram and even his spotify. is that normal" got advice on
# reaching out to him.
OWN_HABIT = re.compile(
    r"\b(?:i|im|i'?m)\b[^.?!]{0,20}\b(?:keep|always|still|can'?t stop|constantly)\b[^.?!]{0,15}"
    r"\b(?:check\w*|look\w*|stalk\w*|refresh\w*|watch\w*)",
    re.IGNORECASE,
)
ASKS_IF_NORMAL = re.compile(
    r"\bis (?:that|it|this) (?:normal|bad|weird|ok|okay|healthy|mental)\b|\?", re.IGNORECASE
)
# Their accounts, devices or whereabouts got at without their say.
INTRUDING = re.compile(
    r"\b(?:hack\w*|log(?:ged|ging)? ?in\w*|password\w*|spyware|tracker|airtag|gps|her phone|his phone"
    r"|their phone|read (?:her|his|their) (?:messages|texts|dms)|fake account|burner|follow (?:her|him|them) home"
    r"|drive past|outside (?:her|his|their))\b",
    re.IGNORECASE,
)
THEIR_MESSAGES = re.compile(
    r"\b(?:screenshots?|screen ?shots?|receipts|texts|messages|msgs|dms|chats?|voice ?notes?|emails?)\b",
    re.IGNORECASE,
)
# The writer making them public: "putting them on my insta story", "should
# i post them", "send the screenshots to his mates" (not "he posted").
MAKING_PUBLIC = re.compile(
    r"\b(?:i|im|i'm|i'd|i'll|ill|should i|could i|can i|gonna|going to|tempted to|want to|wanna)\b"
    r"[^.?!]{0,40}\b(?:post\w*|put(?:ting)? (?:them|it|those|the \w+) (?:on|up)|shar(?:e|ing)|upload\w*"
    r"|expos\w*|leak\w*|send(?:ing)? (?:them|it|those|the \w+) to (?:everyone|all|his|her|their|the))\b",
    re.IGNORECASE,
)
# "if posting the screenshots is a bad idea": weighing it up.
WEIGHING_IT = re.compile(
    r"(?<!he's )(?<!she's )(?<!they're )\b(?:posting|sharing|leaking|exposing|putting up)\s+(?:the |his |her |their |those )?"
    r"(?:screenshots?|texts|messages|msgs|dms|chats?|receipts)\b",
    re.IGNORECASE,
)
# "should i post them yes or no", "would it backfire", said right after.
STILL_ABOUT_IT = re.compile(r"\b(?:post\w*|backfire|share\w*|screenshots?)\b", re.IGNORECASE)
INTIMATE = re.compile(
    r"\b(?:nudes?|naked|pics?|photos?|pictures?|videos?|vids?|intimate|sexts?|tapes?)\b",
    re.IGNORECASE,
)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class ProportionPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        if answers_a_safety_question(tracker):
            return None
        if wants_to_post_their_messages(tracker):
            return POSTING, []
        if checks_what_they_share(tracker):
            return CHECKING, []
        if visits_unasked(tracker):
            return TURNING_UP, []
        return None

    def after(self, action: Optional[str]) -> Optional[str]:
        return ACTION_LISTEN_NAME if action in (POSTING, CHECKING, TURNING_UP) else None


def visits_unasked(tracker: DialogueStateTracker) -> bool:
    message = typed_message(tracker)
    if message is None or risk_beyond_a_guess(message.parse_data):
        return False
    return bool(UNASKED_VISIT.search(message.text or ""))


def checks_what_they_share(tracker: DialogueStateTracker) -> bool:
    """Looking at what the ex still shares, read by the classifier as a
    request to spy on them, or asked about as one's own habit."""
    message = typed_message(tracker)
    if message is None or risk_beyond_a_guess(message.parse_data):
        return False
    text = message.text or ""
    asks_about_the_habit = OWN_HABIT.search(text) and ASKS_IF_NORMAL.search(text)
    if (message.intent or {}).get("name") != "request_surveillance" and not asks_about_the_habit:
        return False
    return bool(WHAT_THEY_SHARE.search(text) and LOOKING.search(text)) and not INTRUDING.search(
        text
    )


def wants_to_post_their_messages(tracker: DialogueStateTracker) -> bool:
    message = typed_message(tracker)
    if message is None or risk_beyond_a_guess(message.parse_data):
        return False
    text = message.text or ""
    if INTIMATE.search(text):
        return False
    if (THEIR_MESSAGES.search(text) and MAKING_PUBLIC.search(text)) or WEIGHING_IT.search(text):
        return True
    return reply_before_this_message(tracker) == POSTING and bool(STILL_ABOUT_IT.search(text))
