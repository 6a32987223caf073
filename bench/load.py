"""Heartwise against the bot `rasa init` creates, under the same load.

In one run: copies Rasa's own starter project into a temporary folder and
trains it (the baseline); trains Heartwise the same way (empty graph cache);
starts the baseline as `rasa run` does, Heartwise as `make run` does (one
Rasa server, SQLite) and as `make cluster` does (two Rasa servers and two
action servers behind nginx, PostgreSQL, Redis); then drives each over the
REST webhook with a closed loop of 1, 10 and 50 concurrent users, every user
sending the same scripted conversation under a fresh sender id. Reports
p50/p95/p99 latency, messages per second, errors, empty answers, the Rasa servers' peak
resident memory, time from start to ready and training time, with
Heartwise/baseline ratios, and writes the table to bench/RESULTS.md.

    .venv/bin/python -m bench.load [--seconds 20] [--users 1 10 50] [--leak-check] [--no-cluster]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import shutil
import subprocess
import tempfile
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import aiohttp
import rasa.cli

from bench.common import peak_resident_mb, percentile, resident_mb
from deploy.cluster import Cluster, Ports
from deploy.processes import (
    PLAIN_RASA,
    PROJECT_ROOT,
    RASA,
    SERVING_THREADS,
    UNLIMITED_RATES,
    Service,
    action_server_args,
    answers,
    free_port,
    rasa_server_args,
    server_env,
    write_embedded_endpoints,
)

# What a person might write in their first minute; both bots get the same.
SCRIPT = [
    "hi",
    "my girlfriend broke up with me two weeks ago and i cant stop thinking about her",
    "should i text her or give her space?",
    "what about playing it cool so she misses me",
    "thanks, that helps",
    "bye",
]


@dataclass
class System:
    """One bot as the load sees it: a REST URL and the Rasa servers behind it."""

    name: str
    label: str
    url: str = ""
    train_s: float = 0.0
    ready_s: float = 0.0
    rasa_pids: List[int] = field(default_factory=list)

    def peak_mb(self) -> float:
        """The biggest Rasa server (the target is per process)."""
        return max(peak_resident_mb(pid) for pid in self.rasa_pids)


@dataclass
class Result:
    users: int
    latencies_ms: List[float]
    errors: int
    empty: int
    seconds: float

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.seconds

    def p(self, share: float) -> float:
        return percentile(self.latencies_ms, share) if self.latencies_ms else float("nan")


def train(project: Path, out: Path) -> float:
    with tempfile.TemporaryDirectory(dir=out.parent) as cache:
        started = time.monotonic()
        subprocess.run(
            [RASA, "train", "--force", "--fixed-model-name", "bench", "--out", str(out), "--quiet"],
            cwd=project,
            env=server_env(RASA_CACHE_DIRECTORY=cache),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.monotonic() - started


def start_baseline(system: System, project: Path, workdir: Path, stack: ExitStack) -> None:
    """`rasa run` in the starter project: REST, in-memory tracker store."""
    port = free_port()
    model = workdir / "rasa-init" / "bench.tar.gz"
    args = rasa_server_args(port, None, model, credentials=None, launcher=PLAIN_RASA)
    started = time.monotonic()
    ready = answers(f"http://127.0.0.1:{port}/")
    server = Service("rasa", args, workdir / "rasa-init.log", ready, cwd=project)
    _run(server, stack)
    system.url = f"http://127.0.0.1:{port}"
    system.ready_s = _first_answer(system, started)
    system.rasa_pids = [server.pid]


def start_embedded(system: System, workdir: Path, stack: ExitStack) -> None:
    """As `make run`: one Rasa server, one action server, SQLite."""
    rasa_port, actions_port = free_port(), free_port()
    actions = Service(
        "actions",
        action_server_args(actions_port),
        workdir / "actions.log",
        answers(f"http://127.0.0.1:{actions_port}/health"),
    )
    _run(actions, stack)
    endpoints = write_embedded_endpoints(
        workdir / "endpoints.yml", actions_port, workdir / "heartwise.db"
    )
    args = rasa_server_args(rasa_port, endpoints, workdir / "heartwise" / "bench.tar.gz")
    started = time.monotonic()
    ready = answers(f"http://127.0.0.1:{rasa_port}/")
    # The simulated users share this machine's address and send without pause.
    env = {**SERVING_THREADS, **UNLIMITED_RATES}
    server = Service("rasa", args, workdir / "rasa.log", ready, env)
    _run(server, stack)
    system.url = f"http://127.0.0.1:{rasa_port}"
    system.ready_s = _first_answer(system, started)
    system.rasa_pids = [server.pid]


def start_cluster(system: System, workdir: Path, stack: ExitStack) -> None:
    """As `make cluster`: nginx, two Rasa servers, two action servers, PostgreSQL, Redis."""
    state = Path(tempfile.mkdtemp(prefix="heartwise-bench-cluster-"))
    state.chmod(0o755)  # PostgreSQL runs as its own user
    model = workdir / "heartwise" / "bench.tar.gz"
    cluster = Cluster(state, Ports.free(instances=2), model=model, unlimited=True)
    stack.callback(shutil.rmtree, state, ignore_errors=True)
    stack.callback(cluster.stop)
    started = time.monotonic()
    cluster.start()
    system.url = cluster.url
    system.ready_s = _first_answer(system, started)
    system.rasa_pids = [cluster.services[f"rasa-{i}"].pid for i in range(cluster.instances)]


def _run(service: Service, stack: ExitStack) -> None:
    stack.callback(service.stop)
    service.start().wait_until_ready()


def _first_answer(system: System, started: float) -> float:
    """Ready means answering, not just listening."""

    async def hello() -> None:
        async with aiohttp.ClientSession() as session:
            await say(session, system, f"ready-{uuid.uuid4().hex}", "hi")

    asyncio.run(hello())
    return time.monotonic() - started


async def say(
    session: aiohttp.ClientSession, system: System, sender: str, text: str
) -> List[Dict[str, Any]]:
    """The messages the bot answered with."""
    async with session.post(
        f"{system.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
    ) as response:
        response.raise_for_status()
        return await response.json()


async def closed_loop(system: System, users: int, seconds: float) -> Result:
    """Each user sends its next message as soon as the last one is answered."""
    latencies: List[float] = []
    errors = empty = 0
    deadline = time.monotonic() + seconds

    async def user(session: aiohttp.ClientSession) -> None:
        nonlocal errors, empty
        while time.monotonic() < deadline:
            sender = f"bench-{uuid.uuid4().hex}"
            for text in SCRIPT:
                if time.monotonic() >= deadline:
                    return
                sent = time.perf_counter()
                try:
                    answered = await say(session, system, sender, text)
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    errors += 1
                    continue
                # A reply of no messages was still handled (the `rasa init` bot,
                # trained without seeds, sometimes chooses to say nothing): it
                # counts towards the rate and gets its own row.
                latencies.append((time.perf_counter() - sent) * 1000)
                if not answered:
                    empty += 1

    connector = aiohttp.TCPConnector(limit=users)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        started = time.monotonic()
        await asyncio.gather(*(user(session) for _ in range(users)))
        elapsed = time.monotonic() - started
    return Result(users, latencies, errors, empty, elapsed)


async def messages(system: System, count: int, users: int = 10) -> None:
    """Exactly `count` messages, for the memory check."""
    queue = iter(range(count))
    async with aiohttp.ClientSession() as session:

        async def user() -> None:
            sender = f"leak-{uuid.uuid4().hex}"
            for index in queue:
                await say(session, system, sender, SCRIPT[index % len(SCRIPT)])
                if index % len(SCRIPT) == len(SCRIPT) - 1:
                    sender = f"leak-{uuid.uuid4().hex}"

        await asyncio.gather(*(user() for _ in range(users)))


def leak_check(system: System) -> str:
    pid = system.rasa_pids[0]
    asyncio.run(messages(system, 500))
    after_500 = resident_mb(pid)
    asyncio.run(messages(system, 4500))
    after_5000 = resident_mb(pid)
    growth = (after_5000 - after_500) / after_500
    return (
        f"Memory of the {system.label} Rasa server: {after_500:.0f} MB after 500 messages, "
        f"{after_5000:.0f} MB after 5,000 ({growth:+.1%})."
    )


def table(systems: Sequence[System], results: Dict[str, List[Result]]) -> List[str]:
    *ours, baseline = systems

    def row(label: str, values: List[float], fmt: str) -> str:
        cells = [format(v, fmt) for v in values]
        ratios = [f"{v / values[-1]:.2f}x" for v in values[:-1]]
        return f"| {label} | " + " | ".join(cells + ratios) + " |"

    head = [s.label for s in systems] + [f"{s.label} / baseline" for s in ours]
    lines = ["| | " + " | ".join(head) + " |", "|---" * (len(head) + 1) + "|"]
    lines.append(row("training, empty cache (s)", [s.train_s for s in systems], ".0f"))
    lines.append(row("start to first answer (s)", [s.ready_s for s in systems], ".0f"))
    for level, _ in enumerate(results[baseline.name]):
        at = [results[s.name][level] for s in systems]
        users = f"{at[0].users} user{'s' if at[0].users > 1 else ''}"
        for label, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
            lines.append(row(f"{users}: {label} latency (ms)", [r.p(share) for r in at], ".0f"))
        lines.append(row(f"{users}: messages/s", [r.rate for r in at], ".1f"))
        for label, counts in (
            ("errors", [r.errors for r in at]),
            ("empty answers", [r.empty for r in at]),
        ):
            cells = [str(count) for count in counts] + [""] * len(ours)
            lines.append(f"| {users}: {label} | " + " | ".join(cells) + " |")
    lines.append(row("peak memory per Rasa server (MB)", [s.peak_mb() for s in systems], ".0f"))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=20, help="load per concurrency level")
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument(
        "--leak-check", action="store_true", help="memory after 500 and 5,000 messages"
    )
    parser.add_argument("--no-cluster", action="store_true", help="skip cluster mode")
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave bench/RESULTS.md"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        baseline_project = workdir / "rasa-init-project"
        shutil.copytree(Path(rasa.cli.__file__).parent / "initial_project", baseline_project)
        embedded = System("heartwise", "Heartwise (make run)")
        cluster = System("cluster", "Heartwise cluster (make cluster)")
        baseline = System("rasa-init", "rasa init bot")
        print("training both bots from an empty cache…", flush=True)
        embedded.train_s = cluster.train_s = train(PROJECT_ROOT, workdir / "heartwise")
        baseline.train_s = train(baseline_project, workdir / "rasa-init")

        starters = {
            embedded.name: lambda: start_embedded(embedded, workdir, stack),
            cluster.name: lambda: start_cluster(cluster, workdir, stack),
            baseline.name: lambda: start_baseline(baseline, baseline_project, workdir, stack),
        }
        systems = [embedded, cluster, baseline] if not args.no_cluster else [embedded, baseline]
        results: Dict[str, List[Result]] = {}
        leak: Optional[str] = None
        for system in systems:
            print(f"{system.label}: starting…", flush=True)
            starters[system.name]()
            asyncio.run(closed_loop(system, 5, 5))  # warm-up, not counted
            results[system.name] = []
            for users in args.users:
                result = asyncio.run(closed_loop(system, users, args.seconds))
                print(
                    f"  {users} users: p50 {result.p(0.5):.0f} ms, p95 {result.p(0.95):.0f} ms, "
                    f"{result.rate:.1f} msg/s, {result.errors} errors, {result.empty} empty answers",
                    flush=True,
                )
                results[system.name].append(result)
            if args.leak_check and system is embedded:
                leak = leak_check(system)
        # Everything still runs: the table reads the servers' peak memory.
        lines = table(systems, results)
    if leak:
        lines += ["", leak]
    print("\n".join(lines))
    if not args.no_write:
        write_results(lines, args)


def write_results(lines: List[str], args: argparse.Namespace) -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True
    ).stdout.strip()
    header = [
        "# Benchmark: Heartwise against the `rasa init` bot",
        "",
        f"`make bench` on {dt.date.today().isoformat()}, commit {commit or 'uncommitted'}, "
        f"{platform.machine()} with {os.cpu_count()} cores. REST webhook, closed loop, "
        f"{args.seconds:.0f} s per level, every user the same scripted conversation under a fresh "
        "sender id. Heartwise as `make run` starts it (one Rasa server and one action server, "
        "SQLite) and as `make cluster` does (nginx, two Rasa servers, two action servers, "
        "PostgreSQL and Redis, all on the same 2 cores); the `rasa init` bot as `rasa run` "
        "starts it (no action server, conversations in memory). An error is a failed request; "
        "an empty answer is a reply with no message, counted in the rate like any other (the "
        "`rasa init` bot is trained as it ships, without seeds, so how often its policies "
        "choose silence changes from one training to the next).",
        "",
    ]
    (PROJECT_ROOT / "bench" / "RESULTS.md").write_text("\n".join(header + lines) + "\n")


if __name__ == "__main__":
    main()
