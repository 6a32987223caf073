"""Rasa's HTTP API is closed without the token; the chat channels stay open;
oversized bodies are refused."""

from __future__ import annotations

import pytest
import requests

from deploy.processes import REQUEST_MAX_SIZE


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/status"),
        ("GET", "/conversations/someone/tracker"),
        ("POST", "/model/parse"),
        ("POST", "/conversations/someone/messages"),
    ],
)
@pytest.mark.parametrize("token", [None, "wrong-token"], ids=["no token", "wrong token"])
def test_api_routes_need_the_token(bot, method, path, token):
    params = {"token": token} if token else {}
    response = requests.request(
        method, f"{bot.url}{path}", params=params, json={"text": "hi"}, timeout=30
    )
    assert response.status_code in (401, 403)


def test_the_right_token_opens_the_api(bot, sender):
    bot.say(sender, "hi")
    response = requests.get(f"{bot.url}/status", params={"token": bot.auth_token}, timeout=30)
    assert response.ok
    assert bot.tracker(sender)["sender_id"] == sender


def test_an_oversized_body_is_refused_and_nothing_breaks(bot, sender):
    huge = {"sender": sender, "message": "x" * (REQUEST_MAX_SIZE + 1)}
    response = requests.post(f"{bot.url}/webhooks/rest/webhook", json=huge, timeout=60)
    assert response.status_code == 413
    assert "Heartwise" in bot.reply(sender, "hi")


def test_what_people_write_stays_out_of_the_logs(bot, sender):
    # The logs are read by whoever runs the servers, kept longer than the
    # conversations and untouched by "delete my data".
    words = "i keep thinking about ending it since maren left, code 7f3a"
    assert "988" in bot.reply(sender, words)
    bot.reply(sender, "give me a reflection question")
    bot.reply(sender, "the lake house in june, code 7f3a")
    for name in ("rasa", "actions"):
        assert "7f3a" not in bot.log(name), f"message text in the {name} log"
