"""Development server for the web widget: what nginx does in production.

Serves web/ (the demo page and the built widget) and passes /socket.io/
websockets through to the Rasa server, so the page and the chat share one
origin exactly as behind deploy/nginx/heartwise.conf. Loopback only unless
told otherwise.

    python web/serve.py --port 8080 --rasa http://127.0.0.1:5005
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from pathlib import Path
from typing import AsyncIterator

import aiohttp
from aiohttp import WSMsgType, web
from aiohttp.typedefs import Handler

WebSocket = web.WebSocketResponse | aiohttp.ClientWebSocketResponse

WEB_ROOT = Path(__file__).resolve().parent
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
log = logging.getLogger("heartwise.web")


# A chat frame is small (channels/socketio.py MAX_FRAME_CHARS); bigger ones
# close the socket here, before they reach Rasa.
MAX_FRAME_BYTES = 64 * 1024


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The headers on every answer, errors (404, 502) included."""
    try:
        response = await handler(request)
    except web.HTTPException as error:
        error.headers.update(SECURITY_HEADERS)
        raise
    response.headers.update(SECURITY_HEADERS)
    if request.path.startswith("/dist/"):
        response.headers["Cache-Control"] = "no-cache"
    return response


async def index(_: web.Request) -> web.FileResponse:
    return web.FileResponse(WEB_ROOT / "index.html")


async def pipe(source: WebSocket, sink: WebSocket) -> None:
    async for message in source:
        if message.type == WSMsgType.TEXT:
            await sink.send_str(message.data)
        elif message.type == WSMsgType.BINARY:
            await sink.send_bytes(message.data)
        else:
            break


async def socketio_proxy(request: web.Request) -> web.StreamResponse:
    """One browser websocket <-> one Rasa websocket; either closing closes both."""
    browser = web.WebSocketResponse(autoping=True, max_msg_size=MAX_FRAME_BYTES)
    if not browser.can_prepare(request).ok:
        # Checked before Rasa is called: a plain GET used to open an upstream
        # socket that nothing ever closed.
        raise web.HTTPBadRequest(text="The chat speaks websocket only.")
    upstream_url = request.app["rasa_url"].with_path(request.path).with_query(request.query)
    session: aiohttp.ClientSession = request.app["client"]
    try:
        upstream = await session.ws_connect(
            upstream_url.with_scheme("ws"),
            autoping=True,
            max_msg_size=MAX_FRAME_BYTES,
            # Rasa trusts this header from a proxy on the same machine only.
            headers={"X-Forwarded-For": request.remote or ""},
        )
    except (aiohttp.ClientError, OSError) as error:
        log.warning("Rasa is not reachable at %s: %s", upstream_url, error)
        raise web.HTTPBadGateway(text="The chat server is not reachable.") from error
    await browser.prepare(request)
    tasks = [
        asyncio.create_task(pipe(browser, upstream)),
        asyncio.create_task(pipe(upstream, browser)),
    ]
    await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in tasks:
        task.cancel()
    await upstream.close()
    await browser.close()
    return browser


async def client_session(app: web.Application) -> AsyncIterator[None]:
    app["client"] = aiohttp.ClientSession()
    yield
    await app["client"].close()


def make_app(rasa_url: str) -> web.Application:
    app = web.Application(middlewares=[security_headers])
    app["rasa_url"] = aiohttp.client.URL(rasa_url)
    app.cleanup_ctx.append(client_session)
    app.router.add_get("/", index)
    app.router.add_get("/socket.io/", socketio_proxy)
    app.router.add_static("/dist/", WEB_ROOT / "dist")
    for name in ("demo.css", "favicon.svg"):
        app.router.add_get(f"/{name}", lambda _, name=name: web.FileResponse(WEB_ROOT / name))
    return app


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument(
        "--rasa", default="http://127.0.0.1:5005", help="the Rasa server's base URL"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    web.run_app(make_app(args.rasa), host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
