"""Taking back a safety reply: abuse only when the message says it was misread."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction, SlotSet

from actions.misread import ActionUndoMisreadFlag


def after_abuse(tracker_for, text: str):
    said = [
        {"event": "user", "text": "he hit me", "parse_data": {"intent": {"name": "report_abuse"}}},
        {
            "event": "user",
            "text": text,
            "parse_data": {"intent": {"name": "correct_misunderstanding"}},
        },
    ]
    return tracker_for(
        text=text, intent="correct_misunderstanding", slots={"abuse_disclosed": True}, events=said
    )


@pytest.mark.parametrize(
    "text",
    [
        "no you misread me, it was a film",
        "that wasn't abuse, he just had a temper",
        "you misunderstood, he never hurt me",
        "sorry that came out wrong, i didnt mean it like that",
    ],
)
def test_saying_it_was_misread_clears_abuse(tracker_for, dispatcher, domain, text):
    events = ActionUndoMisreadFlag().run(dispatcher, after_abuse(tracker_for, text), domain)
    assert events == [SlotSet("abuse_disclosed", False)]
    assert dispatcher.messages[0]["response"] == "utter_misread_abuse"


@pytest.mark.parametrize(
    "text", ["you keep saying the same thing", "thats not helpful", "no, that's wrong"]
)
def test_a_complaint_keeps_abuse_in_mind(tracker_for, dispatcher, domain, text):
    events = ActionUndoMisreadFlag().run(dispatcher, after_abuse(tracker_for, text), domain)
    assert events == []
    assert dispatcher.messages[0]["response"] == "utter_misread_abuse_unsure"


def test_a_second_correction_still_takes_back_the_misread(tracker_for, dispatcher, domain):
    # Found by role-play: the first correction got the cautious answer, the
    # second ("that wasnt abuse", as it had asked) was taken for a correction
    # of the correction, and the abuse flag stayed for good.
    said = [
        {
            "event": "user",
            "text": "would they call the cops on me?",
            "parse_data": {"intent": {"name": "report_abuse"}},
        },
        {
            "event": "user",
            "text": "omg no",
            "parse_data": {"intent": {"name": "correct_misunderstanding"}},
        },
        {
            "event": "user",
            "text": "that wasnt abuse",
            "parse_data": {"intent": {"name": "correct_misunderstanding"}},
        },
    ]
    tracker = tracker_for(
        text="that wasnt abuse. ur not listening",
        intent="correct_misunderstanding",
        slots={"abuse_disclosed": True},
        events=said,
    )
    events = ActionUndoMisreadFlag().run(dispatcher, tracker, domain)
    assert events == [SlotSet("abuse_disclosed", False)]


def test_nobody_hurting_me_takes_back_abuse(tracker_for, dispatcher, domain):
    text = "omg no. nobody is hurting me. im asking about 988"
    events = ActionUndoMisreadFlag().run(dispatcher, after_abuse(tracker_for, text), domain)
    assert events == [SlotSet("abuse_disclosed", False)]


def test_a_correction_that_says_what_they_feel_is_heard_not_asked_again(
    tracker_for, dispatcher, domain
):
    # Found by role-play: "im not ok. thats what i meant", a few minutes after
    # "whats even the point", got "Could you tell me again, in other words".
    said = [
        {
            "event": "user",
            "text": "im holding up shit",
            "parse_data": {"intent": {"name": "express_anger"}},
        },
        {
            "event": "user",
            "text": "im not ok. thats what i meant",
            "parse_data": {"intent": {"name": "correct_misunderstanding"}},
        },
    ]
    tracker = tracker_for(
        text="im not ok. thats what i meant", intent="correct_misunderstanding", events=said
    )
    assert ActionUndoMisreadFlag().run(dispatcher, tracker, domain) == []
    text = dispatcher.messages[0]["text"]
    assert "Feeling not ok" in text and "in other words" not in text


def test_a_risk_denied_that_was_never_raised_gets_no_apology_for_a_misreading(
    tracker_for, dispatcher, domain
):
    said = [
        {
            "event": "user",
            "text": "this commute is killing me",
            "parse_data": {"intent": {"name": "express_feelings"}},
        },
        {
            "event": "user",
            "text": "i'm not suicidal lol, it's a figure of speech",
            "parse_data": {"intent": {"name": "correct_misunderstanding"}},
        },
    ]
    tracker = tracker_for(text=said[-1]["text"], intent="correct_misunderstanding", events=said)
    assert ActionUndoMisreadFlag().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages[0]["response"] == "utter_not_read_that_way"


def test_plainly_no_abuse_takes_the_flag_back_whenever_the_reply_came(
    tracker_for, dispatcher, domain
):
    # Found by role-play: "there was no abuse. pls stop", two messages after
    # the misread, got "could you tell me again" twice with the guide locked.
    text = "jake did NOT treat me badly. there was no abuse. pls stop"
    said = [
        {
            "event": "user",
            "text": "i left him on read",
            "parse_data": {"intent": {"name": "report_abuse"}},
        },
        {"event": "user", "text": "step 3 pls", "parse_data": {"intent": {"name": "resume_guide"}}},
        {
            "event": "user",
            "text": text,
            "parse_data": {"intent": {"name": "correct_misunderstanding"}},
        },
    ]
    tracker = tracker_for(
        text=text, intent="correct_misunderstanding", slots={"abuse_disclosed": True}, events=said
    )
    assert ActionUndoMisreadFlag().run(dispatcher, tracker, domain) == [
        SlotSet("abuse_disclosed", False)
    ]


def test_minimising_told_abuse_does_not_take_it_back(tracker_for, dispatcher, domain):
    text = "it wasnt abuse, he only shoved me once"
    tracker = tracker_for(
        text=text,
        intent="correct_misunderstanding",
        slots={"abuse_disclosed": True},
        events=[
            {
                "event": "user",
                "text": text,
                "parse_data": {"intent": {"name": "correct_misunderstanding"}},
            }
        ],
    )
    tracker.latest_message["risk"] = {
        "category": "abuse",
        "level": "high",
        "evidence": ["pattern: shoved me"],
    }
    assert SlotSet("abuse_disclosed", False) not in ActionUndoMisreadFlag().run(
        dispatcher, tracker, domain
    )


@pytest.mark.parametrize(
    "no_advice, heard_by",
    [(True, "action_listen_without_advice"), (False, "action_follow_the_story")],
)
def test_a_story_taken_for_a_correction_of_nothing_is_heard(
    tracker_for, dispatcher, domain, no_advice, heard_by
):
    # Found in the scripted conversations: "Sorry if I got that wrong. Could
    # you tell me again, in other words", with nothing misread.
    text = "my sister posted me a self help book. it's sat on the kitchen table like a threat lol"
    said = [
        {
            "event": "user",
            "text": "rob moved out",
            "parse_data": {"intent": {"name": "express_feelings"}},
        },
        {
            "event": "user",
            "text": text,
            "parse_data": {"intent": {"name": "correct_misunderstanding"}},
        },
    ]
    tracker = tracker_for(
        text=text, intent="correct_misunderstanding", events=said, slots={"no_advice": no_advice}
    )
    assert ActionUndoMisreadFlag().run(dispatcher, tracker, domain) == [FollowupAction(heard_by)]
    assert dispatcher.messages == []
