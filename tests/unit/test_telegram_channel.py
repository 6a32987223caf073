"""The channel's start-up against the fake Bot API: the webhook is registered
with its secret, and an unreachable API is logged, never raised."""

from __future__ import annotations

import logging

import pytest

from channels.telegram import TelegramInput, TelegramOutput
from channels.telegram_api import TelegramSettings
from tests.fakes.telegram_bot_api import BOT_USERNAME, TOKEN, FakeBotAPI


@pytest.fixture
def api():
    fake = FakeBotAPI().start()
    yield fake
    fake.stop()


def channel_for(api_url: str, webhook_url: str | None) -> TelegramInput:
    settings = TelegramSettings(
        token=TOKEN,
        bot_name=BOT_USERNAME,
        webhook_url=webhook_url,
        secret="s3cret-of-16-chars",
        api_url=api_url,
    )
    channel = TelegramInput(settings)
    channel.output = TelegramOutput(settings.new_bot())
    return channel


async def test_the_webhook_is_registered_with_its_secret(api):
    channel = channel_for(api.url, "https://chat.example.org/webhooks/telegram/webhook")
    await channel.register_webhook()
    await channel.output.bot.session.close()
    (call,) = api.calls_to("setWebhook")
    assert call.params["url"] == "https://chat.example.org/webhooks/telegram/webhook"
    assert call.params["secret_token"] == "s3cret-of-16-chars"
    assert call.params["allowed_updates"] == ["message", "callback_query"]


async def test_without_a_webhook_url_nothing_is_registered(api):
    channel = channel_for(api.url, None)
    await channel.register_webhook()
    await channel.output.bot.session.close()
    assert api.calls_to("getMe") and not api.calls_to("setWebhook")


async def test_an_unreachable_bot_api_is_logged_not_raised(caplog):
    channel = channel_for("http://127.0.0.1:9", "https://chat.example.org/hook")
    with caplog.at_level(logging.ERROR, logger="channels.telegram"):
        await channel.register_webhook()
    await channel.output.bot.session.close()
    assert "setting the webhook" in caplog.text
    assert "keeps running" in caplog.text


def test_without_a_token_telegram_is_off(monkeypatch):
    monkeypatch.delenv("TELEGRAM_TOKEN", raising=False)
    channel = TelegramInput.from_credentials(None)
    blueprint = channel.blueprint(on_new_message=None)
    assert [route.uri for route in blueprint._future_routes] == ["/"]
    assert channel.get_output_channel() is None
