"""Shaping replies for Telegram, and settings from the environment."""

from __future__ import annotations

import pytest

from channels.telegram_api import (
    MAX_MESSAGE_UNITS,
    TelegramConfigError,
    TelegramSettings,
    as_html,
    callback_data,
    inline_keyboard,
    split_message,
    utf16_units,
)


def test_a_short_reply_is_one_message():
    assert list(split_message("  Take care of yourself.  ")) == ["Take care of yourself."]


def test_a_long_reply_is_split_between_paragraphs_within_the_limit():
    paragraphs = [f"Paragraph {i}. " + "words " * 150 for i in range(12)]
    text = "\n\n".join(paragraphs)
    pieces = list(split_message(text))
    assert len(pieces) > 1
    assert all(utf16_units(p) <= MAX_MESSAGE_UNITS for p in pieces)
    assert all(p.startswith("Paragraph") for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())


def test_a_wall_of_emoji_without_spaces_is_cut_by_utf16_units():
    text = "💔" * 5000  # each is two UTF-16 units
    pieces = list(split_message(text))
    assert all(utf16_units(p) <= MAX_MESSAGE_UNITS for p in pieces)
    assert "".join(pieces) == text


def test_text_is_escaped_for_telegrams_html_mode():
    assert as_html("<b>you</b> & me") == "&lt;b&gt;you&lt;/b&gt; &amp; me"
    assert as_html('I\'m fine, "really"') == 'I\'m fine, "really"'


def test_callback_data_keeps_short_payloads_and_shortens_long_ones():
    assert callback_data({"title": "Yes", "payload": "/affirm"}) == "/affirm"
    long_payload = '/inform{"note": "' + "x" * 80 + '"}'
    data = callback_data({"title": "Tell me more about giving space", "payload": long_payload})
    assert data == "Tell me more about giving space"
    data = callback_data({"title": "é" * 50, "payload": long_payload})
    assert len(data.encode()) <= 64 and data == "é" * 32


def test_one_button_per_row():
    keyboard = inline_keyboard(
        [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    )
    assert [[b.text for b in row] for row in keyboard.inline_keyboard] == [["Yes"], ["No"]]


def test_telegram_is_off_without_a_token():
    assert TelegramSettings.from_env({}) is None
    assert TelegramSettings.from_env({"TELEGRAM_TOKEN": "  "}) is None


SECRET = "a-secret-of-24-characters"


def test_settings_come_from_the_environment():
    settings = TelegramSettings.from_env(
        {
            "TELEGRAM_TOKEN": "123:abc",
            "TELEGRAM_BOT_NAME": "@HeartwiseBot",
            "TELEGRAM_WEBHOOK_URL": "https://chat.example.org/webhooks/telegram/webhook",
            "TELEGRAM_SECRET": SECRET,
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/",
        }
    )
    assert settings.bot_name == "HeartwiseBot"
    assert settings.secret == SECRET
    assert settings.api_url == "http://127.0.0.1:8081"
    minimal = {"TELEGRAM_TOKEN": "123:abc", "TELEGRAM_BOT_NAME": "b", "TELEGRAM_SECRET": SECRET}
    assert TelegramSettings.from_env(minimal).api_url == "https://api.telegram.org"


@pytest.mark.parametrize("secret", [None, "", "short", "has spaces in it, sixteen+", "x" * 257])
def test_telegram_does_not_start_without_a_usable_secret(secret):
    environ = {"TELEGRAM_TOKEN": "123:abc", "TELEGRAM_BOT_NAME": "b"}
    if secret is not None:
        environ["TELEGRAM_SECRET"] = secret
    with pytest.raises(TelegramConfigError, match="TELEGRAM_SECRET"):
        TelegramSettings.from_env(environ)


def test_a_token_without_a_bot_name_is_a_clear_error():
    with pytest.raises(TelegramConfigError, match="TELEGRAM_BOT_NAME"):
        TelegramSettings.from_env({"TELEGRAM_TOKEN": "123:abc"})
