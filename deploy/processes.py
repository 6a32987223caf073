"""Starting Heartwise's servers as child processes, with logs and health waits.

Shared by the cluster (deploy/cluster.py), the end-to-end tests
(tests/servers.py) and the benchmarks (bench/), so every one of them starts
the Rasa and action servers with the same command lines and environment.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import requests
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BIN = PROJECT_ROOT / ".venv" / "bin"
RASA = str(BIN / "rasa")
PYTHON = str(BIN / "python")
MODEL = PROJECT_ROOT / "models" / "heartwise.tar.gz"
# Chat messages are small: Sanic refuses request bodies over 1 MiB (413).
REQUEST_MAX_SIZE = 1024 * 1024
START_TIMEOUT_S = 300
# A Rasa server works one small message at a time on one thread; TensorFlow's
# thread pools only made it wait for its own threads while other processes
# held the cores. One thread each: 50 users, one server 39.7 -> 42.7 msg/s,
# the cluster 54.6 -> 61.5 msg/s. Training keeps TensorFlow's defaults.
SERVING_THREADS = {"TF_INTER_OP_PARALLELISM_THREADS": "1", "TF_INTRA_OP_PARALLELISM_THREADS": "1"}


# For tests and benchmarks, whose many users share one address and send
# faster than any person: the app's rate limits (channels/limits.py) lifted.
UNLIMITED_RATES = {"HEARTWISE_RATE_PER_SENDER": "1000000", "HEARTWISE_RATE_PER_ADDRESS": "1000000"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(**extra: str) -> Dict[str, str]:
    return {
        **os.environ,
        "SANIC_HOST": "127.0.0.1",
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SANIC_REQUEST_MAX_SIZE": str(REQUEST_MAX_SIZE),
        **extra,
    }


def action_server_args(port: int) -> List[str]:
    return [RASA, "run", "actions", "--actions", "actions", "--port", str(port)]


# `rasa` through heartwise/__main__.py, which takes the API token from
# RASA_AUTH_TOKEN (``rasa_server_env``), not from the command line; and plain
# `rasa`, for the `rasa init` bot the benchmarks compare against.
HEARTWISE_RASA = (PYTHON, "-m", "heartwise")
PLAIN_RASA = (RASA,)


def rasa_server_args(
    port: int,
    endpoints: Optional[Path],
    model: Path = MODEL,
    cors: Optional[str] = None,
    credentials: Optional[Path] = PROJECT_ROOT / "credentials.yml",
    launcher: Sequence[str] = HEARTWISE_RASA,
) -> List[str]:
    args = [*launcher, "run", "--model", str(model), "--enable-api"]
    args += ["--interface", "127.0.0.1", "--port", str(port)]
    if endpoints:
        args += ["--endpoints", str(endpoints)]
    if credentials:
        args += ["--credentials", str(credentials)]
    # `--option=value`: a value that starts with '-' is still a value.
    if cors:
        args.append(f"--cors={cors}")
    return args


def rasa_server_env(auth_token: Optional[str]) -> Dict[str, str]:
    """The API token for ``rasa_server_args``; without one the API is refused."""
    return {"RASA_AUTH_TOKEN": auth_token} if auth_token else {}


def answers(url: str) -> Callable[[], bool]:
    """A readiness probe: ``url`` answers 200."""

    def probe() -> bool:
        try:
            return requests.get(url, timeout=2).ok
        except requests.RequestException:
            return False

    return probe


def write_embedded_endpoints(path: Path, actions_port: int, database: Path) -> Path:
    """The project's endpoints.yml, with its own action server and SQLite file."""
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    endpoints["tracker_store"]["db"] = str(database)
    path.write_text(yaml.safe_dump(endpoints))
    return path


@dataclass
class Service:
    """One child process, its log file and the probe that says it is ready."""

    name: str
    args: Sequence[str]
    log: Path
    ready: Callable[[], bool]
    env: Dict[str, str] = field(default_factory=dict)
    cwd: Path = PROJECT_ROOT
    # PostgreSQL refuses to run as root; when we are root it runs as its own user.
    user: Optional[str] = None
    stop_signal: int = signal.SIGTERM
    process: Optional[subprocess.Popen] = None

    def start(self) -> Service:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                list(self.args),
                cwd=self.cwd,
                env=server_env(**self.env),
                stdout=log,
                stderr=subprocess.STDOUT,
                user=self.user,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None, f"{self.name} was never started"
        return self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_until_ready(self, timeout_s: float = START_TIMEOUT_S) -> float:
        """Seconds until the probe says ready; fails if the process dies."""
        started = time.monotonic()
        while time.monotonic() - started < timeout_s:
            if not self.running():
                raise RuntimeError(f"{self.name} exited early:\n{self.tail()}")
            if self.ready():
                return time.monotonic() - started
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not up after {timeout_s:.0f} s:\n{self.tail()}")

    def kill(self) -> None:
        """Kills the process the hard way, as a crash would."""
        if self.running():
            assert self.process is not None
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self, timeout_s: float = 30) -> None:
        if not self.running():
            return
        assert self.process is not None
        self.process.send_signal(self.stop_signal)
        try:
            self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""
