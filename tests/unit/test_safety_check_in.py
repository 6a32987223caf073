"""Answers to the bot's safety questions, read as answers to them.

The action names the reply (the slot `check_in_reply`); the rules in
data/rules/safety.yml turn it into the responses, and the end-to-end tests
check the words (tests/e2e/test_safety_protocol.py).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk.events import ActionExecuted, FollowupAction, SlotSet

from actions.safety_check_in import (
    PLAIN_QUESTION,
    RIGHT_NOW_BEFORE_MOVING_ON,
    RIGHT_NOW_QUESTION,
    THOUGHTS_QUESTION,
    ActionReadCheckInAnswer,
)


def risk(level: str, *evidence: str) -> Dict[str, Any]:
    return {"level": level, "category": "self_harm", "evidence": list(evidence)}


def answer(
    tracker_for,
    dispatcher,
    domain,
    question: str,
    text: str,
    intent: str = "express_feelings",
    assessed: Optional[Dict[str, Any]] = None,
) -> List[Dict[str, Any]]:
    history = [
        {"event": "action", "name": question},
        {"event": "bot", "text": "the question"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}},
    ]
    tracker = tracker_for(text=text, intent=intent, events=history, risk=assessed)
    events = ActionReadCheckInAnswer().run(dispatcher, tracker, domain)
    # Replies come from the rules, never from the action itself.
    assert dispatcher.messages == []
    return events


def read_as(reply: str, disclosed: bool) -> List[Dict[str, Any]]:
    return [SlotSet("check_in_reply", reply), SlotSet("self_harm_disclosed", disclosed)]


@pytest.mark.parametrize(
    "text, intent, assessed",
    [
        # A plan, to the classifier; a no, to anyone who asked the question.
        (
            "no im not going to do anything tonight. its just heavy",
            "crisis_imminent",
            risk("imminent", "classifier 0.52: self_harm"),
        ),
        ("nah im not suicidal, just really really sad", "correct_misunderstanding", None),
        ("No, I'm okay. just tired", "deny", None),
        (
            "you misunderstood me, i meant the relationship is dead",
            "correct_misunderstanding",
            None,
        ),
    ],
)
def test_a_no_is_heard_as_a_no(tracker_for, dispatcher, domain, text, intent, assessed):
    events = answer(tracker_for, dispatcher, domain, THOUGHTS_QUESTION, text, intent, assessed)
    # The classifier's misreading of the answer must not mark it as a disclosure.
    assert events == read_as("declined", disclosed=False)


@pytest.mark.parametrize(
    "text, intent",
    [
        (
            "not right this minute, but it's been on my mind a lot the past few weeks",
            "express_feelings",
        ),
        ("honestly yeah, more than i'd like to admit", "express_anger"),
        ("i dont know. maybe", "nlu_fallback"),
        ("yes", "affirm"),
        ("sure, sometimes", "affirm"),
        ("i guess", "nlu_fallback"),
        ("mhm", "nlu_fallback"),
    ],
)
def test_a_yes_or_an_unsure_answer_brings_the_lines(tracker_for, dispatcher, domain, text, intent):
    events = answer(tracker_for, dispatcher, domain, THOUGHTS_QUESTION, text, intent)
    assert events == read_as("lines", disclosed=True)


@pytest.mark.parametrize("text", ["sure", "ok", "go on", "yes you can"])
def test_leave_to_ask_gets_the_question_asked_plainly(tracker_for, dispatcher, domain, text):
    # Found in the scripted conversations: "sure", meant for an offer, to
    # "Can I ask you directly: ...?" brought the crisis lines to a man telling
    # the guide he had started walking at lunchtime.
    events = answer(tracker_for, dispatcher, domain, THOUGHTS_QUESTION, text, "affirm")
    assert events == read_as("ask_plainly", disclosed=False)
    # Asked plainly, "sure" is a yes, and "no" a no.
    events = answer(tracker_for, dispatcher, domain, PLAIN_QUESTION, text, "affirm")
    assert events == read_as("lines", disclosed=True)
    events = answer(tracker_for, dispatcher, domain, PLAIN_QUESTION, "no", "deny")
    assert events == read_as("declined", disclosed=False)


def test_what_the_words_show_overrules_a_no(tracker_for, dispatcher, domain):
    events = answer(
        tracker_for,
        dispatcher,
        domain,
        THOUGHTS_QUESTION,
        "no. i wouldnt. i just want the pain to stop",
        "crisis",
        risk("high", "pattern: want the pain to stop"),
    )
    assert events == read_as("lines", disclosed=True)


@pytest.mark.parametrize(
    "text, assessed, reply",
    [
        # Found in the scripted conversations: emergency services first for
        # a fear of being left, read by the classifier alone as a crisis.
        (
            "I think I'm most afraid of being the one who gets left again. It happened "
            "with my dad too, he left when I was 9.",
            risk("high", "classifier 0.76: self_harm"),
            "not_dismissed",
        ),
        # Unsure still counts as yes, and words the patterns know keep it.
        ("i dont know", risk("high", "classifier 0.76: self_harm"), "urgent"),
        ("it just feels like there's no way out", risk("concern", "pattern: no way out"), "urgent"),
    ],
)
def test_a_story_only_the_classifier_reads_as_risk_is_not_a_yes_to_right_now(
    tracker_for, dispatcher, domain, text, assessed, reply
):
    events = answer(tracker_for, dispatcher, domain, RIGHT_NOW_QUESTION, text, "crisis", assessed)
    assert events == read_as(reply, disclosed=True)


def test_an_imminent_danger_in_the_words_gets_emergency_services(tracker_for, dispatcher, domain):
    events = answer(
        tracker_for,
        dispatcher,
        domain,
        RIGHT_NOW_QUESTION,
        "no point asking, the pills are already in my hand",
        "crisis_imminent",
        risk("imminent", "pattern: pills in my hand", "pattern: a time that is now"),
    )
    assert events == read_as("emergency", disclosed=True)


@pytest.mark.parametrize(
    "text, intent, assessed, reply",
    [
        (
            "not right now, but it comes back every night",
            "express_feelings",
            None,
            "not_dismissed",
        ),
        ("yeah", "affirm", None, "urgent"),
        (
            "honestly i cant do this anymore",
            "express_hopelessness",
            risk("concern", "pattern: cant do this anymore"),
            "urgent",
        ),
    ],
)
def test_right_now_is_answered_for_right_now(
    tracker_for, dispatcher, domain, text, intent, assessed, reply
):
    events = answer(tracker_for, dispatcher, domain, RIGHT_NOW_QUESTION, text, intent, assessed)
    # Self-harm was disclosed before the question; a "not now" does not undo it.
    assert events == read_as(reply, disclosed=True)


@pytest.mark.parametrize(
    "text",
    [
        # Found by role-play: read as "not right now", it kept the flag, and
        # the next ordinary message got the lines again.
        "no!! i meant ending the RELATIONSHIP. please stop doing that",
        "you misread me, im not suicidal",
    ],
)
def test_a_misread_taken_back_at_right_now_undoes_the_flag(tracker_for, dispatcher, domain, text):
    events = answer(
        tracker_for, dispatcher, domain, RIGHT_NOW_QUESTION, text, "correct_misunderstanding"
    )
    assert events == [SlotSet("check_in_reply", None), FollowupAction("action_undo_misread_flag")]


def test_a_misread_claimed_beside_words_of_danger_is_not_taken_back(
    tracker_for, dispatcher, domain
):
    text = "you misread me, i dont want to die tonight i want to die tomorrow"
    assessed = risk("high", "pattern: want to die")
    events = answer(tracker_for, dispatcher, domain, RIGHT_NOW_QUESTION, text, "crisis", assessed)
    assert FollowupAction("action_undo_misread_flag") not in events


def test_a_message_that_is_not_an_answer_takes_its_usual_rules(tracker_for, dispatcher, domain):
    text = "honestly i just want him back. how do i get him to talk to me again"
    events = answer(tracker_for, dispatcher, domain, THOUGHTS_QUESTION, text, "want_ex_back")
    assert events[:2] == [SlotSet("check_in_reply", None), ActionExecuted("action_listen")]
    assert events[2]["event"] == "user" and events[2]["text"] == text


@pytest.mark.parametrize(
    "turn, text, intent, reply",
    [
        # Read alone, a question about talking to the ex: it got advice on
        # texting them, right after the urgent lines.
        (
            "utter_crisis_urgent",
            "ok. what do i even say if i call",
            "ask_communication",
            "about_the_lines",
        ),
        (
            "utter_crisis_stay",
            "can i text instead, i cant talk on the phone",
            "ask_communication",
            "about_the_lines",
        ),
        (RIGHT_NOW_QUESTION, "is it free to call 988 from a mobile", "ask_space", "about_the_bill"),
        (
            "utter_about_crisis_lines",
            "im on my parents phone plan, would they see i texted a suicide line",
            "request_surveillance",
            "about_the_bill",
        ),
        (
            "utter_about_crisis_lines_and_police",
            "i rly hate phone calls. is there a way to do it without calling",
            "nlu_fallback",
            "about_the_lines",
        ),
        (
            "utter_crisis_not_dismissed",
            "can i text 988 instead of calling",
            "ask_communication",
            "about_the_lines",
        ),
        # Read alone, abuse: it got the domestic-abuse lines, twice.
        (
            "utter_about_crisis_lines",
            "ok but like would they call the cops on me? i dont want ppl showing up at my door",
            "report_abuse",
            "about_the_police",
        ),
        (
            "utter_crisis_not_dismissed",
            "will they send the police round to my house?",
            "ask_legal",
            "about_the_police",
        ),
    ],
)
def test_a_question_about_calling_is_answered_about_the_lines(
    tracker_for, dispatcher, domain, turn, text, intent, reply
):
    events = answer(tracker_for, dispatcher, domain, turn, text, intent)
    # Nothing was said about abuse, whatever the message's intent set.
    assert events == [SlotSet("check_in_reply", reply), SlotSet("abuse_disclosed", False)]


def test_abuse_told_with_a_question_about_the_police_is_still_abuse(
    tracker_for, dispatcher, domain
):
    text = "will they call the police on him? he hit me last night"
    assessed = {"level": "high", "category": "abuse", "evidence": ["pattern: hit me"]}
    events = answer(
        tracker_for,
        dispatcher,
        domain,
        "utter_crisis_not_dismissed",
        text,
        "report_abuse",
        assessed,
    )
    assert events[:2] == [SlotSet("check_in_reply", None), ActionExecuted("action_listen")]


@pytest.mark.parametrize("disclosed, reply", [(True, "about_the_police"), (False, None)])
def test_after_a_correction_the_police_question_is_about_the_lines_only_after_a_crisis(
    tracker_for, dispatcher, domain, disclosed, reply
):
    text = "the police thing. do they send cops if u call"
    history = [
        {"event": "action", "name": "action_undo_misread_flag"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": "report_abuse"}}},
    ]
    tracker = tracker_for(
        text=text,
        intent="report_abuse",
        events=history,
        slots={"self_harm_disclosed": disclosed},
        risk={"level": "high", "category": "abuse", "evidence": ["classifier 0.50: abuse"]},
    )
    events = ActionReadCheckInAnswer().run(dispatcher, tracker, domain)
    assert events[0] == SlotSet("check_in_reply", reply)


def test_abuse_told_earlier_stays_told(tracker_for, dispatcher, domain):
    text = "will they send the police round to my house?"
    history = [
        {"event": "slot", "name": "abuse_disclosed", "value": True},
        {"event": "action", "name": "utter_crisis_not_dismissed"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": "report_abuse"}}},
    ]
    tracker = tracker_for(text=text, intent="report_abuse", events=history)
    events = ActionReadCheckInAnswer().run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("check_in_reply", "about_the_police"),
        SlotSet("abuse_disclosed", True),
    ]


@pytest.mark.parametrize(
    "turn, text, intent, assessed",
    [
        # Found by role-play: each got the urgent "call now", or a fallback.
        (
            RIGHT_NOW_QUESTION,
            "woah ok. i mean not rn? idk. i just said i feel like garbage",
            "correct_misunderstanding",
            None,
        ),
        (
            RIGHT_NOW_QUESTION,
            "no not rn. same as before, just thoughts. i'm not gonna do anything. "
            "i just dont know what to do at like 3am when it gets bad",
            "express_feelings",
            None,
        ),
        # Passive thoughts, told as a no to "right now": a no, with the lines.
        (
            RIGHT_NOW_QUESTION,
            "like not right now no. but at night sometimes i kinda wish i just wasnt here",
            "crisis",
            risk("high", "pattern: wish i just wasnt here"),
        ),
        (
            "utter_crisis_urgent",
            "i said NO. i'm not calling emergency lol",
            "correct_misunderstanding",
            None,
        ),
    ],
)
def test_not_right_now_is_heard(tracker_for, dispatcher, domain, turn, text, intent, assessed):
    events = answer(tracker_for, dispatcher, domain, turn, text, intent, assessed)
    assert events == read_as("not_dismissed", disclosed=True)


def test_a_question_about_telling_someone_close_is_not_about_the_lines(
    tracker_for, dispatcher, domain
):
    # The reply before asked whether there is someone they could tell.
    text = "what would i even say to my sister, she never liked him"
    events = answer(tracker_for, dispatcher, domain, "utter_crisis_not_dismissed", text)
    assert events[:2] == [SlotSet("check_in_reply", None), ActionExecuted("action_listen")]


def test_not_wanting_to_call_gets_what_calling_is_like(tracker_for, dispatcher, domain):
    # Found by role-play: "thanks. i dont really want to call anyone tho"
    # got "You're welcome. Be gentle with yourself today."
    text = "thanks. i dont really want to call anyone tho"
    events = answer(tracker_for, dispatcher, domain, "utter_crisis_not_dismissed", text, "thank")
    assert events[0] == SlotSet("check_in_reply", "about_the_lines")


def test_an_unclear_message_gets_the_topics_once(tracker_for, dispatcher, domain):
    # Found by role-play: requeued, an unclear message was counted twice by
    # the two-stage fallback, which asked to rephrase twice in one turn.
    events = answer(
        tracker_for,
        dispatcher,
        domain,
        "utter_crisis_not_dismissed",
        "my voice does the shaky thing",
        "nlu_fallback",
    )
    assert events == [
        SlotSet("check_in_reply", None),
        FollowupAction("action_two_stage_fallback"),
    ]


def test_a_classified_no_to_right_now_keeps_the_lines_in_view(tracker_for, dispatcher, domain):
    # "not right this second" had been put back in line, and met with
    # "Okay, no problem. What would you like to talk about?"
    events = answer(tracker_for, dispatcher, domain, RIGHT_NOW_QUESTION, "hmm idk. nah", "deny")
    assert events == read_as("not_dismissed", disclosed=True)


def test_no_to_right_now_before_moving_on_moves_on(tracker_for, dispatcher, domain):
    events = answer(
        tracker_for, dispatcher, domain, RIGHT_NOW_BEFORE_MOVING_ON, "no not rn", "deny"
    )
    assert events == read_as("something_else", disclosed=True)


def test_a_denial_to_right_now_takes_the_misread_back(tracker_for, dispatcher, domain):
    # Role-play: "no. im not suicidal im trying to get a watch back" kept the
    # flag on record, and every guess after it brought the lines again.
    events = answer(
        tracker_for,
        dispatcher,
        domain,
        RIGHT_NOW_QUESTION,
        "no. im not suicidal im trying to get a watch back",
        "correct_misunderstanding",
    )
    assert events == [SlotSet("check_in_reply", None), FollowupAction("action_undo_misread_flag")]


def test_sometimes_at_night_is_a_yes_to_the_thoughts(tracker_for, dispatcher, domain):
    # Role-play: heard as "I'm glad you're okay".
    events = answer(
        tracker_for,
        dispatcher,
        domain,
        THOUGHTS_QUESTION,
        "whoa ok thats direct. i mean. not right now? sometimes at night",
        "correct_misunderstanding",
    )
    assert events == read_as("lines", disclosed=True)
