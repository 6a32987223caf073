"""Nothing is lost: reloads, restarts of the Rasa server, new conversations, deletion."""

from __future__ import annotations

import re
import sqlite3

from playwright.sync_api import WebSocketRoute, expect

from tests.browser.chat import Chat
from tests.servers import Heartwise

GREETING = "Hi, I'm Heartwise"


def user_texts(site: Heartwise, sender: str) -> list[str]:
    events = site.tracker(sender)["events"]
    return [e["text"] for e in events if e["event"] == "user"]


def test_a_reload_keeps_the_transcript_and_the_conversation(chat: Chat, site: Heartwise):
    chat.open().expect_reply(GREETING)
    chat.send("my girlfriend left me last week")
    chat.expect_answered()
    before = chat.log.inner_text()
    session = chat.session_id()

    chat.page.reload()
    expect(chat.user_messages.first).to_have_text("my girlfriend left me last week")
    assert chat.log.inner_text() == before
    assert chat.session_id() == session
    chat.send("should I give her space?")
    expect(chat.user_messages.last).to_have_text("should I give her space?")
    chat.expect_answered()

    # One Rasa conversation, with both messages, in order, once each.
    texts = user_texts(site, session)
    assert [t for t in texts if not t.startswith("/")] == [
        "my girlfriend left me last week",
        "should I give her space?",
    ]


def test_the_widget_reconnects_after_a_server_crash_and_sends_what_was_queued(
    chat: Chat, site: Heartwise
):
    chat.tolerate(r"WebSocket connection to .* failed")
    chat.open().expect_reply(GREETING)
    session = chat.session_id()
    site.kill_rasa()
    try:
        expect(chat.page.get_by_role("status").filter(has_text="Reconnecting")).to_be_visible(
            timeout=15_000
        )
        chat.send("are you still there?")
        chat.send("i feel so alone tonight")
        expect(chat.page.get_by_text("Not sent yet")).to_have_count(2)
    finally:
        site.start_rasa()
    expect(chat.page.get_by_text("Not sent yet")).to_have_count(0, timeout=60_000)
    chat.expect_answered()
    expect(chat.page.get_by_role("status").filter(has_text="Reconnecting")).to_have_count(0)
    texts = [t for t in user_texts(site, session) if not t.startswith("/")]
    assert texts == ["are you still there?", "i feel so alone tonight"]


def test_new_conversation_starts_afresh(chat: Chat):
    chat.open().expect_reply(GREETING)
    chat.send("hello there")
    expect(chat.user_messages).to_have_count(1)
    old = chat.session_id()
    chat.page.get_by_role("button", name="New conversation").click()
    expect(chat.user_messages).to_have_count(0)
    chat.expect_reply(GREETING)
    assert chat.session_id() != old


def test_delete_my_data_clears_the_server_and_the_screen(chat: Chat, site: Heartwise):
    chat.open().expect_reply(GREETING)
    secret = "my journal entry: i still love him"
    chat.send(secret)
    chat.expect_answered()
    session = chat.session_id()
    chat.page.get_by_role("button", name="Delete my data").click()
    chat.expect_reply("permanently delete")
    chat.page.get_by_role("button", name="Yes, delete everything").click()
    chat.expect_reply("deleted")
    expect(chat.user_messages).to_have_count(0)
    expect(chat.bot_messages).to_have_count(1)
    chat.page.reload()
    expect(chat.bot_messages).to_have_count(1)
    assert secret not in chat.log.inner_text()
    with sqlite3.connect(site.database) as db:
        stored = db.execute("SELECT data FROM events WHERE sender_id = ?", (session,)).fetchall()
    assert stored and not any(secret in data for (data,) in stored)


def test_a_lost_session_request_is_asked_again(chat: Chat, site: Heartwise):
    # Seen once behind nginx: the first session request got no answer, and the
    # widget would have said "Connecting" for good.
    dropped: list[str] = []

    def drop_the_first_session_request(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()

        def forward(message: str | bytes) -> None:
            if isinstance(message, str) and '"session_request"' in message and not dropped:
                dropped.append(message)
                return
            server.send(message)

        socket.on_message(forward)

    chat.page.route_web_socket(re.compile(r"/socket\.io/"), drop_the_first_session_request)
    chat.open().expect_reply(GREETING)
    assert len(dropped) == 1
    chat.send("my girlfriend left me last week")
    chat.expect_answered()
    assert user_texts(site, chat.session_id())[-1] == "my girlfriend left me last week"
