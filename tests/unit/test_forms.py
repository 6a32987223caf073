"""Leaving a form hands the interrupting message back to the rules."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa_sdk.events import ActionExecuted, ActiveLoop, FollowupAction, SlotSet

from actions.forms import GUIDE_STEPS, ActionLeaveForm, ActionResetGuide


def test_leaving_a_form_replays_the_message(tracker_for, dispatcher, domain):
    tracker = tracker_for(
        text="how long should i wait?",
        intent="ask_space",
        entities=[{"entity": "ex_role", "value": "wife"}],
        active_loop="assessment_form",
    )
    events = ActionLeaveForm().run(dispatcher, tracker, domain)
    assert events[:2] == [ActiveLoop(None), SlotSet("requested_slot", None)]
    assert events[2] == ActionExecuted("action_listen")
    replayed = events[3]
    assert replayed["event"] == "user"
    assert replayed["text"] == "how long should i wait?"
    assert replayed["parse_data"]["intent"]["name"] == "ask_space"
    assert replayed["parse_data"]["entities"] == [{"entity": "ex_role", "value": "wife"}]
    assert dispatcher.messages == []


def test_a_crisis_with_a_rule_based_entity_leaves_the_form_in_a_response_rasa_accepts(
    tracker_for, dispatcher, domain
):
    # Rule-based extractors report "confidence": None; echoed back as it is,
    # Rasa rejected the whole response and the person got the fallback.
    tracker = tracker_for(
        text="my boyfriend left me 2 weeks ago and i want to kill myself",
        intent="crisis",
        entities=[
            {"entity": "time_since_breakup", "value": "2 weeks", "confidence": None},
            {"entity": "ex_role", "value": "boyfriend", "confidence": None},
        ],
        active_loop="assessment_form",
    )
    events = ActionLeaveForm().run(dispatcher, tracker, domain)
    jsonschema.validate({"events": events}, RemoteAction.action_response_format_spec())
    assert [e["value"] for e in events[3]["parse_data"]["entities"]] == ["2 weeks", "boyfriend"]


def test_leaving_the_guide_remembers_that_it_was_paused(tracker_for, dispatcher, domain):
    events = ActionLeaveForm().run(
        dispatcher, tracker_for(text="not now", intent="deny", active_loop="guide_form"), domain
    )
    assert SlotSet("guide_paused", True) in events


def test_a_step_read_before_the_guide_was_paused_is_not_shown_again(
    tracker_for, dispatcher, domain
):
    tracker = tracker_for(
        text="We've been civil, I dropped her hoodie back round",
        intent="ask_kindness",
        active_loop="guide_form",
        slots={"requested_slot": "guide_kindness", "guide_mind_games": True},
    )
    events = ActionLeaveForm().run(dispatcher, tracker, domain)
    assert SlotSet("guide_kindness", True) in events


@pytest.mark.parametrize(
    "text, intent",
    [
        ("not now", "deny"),
        ("wait, how long should i stay no contact?", "ask_space"),
        ("i want to end it all", "crisis"),
    ],
)
def test_a_step_refused_questioned_or_interrupted_by_a_risk_is_shown_again(
    tracker_for, dispatcher, domain, text, intent
):
    tracker = tracker_for(
        text=text,
        intent=intent,
        active_loop="guide_form",
        slots={"requested_slot": "guide_kindness"},
    )
    events = ActionLeaveForm().run(dispatcher, tracker, domain)
    assert SlotSet("guide_kindness", True) not in events


@pytest.mark.parametrize(
    "text, heard",
    [
        # Found in the scripted conversations: the fallback's "tell me a bit
        # more" for what step 2 had just asked them to look at.
        ("I haven't really. Liked an old photo of hers once by accident at 1am", True),
        ("wait what does that even mean", False),
        ("the thing", False),
        ("no stop, this isnt helping", False),
    ],
)
def test_a_story_told_to_a_guide_step_is_heard_not_sent_to_the_fallback(
    tracker_for, dispatcher, domain, text, heard
):
    tracker = tracker_for(
        text=text,
        intent="nlu_fallback",
        active_loop="guide_form",
        slots={"requested_slot": "guide_kindness"},
    )
    events = ActionLeaveForm().run(dispatcher, tracker, domain)
    assert (FollowupAction("action_follow_the_story") in events) is heard
    assert (FollowupAction("action_two_stage_fallback") in events) is not heard


def test_restarting_the_guide_clears_every_step(tracker_for, dispatcher, domain):
    tracker = tracker_for(slots={step: True for step in GUIDE_STEPS})
    events = ActionResetGuide().run(dispatcher, tracker, domain)
    assert events == [SlotSet(step, None) for step in GUIDE_STEPS]


def test_guide_steps_match_the_form(domain):
    assert tuple(domain["forms"]["guide_form"]["required_slots"]) == GUIDE_STEPS


@pytest.mark.parametrize("text", ["Yes, I'm ready for step 2.", "Yes, let's go on."])
def test_a_yes_in_more_words_than_the_button_goes_on_with_the_guide(
    tracker_for, dispatcher, domain, text
):
    # Found by role-play: these paused the guide with the anger answer or a
    # narrowing question.
    tracker = tracker_for(
        text=text,
        intent="express_anger",
        active_loop="guide_form",
        slots={"requested_slot": "guide_mind_games"},
    )
    events = ActionLeaveForm().run(dispatcher, tracker, domain)
    assert events == [SlotSet("guide_mind_games", True), FollowupAction("guide_form")]


@pytest.mark.parametrize(
    "risk, kept",
    [
        # Found in the scripted conversations: an answer to a reflection
        # prompt got the gentle question about suicide, and was lost.
        (
            {
                "level": "concern",
                "category": "self_harm",
                "evidence": ["classifier 0.75: self_harm"],
            },
            True,
        ),
        ({"level": "high", "category": "self_harm", "evidence": ["pattern: want to die"]}, False),
    ],
)
def test_a_reflection_only_the_classifier_fears_for_is_kept_with_the_lines_beside_it(
    tracker_for, dispatcher, domain, risk, kept
):
    text = "Sleeping badly. I've started walking at lunchtime, about 30 mins."
    tracker = tracker_for(
        text=text,
        intent="express_hopelessness",
        active_loop="reflection_form",
        slots={"requested_slot": "reflection_answer", "journal": []},
        risk=risk,
    )
    events = ActionLeaveForm().run(dispatcher, tracker, domain)
    journal = next((e["value"] for e in events if e.get("name") == "journal"), None)
    if kept:
        assert journal and journal[0]["answer"] == text
        assert [m["response"] for m in dispatcher.messages] == [
            "utter_journal_saved",
            "utter_draft_heavy_check_in",
        ]
        assert ActionExecuted("action_listen") not in events
    else:
        assert journal is None and dispatcher.messages == []
        assert ActionExecuted("action_listen") in events
