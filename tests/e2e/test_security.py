"""Issue 18 against the real servers: conversations belong to whoever started
them, the API takes only JSON, long messages are bounded, odd characters do
not hide a crisis, and "delete my data" works wherever the person is."""

from __future__ import annotations

import time
import uuid

import pytest
import requests

from tests.e2e.socket_client import SocketClient
from tests.e2e.test_safety_protocol import PLACES

CRISIS_LINES = ("988", "116 123")


def post_rest(bot, payload, **kwargs) -> requests.Response:
    return requests.post(f"{bot.url}/webhooks/rest/webhook", json=payload, timeout=60, **kwargs)


# --- REST: a sender is required, and cannot name another channel's conversation


@pytest.mark.parametrize(
    "sender",
    [None, "", 0, False, {"id": "x"}, ["x"], "x" * 129, "web:0123abcd", "telegram:12345", "a b"],
    ids=repr,
)
def test_rest_refuses_a_missing_or_foreign_sender(bot, sender):
    payload = {"message": "hi"} if sender is None else {"sender": sender, "message": "hi"}
    response = post_rest(bot, payload)
    assert response.status_code == 400
    assert "'sender'" in response.json()["error"]
    # Nothing was said in the conversation everybody shared before: "default".
    assert not [e for e in bot.tracker("default")["events"] if e["event"] == "user"]


def test_a_sender_of_128_characters_is_a_conversation_of_its_own(bot):
    sender = "a" * 120 + uuid.uuid4().hex[:8]
    assert "Heartwise" in bot.reply(sender, "hi")


# --- Bodies a web page could send behind the person's back


@pytest.mark.parametrize(
    ("path", "needs_token"),
    [("/webhooks/rest/webhook", False), ("/conversations/{sender}/tracker/events", True)],
)
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_bodies_that_are_not_json_are_refused(bot, sender, path, needs_token, content_type):
    bot.say(sender, "hi")
    body = '{"sender": "%s", "message": "hi", "event": "slot", "name": "abuse_disclosed", "value": true}'
    response = requests.post(
        bot.url + path.format(sender=sender),
        data=body % sender,
        params={"token": bot.auth_token} if needs_token else {},
        headers={"Content-Type": content_type},
        timeout=30,
    )
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]
    assert bot.tracker(sender)["slots"]["abuse_disclosed"] is not True


# --- Bounded work per message


def test_a_long_message_is_read_up_to_the_limit_and_the_person_is_told(bot, sender):
    story = "he left and i keep replaying every fight we had. " * 400  # 20,000 characters
    replies = bot.say(sender, story + "anyway should i text him")
    assert "read only the first 2,000 characters" in replies[0]["text"]
    assert len(replies) > 1, "the start of the message is still answered"
    stored = [e["text"] for e in bot.tracker(sender)["events"] if e["event"] == "user"]
    assert stored == [story[:2000]]


def test_a_message_of_nearly_a_megabyte_is_answered_and_the_server_goes_on(bot, sender):
    huge = "i miss her " * 95_000  # about 1 MB, just under the body limit
    replies = bot.say(sender, huge)
    assert "read only the first 2,000 characters" in replies[0]["text"]
    assert "Heartwise" in bot.reply(f"{sender}-next", "hi")


# --- Odd characters do not hide a crisis


@pytest.mark.parametrize(
    "message",
    [
        "".join(chr(ord(c) + 0xFEE0) if c != " " else "\u3000" for c in "I want to kill myself"),
        "i want to k\u0456ll myself",  # Cyrillic i
        "\u0399 want t\u03bf end my l\u03b9fe",  # Greek capital iota, omicron, iota
        "i want to k\u200bi\u200bl\u200bl my\u200dself",  # zero-width characters
        "i wa\u0301nt to ki\u0300ll myse\u0301lf",  # combining accents
    ],
    ids=["fullwidth", "cyrillic", "greek", "zero-width", "accents"],
)
def test_look_alike_letters_still_get_the_crisis_lines(bot, sender, message):
    text = bot.reply(sender, message)
    for line in CRISIS_LINES:
        assert line in text, text
    # The tracker keeps what the person wrote.
    stored = [e["text"] for e in bot.tracker(sender)["events"] if e["event"] == "user"]
    assert stored == [message]


# --- "Delete my data" wherever the person is


DELETION_PLACES = {
    **{name: setup for name, setup in PLACES.items() if name != "after the deletion question"},
    "after an unclear message": lambda bot, sender: bot.say(sender, "/nlu_fallback"),
}


@pytest.mark.parametrize("place", DELETION_PLACES)
def test_delete_my_data_works_inside_every_form_and_question(bot, sender, place):
    DELETION_PLACES[place](bot, sender)
    assert "permanently delete" in bot.reply(sender, "delete my data")
    assert "deleted" in bot.reply(sender, "yes")
    tracker = bot.tracker(sender)
    assert tracker["active_loop"].get("name") is None
    assert tracker["slots"]["journal"] in (None, [])


# --- socket.io: a session belongs to whoever started it


def test_a_stolen_session_id_without_its_token_opens_a_new_session(bot):
    with SocketClient(bot.url) as owner, SocketClient(bot.url) as stranger:
        mine = owner.session()
        assert mine["session_id"].startswith("web:") and not mine["resumed"]
        owner.say("my girlfriend left me last week, her name is maren")

        for attempt in (
            {"session_id": mine["session_id"]},
            {"session_id": mine["session_id"], "token": "1.forged"},
            {"session_id": mine["session_id"], "token": mine["token"] + "x"},
        ):
            theirs = stranger.session(attempt)
            assert theirs["session_id"] != mine["session_id"]
            assert not theirs["resumed"]
        # The owner's next replies reach only the owner.
        before = len(stranger.received("bot_uttered"))
        assert owner.say("should i text her")
        time.sleep(0.5)
        assert len(stranger.received("bot_uttered")) == before


def test_a_socket_cannot_write_in_another_session(bot):
    with SocketClient(bot.url) as owner, SocketClient(bot.url) as stranger:
        mine = owner.session()
        stranger.session()
        stranger.say("delete my data", session_id=mine["session_id"])
        errors = stranger.wait_for("error")
        assert "own session" in errors[-1]["error"]
    events = bot.tracker(mine["session_id"])["events"]
    assert not any(e["event"] == "user" for e in events)


def test_the_owner_resumes_with_the_token(bot):
    with SocketClient(bot.url) as first:
        mine = first.session()
        first.say("my boyfriend left me")
    with SocketClient(bot.url) as again:
        resumed = again.session({"session_id": mine["session_id"], "token": mine["token"]})
        assert resumed["session_id"] == mine["session_id"] and resumed["resumed"]
        assert again.say("hi")
    events = bot.tracker(mine["session_id"])["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == ["my boyfriend left me", "hi"]


@pytest.mark.parametrize(
    ("event", "data", "reason"),
    [
        ("user_uttered", {"message": "hi"}, "session_request"),
        ("session_request", "not an object", "object"),
        ("session_request", ["a", "list"], "object"),
        ("user_uttered", "just a string", "'message'"),
        ("user_uttered", {"message": 42}, "'message'"),
        ("user_uttered", {"text": "wrong field"}, "'message'"),
        ("user_uttered", {"message": "hi", "metadata": "{not json"}, "'metadata'"),
    ],
)
def test_malformed_socket_requests_get_an_error_event(bot, event, data, reason):
    log_before = len(bot.log("rasa"))
    with SocketClient(bot.url) as client:
        if event == "user_uttered" and reason != "session_request":
            client.session()
        client.sio.emit(event, data)
        errors = client.wait_for("error")
        assert reason in errors[-1]["error"]
        # The socket still works afterwards.
        client.session()
        assert client.say("hi")
    log = bot.log("rasa")[log_before:]
    assert "socket.io: refused" in log
    assert "Task exception was never retrieved" not in log
    assert "Traceback" not in log


def test_an_oversized_frame_closes_only_that_socket(bot):
    with SocketClient(bot.url) as client:
        client.session()
        client.sio.emit("user_uttered", {"message": "x" * 100_000})
        time.sleep(1)
        assert not client.received("bot_uttered")
    with SocketClient(bot.url) as other:
        other.session()
        assert any("Heartwise" in text for text in other.say("hi"))
