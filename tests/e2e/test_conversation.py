"""Talking to the real servers over REST, as a client would."""

from __future__ import annotations

import sqlite3

import pytest
import requests

from tests.helpers import button_titles

CRISIS_LINES = ("988", "741741", "116 123", "findahelpline.com", "emergency")


def test_greeting_says_what_heartwise_is(bot, sender):
    messages = bot.say(sender, "hi there")
    text = messages[0]["text"]
    assert "Heartwise" in text and "not a person or a therapist" in text
    assert "Walk me through it" in button_titles(messages)


def test_it_says_plainly_that_it_is_a_bot(bot, sender):
    assert "I'm a bot" in bot.reply(sender, "am i talking to a real human right now?")


@pytest.mark.parametrize(
    "message",
    [
        "i want to kill myself",
        "everyone would be better off without me honestly",
        "kms",
        "i havent eaten in 4 days since he left, i dont deserve to",
    ],
)
def test_crisis_messages_get_crisis_lines_at_once(bot, sender, message):
    text = bot.reply(sender, message)
    for line in CRISIS_LINES:
        assert line in text


def test_a_no_after_the_crisis_check_in_keeps_help_in_view(bot, sender):
    bot.reply(sender, "i just want to disappear forever")
    text = bot.reply(sender, "no, you misunderstood me")
    assert "988" in text and "116 123" in text


def test_abuse_is_never_coached_back_into_the_relationship(bot, sender):
    first = bot.reply(sender, "my boyfriend hit me last night when i said i wanted to leave")
    assert "1-800-799-7233" in first and "0808 2000 247" in first
    later = bot.reply(sender, "but i still want him back, how do i win him back?")
    assert "won't help with getting back" in later
    assert "won't help with getting back" in bot.reply(sender, "walk me through the guide")


def test_surveillance_is_refused(bot, sender):
    assert "can't help with tracking" in bot.reply(
        sender, "how do i read her whatsapp messages without her knowing"
    )


def test_space_advice_uses_the_time_since_the_breakup(bot, sender):
    text = bot.reply(
        sender,
        "my girlfriend broke up with me 3 weeks ago. how long should i give her space before i text?",
    )
    assert "about 3 weeks" in text
    tracker = bot.tracker(sender)
    assert tracker["slots"]["ex_role"] == "girlfriend"
    assert tracker["slots"]["time_since_breakup"] == "3 weeks ago"


def test_the_guided_walk_through(bot, sender):
    assert "Step 1 of 3" in bot.reply(sender, "can you walk me through the steps")
    step_2 = bot.reply(sender, "yes")
    assert "Step 2 of 3" in step_2
    # A question mid-guide is answered, and the guide is offered again; the
    # step comes back in other words.
    detour = bot.reply(sender, "wait, how long should i stay no contact?")
    assert "where were we" in detour
    again = bot.reply(sender, "ok where were we?")
    assert "step 2 of 3" in again.lower() and again != step_2
    for expected in (
        "Step 3 of 3",
        "Perspective 1 of 2",
        "Perspective 2 of 2",
        "Resources",
        "The decision",
    ):
        assert expected in bot.reply(sender, "continue")
    assert "That's the whole guide" in bot.reply(sender, "yes")


def test_not_now_pauses_the_guide(bot, sender):
    bot.reply(sender, "start the guide")
    assert "pause" in bot.reply(sender, "not now")
    assert "step 1 of 3" in bot.reply(sender, "where were we").lower()


def test_a_step_answered_with_the_persons_story_is_not_shown_again(bot, sender):
    bot.reply(sender, "walk me through the guide please")
    bot.reply(
        sender, "i havent been playing games, i liked one old photo by accident and unliked it"
    )
    assert "step 2 of 3" in bot.reply(sender, "ok, where were we").lower()


def test_reflection_answers_go_into_the_journal(bot, sender):
    bot.reply(sender, "i feel so lonely since my husband left")
    prompt = bot.reply(sender, "give me a reflection question")
    assert "reflect" in prompt
    assert "journal" in bot.reply(sender, "Mostly the evenings. The house is so quiet.")
    second_prompt = bot.reply(sender, "another reflection question please")
    assert second_prompt != prompt
    bot.reply(sender, "calling my sister helped")
    journal = bot.reply(sender, "show me my journal")
    assert journal.index("calling my sister helped") < journal.index("Mostly the evenings")


def test_the_assessment_reflects_the_answers(bot, sender):
    assert "what went wrong" in bot.reply(sender, "start the assessment").lower()
    bot.reply(sender, "we kept fighting about where to live")
    bot.reply(sender, "honestly no, i dont think so")
    bot.reply(sender, "no, she wants to move abroad and i dont")
    summary = bot.reply(sender, "i started seeing a counsellor")
    assert "we kept fighting about where to live" in summary
    assert "i started seeing a counsellor" in summary
    assert "kinder choice" in summary


def test_a_crisis_inside_a_form_gets_help_at_once(bot, sender):
    bot.reply(sender, "start the assessment")
    text = bot.reply(sender, "i dont want to be alive anymore")
    assert "988" in text
    # The crisis message was not taken as an assessment answer.
    assert bot.tracker(sender)["slots"]["assessment_what_went_wrong"] is None


def test_an_assessment_left_for_a_false_alarm_resumes_where_it_stopped(bot, sender):
    bot.reply(sender, "start the assessment")
    bot.reply(sender, "we kept fighting about where to live")
    bot.reply(sender, "honestly no, i dont think so")
    assert "988" in bot.reply(sender, "i want to kill myself")
    bot.reply(sender, "no im ok, that came out wrong")
    # The two answers given are kept and the next question is asked, not a
    # summary with blanks where the questions never asked should be.
    assert "same kind of future" in bot.reply(sender, "can we carry on with the assessment")
    bot.reply(sender, "no, she wants to move abroad and i dont")
    summary = bot.reply(sender, "she is seeing someone else now")
    assert "we kept fighting about where to live" in summary
    assert "she wants to move abroad" in summary
    assert "she is seeing someone else now" in summary


def test_where_were_we_after_a_crisis_in_the_assessment_means_its_questions(bot, sender):
    bot.reply(sender, "start the assessment")
    bot.reply(sender, "he stopped making any effort and i stopped asking")
    assert "988" in bot.reply(sender, "honestly i dont want to be here anymore")
    bot.reply(sender, "im ok now, i have my sister here with me")
    # Found by role-play: "the questions" started the guide from step one.
    assert "resolved" in bot.reply(sender, "can we go back to the questions")


def test_leaving_the_assessment_in_words_stops_it_and_keeps_the_answers(bot, sender):
    # Role-play: each of these was stored as the answer to the next question.
    bot.reply(sender, "start the assessment")
    bot.reply(sender, "honestly we just stopped talking. she said i never listened")
    stopped = bot.reply(sender, "scrap that, i dont want to do this anymore")
    assert "stopped" in stopped.lower() and "same kind of future" not in stopped
    remembered = bot.reply(sender, "will u remember all this if i come back tomorrow")
    assert "delete my data" in remembered and "step 1" not in remembered.lower()
    slots = bot.tracker(sender)["slots"]
    assert slots["assessment_what_went_wrong"].startswith("honestly we just stopped talking")
    assert slots["assessment_fixable"] is None
    assert "resolved" in bot.reply(sender, "where were we")


def test_a_goodbye_inside_the_assessment_is_a_goodbye(bot, sender):
    bot.reply(sender, "start the assessment")
    bot.reply(sender, "we wanted different things")
    reply = bot.reply(sender, "goodnight x")
    assert "take good care" in reply.lower() and "Here's what you told me" not in reply
    assert bot.tracker(sender)["slots"]["assessment_fixable"] is None


def test_deleting_my_data_removes_it_from_the_database(bot, sender):
    secret = "the night we broke up he said i was too much"
    bot.reply(sender, "give me a reflection question")
    bot.reply(sender, secret)
    assert secret in bot.reply(sender, "show my journal")
    assert "permanently delete" in bot.reply(sender, "delete my data")
    assert "deleted" in bot.reply(sender, "yes")
    with sqlite3.connect(bot.database) as db:
        stored = [
            row[0] for row in db.execute("SELECT data FROM events WHERE sender_id = ?", (sender,))
        ]
    assert stored, "the deletion itself is recorded"
    assert not any(secret in data or "reflection question" in data for data in stored)
    # A copy of the files (the write-ahead log included) holds no trace either.
    files = bot.database.parent.glob(bot.database.name + "*")
    assert not [path.name for path in files if secret.encode() in path.read_bytes()]
    assert "empty" in bot.reply(sender, "show my journal")


def test_declining_deletion_keeps_everything(bot, sender):
    bot.reply(sender, "delete everything about me")
    assert "kept everything" in bot.reply(sender, "no")


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   ",
        "😭😭😭",
        "hola, mi novia me dejó ayer",
        "<script>alert('hi')</script>",
        "x" * 10_000,
    ],
)
def test_odd_input_gets_a_clear_answer(bot, sender, message):
    messages = bot.say(sender, message)
    assert messages and all(m.get("text") for m in messages)
    # The conversation carries on normally afterwards.
    assert "Heartwise" in bot.reply(sender, "hello")


def test_malformed_json_is_rejected_and_nothing_breaks(bot, sender):
    response = requests.post(
        f"{bot.url}/webhooks/rest/webhook",
        data=b'{"sender": "x", "message": ',
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400
    assert "Heartwise" in bot.reply(sender, "hi")


def test_an_unclear_message_gets_a_question_not_a_menu_and_an_answer_is_heard(bot, sender):
    # What the fallback classifier emits for a low-confidence message; sent
    # directly because which real message a retrained model is unsure about
    # changes from model to model. With no likely reading, it asks to hear more.
    messages = bot.say(sender, "/nlu_fallback")
    assert "tell me a bit more" in messages[0]["text"]
    assert not button_titles(messages)
    # Saying more is answered.
    assert "no contact" in bot.reply(sender, "/ask_space")


def test_an_unclear_message_inside_the_guide_gets_one_narrowing_question(bot, sender):
    # Re-added after leaving the form, the message was counted twice by the
    # two-stage fallback, which skipped the first question and asked to rephrase.
    bot.say(sender, "walk me through the guide")
    replies = [message.get("text") for message in bot.say(sender, "the thing")]
    assert len(replies) == 1 and replies[0].startswith("I want to be sure I follow")


def test_an_empty_message_is_pointed_somewhere_useful(bot, sender):
    messages = bot.say(sender, "")
    assert "empty" in messages[0]["text"]
    assert "Walk me through the guide" in button_titles(messages)


def test_a_co_parent_gets_co_parenting_answers_even_after_an_unclear_message(bot, sender):
    bot.reply(sender, "divorced from lauren 14 months ago, two kids (9 and 6)")
    assert "handover" in bot.reply(sender, "what can i do to make handovers less grim").lower()
    # Inside Rasa's fallback question a policy's answer once sent the server
    # round the fallback without end; the reply must come, and be about money.
    bot.reply(sender, "hmm")
    reply = bot.reply(
        sender, "thing is she said shed go halves on school trips then paid 2 months late"
    )
    assert "writing" in reply or "maintenance" in reply


def test_a_guide_refused_by_name_is_not_started_and_gets_one_reply(bot, sender):
    bot.reply(sender, "how do i stop checking his instagram")
    replies = [
        reply.get("text") or "" for reply in bot.say(sender, "I said I DON'T want the guide")
    ]
    assert len(replies) == 1, replies
    assert "Step 1 of 3" not in replies[0] and "not sure what you mean" not in replies[0]


@pytest.mark.parametrize("answer", ["yeah id like that", "sure, go on then", "yh"])
def test_a_typed_yes_to_the_reflection_offer_gives_the_question(bot, sender, answer):
    offer = bot.reply(sender, "my gf left me 3 weeks ago and i feel like i'm falling apart")
    assert "question to reflect on" in offer or "question to think" in offer
    question = bot.reply(sender, answer)
    assert "reflect on" in question and "What would you like to do next?" not in question
