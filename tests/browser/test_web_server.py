"""The widget's development server (web/serve.py), which stands in for nginx
in `make run`: the security headers on every answer, errors included, and no
socket to Rasa for a request that is not a websocket."""

from __future__ import annotations

import pytest
import requests

from tests.servers import Heartwise

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")


@pytest.mark.parametrize(
    ("path", "status"),
    [("/", 200), ("/dist/heartwise-widget.js", 200), ("/serve.py", 404), ("/src/widget.js", 404)],
)
def test_every_answer_carries_the_security_headers(site: Heartwise, path: str, status: int):
    response = requests.get(site.web_url + path, timeout=30)
    assert response.status_code == status
    for header in HEADERS:
        assert header in response.headers, f"{header} missing on {path}"


def test_a_plain_request_to_the_socket_path_opens_nothing_upstream(site: Heartwise):
    log_before = len(site.log("rasa"))
    for _ in range(5):
        response = requests.get(
            f"{site.web_url}/socket.io/", params={"EIO": "4", "transport": "websocket"}, timeout=30
        )
        assert response.status_code == 400
        assert "Content-Security-Policy" in response.headers
    # Rasa never saw them: each used to open a websocket that stayed open.
    assert "/socket.io" not in site.log("rasa")[log_before:]
