"""Telegram without a public URL: `make telegram-polling`.

Long-polls getUpdates and hands each update to the running Rasa server's
Telegram webhook, exactly as Telegram would, so the same connector
(channels/telegram.py) answers. An update is confirmed to Telegram (the next
offset) only once Rasa has taken it; while Rasa is down it is retried, so
nothing is lost.

    python -m channels.telegram_polling --rasa http://127.0.0.1:5005
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from typing import Any, Dict, List, Optional

import aiohttp
from aiogram.utils.exceptions import NetworkError, TelegramAPIError

from channels.telegram import ALLOWED_UPDATES, SECRET_HEADER
from channels.telegram_api import TelegramConfigError, TelegramSettings

logger = logging.getLogger("heartwise.telegram.polling")
LONG_POLL_S = 25
RETRY_MAX_S = 30


async def forward(
    http: aiohttp.ClientSession, url: str, secret: Optional[str], update: Dict[str, Any]
) -> None:
    """Posts one update to Rasa until Rasa has answered it (anything but a server error)."""
    headers = {SECRET_HEADER: secret} if secret else {}
    delay = 1.0
    while True:
        try:
            async with http.post(url, json=update, headers=headers) as response:
                if response.status < 500:
                    if response.status != 200:
                        logger.error(
                            "Rasa refused update %s: HTTP %s",
                            update.get("update_id"),
                            response.status,
                        )
                    return
                logger.warning("Rasa answered HTTP %s; retrying in %.0f s", response.status, delay)
        except aiohttp.ClientError as error:
            logger.warning("Rasa is not reachable (%s); retrying in %.0f s", error, delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, RETRY_MAX_S)


async def poll(settings: TelegramSettings, rasa_url: str) -> None:
    bot = settings.new_bot()
    webhook = f"{rasa_url.rstrip('/')}/webhooks/telegram/webhook"
    offset: Optional[int] = None
    delay = 1.0
    try:
        # getUpdates is refused while a webhook is set.
        await bot.request("deleteWebhook", {})
        me = await bot.get_me()
        logger.info("Polling Telegram as @%s; updates go to %s", me.username, webhook)
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as http:
            while True:
                params: Dict[str, Any] = {
                    "timeout": LONG_POLL_S,
                    "allowed_updates": json.dumps(ALLOWED_UPDATES),
                }
                if offset is not None:
                    params["offset"] = offset
                try:
                    updates: List[Dict[str, Any]] = await bot.request("getUpdates", params)
                    delay = 1.0
                except (NetworkError, TelegramAPIError) as error:
                    logger.warning("getUpdates failed (%s); retrying in %.0f s", error, delay)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, RETRY_MAX_S)
                    continue
                for update in updates:
                    await forward(http, webhook, settings.secret, update)
                    offset = int(update["update_id"]) + 1
    finally:
        await bot.session.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rasa", default="http://127.0.0.1:5005", help="the Rasa server's base URL"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        settings = TelegramSettings.from_env()
    except TelegramConfigError as error:
        print(error, file=sys.stderr)
        return 2
    if settings is None:
        print("Set TELEGRAM_TOKEN and TELEGRAM_BOT_NAME first (see the README).", file=sys.stderr)
        return 2
    try:
        asyncio.run(poll(settings, args.rasa))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
