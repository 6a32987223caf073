"""Posting the ex's messages for everyone to see, answered as the bad idea it
is, in proportion.

"im this close to putting the screenshots on my insta story" is revenge, and
the classifier hears a threat in it: the harm-to-others reply then offered
999 and a line for people who abuse, to someone who had been cheated on. And
"is posting them a bad idea? like legally" got the list of what Heartwise
can do, "should i post them yes or no" advice on mind games. This policy
answers such messages with what posting tends to cost the person who posts,
and what else could meet the wish behind it.

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
    reply_before_this_message,
    risk_beyond_a_guess,
    typed_message,
)

POSTING = "utter_posting_about_them"
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
class PostingPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        return (POSTING, []) if wants_to_post_their_messages(tracker) else None

    def after(self, action: Optional[str]) -> Optional[str]:
        return ACTION_LISTEN_NAME if action == POSTING else None


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
