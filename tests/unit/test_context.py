"""What the person tells about themselves is kept, corrected and used."""

from __future__ import annotations

import asyncio
import re

import pytest
from rasa.shared.core.events import BotUttered
from rasa.shared.core.events import SlotSet as RasaSlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.events import SlotSet

from actions.context import (
    ValidateSlotMappings,
    acknowledgement,
    as_said_to_them,
    breakup_time_in,
    ex_name_in,
    ex_wants_back_in,
    goal_in,
    takes_pride,
)
from actions.listening import ActionListenWithoutAdvice
from heartwise.language.names import with_name
from heartwise.nlg import FreshResponses
from tests.helpers import domain as real_domain


@pytest.mark.parametrize(
    "text, name",
    [
        ("i left my boyfriend lewis around 6 weeks ago", "Lewis"),
        ("divorced from lauren 14 months ago, two kids", "Lauren"),
        ("Chloe dumped me on sunday", "Chloe"),
        ("my ex, Theo, keeps liking my posts", "Theo"),
        ("my ex is called sophie btw", "Sophie"),
        ("its been about 7 months since sam left and i feel stuck", "Sam"),
        ("ever since she left i cant sleep", None),
        ("so its 5 weeks since aisha and i split", "Aisha"),
        ("Nadia, my girlfriend of two years. We split up 3 weeks ago.", "Nadia"),
        ("Honestly, my ex is a mess", None),
        ("my ex broke up with me, then she and i split the bills", None),
        ("my girlfriend's name is Maya and she moved out", "Maya"),
        ("my ex is called every night by her mum", None),
        ("my ex and i broke up", None),
        ("he left me for someone at work", None),
        # A verb after "my bf" is not a name; a name with a capital is, even
        # when it is also a word.
        ("my bf ended it on friday after 3 years", None),
        ("my gf finished things over text", None),
        ("my bf jamie ended it on friday", "Jamie"),
        ("my boyfriend Miles moved out", "Miles"),
        # First in the message, lower case: a name, unless it is family.
        ("rob moved out 2 months ago. eleven years married", "Rob"),
        ("dad moved out when i was 12 and now this", None),
        ("everyone left me this year", None),
        # Found by role-play: an adverb after the role is no name.
        ("shes not my girlfriend anymore thats the whole problem", None),
        ("he isnt my boyfriend though, not since june", None),
    ],
)
def test_the_exs_name_is_taken_only_where_it_is_said_to_be_the_ex(text, name):
    assert ex_name_in(text) == name


@pytest.mark.parametrize(
    "text, goal",
    [
        ("why would i want to reconcile?? we're divorced, that ship sailed years ago", "move_on"),
        ("divorced from lauren 14 months ago, two kids (9 and 6)", "co_parent"),
        ("honestly i dont know if i want to try again or just move on", "unsure"),
        ("i just want her back so badly", "win_back"),
        ("we had a nice dinner on friday", None),
        # Found in role-play: each was read as wanting the ex back.
        ("i do not want Graham to come back to me, thank you very much", "move_on"),
        # Found by role-play: the things, not the ex.
        ("she still has my bike and my charger. how do i get them back", None),
        ("i miss her so much, how do i get them back", "win_back"),
        ("i dont even know if i want him back anymore tbh, he cheated", "unsure"),
        ("i'm not trying to get back together, i want the christening to go well", None),
    ],
)
def test_what_the_person_wants_is_read_and_can_change(text, goal):
    assert goal_in(text) == goal


def ruled(text: str, value: str, start: int) -> dict:
    return {"entity": "time_since_breakup", "value": value, "start": start}


def test_a_corrected_time_replaces_the_wrong_one():
    text = "actually it was five weeks ago not five days"
    entities = [ruled(text, "five weeks ago", 15), ruled(text, "five days", 34)]
    assert breakup_time_in(text, entities) == "five weeks ago"


def test_a_time_in_a_message_not_about_the_breakup_is_not_the_breakup_time():
    text = "still got every pic u sent me last summer jess"
    assert breakup_time_in(text, [ruled(text, "last summer", 30)]) is None
    text = "she broke up with me last summer"
    assert breakup_time_in(text, [ruled(text, "last summer", 21)]) == "last summer"


def test_progress_is_acknowledged_in_a_sentence_of_its_own():
    assert as_said_to_them("saw my GP about sleep") == "saw your GP about sleep"
    assert acknowledgement("didn't text him all weekend", 0).startswith(
        "You didn't text him all weekend: that's a real step"
    )
    assert acknowledgement("10 days no contact", 1).startswith("Good for you: you managed 10 days")


def test_every_turn_keeps_the_facts_and_says_well_done_for_progress(
    tracker_for, dispatcher, domain
):
    tracker = tracker_for(text="didnt text her all weekend, and my counsellor says thats huge")
    events = asyncio.run(ValidateSlotMappings().run(dispatcher, tracker, domain))
    assert SlotSet("has_counsellor", True) in events
    assert any(event.get("name") == "progress" for event in events)
    assert "real step" in dispatcher.messages[0]["text"]


def test_a_co_parent_who_says_they_are_moving_on_is_still_a_co_parent(
    tracker_for, dispatcher, domain
):
    tracker = tracker_for(
        text="why would i want to reconcile?? we're divorced, that ship sailed",
        slots={"goal": "co_parent"},
    )
    events = asyncio.run(ValidateSlotMappings().run(dispatcher, tracker, domain))
    assert not [event for event in events if event.get("name") == "goal"]


def test_asking_for_no_advice_is_kept_until_advice_is_asked_for(tracker_for, dispatcher, domain):
    for text in ("i dont want advice, i just want to vent", "right, back to venting now tho"):
        vent = tracker_for(text=text)
        assert SlotSet("no_advice", True) in asyncio.run(
            ValidateSlotMappings().run(dispatcher, vent, domain)
        )
    for text in (
        "ok what should i do then",
        "i want to move on from tom. how do i do that",
        "ok i'll allow ONE small suggestion. how do people get through the first birthday after",
        # Found by role-play: three questions about the gym got "No advice
        # from me, just listening".
        "anyway ok vent over. real question do i keep going to that gym",
        "i said that was it. i DO want advice now",
    ):
        ask = tracker_for(text=text, slots={"no_advice": True})
        assert SlotSet("no_advice", False) in asyncio.run(
            ValidateSlotMappings().run(dispatcher, ask, domain)
        )


def test_turning_down_a_suggestion_keeps_the_listening(tracker_for, dispatcher, domain):
    for text in ("please dont give me any tips", "i don't want a suggestion, i want him back"):
        still = tracker_for(text=text, slots={"no_advice": True})
        events = asyncio.run(ValidateSlotMappings().run(dispatcher, still, domain))
        assert SlotSet("no_advice", False) not in events


def test_listening_names_the_feeling_and_gives_no_advice(tracker_for, dispatcher, domain):
    ActionListenWithoutAdvice().run(
        dispatcher, tracker_for(text="i feel gutted tonight", intent="express_feelings"), domain
    )
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Feeling gutted") and "?" not in text.split(".")[0]
    for advice in ("try", "hobby", "you could", "counsellor"):
        assert advice not in text.lower()


def test_news_from_the_ex_on_a_birthday_is_heard_without_advice(tracker_for, dispatcher, domain):
    story = "she texted on my birthday. just 'happy bday hope ur ok'. read it 40 times"
    tracker = tracker_for(text=story, slots={"ex_name": "Sam", "no_advice": True})
    ActionListenWithoutAdvice().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Hearing from Sam on your birthday")
    for advice in ("plan", "try", "you could"):
        assert advice not in text.lower()


def test_the_name_given_is_the_name_used():
    assert with_name("Your ex is going through their own storm too.", "Lewis") == (
        "Lewis is going through their own storm too."
    )
    assert with_name("your ex's new partner", "Lewis") == "Lewis's new partner"
    assert with_name("an ex-partner", "Lewis") == "an ex-partner"


def test_facts_in_an_unclear_message_taken_back_by_the_fallback_are_kept(
    tracker_for, dispatcher, domain
):
    # The two-stage fallback reverts the unclear message's events, slots too;
    # the message stays in the history and is read again.
    history = [
        {"event": "user", "text": "divorced from lauren 14 months ago, two kids (9 and 6)"},
        {"event": "rewind"},
        {"event": "user", "text": "need to text her about the school trip money"},
    ]
    tracker = tracker_for(text="need to text her about the school trip money", events=history)
    events = asyncio.run(ValidateSlotMappings().run(dispatcher, tracker, domain))
    assert SlotSet("ex_name", "Lauren") in events
    assert SlotSet("goal", "co_parent") in events


def test_the_time_after_a_correction_wins_and_other_times_are_not_the_breakup():
    text = "me and daniel split 5 days ago, actually no its been 5 weeks, time is weird rn"
    entities = [ruled(text, "5 days ago", 20), ruled(text, "5 weeks", 53)]
    assert breakup_time_in(text, entities) == "5 weeks"
    text = "i started seeing a counsellor last week actually"
    assert breakup_time_in(text, [ruled(text, "last week", 30)]) is None


def test_a_counsellor_with_a_word_before_them_is_still_theirs():
    # Found by role-play: "my uni counsellor said..." was followed by advice
    # to find a counsellor.
    from actions.context import COUNSELLOR

    assert COUNSELLOR.search("my uni counsellor said i should try journaling")
    assert COUNSELLOR.search("My therapist thinks I should go")


@pytest.mark.parametrize(
    "text, asked",
    [
        ("he wants me back and i honestly dont know what to think", True),
        ("she keeps asking me to try again", True),
        ("hes begging for another chance, says he's changed", True),
        ("my ex asked if we could try again", True),
        ("he doesnt want me back, he made that clear", False),
        # Found by role-play: the bot's own "something he would want to come
        # back to" quoted back, then corrected twice ("So Mike wants to try
        # again" three turns running).
        ("something he would want to come back to? i'm not trying to win him back", None),
        ("no, he hasn't said he wants to try again. i said i sometimes wonder", False),
        ("i've just told you he hasnt asked me back", False),
        ("i want him back so much", None),
        ("i really want to try again with her", None),
        ("she wants her hoodie back", None),
    ],
)
def test_an_ex_asking_to_get_back_together_is_told_from_a_wish_to(text, asked):
    assert ex_wants_back_in(text) is asked


def test_the_ex_asking_by_name_is_the_ex_asking():
    # Found by role-play: "Wanting them back makes complete sense".
    text = "marco wants to get back together. he keeps texting me at 2am"
    assert ex_wants_back_in(text, "Marco") is True
    assert ex_wants_back_in("my mum wants me back home for christmas", "Marco") is None


def test_being_asked_back_is_answered_as_the_persons_decision():
    tracker = DialogueStateTracker("someone", real_domain().slots)
    for slot, value in (("ex_wants_back", True), ("ex_name", "Daniel")):
        tracker.update(RasaSlotSet(slot, value))
    replies = []
    for _ in range(3):
        text = asyncio.run(
            FreshResponses(domain=real_domain()).generate("utter_want_ex_back", tracker, "rest")
        )["text"]
        tracker.update(BotUttered(text))
        replies.append(text)
    assert len(set(replies)) == 3
    for reply in replies:
        assert re.search(r"\b(?:decision|choice|decide)\b", reply)
        assert "Wanting them back" not in reply and "want your ex back" not in reply
    assert any("Daniel" in reply for reply in replies)


def test_after_abuse_being_asked_back_still_gets_safety_first():
    tracker = DialogueStateTracker("someone", real_domain().slots)
    for slot in ("ex_wants_back", "abuse_disclosed", "reconciliation_off"):
        tracker.update(RasaSlotSet(slot, True))
    text = asyncio.run(
        FreshResponses(domain=real_domain()).generate("utter_want_ex_back", tracker, "rest")
    )["text"]
    assert "1-800-799-7233" in text


@pytest.mark.parametrize(
    "text, proud",
    [
        ("thanks. weirdly proud of myself this week", True),
        ("no i'm not replying. proud of me?", True),
        ("feeling kinda proud tbh", True),
        ("im not proud of myself, i caved and texted him", False),
        ("i dont feel proud of any of it", False),
    ],
)
def test_pride_in_a_step_is_told_from_shame(text, proud):
    assert takes_pride(text) is proud


def test_pride_gets_a_yes_of_its_own(tracker_for, dispatcher, domain):
    tracker = tracker_for(text="thanks. weirdly proud of myself this week")
    asyncio.run(ValidateSlotMappings().run(dispatcher, tracker, domain))
    assert "proud" in dispatcher.messages[0]["text"]
