"""What every channel bounds before a message reaches Rasa, and the widget's
signed sessions."""

from __future__ import annotations

import re

import pytest
import yaml

from channels.limits import MAX_MESSAGE_CHARS, RateLimit, client_address, only_the_start
from channels.socketio import SessionSigner
from tests.conftest import PROJECT_ROOT


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_a_short_message_is_read_whole():
    assert only_the_start("hello", limit=10) == ("hello", None)


def test_a_long_message_is_cut_and_the_note_shows_where():
    text, note = only_the_start("a" * 50 + "the end of what was read" + "b" * 500, limit=74)
    assert len(text) == 74
    assert note is not None and "first 74 characters" in note
    assert "the end of what was read" in note


def test_a_burst_then_the_steady_rate():
    clock = Clock()
    limit = RateLimit(per_minute=30, burst=10, clock=clock)
    assert [limit.allow("a") for _ in range(11)] == [True] * 10 + [False]
    assert limit.allow("b"), "another key has its own bucket"
    clock.now += 2  # 30 a minute: one every two seconds
    assert limit.allow("a")
    assert not limit.allow("a")


def test_memory_stays_bounded_by_forgetting_full_buckets():
    clock = Clock()
    limit = RateLimit(per_minute=60, burst=2, clock=clock, max_keys=3)
    for key in "abc":
        limit.allow(key)
    clock.now += 60
    limit.allow("d")
    assert len(limit._buckets) == 1


@pytest.mark.parametrize(
    ("peer", "forwarded", "address"),
    [
        ("203.0.113.9", None, "203.0.113.9"),
        ("203.0.113.9", "10.0.0.1", "203.0.113.9"),  # a stranger's header is ignored
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),  # the local proxy names the client
        ("127.0.0.1", "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the proxy's own entry
        ("::1", None, "::1"),
        (None, "198.51.100.7", None),
    ],
)
def test_the_client_address_trusts_only_a_local_proxy(peer, forwarded, address):
    assert client_address(peer, forwarded) == address


def test_a_session_token_proves_its_session_until_it_expires():
    clock = Clock()
    signer = SessionSigner(b"k" * 32, max_age_s=100, clock=clock)
    session = signer.new_session()
    token = signer.token(session)
    assert session.startswith("web:") and signer.verify(session, token)
    assert not signer.verify(signer.new_session(), token), "a token opens its own session only"
    assert not SessionSigner(b"x" * 32, max_age_s=100, clock=clock).verify(session, token)
    for forged in ("", "1.x", token + "a", token.replace(".", ""), None, 5):
        assert not signer.verify(session, forged)
    assert not signer.verify(session.removeprefix("web:"), token)
    clock.now += 101
    assert not signer.verify(session, token)


def test_the_channels_the_pipeline_and_the_widget_read_the_same_length():
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())
    (step,) = [c for c in config["pipeline"] if c["name"].endswith("PlainTextPreprocessor")]
    widget = (PROJECT_ROOT / "web" / "src" / "widget.js").read_text()
    assert step["max_characters"] == MAX_MESSAGE_CHARS
    assert re.search(rf"MAX_MESSAGE_CHARS = {MAX_MESSAGE_CHARS};", widget)
