"""Talking to Heartwise in the widget: replies, quick replies, safety, bad input."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.chat import Chat
from tests.servers import PROJECT_ROOT

GREETING = "Hi, I'm Heartwise"


def test_the_bot_greets_and_answers(chat: Chat):
    chat.open().expect_reply(GREETING)
    chat.send("I keep wondering if I should text my ex")
    expect(chat.user_messages.last).to_have_text("I keep wondering if I should text my ex")
    chat.expect_answered()
    expect(chat.page.get_by_text("Heartwise is typing…")).to_be_hidden()


def test_a_quick_reply_sends_its_payload_and_shows_its_title(chat: Chat):
    chat.open().expect_reply(GREETING)
    chat.page.get_by_role("button", name="What can you do?").click()
    expect(chat.user_messages.last).to_have_text("What can you do?")
    chat.expect_reply("I can answer questions about getting through a breakup")
    # The greeting's buttons are gone once answered; the new answer has its own.
    expect(chat.page.get_by_role("button", name="What can you do?")).to_have_count(0)
    expect(chat.page.get_by_role("button", name="Walk me through the guide")).to_be_visible()


def test_a_crisis_message_shows_the_crisis_lines(chat: Chat):
    chat.open().expect_reply(GREETING)
    chat.send("i want to kill myself")
    for line in ("988", "741741", "116 123"):
        expect(chat.log).to_contain_text(line, timeout=30_000)


def help_numbers_in(text: str) -> set[str]:
    return set(re.findall(r"\d[\d -]{1,12}\d", text))


def test_need_help_now_works_without_the_server(chat: Chat):
    # Every socket.io connection is answered by nobody: the server is unreachable.
    chat.page.route_web_socket(re.compile("/socket.io/"), lambda ws: None)
    chat.open()
    toggle = chat.page.get_by_role("button", name="Need help now?")
    expect(toggle).to_be_visible()
    toggle.click()
    panel = chat.page.get_by_role("region", name="Urgent help")
    expect(panel).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    # Every number the bot gives in a crisis or on abuse is in the panel too.
    responses = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())["responses"]
    bot_text = " ".join(
        variant["text"]
        for name in ("utter_crisis_resources", "utter_abuse_support")
        for variant in responses[name]
    )
    panel_text = panel.inner_text()
    for number in help_numbers_in(bot_text):
        assert number in panel_text, number
    assert "findahelpline.com" in panel_text
    expect(panel.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")


def test_html_in_a_message_is_shown_as_text_and_never_runs(chat: Chat):
    chat.open().expect_reply(GREETING)
    attack = "<img src=x onerror=alert(1)> <script>alert(2)</script>"
    chat.send(attack)
    expect(chat.user_messages.last).to_have_text(attack)
    chat.expect_answered()
    # Chained locators pierce the widget's shadow root; the text did arrive there.
    expect(chat.log.locator(".hw-text").filter(has_text="onerror")).to_have_count(1)
    expect(chat.log.locator("img, script")).to_have_count(0)
    # `chat` fails the test on any dialog, so alert() never ran.


def test_links_in_bot_messages_are_safe_links(chat: Chat):
    chat.open().expect_reply(GREETING)
    chat.send("i want to kill myself")
    expect(chat.log).to_contain_text("findahelpline.com", timeout=30_000)
    link = chat.log.get_by_role("link", name="findahelpline.com").last
    expect(link).to_have_attribute("href", "https://findahelpline.com/")
    expect(link).to_have_attribute("rel", "noopener noreferrer")


def test_keyboard_only(chat: Chat):
    chat.open().expect_reply(GREETING)
    chat.input.focus()
    chat.page.keyboard.type("first line")
    chat.page.keyboard.press("Shift+Enter")
    chat.page.keyboard.type("second line")
    expect(chat.input).to_have_value("first line\nsecond line")
    chat.page.keyboard.press("Enter")
    expect(chat.user_messages.last).to_have_text("first line\nsecond line")
    expect(chat.input).to_have_value("")
    # Tab reaches the quick replies and Enter presses one.
    chat.send("hello")
    chat.expect_reply(GREETING)
    reply = chat.page.get_by_role("button", name="What can you do?")
    for _ in range(20):
        if reply.evaluate("button => button.getRootNode().activeElement === button"):
            break
        chat.page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the quick reply")
    chat.page.keyboard.press("Enter")
    chat.expect_reply("I can answer questions about getting through a breakup")


def test_empty_and_unusual_messages(chat: Chat):
    chat.open().expect_reply(GREETING)
    chat.send("   ")
    expect(chat.user_messages).to_have_count(0)
    for text in ("💔😭", "je suis triste", "x" * 3000):
        replies = chat.bot_messages.count()
        chat.send(text)
        # The box takes as much as the server reads (2,000 characters).
        expect(chat.user_messages.last).to_have_text(text[:2000])
        chat.expect_answered()
        assert chat.bot_messages.count() > replies
