"""The turns after a safety reply, read in its light.

The intent classifier reads one message at a time. After the crisis lines,
"is there a text one?" looks to it like a question about texting the ex, and
"I'm in Glasgow" like nothing at all; after a 16-year-old said her ex has a
picture of her, "he's gonna share it" looks like a threat *by* her. This
policy knows what was said before (the slots the safety rules set) and
answers such follow-ups for what they are:

* a question about lines, or where the person is: the lines for them
  (action_find_help_line);
* how to stay safe when meeting an ex: a safety plan;
* after abuse, whether they are still in one's phone or accounts: how to
  check safely;
* a young person's picture being shared, or "will I get in trouble?" after
  it: child-protection help; telling an adult, or being scared to: how to
  start, or who else listens;
* after suicidal thoughts were disclosed, not having told anyone, or
  feeling a little better for talking: encouragement to tell one person, or
  gladness with the lines still there;
* right after the crisis lines, help reached ("my brother is with me now"),
  an apology ("sorry its been a lot"), a wish to talk about something else
  (asked "right now?" first if that is still open), or a message the
  classifier cannot place: each answered for what it is, lines in view;
* more about the abuse from someone who was just asked whether they are
  safe, or who said they are: support and an open question, not the same
  question again.

It steps aside whenever the message itself carries a risk the safety net found
by a phrase or by likeness to its bank (those are new disclosures, and the
rules answer them), while a form is running, and outside a safety context.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Callable, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from heartwise.language.answers import (
    asks_something,
    clearly_not_abuse,
    takes_back_abuse,
    tells_enough_of_the_story,
)
from heartwise.language.crisis_talk import (
    apologises,
    names_someone_close,
    question_about_the_lines,
    reached_help,
    wants_something_else,
)
from heartwise.language.risk import harm_only_guessed_in_conversation, lowered_in_conversation
from heartwise.nlg import TOPIC_ANSWERS
from heartwise.policies.context_policy import (
    Answer,
    ContextPolicy,
    answers_a_safety_question,
    listening_to,
    only_a_guess,
    reply_before_this_message,
    risk_beyond_a_guess,
)
from heartwise.policies.pasted_draft import (
    DISCUSS,
    REVIEW,
    is_a_pasted_draft,
    remarks_on_the_reviewed_draft,
)
from heartwise.policies.practical import practical_answer_behind_a_guess

logger = logging.getLogger(__name__)

FIND_HELP_LINE = "action_find_help_line"
SAFETY_PLAN = "utter_safety_planning"
CHILD_PROTECTION = "utter_child_abuse_support"
CHILD_IMAGE_FOLLOW_UP = "utter_child_image_follow_up"
REACHING_OUT_ACTION = "utter_reaching_out"
ASK_TRUSTED_ADULT = "utter_ask_trusted_adult"
TRUSTED_ADULT_YES = "utter_trusted_adult_yes"
TRUSTED_ADULT_NO = "utter_trusted_adult_no"
TECH_SAFETY = "utter_tech_safety"
PLAN_FOLLOW_UP = "utter_safety_plan_follow_up"
LISTEN = "action_listen_without_advice"
ABUSE_SUPPORT = "utter_abuse_support"
ABUSE_OPEN_QUESTION = "utter_abuse_open_question"
ASK_SAFE_NOW = "utter_ask_safe_now"
# A lone self-harm guess mid-conversation, a level down (heartwise/language/risk.py).
GENTLE_QUESTION = "utter_risk_check_in"
CRISIS_LINES = "utter_crisis_resources"
CRISIS_CHECK_IN = "utter_crisis_check_in"
TOPIC_FOLLOW_UP = "utter_topic_follow_up"
HARM_REPLIES = frozenset({"utter_harm_to_others", "utter_harm_to_others_follow_up"})
# How every review of a draft that must not be sent opens (actions/drafts/review.py).
DO_NOT_SEND = "Please don't send this"
THREAT_REMEMBERED = 3
GENTLE_QUESTION_DECLINED = "utter_risk_check_in_declined"
DECLINE_REMEMBERED = 6
# Intents a guess of which may give way to the topic behind it.
DROPPED_GUESSES = frozenset(
    {
        "threaten_harm",
        "request_surveillance",
        "report_abuse",
        "crisis",
        "crisis_imminent",
        "express_hopelessness",
    }
)
# Answers a dropped guess may give way to: the topic answers, and the advice
# on space, which reads how long ago the breakup was.
SPACE_ADVICE = "action_advise_space"
TOPIC_BEHIND = {
    **{answer[len("utter_") :]: answer for answer in TOPIC_ANSWERS},
    "ask_space": SPACE_ADVICE,
}
GO_ON = "utter_go_on"
NO_LABEL_NEEDED = "utter_abuse_no_label_needed"
CALL_EMERGENCY = "utter_call_emergency_yes"
HANDOVER_SAFETY = "utter_handover_safety"
BOUNDARY_MESSAGE = "utter_boundary_message"
BOUNDARY_DRAFT = "utter_boundary_draft"
UNDO_MISREAD = "action_undo_misread_flag"
CHILD_IMAGE_STEPS = "utter_child_image_steps"
CHILD_TELLING_AN_ADULT = "utter_child_telling_an_adult"
CHILD_SCARED = "utter_child_scared"
# Messages within which "are you somewhere safe right now?" is not asked
# again: after it was asked, and after the person said yes.
ASKED_RECENTLY = 3
SAID_SAFE_RECENTLY = 8
# "i dont really want advice tbh i just want to vent": a crisis guess by the
# classifier alone on a wish to be heard is answered by listening.
VENTING = re.compile(
    r"\bjust (?:want|need) to (?:vent|rant|talk|get (?:it|this) out)\b|\b(?:don'?t|dont) want (?:any )?advice\b",
    re.IGNORECASE,
)
# After suicidal thoughts were disclosed: "no ive not told anyone. my sister
# maybe suspects something", and "i think im alright. typing it out helps".
TOLD_SOMEONE = re.compile(
    r"\b(?:told|tell|telling|said to|talked to)\b[^.?!]{0,25}\b(?:anyone|anybody|no ?one|nobody|sister"
    r"|brother|mum|mom|dad|friends?|mates?|family|parents|partner|someone|gp|doctor)\b"
    r"|\bsuspects?\b",
    re.IGNORECASE,
)
REASSURED = re.compile(
    r"\b(?:i'?m|im|i am|i feel)\s+(?:alright|ok|okay|fine|better)\b(?!\s+for now)"
    r"|\b(?:typing|talking|writing)(?: it| this)?(?: out)? (?:helps|is helping|has helped)\b",
    re.IGNORECASE,
)
TELLING_SOMEONE = "utter_telling_someone"
GLAD_IT_HELPS = "utter_glad_it_helps"
RIGHT_NOW_BEFORE_MOVING_ON = "utter_crisis_check_in_before_moving_on"
# What is said next after the lines (heartwise/language/crisis_talk.py).
REACHED_HELP = "utter_reached_help"
NO_NEED_TO_APOLOGISE = "utter_no_need_to_apologise"
SOMETHING_ELSE = "utter_something_else"
# The replies that give or talk about the lines; within a few messages of
# one, what the person says next is read in its light.
CRISIS_TURNS = (
    CRISIS_LINES,
    CRISIS_CHECK_IN,
    RIGHT_NOW_BEFORE_MOVING_ON,
    "utter_crisis_urgent",
    "utter_crisis_not_dismissed",
    "utter_crisis_stay",
    "utter_crisis_stay_thanks",
    "utter_crisis_call_now",
    "utter_crisis_emergency",
    "utter_about_crisis_lines",
    "utter_about_crisis_lines_and_police",
    "utter_about_crisis_lines_and_the_bill",
    REACHED_HELP,
    NO_NEED_TO_APOLOGISE,
    SOMETHING_ELSE,
    TELLING_SOMEONE,
    GLAD_IT_HELPS,
    REACHING_OUT_ACTION,
)
AFTER_A_CRISIS = 4
# Their answers are read as a yes or a no (actions/safety_check_in.py).
YES_OR_NO_QUESTIONS = (
    "utter_risk_check_in",
    "utter_risk_check_in_plainly",
    CRISIS_CHECK_IN,
    RIGHT_NOW_BEFORE_MOVING_ON,
)
# "Please call now" and "have you been able to call?": a "not yet" is the
# rules' to answer (urged again), and a plain yes theirs to thank.
ASKED_TO_CALL = ("utter_crisis_urgent", "utter_crisis_stay")
UNHEARD = frozenset({"nlu_fallback", "out_of_scope"})
# The reply to "not right now", which ends "Is there someone you could tell
# how you've been feeling?"
NOT_RIGHT_NOW_REPLY = WHO_TO_TELL = "utter_crisis_not_dismissed"
SAID_NOT_NOW = 2
OWN_ACTIONS = (
    RIGHT_NOW_BEFORE_MOVING_ON,
    REACHED_HELP,
    NO_NEED_TO_APOLOGISE,
    SOMETHING_ELSE,
    UNDO_MISREAD,
    NO_LABEL_NEEDED,
    CALL_EMERGENCY,
    HANDOVER_SAFETY,
    BOUNDARY_MESSAGE,
    BOUNDARY_DRAFT,
    GENTLE_QUESTION,
    CHILD_IMAGE_STEPS,
    CHILD_TELLING_AN_ADULT,
    CHILD_SCARED,
    LISTEN,
    TELLING_SOMEONE,
    GLAD_IT_HELPS,
    TRUSTED_ADULT_YES,
    TRUSTED_ADULT_NO,
    ABUSE_OPEN_QUESTION,
    PLAN_FOLLOW_UP,
    ASK_TRUSTED_ADULT,
    TECH_SAFETY,
    FIND_HELP_LINE,
    SAFETY_PLAN,
    CHILD_PROTECTION,
    CHILD_IMAGE_FOLLOW_UP,
    REACHING_OUT_ACTION,
)
# Set by the safety rules (domain.yml); any of them makes a safety context.
CONTEXT_SLOTS = ("self_harm_disclosed", "abuse_disclosed", "minor_disclosed")

ASKS_FOR_A_LINE = re.compile(
    r"\b(?:is there|are there|any|what'?s|what is|got)\b[^.?!]{0,40}"
    r"\b(?:text|txt|chat|whatsapp|online|line|lines|number|helpline|service|one)\b"
    r"|\b(?:anyone|someone|somebody|who)\b[^.?!]{0,30}\b(?:talk|speak|call|ring|text)\b"
    r"|\bhelp ?lines?\b|\b(?:i'?m|im|i am|i live|living|based|from)\s+in\b",
    re.IGNORECASE,
)
PLACE = re.compile(
    r"\b(?:uk|england|scotland|wales|ireland|glasgow|edinburgh|london|manchester|dublin|"
    r"belfast|usa|america|the states|australia|canada|new zealand|nz)\b",
    re.IGNORECASE,
)
# Staying safe around an ex, not around oneself: "keep myself safe" and
# "can't stay safe" are crisis language, left to the safety net and the rules.
STAYING_SAFE = re.compile(
    r"\b(?:be|stay)\s+safe\b|\bsafety plan\b|\bsafe (?:when|if|around)\b", re.I
)
NOT_SAFE = re.compile(r"\b(?:can'?t|cannot|not|never)\b[^.?!]{0,20}\bsafe\b|\bmyself\b", re.I)
CRISIS_INTENTS = frozenset({"crisis", "crisis_imminent", "express_hopelessness"})
ANSWERS_TO_THE_PLAN = frozenset(
    {"threaten_harm", "nlu_fallback", "affirm", "deny", "express_anger", "express_feelings"}
)
MEETING = re.compile(
    r"\b(?:him|her|them|meet|meeting|see|go|going|visit|pick(?:ing)? up|drop(?:ping)? off)\b",
    re.IGNORECASE,
)
# After abuse was told, the person's own plan to meet them: "hes asked to
# meet saturday for dinner... im gonna go", "i'm going either way. so if im
# going what should i do". Role-play got the anger advice twice, and she left
# to text him. Their asking ("he wants to meet for a coffee") is not a plan.
_I_WILL = r"\b(?:i'?m|im|i am|i'?ll|i will)\s+(?:gonna\s+|going\s+to\s+|prob(?:ably)?\s+)?"
_THEM = r"(?:him|her|them|up)\b"
PLANS_TO_MEET = re.compile(
    rf"{_I_WILL}(?:meet|see)\s+{_THEM}"
    # "im gonna go", "i'll go anyway", but not "im gonna go to the gym".
    rf"|{_I_WILL}go\b(?=\s*(?:[.?!,]|$|anyway|either way|to (?:meet|see|dinner)|and (?:meet|see)))"
    rf"|\bif i(?:'?m| am)?\s+(?:do\s+)?(?:go|going|meet\s+{_THEM}|see\s+{_THEM})\b"
    r"(?!\s+(?:to|back to)\s+(?:bed|sleep|work|the gym|uni|school)\b)"
    r"|\b(?:agreed|decided|said yes)\s+to\s+(?:meet|see|dinner|a drink|coffee)\b",
    re.IGNORECASE,
)
WONT_MEET = re.compile(
    r"\b(?:not|never|won'?t|n'?t|no way|refuse)\b[^.?!]{0,15}\b(?:meet|see|go)\b", re.IGNORECASE
)
PICTURE = re.compile(
    r"\b(?:pic|pics|photo|photos|picture|pictures|nudes?|video|vid|snaps?)\b", re.I
)
SHARING = re.compile(
    r"\b(?:shar|post|send|sent|show|leak|spread|screenshot|forward|upload)\w*\b", re.I
)
# "maybe ringing that number tomorrow": a plan to use the lines just given.
REACHING_OUT = re.compile(
    r"\b(?:ring|ringing|call|calling|text|texting|phone|phoning|contact|try|trying)\b[^.?!]{0,25}"
    r"\b(?:that|the|those|them|this)\s+(?:number|numbers|line|lines|helpline|one|ones)\b"
    r"|\b(?:ring|ringing|call|calling|text|texting)\s+(?:samaritans|shout|988|childline|refuge)\b"
    r"|\b(?:ring|call|text|message)\s+them\b",
    re.IGNORECASE,
)
# After abuse, doubting the word, not taking it back: "i dont know if id call
# it abuse tho. my mum does", "maybe im overreacting".
DOUBTS_THE_WORD = re.compile(
    r"\b(?:call it|calling it|count as|counts as|is it (?:even|really)|was it (?:even|really)|is that|was that)"
    r"\s+(?:\w+\s+)?(?:abuse|abusive|domestic violence|control\w*)\b"
    r"|\b(?:overreacting|over-reacting|making a big deal|being dramatic|blowing it out of proportion)\b",
    re.IGNORECASE,
)
# After abuse: "should i check if hes still got into anything else on my phone".
OWN_DEVICE = re.compile(
    r"\b(?:my|our) (?:phone|laptop|ipad|tablet|car|accounts?|email|icloud|apple id|google"
    r"|insta|instagram|facebook|snapchat|bank)\b",
    re.IGNORECASE,
)
WATCHED = re.compile(
    r"\b(?:check\w*|track\w*|location|got into|get into|access|spyware|stalkerware|passwords?"
    r"|logged in|airtag|find my|reading my|see my)\b",
    re.IGNORECASE,
)
# A young person at risk, about telling an adult: "ill tell ms okafor tmrw.
# what do i even say to her", "im scared to tell my mum".
TELLING_AN_ADULT = re.compile(
    r"\b(?:tell|telling|talk to|speak to|say to)\b[^.?!]{0,30}\b(?:teacher|mum|mom|dad|parents?"
    r"|counsell?or|ms|mr|mrs|miss|sir|nan|gran|aunt|auntie|uncle|coach)\b"
    r"|\bwhat (?:do|should|would|can) i (?:even )?say\b",
    re.IGNORECASE,
)
AFRAID_TO_TELL = re.compile(
    r"\b(?:scared|afraid|terrified|can'?t|cant|won'?t|wont|don'?t want|dont want|not gonna|not going)"
    r"\s+(?:to\s+)?(?:tell|talk)\b",
    re.IGNORECASE,
)
# A young person whose pictures are held over them: what to do about the
# pictures and the messages ("how do i get the pics taken down", "can i just
# screenshot his msgs"), and what a teacher will do with it ("but what if
# she tells my mum").
IMAGE_STEPS = re.compile(
    r"\b(?:taken? down|take (?:them|it) down|report ?remove|take it down|remove (?:them|it|the pics?)"
    r"|screenshot\w*|evidence|proof|delete (?:his|her|their|the|my) (?:msgs|messages|texts|chat)"
    r"|keep (?:his|her|their|the) (?:msgs|messages|texts))\b",
    re.IGNORECASE,
)
ADULT_PASSES_IT_ON = re.compile(
    r"\b(?:she|he|they|teachers?|school|tutor)(?:'ll| will| would| might| has to| have to| would have to)?"
    r"\s+(?:tells?|ring|rings|call|calls|phone|phones)\b[^.?!]{0,15}\b(?:mum|mom|dad|parents)\b"
    r"|\bhave to (?:tell|report)\b|\b(?:mum|mom|dad|parents) (?:will |would |might )?find out\b",
    re.IGNORECASE,
)
# What the classifier hears in a frightened young person's words: a threat
# ("just let him post them??"), spying ("screenshot his msgs"), anger,
# "you misread me", deleting their data ("report remove"), or nothing.
MISHEARD_FROM_A_CHILD = frozenset(
    """threaten_harm request_surveillance express_anger correct_misunderstanding nlu_fallback
    delete_my_data want_ex_back express_hopelessness express_feelings deny""".split()
)
# "can i get in trouble for sending them??", "is what hes doing even illegal"
IN_TROUBLE = re.compile(
    r"\b(?:trouble|arrested|illegal|a crime|against the law|my fault|expelled)\b", re.IGNORECASE
)
# After abuse: "should I call 911?", the children's handovers, him at the
# door, and a message that only allows contact about the children.
CALL_THE_POLICE = re.compile(
    r"\b(?:should|can|do|would|could) i (?:call|ring|phone|dial)\b[^.?!]{0,20}\b(?:911|999|112|000|police|cops)\b"
    r"|\b(?:call|ring) (?:911|999|the police|the cops)\?",
    re.IGNORECASE,
)
HANDOVER = re.compile(
    r"\b(?:hand ?overs?|handing (?:the )?(?:kids|children) over|drop[- ]?offs?|pick[- ]?ups?|exchanges?"
    r"|custody|his (?:weekend|sunday|days)|(?:see|seeing) him on)\b",
    re.IGNORECASE,
)
SAFER = re.compile(
    r"\b(?:safe|safer|safely|scared|afraid|angry|shout\w*|yell\w*|practical)\b", re.IGNORECASE
)
AT_THE_DOOR = re.compile(
    r"\b(?:at|to) (?:the|my) door\b[^.?!]{0,40}\b(?:won'?t leave|yelling|shouting|angry|scared|foot)\b"
    r"|\b(?:won'?t|will not|wouldn'?t) leave\b|\bfoot in the door\b",
    re.IGNORECASE,
)
BOUNDARY = re.compile(
    r"\bonly (?:contact|text|message|talk to|call) me (?:about|regarding|for)\b"
    r"|\b(?:stop|not to|don'?t|do not) (?:texting|messaging|contacting|calling) me\b"
    r"|\bonly about (?:the )?(?:kids|children)\b|\bleave me alone\b",
    re.IGNORECASE,
)
ASKS_TO_WRITE = re.compile(
    r"\bhelp me (?:write|word|say)\b|\bhow (?:do|should|can) i (?:say|word|tell|write|put)\b"
    r"|\bwhat (?:do|should|can) i (?:say|write|text)\b|\bwrite (?:a|the|him|her|them) (?:text|message)\b"
    r"|\bcan you write\b|\b(?:is this|is that|does this) (?:ok|okay|alright|fine)\b",
    re.IGNORECASE,
)
SECOND_PERSON = re.compile(r"\b(?:you|your|you're|youre)\b", re.IGNORECASE)
ADDRESSED = re.compile(r"^\W*(?:hi|hey|hello|dear|please)\b", re.IGNORECASE)
# "ok. i think ill tell her tmrw"
PLAN_TO_TELL = re.compile(
    r"\b(?:i'?ll|ill|i will|gonna|going to|i'?m going to|im going to|i might)\s+(?:\w+\s+)?"
    r"(?:tell|talk to|speak to)\b",
    re.IGNORECASE,
)
AFTER_A_PICTURE = re.compile(
    r"\b(?:trouble|arrested|police|still bad|my fault|is that bad|expelled|tell my (?:mum|mom|dad|parents))\b",
    re.IGNORECASE,
)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class SafetyFollowUpPolicy(ContextPolicy):
    def answer(self, tracker: DialogueStateTracker) -> Optional[Answer]:
        return follow_up(tracker)

    def after(self, action: Optional[str]) -> Optional[str]:
        # As the rules do: after child protection, an adult to tell; after
        # the lines, "are you thinking about it right now?".
        if action == CHILD_PROTECTION:
            return ASK_TRUSTED_ADULT
        if action == CRISIS_LINES:
            return CRISIS_CHECK_IN
        if action == CRISIS_CHECK_IN:
            return ACTION_LISTEN_NAME
        return ACTION_LISTEN_NAME if action in OWN_ACTIONS else None


def follow_up(tracker: DialogueStateTracker) -> Optional[Answer]:
    """The follow-up action for the latest message, with events to apply, or None."""
    if tracker.latest_action_name == ABUSE_SUPPORT and _safety_known(tracker):
        return ABUSE_OPEN_QUESTION, []
    after_a_dropped_guess = _after_a_dropped_guess(tracker)
    if after_a_dropped_guess:
        return after_a_dropped_guess, []
    if not listening_to(tracker):
        return None
    message = tracker.latest_message
    if message is None or not message.text or risk_beyond_a_guess(message.parse_data):
        return None
    text = message.text
    intent = (message.intent or {}).get("name")
    said_after_the_lines = after_a_crisis(tracker, text, intent)
    if said_after_the_lines:
        return said_after_the_lines, _undo_a_guess(tracker)
    # "is it too cold tho? feels a bit blunt after 4 years", right after a
    # review: the classifier alone heard hopelessness (role-play got "do you
    # have thoughts of ending your life?"); it is about the draft.
    if only_a_guess(message.parse_data) and remarks_on_the_reviewed_draft(tracker):
        return DISCUSS, _undo_a_guess(tracker)
    # A draft pasted with a guess on it is reviewed; the review adds a gentle
    # check-in (actions/draft_coach.py) rather than leaving the draft unread.
    if only_a_guess(message.parse_data) and is_a_pasted_draft(tracker):
        return REVIEW, _undo_a_guess(tracker)
    lowered = (
        None
        if answers_a_safety_question(tracker)
        else lowered_in_conversation(
            intent,
            message.parse_data.get("risk") or {},
            _earlier_messages(tracker),
            _before_this_message(tracker, "self_harm_disclosed"),
        )
    )
    if lowered == "express_hopelessness":
        # Asked once and answered no, or corrected as a misreading, the
        # question is not asked again over the next guesses: role-play asked
        # a student three times in ten messages ("was i that easy to get rid
        # of", "drinking every night. bad or not"). The topic behind answers.
        if _declined_lately(tracker):
            return _topic_behind_the_guess(tracker, message.parse_data) or GO_ON, _undo_a_guess(
                tracker
            )
        return GENTLE_QUESTION, _undo_a_guess(tracker)
    if lowered == "crisis":
        return CRISIS_LINES, []
    slots = {name: tracker.get_slot(name) for name in CONTEXT_SLOTS}
    if slots["minor_disclosed"] and PICTURE.search(text) and SHARING.search(text):
        events: List[Event] = [SlotSet("abuse_disclosed", True)]
        return CHILD_PROTECTION, events
    # "my pal nat could come. she cant stand him though lol", after the plan
    # asked who could come: the classifier hears a threat in "can't stand
    # him", or nothing it knows; it is the answer.
    if reply_before_this_message(tracker) == SAFETY_PLAN and intent in ANSWERS_TO_THE_PLAN:
        return PLAN_FOLLOW_UP, []
    if intent in CRISIS_INTENTS and VENTING.search(text):
        return LISTEN, _undo_a_guess(tracker)
    if slots["self_harm_disclosed"] and REASSURED.search(text) and not NOT_SAFE.search(text):
        return GLAD_IT_HELPS, _undo_a_guess(tracker)
    if (
        slots["self_harm_disclosed"]
        and TOLD_SOMEONE.search(text)
        and not ASKS_FOR_A_LINE.search(text)
    ):
        return TELLING_SOMEONE, _undo_a_guess(tracker)
    if slots["abuse_disclosed"] and clearly_not_abuse(text):
        return UNDO_MISREAD, []
    if slots["abuse_disclosed"] and DOUBTS_THE_WORD.search(text) and not takes_back_abuse(text):
        return NO_LABEL_NEEDED, []
    if slots["abuse_disclosed"] and not slots["minor_disclosed"]:
        after_abuse = abuse_follow_up(text, tracker.get_slot("ex_name"))
        if after_abuse == SAFETY_PLAN and reply_before_this_message(tracker) == SAFETY_PLAN:
            # "im going either way. so if im going what should i do", just
            # after the plan: the plan goes on, it is not said twice.
            return PLAN_FOLLOW_UP, []
        if after_abuse:
            return after_abuse, []
    if slots["abuse_disclosed"] and OWN_DEVICE.search(text) and WATCHED.search(text):
        return TECH_SAFETY, []
    if slots["minor_disclosed"] and slots["abuse_disclosed"]:
        for_a_child = child_at_risk_follow_up(text, intent, reply_before_this_message(tracker))
        if for_a_child:
            return for_a_child, []
    # After a crisis reply, "will texting 741741 show up on my parents phone
    # bill" is read as a question about the lines (actions/safety_check_in.py),
    # whatever harm the classifier heard in it.
    if (
        harm_only_guessed_in_conversation(
            intent, message.parse_data.get("risk") or {}, _earlier_messages(tracker)
        )
        and not _a_threat_in_the_air(tracker)
        and not answers_a_safety_question(tracker)
    ):
        # With no topic behind it ("yeah reckon ill leave that one be" got 911
        # and a line for people who abuse), the person is invited on.
        return _topic_behind_the_guess(tracker, message.parse_data) or GO_ON, _undo_a_guess(
            tracker, "abuse_disclosed"
        )
    # "Does feeling relieved make me a bad person?", a few messages after a
    # no to "do you have thoughts of ending your life?": the classifier alone
    # asking again would be the same question twice (role-play got it twice
    # in three turns); the topic behind the guess answers.
    if (
        intent == "express_hopelessness"
        and only_a_guess(message.parse_data)
        and _declined_lately(tracker)
    ):
        topic = _topic_behind_the_guess(tracker, message.parse_data)
        if topic:
            return topic, []
    if (
        STAYING_SAFE.search(text)
        and MEETING.search(text)
        and not NOT_SAFE.search(text)
        and intent not in CRISIS_INTENTS
    ):
        return SAFETY_PLAN, []
    if any(slots.values()) and (ASKS_FOR_A_LINE.search(text) or _only_a_place(text)):
        return FIND_HELP_LINE, _undo_a_guess(tracker)
    if any(slots.values()) and REACHING_OUT.search(text):
        return REACHING_OUT_ACTION, _undo_a_guess(tracker)
    return None


def after_a_crisis(
    tracker: DialogueStateTracker, text: str, intent: Optional[str]
) -> Optional[str]:
    """The reply to what someone says next after the crisis lines, when it is
    not an answer to a question about them: help reached, an apology, a wish
    to talk about something else, or a story the classifier cannot place
    (listened to, not met with "could you say it another way?"). Only after
    self-harm was disclosed, and only for a few messages."""
    if not _before_this_message(tracker, "self_harm_disclosed") or not _within(
        tracker, AFTER_A_CRISIS, _ran(*CRISIS_TURNS)
    ):
        return None
    before = reply_before_this_message(tracker)
    if before == CRISIS_CHECK_IN and wants_something_else(text):
        return RIGHT_NOW_BEFORE_MOVING_ON
    if before in YES_OR_NO_QUESTIONS or question_about_the_lines(text):
        return None
    asked_to_call = before in ASKED_TO_CALL
    if reached_help(text) and not (asked_to_call and intent == "affirm"):
        return REACHED_HELP
    # "sorry for being a lot. can we talk about something else": the wish
    # is what to answer.
    if wants_something_else(text) and not asked_to_call:
        return SOMETHING_ELSE
    if apologises(text):
        return NO_NEED_TO_APOLOGISE
    if asked_to_call:
        return None
    asks = asks_something(text)
    if before == WHO_TO_TELL and names_someone_close(text) and not asks:
        return TELLING_SOMEONE
    message = tracker.latest_message
    if message is not None and only_a_guess(message.parse_data):
        return _a_guess_after_the_lines(tracker, message.parse_data, intent, text)
    if asks:
        return None
    if (
        intent in UNHEARD
        and tells_enough_of_the_story(text)
        and not ASKS_FOR_A_LINE.search(text)
        and not _only_a_place(text)
    ):
        return LISTEN
    return None


def _a_guess_after_the_lines(
    tracker: DialogueStateTracker, parse_data: Dict[str, Any], intent: Optional[str], text: str
) -> Optional[str]:
    """A risk the classifier alone read, a few messages after the lines."""
    # Feeling better for talking, not having told anyone, asking for a line,
    # a plan to call, a wish to vent: the follow-ups below answer those ("i
    # think im alright to keep going with this. typing it out helps" had got
    # "are you thinking about it right now?", and its "yeah" the urgent lines).
    if (
        REASSURED.search(text)
        or TOLD_SOMEONE.search(text)
        or ASKS_FOR_A_LINE.search(text)
        or REACHING_OUT.search(text)
        or VENTING.search(text)
    ):
        return None
    # "her plants which im keeping alive out of spite lol ... what do i do":
    # a practical question is answered; the lines were not.
    practical = practical_answer_behind_a_guess(tracker, parse_data)
    if practical:
        return practical
    if intent not in CRISIS_INTENTS:
        return None
    # Not the lines again (role-play got them three times in six messages,
    # for a draft, a joke and being tired). Just after a "not right now", the
    # topic behind the guess or listening; otherwise the question alone.
    if _within(tracker, SAID_NOT_NOW, _ran(NOT_RIGHT_NOW_REPLY)):
        return _topic_behind_the_guess(tracker, parse_data) or LISTEN
    return CRISIS_CHECK_IN


def abuse_follow_up(text: str, ex_name: Optional[str] = None) -> Optional[str]:
    """After abuse was told (an adult): calling the emergency number, handing
    the children over, and a message that sets a boundary get practical help,
    not the refusal to help with contact that role-play got five times."""
    if CALL_THE_POLICE.search(text):
        return CALL_EMERGENCY
    if HANDOVER.search(text) and (SAFER.search(text) or AT_THE_DOOR.search(text)):
        return HANDOVER_SAFETY
    if AT_THE_DOOR.search(text):
        return HANDOVER_SAFETY
    if BOUNDARY.search(text):
        # Their own words to the ex ("Lewis I'm not ready to meet. Please stop
        # messaging me every day"), or a request for words.
        written_to_them = (
            SECOND_PERSON.search(text)
            or ADDRESSED.match(text)
            or (ex_name and text.lower().startswith(ex_name.lower()))
        )
        if written_to_them and not ASKS_TO_WRITE.search(text):
            return BOUNDARY_DRAFT
        return BOUNDARY_MESSAGE
    if PLANS_TO_MEET.search(text) and not WONT_MEET.search(text):
        return SAFETY_PLAN
    return None


def child_at_risk_follow_up(
    text: str, intent: Optional[str], reply_before: Optional[str]
) -> Optional[str]:
    """After a child at risk was answered with the child-protection lines: the
    reply to what they ask or say next, or None for the other follow-ups.
    What they ask comes first ("i cant tell my mum. can i get in trouble for
    sending them??" asks about trouble)."""
    if IMAGE_STEPS.search(text):
        return CHILD_IMAGE_STEPS
    if ADULT_PASSES_IT_ON.search(text):
        return CHILD_TELLING_AN_ADULT
    if IN_TROUBLE.search(text):
        return CHILD_IMAGE_FOLLOW_UP
    if TELLING_AN_ADULT.search(text) or PLAN_TO_TELL.search(text):
        return TRUSTED_ADULT_NO if AFRAID_TO_TELL.search(text) else TRUSTED_ADULT_YES
    if AFTER_A_PICTURE.search(text):
        return CHILD_IMAGE_FOLLOW_UP
    if reply_before == ASK_TRUSTED_ADULT:
        return None  # "not rly": the answer to the question (heartwise/policies/answers.py)
    return CHILD_SCARED if intent in MISHEARD_FROM_A_CHILD else None


def _safety_known(tracker: DialogueStateTracker) -> bool:
    """Whether the person was asked if they are safe a moment ago, or said
    yes to it not long ago."""
    messages_since = 0
    answer_follows = None
    for event in reversed(list(tracker.events)):
        if isinstance(event, UserUttered):
            messages_since += 1
            answer_follows = (event.intent or {}).get("name")
        elif isinstance(event, ActionExecuted) and event.action_name == ASK_SAFE_NOW:
            if messages_since <= ASKED_RECENTLY:
                return True
            if answer_follows == "affirm" and messages_since <= SAID_SAFE_RECENTLY:
                return True
    return False


def _undo_a_guess(tracker: DialogueStateTracker, slot: str = "self_harm_disclosed") -> List[Event]:
    """The classifier's guess set ``slot`` on this message (a slot mapping
    runs before any policy); a guess given up is not a disclosure, so the slot
    goes back to what it was."""
    before = _before_this_message(tracker, slot)
    if tracker.get_slot(slot) == before:
        return []
    return [SlotSet(slot, before)]


def _before_this_message(tracker: DialogueStateTracker, slot: str) -> bool:
    """``slot`` as it was before the latest message was first said: a message
    a form handed back (actions/requeue.py) comes twice, and the slot mapping
    ran on the first."""
    events = list(tracker.events)
    said = [index for index, event in enumerate(events) if isinstance(event, UserUttered)]
    if not said:
        return False
    first = said[-1]
    for index in reversed(said[:-1]):
        if events[index].text != events[first].text:
            break
        first = index
    return next(
        (
            bool(event.value)
            for event in reversed(events[:first])
            if isinstance(event, SlotSet) and event.key == slot
        ),
        False,
    )


def _topic_behind_the_guess(
    tracker: DialogueStateTracker, parse_data: Dict[str, Any]
) -> Optional[str]:
    """The practical question's answer, else the topic answer for the
    likeliest intent after the safety guess."""
    practical = practical_answer_behind_a_guess(tracker, parse_data)
    if practical:
        return practical
    for entry in parse_data.get("intent_ranking") or []:
        answer = TOPIC_BEHIND.get(entry.get("name"))
        if answer:
            return answer
    return None


def _within(tracker: DialogueStateTracker, messages: int, said: Callable[[Event], bool]) -> bool:
    """Whether Heartwise did or said something ``said`` picks out within the
    last ``messages`` messages."""
    seen = 0
    for event in reversed(list(tracker.events)):
        if isinstance(event, UserUttered):
            seen += 1
            if seen > messages:
                return False
        elif said(event):
            return True
    return False


def _ran(*actions: str) -> Callable[[Event], bool]:
    return lambda event: isinstance(event, ActionExecuted) and event.action_name in actions


def _declined_lately(tracker: DialogueStateTracker) -> bool:
    """Whether the person said no to the gentle question, or put a misread
    crisis reply right, within the last few messages."""
    return _within(tracker, DECLINE_REMEMBERED, _ran(GENTLE_QUESTION_DECLINED, UNDO_MISREAD))


def _a_threat_in_the_air(tracker: DialogueStateTracker) -> bool:
    """Whether Heartwise answered a threat, or told the person not to send a
    draft, within the last few messages: then "why not?? she deserves it" is
    more of the same, and the protocol stands."""
    return _within(
        tracker,
        THREAT_REMEMBERED,
        lambda event: _ran(*HARM_REPLIES)(event)
        or (isinstance(event, BotUttered) and (event.text or "").startswith(DO_NOT_SEND)),
    )


def _after_a_dropped_guess(tracker: DialogueStateTracker) -> Optional[str]:
    """The rules follow a topic answer with the offer, and the offer with a
    wait; for a message whose intent was a dropped threat guess no rule
    matches, so this policy takes those two steps."""
    message = tracker.latest_message
    if message is None or (message.intent or {}).get("name") not in DROPPED_GUESSES:
        return None
    if tracker.latest_action_name in TOPIC_ANSWERS or tracker.latest_action_name == SPACE_ADVICE:
        return TOPIC_FOLLOW_UP
    if tracker.latest_action_name in (TOPIC_FOLLOW_UP, GO_ON):
        return ACTION_LISTEN_NAME
    return None


def _earlier_messages(tracker: DialogueStateTracker) -> int:
    return sum(1 for event in tracker.events if isinstance(event, UserUttered)) - 1


def _only_a_place(text: str) -> bool:
    """ "im in the uk btw": a short message that names where the person is."""
    return bool(PLACE.search(text)) and len(text.split()) <= 12
