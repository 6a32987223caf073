"""Telegram Update objects shaped as the Bot API documentation shows them."""

from __future__ import annotations

import itertools
import random
from typing import Any, Dict

_update_ids = itertools.count(random.randint(10_000, 90_000))
_message_ids = itertools.count(1)
DATE = 1_764_000_000


def new_chat_id() -> int:
    return random.randint(10**8, 10**9)


def person(chat_id: int) -> Dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Sam", "language_code": "en"}


def message(chat_id: int, chat_type: str = "private", **content: Any) -> Dict[str, Any]:
    return {
        "message_id": next(_message_ids),
        "from": person(chat_id),
        "chat": {"id": chat_id, "first_name": "Sam", "type": chat_type},
        "date": DATE,
        **content,
    }


def text(chat_id: int, words: str) -> Dict[str, Any]:
    return {"update_id": next(_update_ids), "message": message(chat_id, text=words)}


def photo(chat_id: int) -> Dict[str, Any]:
    size = {"file_id": "AgADBAAD", "file_unique_id": "AQAD", "width": 90, "height": 90}
    return {"update_id": next(_update_ids), "message": message(chat_id, photo=[size])}


def sticker(chat_id: int) -> Dict[str, Any]:
    sticker = {
        "file_id": "CAACAgIAAx",
        "file_unique_id": "AgAD",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    return {"update_id": next(_update_ids), "message": message(chat_id, sticker=sticker)}


def edited(chat_id: int, words: str) -> Dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "edited_message": {**message(chat_id, text=words), "edit_date": DATE + 60},
    }


def group_text(chat_id: int, words: str) -> Dict[str, Any]:
    return {"update_id": next(_update_ids), "message": message(-chat_id, "group", text=words)}


def button_press(chat_id: int, data: str) -> Dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(random.randint(10**15, 10**16)),
            "from": person(chat_id),
            "message": message(chat_id, text="(the bot's message with the keyboard)"),
            "chat_instance": "-4242",
            "data": data,
        },
    }


def my_chat_member(chat_id: int) -> Dict[str, Any]:
    member = {"user": {"id": 4242, "is_bot": True, "first_name": "Heartwise"}}
    return {
        "update_id": next(_update_ids),
        "my_chat_member": {
            "chat": {"id": chat_id, "first_name": "Sam", "type": "private"},
            "from": person(chat_id),
            "date": DATE,
            "old_chat_member": {**member, "status": "member"},
            "new_chat_member": {**member, "status": "kicked", "until_date": 0},
        },
    }
