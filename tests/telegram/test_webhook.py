"""The Telegram channel on a running Rasa server, against the fake Bot API."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List

import pytest
import requests

from channels.telegram import ONLY_TEXT, SECRET_HEADER
from tests.conftest import TELEGRAM_SECRET
from tests.fakes.telegram_bot_api import FakeBotAPI
from tests.servers import Heartwise
from tests.telegram import updates

GREETING = "Hi, I'm Heartwise"


def post(bot: Heartwise, update: Any, secret: str | None = TELEGRAM_SECRET) -> requests.Response:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    body = update if isinstance(update, bytes | str) else json.dumps(update)
    return requests.post(
        f"{bot.url}/webhooks/telegram/webhook",
        data=body,
        headers={"Content-Type": "application/json", **headers},
        timeout=60,
    )


@pytest.fixture
def chat_id() -> int:
    return updates.new_chat_id()


def test_a_text_message_gets_a_reply_in_the_same_chat(bot, telegram_api: FakeBotAPI, chat_id):
    response = post(bot, updates.text(chat_id, "hi"))
    assert response.status_code == 200
    sent = telegram_api.calls_to("sendMessage", chat_id)
    assert sent, "no reply was sent"
    assert sent[0].params["text"].startswith(GREETING)
    assert sent[0].params["parse_mode"] == "HTML"


def test_buttons_become_an_inline_keyboard(bot, telegram_api: FakeBotAPI, chat_id):
    post(bot, updates.text(chat_id, "/start"))
    greeting = telegram_api.calls_to("sendMessage", chat_id)[-1]
    rows = greeting.params["reply_markup"]["inline_keyboard"]
    buttons = [button for row in rows for button in row]
    assert {"text": "What can you do?", "callback_data": "/ask_capabilities"} in buttons
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)


def test_pressing_a_button_is_answered_and_gets_the_next_reply(
    bot, telegram_api: FakeBotAPI, chat_id
):
    post(bot, updates.text(chat_id, "hi"))
    press = updates.button_press(chat_id, "/ask_capabilities")
    assert post(bot, press).status_code == 200
    answered = telegram_api.calls_to("answerCallbackQuery")
    assert press["callback_query"]["id"] in [str(c.params["callback_query_id"]) for c in answered]
    assert "I can answer questions" in telegram_api.texts_to(chat_id)[-1]


def test_a_crisis_message_gets_the_crisis_lines(bot, telegram_api: FakeBotAPI, chat_id):
    post(bot, updates.text(chat_id, "i want to kill myself"))
    said = "\n".join(telegram_api.texts_to(chat_id))
    for line in ("988", "741741", "116 123"):
        assert line in said


@pytest.mark.parametrize(
    ("make_update", "expected_texts"),
    [
        (updates.my_chat_member, []),
        (updates.photo, [ONLY_TEXT]),
        (updates.sticker, [ONLY_TEXT]),
        (lambda chat: updates.edited(chat, "i meant something else"), []),
        (lambda chat: updates.group_text(chat, "hi everyone"), []),
    ],
    ids=["my_chat_member", "photo", "sticker", "edited_message", "group_message"],
)
def test_other_updates_get_200_and_no_crash(
    bot, telegram_api: FakeBotAPI, chat_id, make_update, expected_texts
):
    assert post(bot, make_update(chat_id)).status_code == 200
    assert telegram_api.texts_to(chat_id) == expected_texts
    # The server is still fine: the same chat can talk normally.
    post(bot, updates.text(chat_id, "hello"))
    assert telegram_api.texts_to(chat_id)[-1].startswith(GREETING)


@pytest.mark.parametrize("secret", ["wrong-secret", None], ids=["wrong", "missing"])
def test_a_wrong_secret_is_refused(bot, telegram_api: FakeBotAPI, chat_id, secret):
    before = len(telegram_api.calls)
    response = post(bot, updates.text(chat_id, "hi"), secret=secret)
    assert response.status_code == 403
    assert len(telegram_api.calls) == before
    events = bot.tracker(f"telegram:{chat_id}")["events"]
    assert [e for e in events if e["event"] == "user"] == []


@pytest.mark.parametrize("body", [b"{not json", b"", b"\xff\xfe", b"[1, 2]"])
def test_malformed_json_gets_400_and_nothing_else(bot, telegram_api: FakeBotAPI, body):
    before = len(telegram_api.calls)
    assert post(bot, body).status_code == 400
    assert len(telegram_api.calls) == before


def test_many_chats_at_once_each_get_their_own_replies_in_order(bot, telegram_api: FakeBotAPI):
    script = ["hi", "what can you do?", "thank you", "bye"]
    chats = [updates.new_chat_id() for _ in range(5)]

    def talk(chat: int) -> List[int]:
        return [post(bot, updates.text(chat, words)).status_code for words in script]

    with ThreadPoolExecutor(max_workers=len(chats)) as pool:
        statuses = list(pool.map(talk, chats))
    assert statuses == [[200] * len(script)] * len(chats)
    for chat in chats:
        texts = telegram_api.texts_to(chat)
        assert [first_words(t) for t in texts] == [
            "Hi, I'm Heartwise",
            "I can answer questions",
            "You're welcome.",
            "Take good care",
        ], texts


def first_words(text: str) -> str:
    for opening in (
        "Hi, I'm Heartwise",
        "I can answer questions",
        "You're welcome.",
        "Take good care",
    ):
        if text.startswith(opening):
            return opening
    return text


def test_the_bot_identity_is_fetched_at_start_not_per_update(
    bot, telegram_api: FakeBotAPI, chat_id
):
    before = len(telegram_api.calls_to("getMe"))
    for words in ("hi", "thanks"):
        post(bot, updates.text(chat_id, words))
    assert before >= 1
    assert len(telegram_api.calls_to("getMe")) == before


def test_a_refused_webhook_is_logged_and_the_server_keeps_running(bot, telegram_api: FakeBotAPI):
    # The test server's webhook URL is plain HTTP, which Telegram refuses.
    # (Once per start: other suites restart the server.)
    calls = telegram_api.calls_to("setWebhook")
    assert calls
    params: Dict[str, Any] = calls[-1].params
    assert params["url"] == f"{bot.url}/webhooks/telegram/webhook"
    assert params["secret_token"] == TELEGRAM_SECRET
    assert "Telegram: setting the webhook" in bot.log("rasa")
    assert "https url must be provided" in bot.log("rasa").lower()
    assert requests.get(f"{bot.url}/webhooks/telegram/", timeout=10).json() == {"status": "ok"}


def test_a_chat_is_a_conversation_no_other_channel_can_name(bot, telegram_api: FakeBotAPI, chat_id):
    post(bot, updates.text(chat_id, "my girlfriend left me"))
    events = bot.tracker(f"telegram:{chat_id}")["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == ["my girlfriend left me"]
    # The chat id is no secret, but REST cannot reach the conversation by it.
    for sender in (str(chat_id), f"telegram:{chat_id}"):
        response = requests.post(
            f"{bot.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": "show my journal"},
            timeout=30,
        )
        assert response.status_code == 400 or not [
            e
            for e in bot.tracker(f"telegram:{chat_id}")["events"]
            if e.get("text") == "show my journal"
        ]


def test_an_update_delivered_twice_is_answered_once(bot, telegram_api: FakeBotAPI, chat_id):
    update = updates.text(chat_id, "hi")
    assert post(bot, update).status_code == 200
    assert post(bot, update).status_code == 200
    assert len(telegram_api.texts_to(chat_id)) == 1
    events = bot.tracker(f"telegram:{chat_id}")["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == ["hi"]


def test_flood_control_is_waited_out_and_the_crisis_lines_arrive(
    bot, telegram_api: FakeBotAPI, chat_id
):
    telegram_api.flood(times=2, retry_after=1)
    assert post(bot, updates.text(chat_id, "i want to kill myself")).status_code == 200
    said = "\n".join(telegram_api.texts_to(chat_id))
    for line in ("988", "741741", "116 123"):
        assert line in said
    refused = [c for c in telegram_api.calls_to("sendMessage", chat_id) if c.status == 429]
    assert len(refused) == 2


def test_webhook_mode_refuses_to_start_without_a_secret(bot, telegram_api: FakeBotAPI, tmp_path):
    server = Heartwise(workdir=tmp_path, actions_port=bot.actions_port)
    server.env = {**bot.env, "TELEGRAM_SECRET": ""}
    with pytest.raises(RuntimeError, match="TELEGRAM_SECRET"):
        server.start_rasa()
    server.stop()
