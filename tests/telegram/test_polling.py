"""`make telegram-polling`: getUpdates from the (fake) Bot API, answered by the
running Rasa server's Telegram channel."""

from __future__ import annotations

import subprocess
import sys

import pytest

from deploy.processes import server_env
from tests.fakes.telegram_bot_api import FakeBotAPI
from tests.servers import PROJECT_ROOT, Heartwise
from tests.telegram import updates


@pytest.fixture
def poller(bot: Heartwise):
    process = subprocess.Popen(
        [sys.executable, "-m", "channels.telegram_polling", "--rasa", bot.url],
        cwd=PROJECT_ROOT,
        env=server_env(**bot.env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield process
    process.terminate()
    process.wait(timeout=30)


def test_polling_hands_updates_to_rasa_and_confirms_them(poller, telegram_api: FakeBotAPI):
    chat = updates.new_chat_id()
    telegram_api.push_update(updates.text(chat, "hi"))
    telegram_api.push_update(updates.button_press(chat, "/ask_capabilities"))
    texts = telegram_api.wait_for(
        lambda: len(telegram_api.texts_to(chat)) >= 2 and telegram_api.texts_to(chat),
        what="both replies",
    )
    assert texts[0].startswith("Hi, I'm Heartwise")
    assert texts[1].startswith("I can answer questions")
    assert telegram_api.calls_to("deleteWebhook"), "getUpdates needs the webhook removed"
    # Confirmed (the next getUpdates carried a later offset), so never handled twice.
    telegram_api.wait_for(lambda: not telegram_api.updates, what="the updates to be confirmed")
    assert len(telegram_api.texts_to(chat)) == 2
