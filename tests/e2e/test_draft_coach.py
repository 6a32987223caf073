"""The message-draft coach over REST, against the real servers: what a person
pasting a message would see. The drafts are the kinds the coach got wrong in
role-play (issue 19): a threat with a slur and exposure called "calm and
honest", a question checked as a draft, a co-parent's money request rewritten
as a love note."""

from __future__ import annotations

START = "can you check a text before i send it to my ex"
HARM_PROTOCOL = "I won't help with hurting anyone"
LOVE_NOTE = ("thinking about us", "miss what we had", "I'd like to talk")


def start(bot, sender) -> None:
    assert "Paste the message" in bot.reply(sender, START)


def test_blame_and_pressure_are_quoted_with_a_way_to_say_it(bot, sender):
    start(bot, sender)
    review = bot.reply(
        sender, "You never cared about me. It's your fault. Answer me by tonight or else."
    )
    assert '"You never"' in review and '"your fault"' in review and '"by tonight"' in review
    assert "how you feel" in review
    assert "new version" in review  # an offer, not a dead end


def test_a_threat_with_a_slur_and_exposure_is_never_waved_through(bot, sender):
    start(bot, sender)
    draft = (
        "ur a lying slag and everyone is going to know it. i still have the pics u sent "
        "me and ill post them all over insta. and tell Ryan to watch his back"
    )
    reply = bot.reply(sender, draft)
    assert "Please don't send this." in reply
    assert '"watch his back"' in reply and "slag" in reply
    assert HARM_PROTOCOL in reply
    assert "calm and honest" not in reply


def test_a_question_about_the_draft_is_answered_and_the_draft_still_checked(bot, sender):
    start(bot, sender)
    answer = bot.reply(sender, "so should I send it or not?")
    assert "question for me" in answer and "calm" not in answer
    review = bot.reply(sender, "I'm sorry for how I acted at the party. No need to reply.")
    assert "calm and honest" in review


def test_when_unsure_it_asks_and_a_typed_yes_checks_it(bot, sender):
    start(bot, sender)
    assert "is that the message you'd send" in bot.reply(sender, "miss you")
    assert "calm and honest" in bot.reply(sender, "yes")


def test_a_co_parents_money_request_stays_a_money_request(bot, sender):
    start(bot, sender)
    reply = bot.reply(
        sender,
        "Hi Dan, can you pay half of the school trip (£120) by Friday, you useless prick. "
        "The kids need it. Not that you'd care.",
    )
    calmer = reply.split('"')[-2]
    assert "pay half of the school trip" in calmer and "by Friday" in calmer
    assert "prick" not in calmer and "care" not in calmer
    assert not any(phrase in reply for phrase in LOVE_NOTE)


def test_a_plain_practical_message_is_not_read_as_a_crisis(bot, sender):
    start(bot, sender)
    reply = bot.reply(
        sender,
        "rent's due on the 1st, I've put my £450 in, yours still needs to go in before then x",
    )
    assert "practical" in reply
    assert "Please call emergency services now" not in reply
    assert "I'm a bot, so I can't call anyone" not in reply


def test_a_draft_carried_in_the_request_is_checked_without_asking_again(bot, sender):
    # Found by role-play: five people of seven pasted the draft with the
    # request and were asked to paste it again.
    review = bot.reply(
        sender,
        "can you check a text to karen: Thanksgiving is mine this year per the schedule. "
        "Kids back Sunday 6pm. Let me know if flights change.",
    )
    assert "Paste the message" not in review
    assert "clear and practical" in review
    quoted = bot.reply(
        sender,
        'can u check this before i send it "youre pathetic and everyone at your work '
        'will know what you did"',
    )
    assert "Please don't send this" in quoted


def test_help_with_the_words_asks_for_a_first_go_then_reviews_it(bot, sender, domain):
    # Found by role-play: "can u help me word the text" got the fallback.
    first_go = [variant["text"] for variant in domain["responses"]["utter_ask_first_draft"]]
    assert bot.reply(sender, "can u help me word the text") in first_go
    text = bot.reply(sender, "Hey, can I come by Saturday to pick up my bike and charger?")
    assert "clear and practical" in text or "calm" in text


def test_a_draft_after_a_lead_in_is_reviewed_and_its_dig_named(bot, sender):
    # Found by role-play: "that's beyond what I can do" for the draft, then,
    # pasted alone, "clear and practical" for a dig at her new partner.
    text = bot.reply(
        sender,
        "its my stuff at her flat. anyway heres what ive got so far:\n\n"
        "hi chloe, hope ur enjoying ur new life with mr protein shake. i need my ps5, "
        "bike and dads watch back. let me know when i can pick them up",
    )
    assert "A dig" in text and '"mr protein"' in text
    assert "clear and practical" not in text


def test_typing_the_button_after_a_review_asks_for_the_new_version(bot, sender):
    start(bot, sender)
    bot.reply(sender, "Hi, can I pick up my bike and charger on Saturday? Thanks")
    assert "Paste" in bot.reply(sender, "check another version")
