"""The widget in a real browser (tests/browser/chat.py).

The page comes from the widget's own server (web/serve.py), which passes
/socket.io/ through to the real Rasa server, exactly as nginx does in
production. Every test gets a fresh browser profile.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser.chat import ARTIFACTS, Chat, browser, open_chat  # noqa: F401 (fixture)
from tests.servers import PROJECT_ROOT, Heartwise


@pytest.fixture(scope="session")
def site(bot: Heartwise) -> Heartwise:
    if not (PROJECT_ROOT / "web" / "dist" / "heartwise-widget.js").exists():
        pytest.fail("The widget is not built: run `make web`.")
    bot.start_web()
    return bot


@pytest.fixture
def chat(browser: Browser, site: Heartwise) -> Iterator[Chat]:  # noqa: F811
    yield from open_chat(browser, site)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
