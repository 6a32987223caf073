"""Heartwise on Telegram: a webhook channel that replaces Rasa's TelegramInput.

Rasa 3.6's own connector calls getMe on every update, answers non-message
updates with HTTP 500 (so Telegram retries them), never answers callback
queries, ignores the webhook secret, and dies at start-up when setWebhook
fails. This one:

- is configured by environment variables only (channels/telegram_api.py) and
  is simply off when TELEGRAM_TOKEN is unset;
- refuses to start without TELEGRAM_SECRET, and refuses requests without the
  right X-Telegram-Bot-Api-Secret-Token (403) and malformed JSON (400);
  answers every other update with 200;
- keeps its conversations apart: the sender id is ``telegram:<chat id>``,
  which no other channel can name;
- handles an update once, however often Telegram delivers it: its
  ``update_id`` is stored with the message and looked up under the
  conversation's lock;
- waits as long as a 429 says (``retry_after``) and sends again, so a reply
  (crisis lines included) arrives late rather than never; if Telegram keeps
  refusing, the turn is not stored and the update is answered 503, so that
  Telegram delivers it again and it is processed afresh;
- reads only the first 2,000 characters of a message and says so, and slows
  down a chat that sends too fast (channels/limits.py);
- registers the webhook, with its secret, in the background after start-up,
  and only logs if that fails;
- answers callback queries, sends buttons as an inline keyboard and splits
  long replies.

Every message is processed before the 200 goes back, so a crash mid-message
makes Telegram deliver it again rather than lose it.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from aiogram import Bot
from aiogram.types import Message
from aiogram.utils.exceptions import RetryAfter, TelegramAPIError
from rasa.core.agent import Agent
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.limits import SLOW_DOWN, ChannelLimits, only_the_start
from channels.once import handle_once
from channels.telegram_api import (
    TelegramSettings,
    as_html,
    inline_keyboard,
    split_message,
)

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ONLY_TEXT = "I can only read text messages. Could you write it down for me?"
SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on my side and I couldn't answer that. "
    "Please try again in a moment. If you need help right now: 988 (US), "
    "116 123 (UK and Ireland), or findahelpline.com."
)
# Telegram commands people see in the app, mapped to what Heartwise understands.
COMMANDS = {"/start": "/greet", "/help": "/ask_capabilities", "/delete": "/delete_my_data"}
# Only what Heartwise answers; Telegram then does not send the rest at all.
ALLOWED_UPDATES = ["message", "callback_query"]
NON_TEXT_KINDS = (
    "photo",
    "sticker",
    "voice",
    "audio",
    "video",
    "video_note",
    "document",
    "animation",
    "location",
    "contact",
    "poll",
)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
PREFIX = "telegram:"
# How often one reply is tried when Telegram keeps answering 429, and the
# longest single wait honoured; past that, the update fails and Telegram
# delivers it again later.
SEND_ATTEMPTS = 5
MAX_RETRY_AFTER_S = 60


def sender_id(chat_id: int) -> str:
    return f"{PREFIX}{chat_id}"


def chat_id_of(recipient_id: str) -> str:
    return recipient_id.removeprefix(PREFIX)


class TelegramOutput(OutputChannel):
    """Heartwise's replies as Telegram messages (HTML mode, text escaped)."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for piece in split_message(text):
            await self.send(recipient_id, as_html(piece), parse_mode="HTML")

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        *first, last = list(split_message(text)) or [""]
        for piece in first:
            await self.send(recipient_id, as_html(piece), parse_mode="HTML")
        await self.send(
            recipient_id, as_html(last), parse_mode="HTML", reply_markup=inline_keyboard(buttons)
        )

    async def send(self, recipient_id: str, text: str, **kwargs: Any) -> Message:
        """sendMessage, waiting out Telegram's flood control (429) between tries."""
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                return await self.bot.send_message(chat_id_of(recipient_id), text, **kwargs)
            except RetryAfter as error:
                if attempt == SEND_ATTEMPTS or error.timeout > MAX_RETRY_AFTER_S:
                    raise
                logger.warning("Telegram: 429, sending again in %s s.", error.timeout)
                await asyncio.sleep(error.timeout)
        raise AssertionError("unreachable")

    async def send_custom_json(
        self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any
    ) -> None:
        # Custom payloads are meant for other channels (the web widget).
        logger.debug("Telegram: not sending a custom payload to %s", recipient_id)


class TelegramInput(InputChannel):
    """POST /webhooks/telegram/webhook receives Telegram's updates."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        # credentials.yml only names this channel; the settings come from the environment.
        return cls(TelegramSettings.from_env())

    def __init__(self, settings: Optional[TelegramSettings]) -> None:
        self.settings = settings
        self.output: Optional[TelegramOutput] = None
        self.limits = ChannelLimits()

    def get_output_channel(self) -> Optional[OutputChannel]:
        return self.output

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        # Messages go through handle_once (channels/once.py), with the agent,
        # rather than through on_new_message: an update must be handled once.
        webhook = Blueprint("telegram_webhook", __name__)
        settings = self.settings

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if settings else "off"})

        if settings is None:
            logger.info("Telegram is off: TELEGRAM_TOKEN is not set.")
            return webhook

        self.output = TelegramOutput(settings.new_bot())

        @webhook.listener("after_server_start")
        async def register_webhook(app: Sanic, _: Any) -> None:
            app.add_task(self.register_webhook())

        @webhook.listener("before_server_stop")
        async def close_bot(_: Sanic, __: Any) -> None:
            await self.output.bot.session.close()

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.secret_matches(request):
                return response.json({"error": "wrong secret token"}, status=403)
            try:
                update = json.loads(request.body or b"")
            except (UnicodeDecodeError, json.JSONDecodeError):
                return response.json({"error": "the body is not JSON"}, status=400)
            if not isinstance(update, dict):
                return response.json({"error": "an update is a JSON object"}, status=400)
            # Shielded: if Telegram gives up waiting (flood control can take
            # a while), the turn still finishes and its replies still go out.
            handled = await asyncio.shield(
                asyncio.ensure_future(self.handle(update, request.app.ctx.agent))
            )
            if not handled:
                # Telegram delivers the update again later.
                return response.json({"error": "not processed"}, status=503)
            return response.json({"ok": True})

        return webhook

    def secret_matches(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "")
        return hmac.compare_digest(given.encode(), self.settings.secret.encode())

    async def register_webhook(self) -> None:
        """setWebhook once at start-up; on failure, say so and keep serving."""
        settings, bot = self.settings, self.output.bot
        try:
            me = await bot.get_me()
            if me.username and me.username.lower() != settings.bot_name.lower():
                logger.warning(
                    "Telegram: the token belongs to @%s, not @%s (TELEGRAM_BOT_NAME).",
                    me.username,
                    settings.bot_name,
                )
            if not settings.webhook_url:
                logger.info("Telegram: no TELEGRAM_WEBHOOK_URL, so no webhook (polling mode).")
                return
            params = {
                "url": settings.webhook_url,
                "allowed_updates": json.dumps(ALLOWED_UPDATES),
                "secret_token": settings.secret,
            }
            # aiogram 2.15's set_webhook predates secret_token: call the method directly.
            await bot.request("setWebhook", params)
            logger.info("Telegram: webhook set to %s.", settings.webhook_url)
        except (TelegramAPIError, OSError) as error:
            logger.error(
                "Telegram: setting the webhook through %s failed: %s. The server keeps "
                "running, but Telegram will not deliver messages until the webhook is set: "
                "check TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL (public HTTPS) and the network, "
                "then restart.",
                settings.api_url,
                error,
            )

    async def handle(self, update: Dict[str, Any], agent: Agent) -> bool:
        """Turns one update into at most one user message, once. False when
        Telegram should deliver it again (a reply could not be sent)."""
        try:
            incoming = await self.incoming(update)
            if incoming is None:
                return True
            chat_id, text = incoming
            sender = sender_id(chat_id)
            if not self.limits.allow(sender, None):
                await self.output.send(sender, SLOW_DOWN)
                return True
            text, note = only_the_start(text)
            update_id = update.get("update_id")
            message = UserMessage(
                text,
                self.output,
                sender,
                input_channel=self.name(),
                message_id=f"telegram-update-{update_id}" if update_id is not None else None,
                metadata={"telegram_update_id": update_id},
            )
            try:
                if note:
                    await self.output.send_text_message(sender, note)
                # A reply that cannot be sent fails the whole turn before
                # Rasa stores it, so Telegram's next delivery processes it
                # afresh; one that was answered is not answered again.
                await handle_once(agent, message)
            except (TelegramAPIError, OSError):
                raise
            except Exception:
                logger.exception("Telegram: could not process a message from chat %s", chat_id)
                await self.output.send(sender, SOMETHING_WENT_WRONG)
            return True
        except (TelegramAPIError, OSError) as error:
            logger.error("Telegram: a Bot API call failed: %s", error)
            return not isinstance(error, RetryAfter)

    async def incoming(self, update: Dict[str, Any]) -> Optional[Tuple[int, str]]:
        """(chat id, text for Rasa) for updates a person expects an answer to."""
        bot = self.output.bot
        query = update.get("callback_query")
        if isinstance(query, dict):
            if query.get("id"):
                # At once, so that the button stops spinning.
                await bot.answer_callback_query(query["id"])
            chat = (query.get("message") or {}).get("chat") or {}
            data = query.get("data")
            if "id" in chat and isinstance(data, str) and data:
                return chat["id"], data
            return None
        message = update.get("message")
        if not isinstance(message, dict):
            # Edits, membership changes, channel posts...: nothing to answer.
            return None
        chat = message.get("chat") or {}
        if chat.get("type") != "private" or "id" not in chat:
            # Heartwise is a private coach; it does not talk in groups.
            return None
        text = message.get("text")
        if isinstance(text, str) and text.strip():
            return chat["id"], self.command_or_text(text.strip())
        if any(kind in message for kind in NON_TEXT_KINDS):
            await self.output.send(sender_id(chat["id"]), ONLY_TEXT)
        return None

    def command_or_text(self, text: str) -> str:
        command, _, rest = text.partition(" ")
        command = command.removesuffix(f"@{self.settings.bot_name}")
        if command in COMMANDS and not rest:
            return COMMANDS[command]
        return text
