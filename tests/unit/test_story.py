"""A message that goes on with the story is heard (StoryPolicy,
action_follow_the_story), on real trackers built from the real domain."""

from __future__ import annotations

from typing import Optional

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.listening import ActionFollowTheStory
from heartwise.policies.story import goes_on_with_the_story
from tests.conftest import PROJECT_ROOT

DOMAIN = Domain.load(PROJECT_ROOT / "domain.yml")


def after(reply: Optional[str], text: str, intent: str = "nlu_fallback") -> DialogueStateTracker:
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("my ex dumped me by voice note", {"name": "express_feelings"}))
    if reply:
        tracker.update(ActionExecuted(reply))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(text, {"name": intent, "confidence": 0.2}))
    return tracker


@pytest.mark.parametrize(
    "reply",
    [
        "utter_express_feelings",
        "utter_topic_follow_up",
        "utter_greet",
        # Asks a 16-year-old "What's been the hardest part of it for you?"
        "utter_minor_support",
    ],
)
def test_the_story_going_on_after_a_reply_that_invited_it_is_heard(reply):
    assert goes_on_with_the_story(after(reply, "a VOICE NOTE. 4 mins long. unreal"))


@pytest.mark.parametrize(
    "reply, text, intent",
    [
        # A question is not a story: the fallback narrows it down.
        ("utter_express_feelings", "too cold?", "nlu_fallback"),
        ("utter_express_feelings", "what do i even do with the ring", "nlu_fallback"),
        # Said about the conversation, not the story.
        ("utter_topic_follow_up", "again, no i dont want that. stop suggesting it", "nlu_fallback"),
        ("utter_express_feelings", "honestly this has helped more than my mum", "nlu_fallback"),
        # Heartwise asked something that waits for a particular answer.
        ("utter_ask_safe_now", "he went quiet for days then popped up", "nlu_fallback"),
        ("utter_risk_check_in", "it comes and goes", "nlu_fallback"),
        # Understood messages are answered as what they are.
        ("utter_express_feelings", "i miss him so much", "express_feelings"),
    ],
)
def test_everything_else_is_left_to_the_rules(reply, text, intent):
    assert not goes_on_with_the_story(after(reply, text, intent))


def test_the_story_is_heard_with_the_feeling_said_back_and_a_question(
    tracker_for, dispatcher, domain
):
    tracker = tracker_for(text="i was so embarrassed when my friends found out")
    ActionFollowTheStory().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Feeling embarrassed when your friends found out")
    assert text.endswith("?") and "What happened after that" not in text


def test_a_plan_is_asked_about_as_a_plan(tracker_for, dispatcher, domain):
    tracker = tracker_for(text="idk. maybe ill ask my sister to keep it at hers for a bit")
    ActionFollowTheStory().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert "What happened" not in text and text.endswith("?")


def test_someone_who_asked_for_no_advice_is_listened_to_when_nothing_else_fits():
    from rasa.shared.core.events import SlotSet

    from heartwise.policies.story import wants_only_to_be_heard

    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(
        UserUttered(
            "i don't want advice, i just want to vent. is that ok", {"name": "nlu_fallback"}
        )
    )
    assert not wants_only_to_be_heard(tracker)
    tracker.update(SlotSet("no_advice", True))
    assert wants_only_to_be_heard(tracker)
    # Asked again in a message the classifier did place ("right, back to
    # venting now tho" had got the menu of tools): heard, not shown the tools.
    tracker.update(ActionExecuted("action_listen_without_advice"))
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("right, back to venting now tho", {"name": "affirm"}))
    assert not wants_only_to_be_heard(tracker)
    tracker.update(SlotSet("no_advice", True))
    assert wants_only_to_be_heard(tracker)


@pytest.mark.parametrize(
    "text, intent, reply",
    [
        (
            "no i don't want a reflection question. just... listen",
            "request_reflection",
            "action_listen_without_advice",
        ),
        ("I said I DON'T want the guide", "start_guide", "utter_acknowledge"),
        ("nah not the step by step thing", "start_guide", "utter_acknowledge"),
        ("yes give me a reflection question", "request_reflection", None),
        ("walk me through the guide", "start_guide", None),
        ("walk me through the guide, not the assessment", "start_guide", None),
    ],
)
def test_a_tool_refused_by_name_is_not_started(text, intent, reply):
    from heartwise.policies.story import refuses_a_tool

    assert refuses_a_tool(after("utter_express_feelings", text, intent)) == reply


def test_a_risk_denied_before_anyone_raised_it_is_acknowledged_then_heard():
    from heartwise.policies.story import StoryPolicy

    tracker = after("utter_express_feelings", "he never abused me, he's just rubbish at texting")
    policy = StoryPolicy.__new__(StoryPolicy)
    assert policy.answer(tracker) == ("utter_not_read_that_way", [])


@pytest.mark.parametrize(
    "text, objects",
    [
        # Found in the scripted conversations: a co-parent's objection got
        # "is this more about wanting to get back together?".
        ("again, no i dont want to 'consider whether to try again'. stop suggesting it", True),
        ("i already said i dont want him back", True),
        ("she keeps saying she wants to try again", False),
    ],
)
def test_an_objection_to_a_suggestion_gets_an_apology(text, objects):
    from heartwise.policies.story import StoryPolicy

    policy = StoryPolicy.__new__(StoryPolicy)
    answer = policy.answer(after("utter_ask_compatibility", text))
    assert (answer == ("utter_suggestion_dropped", [])) is objects


def test_progress_already_acknowledged_in_an_unplaced_message_gets_a_question_about_it():
    from rasa.shared.core.events import BotUttered

    from heartwise.policies.story import StoryPolicy

    policy = StoryPolicy.__new__(StoryPolicy)
    tracker = after("utter_express_anger", "no i'm not replying. proud of me?")
    assert policy.answer(tracker) != ("utter_progress_follow_up", [])
    tracker.update(
        BotUttered("You're not replying: that's a real step, and harder than it sounds.")
    )
    assert policy.answer(tracker) == ("utter_progress_follow_up", [])
