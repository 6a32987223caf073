"""A shared computer: the next person does not walk into the previous one's
conversation. The widget's session is issued and signed by the server
(channels/socketio.py); the device can forget it, keep it only for the tab,
and asks after a long pause before it shows or continues anything."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.chat import Chat
from tests.servers import Heartwise

GREETING = "Hi, I'm Heartwise"
SECRET = "my ex is called ilse and i still sleep in her shirt"


def start_talking(chat: Chat) -> str:
    chat.open().expect_reply(GREETING)
    chat.send(SECRET)
    chat.expect_answered()
    return chat.session_id()


def user_texts(site: Heartwise, sender: str) -> list[str]:
    return [e["text"] for e in site.tracker(sender)["events"] if e["event"] == "user"]


def test_the_session_is_the_servers_and_carries_a_token(chat: Chat, site: Heartwise):
    session = start_talking(chat)
    assert session.startswith("web:")
    stored = chat.page.evaluate("JSON.parse(localStorage.getItem('heartwise.session'))")
    assert stored["token"] and stored["id"] == session
    assert SECRET in user_texts(site, session)


def test_forget_on_this_device_leaves_nothing_of_it_on_screen_or_in_storage(chat: Chat):
    old = start_talking(chat)
    chat.page.get_by_role("button", name="Forget on this device").click()
    chat.expect_reply(GREETING)
    assert chat.session_id() != old
    expect(chat.log).not_to_contain_text("ilse")
    chat.page.reload()
    chat.expect_reply(GREETING)
    expect(chat.log).not_to_contain_text("ilse")
    assert chat.session_id() != old
    storage = chat.page.evaluate("JSON.stringify({...localStorage, ...sessionStorage})")
    assert old not in storage and "ilse" not in storage


def test_on_a_shared_device_the_conversation_ends_with_the_tab(chat: Chat):
    chat.open().expect_reply(GREETING)
    chat.page.get_by_label("Shared device").check()
    chat.send(SECRET)
    chat.expect_answered()
    old = chat.session_id()
    assert chat.page.evaluate("localStorage.getItem('heartwise.session')") is None

    # The next person opens the page in a new tab of the same browser.
    next_tab = chat.page.context.new_page()
    next_person = Chat(next_tab, chat.site).open()
    next_person.expect_reply(GREETING)
    expect(next_person.log).not_to_contain_text("ilse")
    assert next_person.session_id() != old


def test_after_a_long_pause_the_widget_asks_before_continuing(chat: Chat, site: Heartwise):
    old = start_talking(chat)
    # As if the last message was sent two days ago.
    chat.page.evaluate(
        """() => {
          const s = JSON.parse(localStorage.getItem('heartwise.session'));
          s.lastActive = Date.now() - 2 * 24 * 3600 * 1000;
          localStorage.setItem('heartwise.session', JSON.stringify(s));
        }"""
    )
    chat.page.reload()
    expect(chat.page.get_by_text("Is it yours?")).to_be_visible()
    expect(chat.log).not_to_contain_text("ilse")
    expect(chat.input).to_be_disabled()
    chat.page.get_by_role("button", name="No, start a new one").click()
    chat.expect_reply(GREETING)
    expect(chat.log).not_to_contain_text("ilse")
    assert chat.session_id() != old
    # The earlier conversation is still the owner's on the server, untouched.
    assert SECRET in user_texts(site, old)


def test_after_a_long_pause_the_owner_can_continue(chat: Chat, site: Heartwise):
    old = start_talking(chat)
    chat.page.evaluate(
        """() => {
          const s = JSON.parse(localStorage.getItem('heartwise.session'));
          s.lastActive = 0;
          localStorage.setItem('heartwise.session', JSON.stringify(s));
        }"""
    )
    chat.page.reload()
    chat.page.get_by_role("button", name="Yes, continue it").click()
    expect(chat.log).to_contain_text("ilse")
    chat.send("should i give her the shirt back")
    chat.expect_answered()
    assert chat.session_id() == old
    assert user_texts(site, old)[-1] == "should i give her the shirt back"
