"""Practical questions asked of the real servers over REST: the answer to the
question asked, in turn, and never in place of safety."""

from __future__ import annotations

import yaml

from tests.conftest import PROJECT_ROOT

CRISIS_LINES = ("988", "116 123")


def answers(topic: str) -> list[str]:
    """The topic's answers for someone who disclosed no abuse."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    variants = domain["responses"][f"utter_practical_{topic}"]
    return [variant["text"] for variant in variants if not variant.get("condition")]


def test_a_practical_question_gets_its_answer_with_the_name_and_a_new_one_when_asked_again(
    bot, sender
):
    bot.reply(sender, "split up with tom about 3 weeks ago, it was mutual-ish")
    first = bot.reply(sender, "ok practical q. is it petty to block him everywhere or just mute")
    assert "block" in first.lower()
    assert any(
        first.endswith(text.replace("your ex", "Tom")) or first.endswith(text)
        for text in answers("block")
    ), first
    second = bot.reply(sender, "yeah but would blocking make me look bitter tho")
    assert "block" in second.lower() and second != first


def test_the_story_after_the_answer_is_heard_not_asked_again(bot, sender):
    bot.reply(sender, "his whole wardrobe is still at mine. how do i get it back to him")
    reply = bot.reply(sender, "we havent spoken since he left so it feels weird messaging him")
    assert "not sure what you mean" not in reply and "say that another way" not in reply


def test_a_practical_question_with_a_crisis_in_it_gets_the_lines(bot, sender):
    reply = bot.reply(sender, "should i block him or just kill myself and be done with it")
    assert any(line in reply for line in CRISIS_LINES)
    assert not any(text in reply for text in answers("block"))


def test_after_abuse_collecting_things_is_planned_for_safety_not_as_a_logistics_text(bot, sender):
    bot.reply(sender, "he hit me in the face last month and thats when i left")
    bot.reply(sender, "yes im at my sisters")
    reply = bot.reply(sender, "how do i get my stuff back from his flat")
    assert "on your own" in reply and "0808 2000 247" in reply
    assert "Check my text" not in reply


def test_after_abuse_money_and_location_sharing_are_answered_for_safety(bot, sender):
    bot.reply(sender, "she used to shove me into the wall when she was drunk, i left in may")
    bot.reply(sender, "yeah im staying at my brothers now")
    money = bot.reply(
        sender,
        "my salary still goes into our joint account and she has the card. how do i sort that",
    )
    assert "payroll" in money and "0808 2000 247" in money
    location = bot.reply(
        sender, "she can still see my location on find my iphone. should i just turn it off"
    )
    assert "safety question" in location and "0808 2000 247" in location


def test_location_sharing_without_abuse_is_a_choice_not_an_alarm(bot, sender):
    bot.reply(sender, "we broke up in the summer, it was mutual and we're fine")
    reply = bot.reply(
        sender, "we still share locations on snap map. do i turn it off or is that petty"
    )
    assert any(reply.endswith(text) for text in answers("location_sharing")), reply
    assert "0808 2000 247" not in reply
