"""The turns after a safety reply are read in its light (SafetyFollowUpPolicy),
on real trackers built from the real domain."""

from __future__ import annotations

from typing import Any, Dict, Optional

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.help_lines import country_in, lines_for
from heartwise.policies.safety_follow_up import follow_up
from tests.conftest import PROJECT_ROOT

DOMAIN = Domain.load(PROJECT_ROOT / "domain.yml")


def after(
    text: str,
    intent: str = "nlu_fallback",
    slots: Optional[Dict[str, Any]] = None,
    risk: Optional[Dict[str, Any]] = None,
    loop: Optional[str] = None,
) -> DialogueStateTracker:
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    for name, value in (slots or {}).items():
        tracker.update(SlotSet(name, value))
    if loop:
        tracker.update(ActiveLoop(loop))
    tracker.update(ActionExecuted("action_listen"))
    parse = {"intent": {"name": intent, "confidence": 0.9}, "text": text, "risk": risk or {}}
    tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    return tracker


AFTER_LINES = {"self_harm_disclosed": True}
AFTER_ABUSE = {"abuse_disclosed": True}


@pytest.mark.parametrize(
    "text, slots",
    [
        (
            "i dont want to ring a helpline, talking on the phone feels like a big deal. is there a text one",
            AFTER_LINES,
        ),
        ("ok i saved it. im in the uk btw if that changes anything", AFTER_LINES),
        ("is there anyone i could actually talk to about this thats not my mum", AFTER_ABUSE),
        ("im in glasgow if that makes a difference", AFTER_ABUSE),
    ],
)
def test_questions_about_lines_after_a_safety_reply_get_the_lines(text, slots):
    assert follow_up(after(text, slots=slots)) == ("action_find_help_line", [])


def test_the_same_questions_without_a_safety_context_are_left_to_the_rules():
    assert follow_up(after("is there a text one", intent="ask_communication")) is None


def test_a_new_disclosure_is_left_to_the_rules_whatever_came_before():
    risk = {"level": "high", "category": "self_harm", "evidence": ["pattern: want to die"]}
    assert (
        follow_up(after("is there anyone to talk to, i want to die", slots=AFTER_LINES, risk=risk))
        is None
    )


def test_a_classifier_guess_alone_does_not_stop_the_follow_up():
    risk = {"level": "high", "category": "self_harm", "evidence": ["classifier 0.61: self_harm"]}
    tracker = after(
        "is there anyone i could talk to", intent="crisis", slots=AFTER_ABUSE, risk=risk
    )
    assert follow_up(tracker) == ("action_find_help_line", [])


def test_nothing_is_taken_over_inside_a_form():
    assert follow_up(after("im in the uk", slots=AFTER_LINES, loop="assessment_form")) is None


@pytest.mark.parametrize(
    "text",
    [
        "if I do go to see him, what can I do to be safe?",
        "how do i stay safe when i pick up the kids from hers",
    ],
)
def test_staying_safe_around_an_ex_gets_a_safety_plan(text):
    assert follow_up(after(text, intent="ask_communication")) == ("utter_safety_planning", [])


@pytest.mark.parametrize(
    "text, intent",
    [
        ("i cant keep myself safe around him tonight", "crisis"),
        ("i don't feel safe, i want to see him one last time and then end it", "crisis"),
        ("how do i stay safe when i see him", "crisis_imminent"),
    ],
)
def test_crisis_language_about_safety_is_never_turned_into_a_safety_plan(text, intent):
    assert follow_up(after(text, intent=intent)) is None


def test_a_young_persons_picture_being_shared_gets_child_protection():
    tracker = after(
        "wait one of his mates just said jayden has a pic i sent him and hes gonna share it",
        intent="threaten_harm",
        slots={"minor_disclosed": True},
    )
    action, events = follow_up(tracker)
    assert action == "utter_child_abuse_support"
    assert events == [SlotSet("abuse_disclosed", True)]
    after_it = after(
        "its not like a naked one. will i get in trouble",
        intent="crisis",
        slots={"minor_disclosed": True, "abuse_disclosed": True},
    )
    assert follow_up(after_it) == ("utter_child_image_follow_up", [])


@pytest.mark.parametrize(
    "text, country",
    [
        ("im in glasgow", "Scotland"),
        ("london", "the UK"),
        ("i'm in dublin", "Ireland"),
        ("sydney, aus", "Australia"),
        ("just between us", None),
        ("it's the us", None),
    ],
)
def test_where_the_person_is_is_read_from_places_not_from_little_words(text, country):
    assert country_in(text) == country


def test_lines_fit_what_was_told_where_and_how():
    text_uk = lines_for("the UK", "is there a text one", {"self_harm_disclosed": True})
    assert "85258" in text_uk and "116 123" in text_uk
    abuse_scotland = lines_for("Scotland", "anyone to talk to", {"abuse_disclosed": True})
    assert "0800 027 1234" in abuse_scotland and "116 123" in abuse_scotland
    child = lines_for(None, "who can i talk to", {"abuse_disclosed": True, "minor_disclosed": True})
    assert "1-800-422-4453" in child and "0800 1111" in child and "findahelpline" in child


def test_a_line_question_the_classifier_took_for_a_crisis_does_not_leave_a_crisis_flag():
    tracker = after("is there anyone i could talk to", intent="crisis", slots=AFTER_ABUSE)
    tracker.update(SlotSet("self_harm_disclosed", True))  # the from_intent mapping
    assert follow_up(tracker) == ("action_find_help_line", [SlotSet("self_harm_disclosed", False)])


def test_a_plan_to_ring_the_line_is_encouraged_not_treated_as_an_emergency():
    risk = {"level": "imminent", "category": "self_harm", "evidence": ["classifier 0.7: self_harm"]}
    tracker = after(
        "ok. im telling nat everything tonight. and maybe ringing that number tomorrow",
        intent="crisis_imminent",
        slots=AFTER_ABUSE,
        risk=risk,
    )
    assert follow_up(tracker)[0] == "utter_reaching_out"


def test_after_abuse_checking_ones_own_phone_gets_tech_safety_not_a_surveillance_refusal():
    tracker = after(
        "i switched off the location sharing last week. should i check if hes still got into anything else on my phone",
        intent="request_surveillance",
        slots=AFTER_ABUSE,
    )
    assert follow_up(tracker) == ("utter_tech_safety", [])


def test_a_friend_coming_along_after_the_safety_plan_is_not_read_as_a_threat():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(ActionExecuted("utter_safety_planning"))
    tracker.update(ActionExecuted("action_listen"))
    text = "my pal nat could come. she cant stand him though lol"
    parse = {
        "intent": {"name": "threaten_harm", "confidence": 0.9},
        "text": text,
        "risk": {
            "level": "high",
            "category": "harm_to_others",
            "evidence": ["classifier 0.9: harm_to_others"],
        },
    }
    tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    assert follow_up(tracker) == ("utter_safety_plan_follow_up", [])


def test_a_crisis_guess_on_a_wish_to_vent_is_answered_by_listening():
    risk = {"level": "high", "category": "self_harm", "evidence": ["classifier 0.55: self_harm"]}
    tracker = after(
        "i dont really want advice tbh i just want to vent for a bit", intent="crisis", risk=risk
    )
    assert follow_up(tracker)[0] == "action_listen_without_advice"
    said_it = {"level": "high", "category": "self_harm", "evidence": ["pattern: want to die"]}
    tracker = after("i dont want advice i just want to die", intent="crisis", risk=said_it)
    assert follow_up(tracker) is None


def _conversation(*turns: tuple) -> DialogueStateTracker:
    """(intent, the bot's actions after it) for each message."""
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    for intent, actions in turns:
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered("…", {"name": intent, "confidence": 0.9}))
        for action in actions:
            tracker.update(ActionExecuted(action))
    return tracker


def _after_abuse_support(tracker: DialogueStateTracker) -> Optional[str]:
    choice = follow_up(tracker)
    return choice[0] if choice else None


ABUSE = ("report_abuse", ["utter_abuse_support", "utter_ask_safe_now"])


def test_are_you_safe_is_asked_once_not_after_every_message_about_the_abuse():
    tracker = _conversation(ABUSE, ("report_abuse", ["utter_abuse_support"]))
    assert _after_abuse_support(tracker) == "utter_abuse_open_question"


def test_someone_who_said_they_are_safe_is_not_asked_again_soon():
    tracker = _conversation(
        ABUSE,
        ("affirm", ["utter_safe_now"]),
        ("express_feelings", ["utter_express_feelings"]),
        ("assess_relationship", ["utter_assess_relationship"]),
        ("report_abuse", ["utter_abuse_support"]),
    )
    assert _after_abuse_support(tracker) == "utter_abuse_open_question"


def test_someone_who_never_answered_is_asked_again_later():
    tracker = _conversation(
        ABUSE,
        ("express_feelings", ["utter_express_feelings"]),
        ("assess_relationship", ["utter_assess_relationship"]),
        ("ask_space", ["action_advise_space"]),
        ("report_abuse", ["utter_abuse_support"]),
    )
    assert _after_abuse_support(tracker) is None  # the rules ask it


AFTER_CHILD_PROTECTION = {"minor_disclosed": True, "abuse_disclosed": True}


@pytest.mark.parametrize(
    "text, action",
    [
        ("ok ill tell ms okafor tmrw. what do i even say to her", "utter_trusted_adult_yes"),
        ("gonna talk to my form teacher at lunch", "utter_trusted_adult_yes"),
        ("im scared to tell my mum tho she'll kill me", "utter_trusted_adult_no"),
    ],
)
def test_a_young_person_about_telling_an_adult_gets_help_with_it(text, action):
    assert follow_up(after(text, intent="ask_communication", slots=AFTER_CHILD_PROTECTION)) == (
        action,
        [],
    )


@pytest.mark.parametrize(
    "text, action",
    [
        ("no ive not told anyone. my sister maybe suspects something", "utter_telling_someone"),
        (
            "i think im alright to keep going with this though. typing it out helps a bit",
            "utter_glad_it_helps",
        ),
    ],
)
def test_after_suicidal_thoughts_the_next_steps_are_heard_as_such(text, action):
    tracker = after(
        text, intent="crisis", slots=AFTER_LINES, risk={"evidence": ["classifier 0.70: self_harm"]}
    )
    assert follow_up(tracker)[0] == action


def test_safe_for_now_with_a_heavy_heart_is_not_taken_for_relief():
    tracker = after(
        "i'm safe for now, just everything feels heavy", intent="crisis", slots=AFTER_LINES
    )
    assert follow_up(tracker) is None


LONE_GUESS = {"level": "high", "category": "self_harm", "evidence": ["classifier 0.66: self_harm"]}
IN_WORDS = {"level": "high", "category": "self_harm", "evidence": ["pattern: want to die"]}


def _mid_conversation(
    text: str,
    risk: Dict[str, Any],
    intent: str = "crisis",
    said_twice: bool = False,
    disclosed: bool = False,
) -> DialogueStateTracker:
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    if disclosed:
        tracker.update(SlotSet("self_harm_disclosed", True))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("walk me through the guide", {"name": "start_guide"}))
    tracker.update(ActionExecuted("utter_guide_intro"))
    parse = {"intent": {"name": intent, "confidence": 1.0}, "text": text, "risk": risk}
    for _ in range(2 if said_twice else 1):
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
        # The slot mapping runs on the message as it arrives.
        tracker.update(SlotSet("self_harm_disclosed", True))
    return tracker


def test_a_lone_self_harm_guess_mid_conversation_asks_the_gentle_question():
    # Found by role-play: "i wasnt fine lol", answering a guide step, got the
    # crisis lines; so did a 5k run.
    text = "i posted pics so alex would see i was fine. i wasnt fine lol"
    assert follow_up(_mid_conversation(text, LONE_GUESS)) == (
        "utter_risk_check_in",
        [SlotSet("self_harm_disclosed", False)],
    )
    # Handed back by the guide: the same, and the flag goes back as well.
    assert (
        follow_up(_mid_conversation(text, LONE_GUESS, said_twice=True))[0] == "utter_risk_check_in"
    )


@pytest.mark.parametrize(
    "probability, reply",
    [
        # Found in the scripted conversations: crisis lines for a plan to
        # collect "ps5, half my clothes and my grandads watch".
        ("0.53", "utter_risk_check_in"),
        ("0.86", "utter_crisis_resources"),
    ],
)
def test_a_lone_guess_of_acting_now_mid_conversation_goes_down_by_how_sure_it_is(
    probability, reply
):
    guess = {
        **LONE_GUESS,
        "level": "imminent",
        "evidence": [f"classifier {probability}: self_harm"],
    }
    tracker = _mid_conversation("gave my brother my ps5 today", guess, intent="crisis_imminent")
    assert follow_up(tracker)[0] == reply


@pytest.mark.parametrize(
    "risk, disclosed",
    [
        (IN_WORDS, False),  # words the patterns or the bank know
        (LONE_GUESS, True),  # after an earlier disclosure a guess counts
    ],
)
def test_self_harm_in_words_or_after_a_disclosure_keeps_its_level(risk, disclosed):
    assert follow_up(_mid_conversation("i want to die", risk, disclosed=disclosed)) is None


def test_a_first_message_keeps_its_level():
    assert follow_up(after("i wasnt fine lol", intent="crisis", risk=LONE_GUESS)) is None


CHILD_AT_RISK = {"minor_disclosed": True, "abuse_disclosed": True}


@pytest.mark.parametrize(
    "text, intent, reply",
    [
        # Found by role-play with a 16-year-old whose ex holds her pictures
        # over her: each of these got the anger reply with a line for people
        # who abuse, the fallback, or the offer to delete all her data.
        (
            "so wat am i meant to do then. just let him post them??",
            "threaten_harm",
            "utter_child_scared",
        ),
        (
            "forget it. he just msgd me again saying i have til friday im actually so scared rn",
            "correct_misunderstanding",
            "utter_child_scared",
        ),
        (
            "maybe i shud just get back w him then he wont show anyone",
            "want_ex_back",
            "utter_child_scared",
        ),
        ("how do i get the pics taken down", "consider_moving_on", "utter_child_image_steps"),
        (
            "whats report remove. does my mum find out if i use it",
            "delete_my_data",
            "utter_child_image_steps",
        ),
        (
            "can i just screenshot his msgs or shud i delete them",
            "request_surveillance",
            "utter_child_image_steps",
        ),
        (
            "maybe ill tell my form tutor. shes nice. but what if she tells my mum",
            "threaten_harm",
            "utter_child_telling_an_adult",
        ),
        (
            "i cant tell my mum she would kill me. can i get in trouble for sending them??",
            "report_child_abuse",
            "utter_child_image_follow_up",
        ),
        ("ok. thank u. i think ill tell her tmrw", "thank", "utter_trusted_adult_yes"),
    ],
)
def test_a_child_at_risk_is_answered_as_one(text, intent, reply):
    assert follow_up(after(text, intent=intent, slots=CHILD_AT_RISK)) == (reply, [])


def test_the_same_words_from_an_adult_take_their_own_rules():
    assert (
        follow_up(after("so wat am i meant to do then", intent="threaten_harm", slots=AFTER_ABUSE))
        is None
    )


def test_a_no_to_is_there_an_adult_is_left_to_the_answer():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    for name, value in CHILD_AT_RISK.items():
        tracker.update(SlotSet(name, value))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("he has pics of me", {"name": "report_child_abuse"}))
    tracker.update(ActionExecuted("utter_ask_trusted_adult"))
    tracker.update(ActionExecuted("action_listen"))
    parse = {"intent": {"name": "deny", "confidence": 0.9}, "text": "not rly", "risk": {}}
    tracker.update(UserUttered("not rly", parse["intent"], [], parse_data=parse))
    assert follow_up(tracker) is None


@pytest.mark.parametrize(
    "text", ["i dont know if id call it abuse tho. my mum does", "maybe im just overreacting"]
)
def test_doubting_the_word_after_abuse_needs_no_label(text):
    assert follow_up(after(text, intent="correct_misunderstanding", slots=AFTER_ABUSE)) == (
        "utter_abuse_no_label_needed",
        [],
    )


def test_taking_it_back_is_still_a_correction():
    text = "it wasnt abuse, you misread me"
    assert follow_up(after(text, intent="correct_misunderstanding", slots=AFTER_ABUSE)) == (
        "action_undo_misread_flag",
        [],
    )


def _guessed_threat(probability: float, earlier: bool = True) -> DialogueStateTracker:
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    if earlier:
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered("my wife left me six weeks ago", {"name": "express_feelings"}))
        tracker.update(ActionExecuted("utter_express_feelings"))
    tracker.update(ActionExecuted("action_listen"))
    text = "thinking of a surprise visit at her office with peonies. would that work"
    parse = {
        "intent": {"name": "threaten_harm", "confidence": 1.0},
        "intent_ranking": [
            {"name": "threaten_harm", "confidence": 1.0},
            {"name": "ask_kindness", "confidence": 0.3},
        ],
        "text": text,
        "risk": {
            "level": "high",
            "category": "harm_to_others",
            "evidence": [f"classifier {probability:.2f}: harm_to_others"],
        },
    }
    tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    return tracker


def test_a_threat_only_guessed_mid_conversation_gets_the_topic_behind_it():
    # Found by role-play: flowers for her office got 911 and a line for abusers.
    tracker = _guessed_threat(0.61)
    assert follow_up(tracker) == ("utter_ask_kindness", [])
    # "but its all true tho?? she should know how bad its got", of a draft.
    assert follow_up(_guessed_threat(0.81)) == ("utter_ask_kindness", [])
    tracker.update(ActionExecuted("utter_ask_kindness"))
    assert follow_up(tracker) == ("utter_topic_follow_up", [])
    tracker.update(ActionExecuted("utter_topic_follow_up"))
    assert follow_up(tracker) == ("action_listen", [])


def test_a_threat_only_guessed_with_no_topic_behind_it_invites_the_person_on():
    # Found in the scripted conversations: "yeah reckon ill leave that one be"
    # got 911 and a line for people who abuse.
    tracker = _guessed_threat(0.69)
    ranking = tracker.latest_message.parse_data["intent_ranking"]
    ranking[1] = {"name": "deny", "confidence": 0.12}
    assert follow_up(tracker) == ("utter_go_on", [])
    tracker.update(ActionExecuted("utter_go_on"))
    assert follow_up(tracker) == ("action_listen", [])


def _guessed_request_to_watch(
    probability: float, reply: str = "utter_express_feelings"
) -> DialogueStateTracker:
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("we broke up in august after 3 years", {"name": "express_feelings"}))
    tracker.update(ActionExecuted(reply))
    tracker.update(ActionExecuted("action_listen"))
    parse = {
        "intent": {"name": "request_surveillance", "confidence": 1.0},
        "intent_ranking": [
            {"name": "request_surveillance", "confidence": 1.0},
            {"name": "report_abuse", "confidence": 0.38},
            {"name": "ask_space", "confidence": 0.06},
        ],
        "text": "anyway i keep checking my phone every 5 mins in case he messages",
        "risk": {
            "level": "high",
            "category": "surveillance",
            "evidence": [f"classifier {probability}: surveillance"],
        },
    }
    tracker.update(UserUttered(parse["text"], parse["intent"], parse_data=parse))
    return tracker


def test_checking_ones_own_phone_guessed_as_watching_the_ex_gets_the_advice_on_space():
    # Found by role-play: it got the refusal to help with tracking the ex.
    tracker = _guessed_request_to_watch(0.55)
    assert follow_up(tracker) == ("action_advise_space", [])
    tracker.update(ActionExecuted("action_advise_space"))
    assert follow_up(tracker) == ("utter_topic_follow_up", [])
    # Surer than that, the refusal stands; after the crisis lines the message
    # is read as a question about them ("will it show on my parents' bill").
    assert follow_up(_guessed_request_to_watch(0.85)) is None
    assert follow_up(_guessed_request_to_watch(0.55, "utter_crisis_not_dismissed")) is None


@pytest.mark.parametrize("probability, earlier", [(0.93, True), (0.61, False)])
def test_a_sure_guess_or_a_first_message_keeps_the_protocol(probability, earlier):
    assert follow_up(_guessed_threat(probability, earlier)) is None


def test_a_guessed_threat_right_after_a_threat_keeps_the_protocol():
    # "why not?? she deserves it", after "Please don't send this.": more of the same.
    tracker = _guessed_threat(0.61)
    events = list(tracker.events)
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    for event in events[:3]:
        tracker.update(event)
    tracker.update(BotUttered("Please don't send this.\n• Threat: ..."))
    tracker.update(ActionExecuted("utter_harm_to_others"))
    for event in events[3:]:
        tracker.update(event)
    assert follow_up(tracker) is None


def test_a_guessed_hopelessness_soon_after_a_no_to_the_gentle_question_gets_the_topic():
    # Found by role-play: "does feeling relieved make me a bad person?" and
    # "i will let the divorce go ahead" each got the question again.
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("everything feels pointless", {"name": "express_hopelessness"}))
    tracker.update(ActionExecuted("utter_risk_check_in"))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("no", {"name": "deny"}))
    tracker.update(ActionExecuted("utter_risk_check_in_declined"))
    tracker.update(ActionExecuted("action_listen"))
    text = "I feel relieved he's gone. Does that make me a bad person?"
    parse = {
        "intent": {"name": "express_hopelessness", "confidence": 1.0},
        "intent_ranking": [
            {"name": "express_hopelessness", "confidence": 1.0},
            {"name": "express_feelings", "confidence": 0.3},
        ],
        "text": text,
        "risk": {
            "level": "concern",
            "category": "self_harm",
            "evidence": ["classifier 0.6: self_harm"],
        },
    }
    tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    assert follow_up(tracker) == ("utter_express_feelings", [])


@pytest.mark.parametrize(
    "text, reply",
    [
        # Found by role-play with a woman whose controlling husband wants her
        # back: each of these got the refusal to help with contact, or advice
        # on reaching out.
        (
            "If Victor won't leave my door and is yelling, should I call 911?",
            "utter_call_emergency_yes",
        ),
        (
            "he gets angry at handovers and put his foot in the door. how do i make the handovers safer",
            "utter_handover_safety",
        ),
        (
            "help me write a text telling him to only contact me about the kids",
            "utter_boundary_message",
        ),
    ],
)
def test_after_abuse_practical_safety_questions_get_practical_help(text, reply):
    assert follow_up(after(text, intent="check_message_draft", slots=AFTER_ABUSE)) == (reply, [])


def test_plainly_no_abuse_is_a_correction_whatever_the_classifier_heard():
    text = "jake did NOT treat me badly. there was no abuse. pls stop"
    assert follow_up(after(text, intent="nlu_fallback", slots=AFTER_ABUSE)) == (
        "action_undo_misread_flag",
        [],
    )
    assert (
        follow_up(after("he never hit me but he read my phone every night", slots=AFTER_ABUSE))
        is None
    )


def test_a_boundary_in_their_own_words_is_backed_and_boundaries_talked_about_are_not_a_request():
    draft = "Lewis I'm not ready to meet. Please stop messaging me every day, I'll get in touch if and when I want to."
    slots = {**AFTER_ABUSE, "ex_name": "Lewis"}
    assert follow_up(after(draft, intent="check_message_draft", slots=slots)) == (
        "utter_boundary_draft",
        [],
    )
    talk = "hell be upset. he always gets upset when i try and set boundaries"
    assert follow_up(after(talk, intent="express_feelings", slots=AFTER_ABUSE)) is None


def _guessed(intent: str, category: str, probability: float, text: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(
        UserUttered("we divorced this year after 30 years", {"name": "express_feelings"})
    )
    tracker.update(ActionExecuted("utter_express_feelings"))
    tracker.update(ActionExecuted("action_listen"))
    parse = {
        "intent": {"name": intent, "confidence": 1.0},
        "intent_ranking": [
            {"name": intent, "confidence": 1.0},
            {"name": "ask_kindness", "confidence": 0.2},
        ],
        "text": text,
        "risk": {
            "level": "high",
            "category": category,
            "evidence": [f"classifier {probability}: {category}"],
        },
    }
    tracker.update(UserUttered(text, parse["intent"], parse_data=parse))
    return tracker


def test_an_abuse_disclosure_only_weakly_guessed_mid_conversation_is_not_locked_in():
    # Found by role-play: "i do not want Graham to come back to me ... i want
    # to be civil at the christening" got the helplines and "are you safe?".
    text = "i do not want Graham back. i want to be civil with him and Sue at the christening"
    tracker = _guessed("report_abuse", "abuse", 0.28, text)
    tracker.update(SlotSet("abuse_disclosed", True))
    assert follow_up(tracker) == ("utter_ask_kindness", [SlotSet("abuse_disclosed", False)])
    # A surer guess keeps the abuse protocol.
    assert follow_up(_guessed("report_abuse", "abuse", 0.65, text)) is None


def test_after_a_no_to_the_gentle_question_a_lowered_guess_is_not_asked_again():
    # Found by role-play: a student was asked three times in ten messages.
    tracker = _guessed("crisis", "self_harm", 0.78, "drinking every night. bad or not")
    assert follow_up(tracker)[0] == "utter_risk_check_in"
    events = list(tracker.events)
    declined = DialogueStateTracker("someone", DOMAIN.slots)
    for event in events[:-1]:
        declined.update(event)
    declined.update(ActionExecuted("utter_risk_check_in"))
    declined.update(ActionExecuted("action_listen"))
    declined.update(UserUttered("no", {"name": "deny"}))
    declined.update(ActionExecuted("action_read_check_in_answer"))
    declined.update(ActionExecuted("utter_risk_check_in_declined"))
    declined.update(ActionExecuted("action_listen"))
    declined.update(events[-1])
    assert follow_up(declined)[0] == "utter_ask_kindness"


def after_the_lines(
    text: str,
    intent: str = "nlu_fallback",
    reply: str = "utter_crisis_not_dismissed",
    risk: Optional[Dict[str, Any]] = None,
) -> DialogueStateTracker:
    """Self-harm disclosed, then ``reply``, then the person's ``text``."""
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(SlotSet("self_harm_disclosed", True))
    tracker.update(ActionExecuted(reply))
    tracker.update(BotUttered("the reply"))
    tracker.update(ActionExecuted("action_listen"))
    parse = {"intent": {"name": intent, "confidence": 0.9}, "text": text, "risk": risk or {}}
    tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    return tracker


GUESSED = {"level": "concern", "category": "self_harm", "evidence": ["classifier 0.83: self_harm"]}


@pytest.mark.parametrize(
    "text, intent, risk, expected",
    [
        ("i rang samaritans earlier actually", "ask_kindness", None, "utter_reached_help"),
        ("my mum is coming over later", "express_hopelessness", GUESSED, "utter_reached_help"),
        (
            "sorry for dumping all this on you",
            "check_message_draft",
            None,
            "utter_no_need_to_apologise",
        ),
        ("can we talk about something else", "request_reflection", None, "utter_something_else"),
        (
            "its just so quiet in the flat now, her stuff is still everywhere",
            "nlu_fallback",
            None,
            "action_listen_without_advice",
        ),
    ],
)
def test_what_is_said_next_after_the_lines_is_read_for_what_it_is(text, intent, risk, expected):
    assert follow_up(after_the_lines(text, intent, risk=risk)) == (expected, [])


def test_an_unclear_scrap_after_the_lines_is_left_to_the_fallback():
    assert follow_up(after_the_lines("the thing")) is None


def test_an_answer_to_right_now_is_left_to_be_read_as_an_answer():
    tracker = after_the_lines("my mum is coming over later", reply="utter_crisis_check_in")
    assert follow_up(tracker) is None


def test_something_else_asked_before_right_now_is_answered_asks_it_first():
    tracker = after_the_lines(
        "can we talk about something else", "request_reflection", reply="utter_crisis_check_in"
    )
    assert follow_up(tracker) == ("utter_crisis_check_in_before_moving_on", [])


def test_not_yet_to_please_call_is_left_to_the_rules():
    tracker = after_the_lines("not yet", "deny", reply="utter_crisis_stay")
    assert follow_up(tracker) is None


def test_help_reached_long_after_the_lines_is_an_ordinary_message():
    tracker = after_the_lines("my mum is coming over later", "express_feelings")
    for turn in range(4):
        tracker.update(ActionExecuted("utter_express_feelings"))
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(f"message {turn}", {"name": "express_feelings"}))
    assert follow_up(tracker) is None


def test_who_they_could_tell_is_heard_after_the_question():
    # Role-play: "my sister maybe ... i dont wanna dump this on her" got the
    # paragraph on sadness.
    text = "my sister maybe. shes 40 mins away and has a toddler so i dont wanna dump this on her"
    assert follow_up(after_the_lines(text, "express_feelings")) == ("utter_telling_someone", [])


def test_something_else_is_answered_before_the_apology_beside_it():
    text = "sorry for being a lot tonight. can we talk about something else for a bit"
    assert follow_up(after_the_lines(text, "express_feelings")) == ("utter_something_else", [])


def test_a_question_after_the_lines_is_not_met_with_listening():
    text = "whats a good show to watch at 4am when ur wired after a night shift"
    assert follow_up(after_the_lines(text, "out_of_scope")) is None


def test_a_remark_on_a_reviewed_draft_is_about_the_draft_whatever_the_classifier_feared():
    # Role-play: "is it too cold tho?" right after a review got "do you have
    # thoughts of ending your life?".
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(ActionExecuted("action_review_pasted_draft"))
    tracker.update(BotUttered("This is clear and practical: it says what needs sorting."))
    tracker.update(ActionExecuted("action_listen"))
    text = "is it too cold tho? feels a bit blunt after 4 years"
    parse = {"intent": {"name": "crisis", "confidence": 1.0}, "text": text, "risk": GUESSED}
    tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    assert follow_up(tracker) == ("action_discuss_reviewed_draft", [])


def test_a_practical_question_only_the_classifier_feared_for_after_the_lines_is_answered():
    text = (
        "she left 2 boxes and her plants here. she said shed get them at some point. what do i do"
    )
    tracker = after_the_lines(text, "crisis", risk=GUESSED)
    tracker.latest_message.parse_data["practical"] = {
        "topic": "belongings",
        "similarity": 0.7,
        "question": "what do i do with all his stuff",
        "sure": True,
    }
    assert follow_up(tracker) == ("utter_practical_belongings", [])


def test_a_draft_pasted_after_a_lead_in_is_reviewed_whatever_the_classifier_feared():
    # Role-play: a sarcastic text about a PS5 got "do you have thoughts of
    # ending your life?", and the draft was never read.
    text = (
        "anyway heres what ive got so far:\n\nhi chloe, hope ur enjoying ur new life. "
        "i need my ps5 bike and dads watch back. let me know when i can pick them up"
    )
    tracker = after(text, intent="crisis", risk=GUESSED)
    assert follow_up(tracker) == ("action_review_pasted_draft", [])


def test_a_guess_alone_just_after_not_right_now_is_not_the_lines_again():
    # Role-play: a joke about the bot got the lines and the question again.
    text = "i literally told u a funny story and u said ur sorry im hurting lol"
    action, _ = follow_up(after_the_lines(text, "crisis", risk=GUESSED))
    assert action not in ("utter_crisis_resources", "utter_crisis_check_in")


def test_a_guess_alone_a_little_later_asks_the_question_without_the_lines():
    tracker = after_the_lines("i was sat in the car park for an hour", "crisis", risk=GUESSED)
    for turn in range(2):
        tracker.update(ActionExecuted("action_listen_without_advice"))
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(f"message {turn}", {"name": "nlu_fallback"}))
    tracker.update(ActionExecuted("action_listen_without_advice"))
    tracker.update(ActionExecuted("action_listen"))
    parse = {
        "intent": {"name": "crisis", "confidence": 1.0},
        "text": "cant stop shaking",
        "risk": GUESSED,
    }
    tracker.update(UserUttered("cant stop shaking", parse["intent"], [], parse_data=parse))
    assert follow_up(tracker) == ("utter_crisis_check_in", [])


def test_feeling_better_for_talking_is_heard_whatever_the_classifier_guessed():
    # Found by `make eval-dialogue`: this got "are you thinking about it right
    # now?", and the "yeah id like that" after it the urgent lines.
    text = "i think im alright to keep going with this though. typing it out helps a bit"
    tracker = after_the_lines(text, "crisis", risk=GUESSED)
    assert follow_up(tracker) == ("utter_glad_it_helps", [])


@pytest.mark.parametrize(
    "text",
    [
        "hes asked to meet saturday for dinner and honestly im gonna go",
        "i'm going either way. so if im going what should i do",
        "i said yes to dinner. what do i need to think about",
    ],
)
def test_a_plan_to_meet_them_after_abuse_gets_a_safety_plan(text):
    # Role-play: the anger advice twice, and she left to text him.
    assert follow_up(after(text, intent="express_anger", slots=AFTER_ABUSE)) == (
        "utter_safety_planning",
        [],
    )


@pytest.mark.parametrize(
    "text, slots",
    [
        ("i'm not going to meet him, no way", AFTER_ABUSE),
        ("if im going to bed this early something is wrong lol", AFTER_ABUSE),
        ("he wants to meet for a coffee to 'talk properly'", AFTER_ABUSE),
        ("im gonna go to the gym tonight, need to clear my head", AFTER_ABUSE),
        ("i'll see how i feel tomorrow", AFTER_ABUSE),
        # A plan, but nothing told that makes meeting dangerous.
        ("hes asked to meet saturday and im gonna go", {}),
    ],
)
def test_no_plan_to_meet_or_no_abuse_gets_no_safety_plan(text, slots):
    assert follow_up(after(text, intent="express_anger", slots=slots)) != (
        "utter_safety_planning",
        [],
    )


def test_asking_again_just_after_the_safety_plan_is_not_given_the_same_plan():
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(SlotSet("abuse_disclosed", True))
    tracker.update(ActionExecuted("utter_safety_planning"))
    tracker.update(ActionExecuted("action_listen"))
    text = "im going either way. so if im going what should i do"
    parse = {"intent": {"name": "express_anger", "confidence": 0.6}, "text": text, "risk": {}}
    tracker.update(UserUttered(text, parse["intent"], [], parse_data=parse))
    assert follow_up(tracker) == ("utter_safety_plan_follow_up", [])
