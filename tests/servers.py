"""The real servers the end-to-end and browser tests talk to.

The action server, the Rasa server and the web widget's server run on free
loopback ports with their own SQLite tracker store in a temporary folder, so
the tests never touch var/ or a running `make run`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List

import requests

PROJECT_ROOT = Path(__file__).resolve().parents[1]

BIN = PROJECT_ROOT / ".venv" / "bin"
MODEL = PROJECT_ROOT / "models" / "heartwise.tar.gz"
START_TIMEOUT_S = 300
# As scripts/run.sh sets them for `make run`.
REQUEST_MAX_SIZE = 1024 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} not up after {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


@dataclass
class Heartwise:
    """The running bot, as a REST client sees it."""

    workdir: Path
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    web_port: int = field(default_factory=free_port)
    env: Dict[str, str] = field(default_factory=dict)
    # Rasa's HTTP API needs it, as in production; the channels do not.
    auth_token: str = "test-api-token"
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def database(self) -> Path:
        return self.workdir / "trackers.db"

    def _env(self) -> Dict[str, str]:
        return {
            **os.environ,
            "SANIC_HOST": "127.0.0.1",
            "RASA_TELEMETRY_ENABLED": "false",
            "SANIC_REQUEST_MAX_SIZE": str(REQUEST_MAX_SIZE),
            **self.env,
        }

    def _spawn(self, name: str, args: List[str]) -> subprocess.Popen:
        log = self.workdir / f"{name}.log"
        process = subprocess.Popen(
            args, cwd=PROJECT_ROOT, env=self._env(), stdout=log.open("ab"), stderr=subprocess.STDOUT
        )
        self.processes[name] = process
        return process

    def start_actions(self) -> None:
        process = self._spawn(
            "actions",
            [
                str(BIN / "rasa"),
                "run",
                "actions",
                "--actions",
                "actions",
                "--port",
                str(self.actions_port),
            ],
        )
        wait_until_up(
            f"http://127.0.0.1:{self.actions_port}/health", process, self.workdir / "actions.log"
        )

    def start_rasa(self) -> None:
        endpoints = self.workdir / "endpoints.yml"
        endpoints.write_text(
            f"action_endpoint:\n  url: http://127.0.0.1:{self.actions_port}/webhook\n"
            "tracker_store:\n"
            "  type: heartwise.tracker_store.DeletingSQLTrackerStore\n"
            f"  dialect: sqlite\n  db: {self.database}\n"
            "  deletion_action: action_delete_my_data\n"
        )
        process = self._spawn(
            "rasa",
            [
                str(BIN / "rasa"),
                "run",
                "--model",
                str(MODEL),
                "--endpoints",
                str(endpoints),
                "--credentials",
                "credentials.yml",
                "--enable-api",
                "--interface",
                "127.0.0.1",
                "--port",
                str(self.rasa_port),
                "--auth-token",
                self.auth_token,
            ],
        )
        wait_until_up(f"{self.url}/", process, self.workdir / "rasa.log")

    def start_web(self) -> None:
        """The widget's development server, passing /socket.io/ through to Rasa."""
        process = self._spawn(
            "web",
            [
                str(BIN / "python"),
                "web/serve.py",
                "--port",
                str(self.web_port),
                "--rasa",
                self.url,
            ],
        )
        wait_until_up(self.web_url, process, self.workdir / "web.log")

    def log(self, name: str) -> str:
        return (self.workdir / f"{name}.log").read_text(errors="replace")

    def kill_rasa(self) -> None:
        """Kills the Rasa server the hard way, as a crash would."""
        process = self.processes.pop("rasa")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()

    def reply(self, sender: str, text: str) -> str:
        """Everything the bot answered to one message, as one string."""
        return "\n".join(message.get("text", "") for message in self.say(sender, text))

    def tracker(self, sender: str) -> Dict[str, Any]:
        response = requests.get(
            f"{self.url}/conversations/{sender}/tracker",
            params={"token": self.auth_token},
            timeout=30,
        )
        response.raise_for_status()
        return response.json()
