"""Refuses request bodies that a web page could send behind the person's back.

Any page the person visits may POST to ``localhost`` with the content types a
form can send (``text/plain``, ``application/x-www-form-urlencoded``,
``multipart/form-data``), without the browser asking the server first. Rasa
reads such a body as JSON all the same, so a page could write in a local
conversation or, without a token, set its slots. A JSON or YAML body needs a
CORS preflight, which no foreign origin passes.

This "channel" has no routes of its own: named in credentials.yml, it puts
one check in front of every route of the server (the HTTP API and the
channels' webhooks; socket.io has its own framing). Bodies of any other type
get 415 with an explanation.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

ACCEPTED_TYPES = frozenset(
    {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
)
WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


def refusal(request: Request) -> Optional[HTTPResponse]:
    """415 for a request whose body is not JSON or YAML; None to let it through."""
    if request.method not in WITH_BODY or request.path.startswith("/socket.io"):
        return None
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in ACCEPTED_TYPES:
        return None
    return response.json(
        {"error": "Send the body as JSON, with the header 'Content-Type: application/json'."},
        status=415,
    )


class RequestGuard(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "request_guard"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        guard = Blueprint("request_guard", __name__)

        @guard.listener("before_server_start")
        async def install(app: Sanic, _: Any) -> None:
            app.register_middleware(refusal, attach_to="request")

        return guard
