"""`make run` itself: a Rasa server killed in the middle of a conversation,
then `make run` again, and the conversation goes on where it was."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import Dict

import pytest
import requests

from deploy.processes import PROJECT_ROOT, free_port, server_env, write_embedded_endpoints


def start(env: Dict[str, str]) -> subprocess.Popen:
    """scripts/run.sh (what `make run` runs once the model is trained), until ready."""
    run = subprocess.Popen(
        ["scripts/run.sh"],
        cwd=PROJECT_ROOT,
        env=server_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert run.stdout is not None
    output = []
    for line in run.stdout:
        output.append(line)
        if line.startswith("Heartwise is ready."):
            return run
    raise AssertionError("make run never got ready:\n" + "".join(output))


def rasa_server_pid(port: int) -> int:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                args = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"run" in args and b"--model" in args and str(port).encode() in args:
                return int(entry.name)
    raise AssertionError(f"no Rasa server on port {port}")


@pytest.fixture
def settings(tmp_path: Path) -> Dict[str, str]:
    actions_port = free_port()
    endpoints = write_embedded_endpoints(
        tmp_path / "endpoints.yml", actions_port, tmp_path / "trackers.db"
    )
    return {
        "RASA_PORT": str(free_port()),
        "ACTIONS_PORT": str(actions_port),
        "WEB_PORT": str(free_port()),
        "HEARTWISE_ENDPOINTS": str(endpoints),
    }


def test_kill_9_then_make_run_again_continues_the_conversation(settings, sender):
    url = f"http://127.0.0.1:{settings['RASA_PORT']}/webhooks/rest/webhook"

    def reply(text: str) -> str:
        response = requests.post(url, json={"sender": sender, "message": text}, timeout=60)
        response.raise_for_status()
        return "\n".join(m.get("text", "") for m in response.json())

    run = start(settings)
    try:
        reply("my boyfriend left me last week")
        os.kill(rasa_server_pid(int(settings["RASA_PORT"])), signal.SIGKILL)
        # make run notices and stops the rest rather than serve half a bot.
        assert run.wait(timeout=60) != 0
        run = start(settings)
        assert "7 days" in reply("how long should i wait before i contact him")
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGINT)
            run.wait(timeout=60)


def test_make_run_closes_the_api_with_a_token_no_one_else_can_see(settings):
    token_file = PROJECT_ROOT / "var" / "api-token"
    run = start(settings)
    try:
        base = f"http://127.0.0.1:{settings['RASA_PORT']}"
        assert requests.get(f"{base}/status", timeout=30).status_code == 401
        token = token_file.read_text().strip()
        assert requests.get(f"{base}/status", params={"token": token}, timeout=30).ok
        assert token_file.stat().st_mode & 0o777 == 0o600
        assert (PROJECT_ROOT / "var").stat().st_mode & 0o777 == 0o700
        # `ps` shows every process's command line to every user.
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    assert token.encode() not in (entry / "cmdline").read_bytes()
                except OSError:
                    continue
    finally:
        os.killpg(run.pid, signal.SIGINT)
        run.wait(timeout=60)
