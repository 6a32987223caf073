"""How the widget looks and whether everyone can use it: phone and desktop
screenshots, layout from 320 px up, dark mode, and axe-core's checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.chat import AXE, PHONE, Chat, open_chat
from tests.servers import Heartwise

GREETING = "Hi, I'm Heartwise"


@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 320, "height": 568}, {"width": 1280, "height": 800}]
)
def test_the_chat_fits_the_screen(browser: Browser, site: Heartwise, viewport, artifacts: Path):
    for chat in open_chat(browser, site):
        chat.page.set_viewport_size(viewport)
        chat.open().expect_reply(GREETING)
        panel = chat.page.get_by_role("region", name="Heartwise chat")
        box = panel.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
        assert chat.page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        expect(chat.page.get_by_role("button", name="Need help now?")).to_be_in_viewport()
        expect(chat.input).to_be_in_viewport()
        chat.page.screenshot(
            path=artifacts / f"widget-{viewport['width']}x{viewport['height']}.png"
        )


def axe_violations(chat: Chat) -> list[dict]:
    chat.page.add_script_tag(path=AXE)
    results = chat.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser: Browser, site: Heartwise, scheme):
    # axe-core is injected as an inline script, which the page's CSP forbids.
    for chat in open_chat(browser, site, bypass_csp=True, color_scheme=scheme):
        chat.open().expect_reply(GREETING)
        chat.page.get_by_role("button", name="Need help now?").click()
        assert axe_violations(chat) == []


def test_reduced_motion_stops_the_typing_animation(browser: Browser, site: Heartwise):
    for chat in open_chat(browser, site, reduced_motion="reduce"):
        chat.open().expect_reply(GREETING)
        dots = chat.page.locator(".hw-dots span").first
        assert dots.evaluate("d => getComputedStyle(d).animationName") == "none"


def test_the_launcher_closes_and_reopens_the_chat(chat: Chat):
    chat.open().expect_reply(GREETING)
    chat.page.get_by_role("button", name="Close chat").click()
    launcher = chat.page.get_by_role("button", name="Talk to Heartwise")
    expect(launcher).to_be_focused()
    launcher.press("Enter")
    expect(chat.input).to_be_focused()
    expect(chat.bot_messages.first).to_contain_text(GREETING)
