"""The widget in a real browser, as a person uses it: Debian's Chromium
driven by Playwright. Used by tests/browser and tests/cluster.

Every chat fails its test on any console error, uncaught exception or
JavaScript dialog.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Pattern, Protocol

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from tests.servers import PROJECT_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium must not reach for Google's services: this machine has no network.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = PROJECT_ROOT / "results" / "browser"
AXE = PROJECT_ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
REPLY_TIMEOUT_MS = 30_000


class Site(Protocol):
    """Anything that serves the widget's page."""

    @property
    def web_url(self) -> str: ...


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make browser` installs Debian's package.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@dataclass
class Chat:
    """The widget on a page, as a person uses it."""

    page: Page
    site: Site
    problems: List[str] = field(default_factory=list)
    tolerated: List[Pattern[str]] = field(default_factory=list)

    def open(self) -> Chat:
        self.page.goto(self.site.web_url)
        return self

    @property
    def input(self) -> Locator:
        return self.page.get_by_label("Message to Heartwise")

    @property
    def log(self) -> Locator:
        return self.page.get_by_role("log", name="Conversation")

    @property
    def bot_messages(self) -> Locator:
        return self.page.locator(".hw-bot .hw-text")

    @property
    def user_messages(self) -> Locator:
        return self.page.locator(".hw-user .hw-text")

    def send(self, text: str) -> None:
        self.input.fill(text)
        self.input.press("Enter")

    def expect_reply(self, text: str | Pattern[str]) -> None:
        expect(self.bot_messages.last).to_contain_text(text, timeout=REPLY_TIMEOUT_MS)

    def expect_answered(self) -> None:
        """Every message sent has been processed and all of its replies are shown.

        A bot's answer comes as several messages; the widget drops a message's
        pending mark on Rasa's acknowledgement, which follows the last of them.
        """
        expect(self.log.locator(".hw-pending")).to_have_count(0, timeout=REPLY_TIMEOUT_MS)
        expect(self.page.locator(".hw-turn").last).to_have_class("hw-turn hw-bot")

    def session_id(self) -> str:
        """The conversation's sender id, as the server issued it."""
        return self.page.evaluate(
            "JSON.parse(localStorage.getItem('heartwise.session') || sessionStorage.getItem('heartwise.session')).id"
        )

    def tolerate(self, pattern: str) -> None:
        """Console errors a test provokes on purpose (a server it killed)."""
        self.tolerated.append(re.compile(pattern))

    def record(self, problem: str) -> None:
        if not any(pattern.search(problem) for pattern in self.tolerated):
            self.problems.append(problem)


def open_chat(browser: Browser, site: Site, **context_options) -> Iterator[Chat]:
    context = browser.new_context(viewport=DESKTOP, **context_options)
    page = context.new_page()
    chat = Chat(page, site)
    page.on("console", lambda m: m.type == "error" and chat.record(f"console: {m.text}"))
    page.on("pageerror", lambda error: chat.record(f"uncaught: {error}"))

    def on_dialog(dialog) -> None:
        chat.record(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield chat
    finally:
        context.close()
    assert chat.problems == [], "The page logged errors or ran a dialog"
