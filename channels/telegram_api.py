"""Talking to the Telegram Bot API: settings from the environment, the aiogram
bot, and how Heartwise's replies are shaped for Telegram."""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Mapping, Optional

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

PUBLIC_API_URL = "https://api.telegram.org"
# Telegram's limits: text per message (in UTF-16 code units, after entities
# are parsed) and callback data per button (in bytes).
MAX_MESSAGE_UNITS = 4096
MAX_CALLBACK_BYTES = 64


class TelegramConfigError(ValueError):
    """The environment turns Telegram on but leaves out something it needs."""


# What Telegram accepts as a webhook's secret_token.
SECRET = re.compile(r"[A-Za-z0-9_-]{16,256}")


@dataclass(frozen=True)
class TelegramSettings:
    token: str
    bot_name: str
    secret: str
    webhook_url: Optional[str] = None
    api_url: str = PUBLIC_API_URL

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Optional[TelegramSettings]:
        """None when TELEGRAM_TOKEN is unset: Telegram is simply off."""

        def read(name: str) -> Optional[str]:
            return environ.get(name, "").strip() or None

        token = read("TELEGRAM_TOKEN")
        if token is None:
            return None
        bot_name = read("TELEGRAM_BOT_NAME")
        if bot_name is None:
            raise TelegramConfigError("TELEGRAM_TOKEN is set but TELEGRAM_BOT_NAME is not.")
        # Without it anyone who can reach the webhook could post updates in
        # any chat's name. `make telegram-polling` makes one up.
        secret = read("TELEGRAM_SECRET")
        if secret is None or not SECRET.fullmatch(secret):
            raise TelegramConfigError(
                "TELEGRAM_TOKEN is set but TELEGRAM_SECRET is not a secret of 16 to 256 "
                "letters, digits, '_' or '-': Telegram sends it with every update, and "
                "Heartwise refuses updates without it. Generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`."
            )
        return cls(
            token=token,
            bot_name=bot_name.lstrip("@"),
            secret=secret,
            webhook_url=read("TELEGRAM_WEBHOOK_URL"),
            api_url=(read("TELEGRAM_API_URL") or PUBLIC_API_URL).rstrip("/"),
        )

    def new_bot(self) -> Bot:
        return Bot(self.token, server=TelegramAPIServer.from_base(self.api_url))


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = MAX_MESSAGE_UNITS) -> Iterator[str]:
    """Pieces of at most `limit` units, cut between paragraphs, lines or words if possible."""
    text = text.strip()
    while utf16_units(text) > limit:
        window = text[:limit]
        while utf16_units(window) > limit:  # characters outside the BMP count twice
            window = window[:-1]
        # The last paragraph break in the second half of the window, else a
        # line break, else a space; a hard cut only if there is none.
        breaks = (window.rfind(sep) for sep in ("\n\n", "\n", " "))
        cut = next((at for at in breaks if at > len(window) // 2), len(window))
        yield text[:cut].rstrip()
        text = text[cut:].lstrip()
    if text:
        yield text


def as_html(text: str) -> str:
    """Heartwise's replies are plain text: escape what Telegram's HTML mode would parse."""
    return html.escape(text, quote=False)


def callback_data(button: Mapping[str, Any]) -> str:
    """A button's payload if it fits Telegram's 64 bytes, else its title (which
    the NLU understands as if typed), cut to fit."""
    payload = str(button.get("payload") or button.get("title") or "")
    if len(payload.encode()) <= MAX_CALLBACK_BYTES:
        return payload
    title = str(button.get("title") or payload).encode()[:MAX_CALLBACK_BYTES]
    return title.decode(errors="ignore")


def inline_keyboard(buttons: List[Dict[str, Any]]) -> InlineKeyboardMarkup:
    """One button per row: Heartwise's button titles are short sentences."""
    keyboard = InlineKeyboardMarkup(row_width=1)
    for button in buttons:
        keyboard.add(
            InlineKeyboardButton(str(button["title"]), callback_data=callback_data(button))
        )
    return keyboard
