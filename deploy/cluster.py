"""Heartwise in cluster mode on one machine: `make cluster`.

Rasa's own scale-out architecture, on loopback ports only:

    browser / REST / Telegram -> nginx -> Rasa servers (2) -> nginx -> action servers (2)
                                              |                    (round robin)
                        PostgreSQL (tracker store) + Redis (lock store)

nginx keeps each socket.io client on one Rasa server (ip_hash) and spreads
REST and Telegram requests round robin; every Rasa server reads and writes
the same conversations in PostgreSQL, and Redis makes sure one message of a
conversation is processed at a time, in the order they came. PostgreSQL,
Redis and nginx are Debian's packages (`make cluster-deps`); their data,
configuration and logs live under var/cluster/ (or the folder given).

    .venv/bin/python -m deploy.cluster [--state var/cluster] [--instances 2]
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import psycopg2
import redis

from deploy.processes import (
    MODEL,
    PROJECT_ROOT,
    SERVING_THREADS,
    UNLIMITED_RATES,
    Service,
    action_server_args,
    answers,
    free_port,
    rasa_server_args,
    rasa_server_env,
)

ENDPOINTS = PROJECT_ROOT / "deploy" / "endpoints.cluster.yml"
NGINX_TEMPLATE = PROJECT_ROOT / "deploy" / "nginx" / "heartwise-cluster.conf"
POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
DB_NAME = "heartwise"
DB_USER = "heartwise"
# How long the conversations of a crashed Rasa server stay locked before
# another server may take them (Rasa's default is 60 s).
TICKET_LOCK_LIFETIME_S = 15


@dataclass
class Ports:
    web: int
    actions_balancer: int
    postgres: int
    redis: int
    rasa: List[int]
    actions: List[int]

    @classmethod
    def from_env(cls, instances: int) -> Ports:
        """Fixed ports, each overridable, clear of `make run`'s 5005/5055/8080."""

        def port(name: str, default: int) -> int:
            return int(os.environ.get(name, default))

        return cls(
            web=port("CLUSTER_WEB_PORT", 8000),
            actions_balancer=port("CLUSTER_ACTIONS_PORT", 5150),
            postgres=port("DB_PORT", 5433),
            redis=port("REDIS_PORT", 6380),
            rasa=[port("CLUSTER_RASA_PORT", 5105) + i for i in range(instances)],
            actions=[port("CLUSTER_ACTION_SERVER_PORT", 5155) + i for i in range(instances)],
        )

    @classmethod
    def free(cls, instances: int) -> Ports:
        return cls(
            free_port(),
            free_port(),
            free_port(),
            free_port(),
            [free_port() for _ in range(instances)],
            [free_port() for _ in range(instances)],
        )


@dataclass
class Secrets:
    """From the environment, or made up once and kept in the state folder."""

    db_password: str
    redis_password: str
    auth_token: str
    # Signs the widget's sessions; both Rasa servers must know it.
    session_key: str

    @classmethod
    def load(cls, state: Path) -> Secrets:
        path = state / "secrets.json"
        saved = json.loads(path.read_text()) if path.exists() else {}
        values = {
            name: os.environ.get(name.upper()) or saved.get(name) or secrets.token_urlsafe(24)
            for name in (
                "db_password",
                "redis_password",
                "rasa_auth_token",
                "heartwise_session_key",
            )
        }
        path.write_text(json.dumps(values))
        path.chmod(0o600)
        return cls(
            values["db_password"],
            values["redis_password"],
            values["rasa_auth_token"],
            values["heartwise_session_key"],
        )


@dataclass
class Cluster:
    state: Path
    ports: Ports
    model: Path = MODEL
    cors_origin: Optional[str] = None
    # For load tests and benchmarks, whose many users share one address:
    # no rate limits, in nginx or in the app (channels/limits.py).
    unlimited: bool = False
    services: Dict[str, Service] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.state = self.state.resolve()
        self.state.mkdir(parents=True, exist_ok=True)
        self.secrets = Secrets.load(self.state)
        self.cors_origin = self.cors_origin or os.environ.get("HEARTWISE_CORS_ORIGIN") or self.url

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports.web}"

    @property
    def web_url(self) -> str:
        """The widget's page (nginx serves it, as it does the chat)."""
        return self.url

    def rasa_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.ports.rasa[index]}"

    @property
    def instances(self) -> int:
        return len(self.ports.rasa)

    # -- the whole cluster -------------------------------------------------

    def start(self) -> None:
        self._start_and_wait([self._postgres(), self._redis()])
        self._create_database()
        self._start_and_wait([self._action_server(i) for i in range(self.instances)])
        self._start_and_wait([self._nginx()])
        self._create_tables()
        self._start_and_wait([self._rasa(i) for i in range(self.instances)])

    def stop(self) -> None:
        # Front to back, so nothing is sent to a server that is already gone.
        for service in reversed(list(self.services.values())):
            service.stop()

    def kill_rasa(self, index: int) -> None:
        self.services[f"rasa-{index}"].kill()

    def restart_rasa(self, index: int) -> float:
        """Starts a Rasa server again; seconds until it answers."""
        return self._start_and_wait([self._rasa(index)])

    def database(self) -> psycopg2.extensions.connection:
        return psycopg2.connect(
            host="127.0.0.1",
            port=self.ports.postgres,
            dbname=DB_NAME,
            user=DB_USER,
            password=self.secrets.db_password,
        )

    def rasa_env(self) -> Dict[str, str]:
        return {
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.ports.actions_balancer}/webhook",
            "DB_HOST": "127.0.0.1",
            "DB_PORT": str(self.ports.postgres),
            "DB_NAME": DB_NAME,
            "DB_USER": DB_USER,
            "DB_PASSWORD": self.secrets.db_password,
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(self.ports.redis),
            "REDIS_PASSWORD": self.secrets.redis_password,
            "REDIS_DB": "0",
            "TICKET_LOCK_LIFETIME": str(TICKET_LOCK_LIFETIME_S),
            "HEARTWISE_SESSION_KEY": self.secrets.session_key,
            **(UNLIMITED_RATES if self.unlimited else {}),
            # One worker per server: on two cores, two servers already use both.
            "SANIC_WORKERS": "1",
            **SERVING_THREADS,
        }

    # -- the parts ---------------------------------------------------------

    def _start_and_wait(self, services: List[Service]) -> float:
        for service in services:
            self.services[service.name] = service.start()
        with ThreadPoolExecutor(len(services)) as pool:
            return max(pool.map(Service.wait_until_ready, services))

    def _log(self, name: str) -> Path:
        return self.state / "log" / f"{name}.log"

    def _postgres(self) -> Service:
        data = self.state / "postgres"
        sockets = self.state / "postgres-sockets"
        user = "postgres" if os.geteuid() == 0 else None
        for folder in (data, sockets):
            folder.mkdir(mode=0o700, exist_ok=True)
            if user:
                entry = pwd.getpwnam(user)
                os.chown(folder, entry.pw_uid, entry.pw_gid)
        if not (data / "PG_VERSION").exists():
            self._initdb(data, user)
        return Service(
            "postgres",
            [
                str(POSTGRES_BIN / "postgres"),
                "-D",
                str(data),
                "-p",
                str(self.ports.postgres),
                "-k",
                str(sockets),
                "-c",
                "listen_addresses=127.0.0.1",
            ],
            self._log("postgres"),
            ready=self._postgres_ready,
            user=user,
            # "Fast" shutdown: SIGTERM would wait for every client to leave.
            stop_signal=signal.SIGINT,
        )

    def _initdb(self, data: Path, user: Optional[str]) -> None:
        password_file = data.parent / "postgres-password"
        password_file.write_text(self.secrets.db_password)
        if user:
            entry = pwd.getpwnam(user)
            os.chown(password_file, entry.pw_uid, entry.pw_gid)
        try:
            done = subprocess.run(
                [
                    str(POSTGRES_BIN / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    DB_USER,
                    f"--pwfile={password_file}",
                    "--auth-local=scram-sha-256",
                    "--auth-host=scram-sha-256",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ],
                capture_output=True,
                text=True,
                user=user,
            )
            if done.returncode != 0:
                raise RuntimeError(f"initdb failed:\n{done.stdout}{done.stderr}")
        finally:
            password_file.unlink()

    def _postgres_ready(self) -> bool:
        try:
            psycopg2.connect(
                host="127.0.0.1",
                port=self.ports.postgres,
                dbname="postgres",
                user=DB_USER,
                password=self.secrets.db_password,
                connect_timeout=2,
            ).close()
            return True
        except psycopg2.OperationalError:
            return False

    def _create_database(self) -> None:
        connection = psycopg2.connect(
            host="127.0.0.1",
            port=self.ports.postgres,
            dbname="postgres",
            user=DB_USER,
            password=self.secrets.db_password,
        )
        # CREATE DATABASE cannot run inside a transaction.
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,))
                if cursor.fetchone() is None:
                    cursor.execute(f'CREATE DATABASE "{DB_NAME}"')
        finally:
            connection.close()

    def _create_tables(self) -> None:
        """Before the Rasa servers start, so they do not race to create them."""
        from heartwise.tracker_store import DeletingSQLTrackerStore

        DeletingSQLTrackerStore(
            dialect="postgresql",
            host="127.0.0.1",
            port=self.ports.postgres,
            db=DB_NAME,
            username=DB_USER,
            password=self.secrets.db_password,
        ).engine.dispose()

    def _redis(self) -> Service:
        folder = self.state / "redis"
        folder.mkdir(exist_ok=True)
        # Locks only last seconds: nothing to keep on disk.
        args = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.ports.redis)]
        args += ["--requirepass", self.secrets.redis_password, "--save", "", "--dir", str(folder)]
        return Service("redis", args, self._log("redis"), ready=self._redis_ready)

    def _redis_ready(self) -> bool:
        client = redis.Redis(
            host="127.0.0.1", port=self.ports.redis, password=self.secrets.redis_password
        )
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False
        finally:
            client.close()

    def _nginx(self) -> Service:
        folder = self.state / "nginx"
        folder.mkdir(exist_ok=True)
        config = folder / "nginx.conf"
        config.write_text(self._nginx_config())
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        args = [nginx, "-p", str(folder), "-c", str(config), "-e", str(self._log("nginx-error"))]
        return Service(
            "nginx", [*args, "-g", "daemon off;"], self._log("nginx"), ready=answers(self.url)
        )

    def _nginx_config(self) -> str:
        def servers(ports: List[int]) -> str:
            # One failed attempt takes a server out for 5 s; the next request retries it.
            return "\n".join(
                f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in ports
            )

        values = {
            "STATE": str(self.state),
            "WEB_ROOT": str(PROJECT_ROOT / "web"),
            "LISTEN": "127.0.0.1",
            "PORT": str(self.ports.web),
            "ACTIONS_PORT": str(self.ports.actions_balancer),
            "RASA_SERVERS": servers(self.ports.rasa),
            "ACTION_SERVERS": servers(self.ports.actions),
            # Per address: a person opens a chat or two a minute and writes a
            # message every few seconds at most.
            "CONNECT_RATE": "100000r/s" if self.unlimited else "30r/m",
            "REST_RATE": "100000r/s" if self.unlimited else "120r/m",
        }
        text = NGINX_TEMPLATE.read_text()
        for name, value in values.items():
            text = text.replace(f"@{name}@", value)
        return text

    def _action_server(self, index: int) -> Service:
        port = self.ports.actions[index]
        return Service(
            f"actions-{index}",
            action_server_args(port),
            self._log(f"actions-{index}"),
            ready=answers(f"http://127.0.0.1:{port}/health"),
        )

    def _rasa(self, index: int) -> Service:
        port = self.ports.rasa[index]
        args = rasa_server_args(port, ENDPOINTS, self.model, self.cors_origin)
        return Service(
            f"rasa-{index}",
            args,
            self._log(f"rasa-{index}"),
            ready=answers(f"http://127.0.0.1:{port}/"),
            env={**self.rasa_env(), **rasa_server_env(self.secrets.auth_token)},
        )


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--state", type=Path, default=PROJECT_ROOT / "var" / "cluster")
    parser.add_argument("--instances", type=int, default=2)
    args = parser.parse_args(argv)

    cluster = Cluster(args.state, Ports.from_env(args.instances))
    # Also when started in the background, where SIGINT arrives ignored.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        print(f"Starting Heartwise in cluster mode (logs in {cluster.state / 'log'})…", flush=True)
        cluster.start()
        print(
            f"\nHeartwise (cluster mode) is ready.\n"
            f"  Chat in your browser:  {cluster.url}\n"
            f"  REST:                  {cluster.url}/webhooks/rest/webhook\n"
            f"  Rasa servers:          {', '.join(cluster.rasa_url(i) for i in range(cluster.instances))}\n"
            f"  PostgreSQL:            127.0.0.1:{cluster.ports.postgres}, Redis 127.0.0.1:{cluster.ports.redis}\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("Stopping…", flush=True)
    finally:
        # A second Ctrl-C must not leave half the cluster running.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        cluster.stop()


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    main()
