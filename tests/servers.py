"""The real servers the end-to-end and browser tests talk to.

The action server, the Rasa server and the web widget's server run on free
loopback ports with their own SQLite tracker store in a temporary folder, so
the tests never touch var/ or a running `make run`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import requests

from deploy.processes import (
    MODEL,
    PROJECT_ROOT,
    SERVING_THREADS,
    Service,
    action_server_args,
    answers,
    free_port,
    rasa_server_args,
    rasa_server_env,
    write_embedded_endpoints,
)

__all__ = ["MODEL", "PROJECT_ROOT", "Heartwise"]


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
    services: Dict[str, Service] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def database(self) -> Path:
        return self.workdir / "trackers.db"

    def _start(
        self, name: str, args: List[str], ready_url: str, env: Optional[Dict[str, str]] = None
    ) -> None:
        log = self.workdir / f"{name}.log"
        service = Service(name, args, log, answers(ready_url), {**(env or {}), **self.env})
        self.services[name] = service.start()
        service.wait_until_ready()

    def start_actions(self) -> None:
        url = f"http://127.0.0.1:{self.actions_port}/health"
        self._start("actions", action_server_args(self.actions_port), url)

    def start_rasa(self) -> None:
        endpoints = write_embedded_endpoints(
            self.workdir / "endpoints.yml", self.actions_port, self.database
        )
        args = rasa_server_args(self.rasa_port, endpoints)
        env = {
            **SERVING_THREADS,
            **rasa_server_env(self.auth_token),
            "HEARTWISE_SESSION_KEY_FILE": str(self.workdir / "session.key"),
        }
        self._start("rasa", args, f"{self.url}/", env)

    def start_web(self) -> None:
        """The widget's development server, passing /socket.io/ through to Rasa."""
        args = [str(PROJECT_ROOT / ".venv" / "bin" / "python"), "web/serve.py"]
        args += ["--port", str(self.web_port), "--rasa", self.url]
        self._start("web", args, self.web_url)

    def log(self, name: str) -> str:
        return self.services[name].tail(chars=10**7)

    def kill_rasa(self) -> None:
        """Kills the Rasa server the hard way, as a crash would."""
        self.services.pop("rasa").kill()

    def stop(self) -> None:
        for service in self.services.values():
            service.stop()

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
