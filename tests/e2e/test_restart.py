"""A crashed server loses nothing: the conversation continues where it was."""

from __future__ import annotations


def test_conversation_survives_a_killed_server(bot, sender):
    bot.reply(sender, "my wife left me two months ago")
    bot.reply(sender, "walk me through it")
    assert "Step 2 of 3" in bot.reply(sender, "yes")

    bot.kill_rasa()
    bot.start_rasa()

    assert "Step 3 of 3" in bot.reply(sender, "yes")
    assert bot.tracker(sender)["slots"]["ex_role"] == "wife"
