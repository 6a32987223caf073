"""Heartwise against the bot `rasa init` creates, under the same load.

In one run: copies Rasa's own starter project into a temporary folder and
trains it (the baseline); trains Heartwise the same way (empty graph cache);
starts each with its action server as `make run` does; then drives each over
the REST webhook with a closed loop of 1, 10 and 50 concurrent users, every
user going through a scripted conversation under a fresh sender id. Reports
p50/p95/p99 latency, messages per second, errors, the Rasa server's peak
resident memory, time from start to ready and training time, with
Heartwise/baseline ratios, and writes the table to bench/RESULTS.md.

    .venv/bin/python -m bench.load [--seconds 20] [--users 1 10 50] [--leak-check]
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
from typing import Dict, List, Optional, Sequence

import aiohttp
import rasa.cli

from bench.common import (
    RASA,
    ROOT,
    bench_env,
    free_port,
    peak_resident_mb,
    percentile,
    resident_mb,
    spawn,
    wait_until,
)

HEARTWISE_SCRIPT = [
    "hi",
    "my girlfriend broke up with me two weeks ago and i cant stop thinking about her",
    "should i text her or give her space?",
    "what about playing it cool so she misses me",
    "thanks, that helps",
    "bye",
]
BASELINE_SCRIPT = ["hi", "i am feeling sad", "yes", "are you a bot?", "great, thanks", "bye"]


@dataclass
class Bot:
    name: str
    project: Path
    script: Sequence[str]
    actions: bool
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    train_s: float = 0.0
    ready_s: float = 0.0
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"


@dataclass
class Result:
    users: int
    latencies_ms: List[float]
    errors: int
    seconds: float

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.seconds

    def p(self, share: float) -> float:
        return percentile(self.latencies_ms, share) if self.latencies_ms else float("nan")


def train(bot: Bot, workdir: Path) -> None:
    with tempfile.TemporaryDirectory(dir=workdir) as cache:
        started = time.monotonic()
        subprocess.run(
            [
                RASA,
                "train",
                "--force",
                "--fixed-model-name",
                "bench",
                "--out",
                str(workdir / bot.name),
                "--quiet",
            ],
            cwd=bot.project,
            env=bench_env(RASA_CACHE_DIRECTORY=cache),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        bot.train_s = time.monotonic() - started


def start(bot: Bot, workdir: Path, stack: ExitStack) -> None:
    logs = workdir / f"{bot.name}-logs"
    logs.mkdir()
    args = [
        RASA,
        "run",
        "--model",
        str(workdir / bot.name / "bench.tar.gz"),
        "--enable-api",
        "--interface",
        "127.0.0.1",
        "--port",
        str(bot.rasa_port),
    ]
    if bot.actions:
        actions = spawn(
            [RASA, "run", "actions", "--actions", "actions", "--port", str(bot.actions_port)],
            bot.project,
            stack.enter_context((logs / "actions.log").open("wb")),
        )
        bot.processes["actions"] = actions
        wait_until(f"http://127.0.0.1:{bot.actions_port}/health", actions)
        endpoints = workdir / f"{bot.name}-endpoints.yml"
        endpoints.write_text(
            f"action_endpoint:\n  url: http://127.0.0.1:{bot.actions_port}/webhook\n"
            "tracker_store:\n  type: heartwise.tracker_store.DeletingSQLTrackerStore\n"
            f"  dialect: sqlite\n  db: {workdir / 'heartwise.db'}\n"
            "  deletion_action: action_delete_my_data\n"
        )
        args += ["--endpoints", str(endpoints)]
    started = time.monotonic()
    server = spawn(args, bot.project, stack.enter_context((logs / "rasa.log").open("wb")))
    bot.processes["rasa"] = server
    wait_until(f"{bot.url}/", server)
    asyncio.run(say_once(bot))  # ready means answering, not just listening
    bot.ready_s = time.monotonic() - started


def stop(bot: Bot) -> None:
    for process in bot.processes.values():
        process.terminate()
    for process in bot.processes.values():
        process.wait(timeout=60)


async def say(session: aiohttp.ClientSession, bot: Bot, sender: str, text: str) -> None:
    async with session.post(
        f"{bot.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
    ) as r:
        r.raise_for_status()
        await r.json()


async def say_once(bot: Bot) -> None:
    async with aiohttp.ClientSession() as session:
        await say(session, bot, f"ready-{uuid.uuid4().hex}", "hi")


async def closed_loop(bot: Bot, users: int, seconds: float) -> Result:
    """Each user sends its next message as soon as the last one is answered."""
    latencies: List[float] = []
    errors = 0
    deadline = time.monotonic() + seconds

    async def user(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        while time.monotonic() < deadline:
            sender = f"bench-{uuid.uuid4().hex}"
            for text in bot.script:
                if time.monotonic() >= deadline:
                    return
                sent = time.perf_counter()
                try:
                    await say(session, bot, sender, text)
                    latencies.append((time.perf_counter() - sent) * 1000)
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    errors += 1

    connector = aiohttp.TCPConnector(limit=users)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        started = time.monotonic()
        await asyncio.gather(*(user(session) for _ in range(users)))
        elapsed = time.monotonic() - started
    return Result(users, latencies, errors, elapsed)


async def messages(bot: Bot, count: int, users: int = 10) -> None:
    """Exactly `count` messages, for the memory check."""
    queue = iter(range(count))
    async with aiohttp.ClientSession() as session:

        async def user() -> None:
            sender = f"leak-{uuid.uuid4().hex}"
            for index in queue:
                await say(session, bot, sender, bot.script[index % len(bot.script)])
                if index % len(bot.script) == len(bot.script) - 1:
                    sender = f"leak-{uuid.uuid4().hex}"

        await asyncio.gather(*(user() for _ in range(users)))


def baseline_project(workdir: Path) -> Path:
    """Rasa's starter project, as `rasa init` writes it."""
    project = workdir / "rasa-init"
    shutil.copytree(Path(rasa.cli.__file__).parent / "initial_project", project)
    return project


def table(bots: Sequence[Bot], results: Dict[str, List[Result]]) -> List[str]:
    heartwise, baseline = bots
    lines = [
        "| | Heartwise | rasa init bot | ratio |",
        "|---|---|---|---|",
        f"| training, empty cache (s) | {heartwise.train_s:.0f} | {baseline.train_s:.0f} | {heartwise.train_s / baseline.train_s:.2f}x |",
        f"| start to first answer (s) | {heartwise.ready_s:.0f} | {baseline.ready_s:.0f} | {heartwise.ready_s / baseline.ready_s:.2f}x |",
    ]
    for ours, theirs in zip(results[heartwise.name], results[baseline.name], strict=True):
        n = ours.users
        for label, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
            lines.append(
                f"| {n} user{'s' if n > 1 else ''}: {label} latency (ms) | {ours.p(share):.0f} | {theirs.p(share):.0f} | {ours.p(share) / theirs.p(share):.2f}x |"
            )
        lines.append(
            f"| {n} user{'s' if n > 1 else ''}: messages/s | {ours.rate:.1f} | {theirs.rate:.1f} | {ours.rate / theirs.rate:.2f}x |"
        )
        lines.append(
            f"| {n} user{'s' if n > 1 else ''}: errors | {ours.errors} | {theirs.errors} | |"
        )
    peak = {b.name: peak_resident_mb(b.processes["rasa"].pid) for b in bots}
    lines.append(
        f"| Rasa server peak memory (MB) | {peak[heartwise.name]:.0f} | {peak[baseline.name]:.0f} | {peak[heartwise.name] / peak[baseline.name]:.2f}x |"
    )
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
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave bench/RESULTS.md"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        bots = [
            Bot("heartwise", ROOT, HEARTWISE_SCRIPT, actions=True),
            Bot("rasa-init", baseline_project(workdir), BASELINE_SCRIPT, actions=False),
        ]
        results: Dict[str, List[Result]] = {}
        leak: Optional[str] = None
        for bot in bots:
            print(f"{bot.name}: training…", flush=True)
            train(bot, workdir)
        for bot in bots:
            print(f"{bot.name}: starting…", flush=True)
            start(bot, workdir, stack)
            asyncio.run(closed_loop(bot, 5, 5))  # warm-up, not counted
            results[bot.name] = []
            for users in args.users:
                result = asyncio.run(closed_loop(bot, users, args.seconds))
                print(
                    f"  {users} users: p50 {result.p(0.5):.0f} ms, p95 {result.p(0.95):.0f} ms, "
                    f"{result.rate:.1f} msg/s, {result.errors} errors",
                    flush=True,
                )
                results[bot.name].append(result)
            if args.leak_check and bot.name == "heartwise":
                leak = leak_check(bot)
        # Both servers still run: the table reads their peak memory.
        lines = table(bots, results)
        for bot in bots:
            stop(bot)
    if leak:
        lines += ["", leak]
    print("\n".join(lines))
    if not args.no_write:
        write_results(lines, args)


def leak_check(bot: Bot) -> str:
    pid = bot.processes["rasa"].pid
    asyncio.run(messages(bot, 500))
    after_500 = resident_mb(pid)
    asyncio.run(messages(bot, 4500))
    after_5000 = resident_mb(pid)
    growth = (after_5000 - after_500) / after_500
    return (
        f"Memory of the Heartwise Rasa server: {after_500:.0f} MB after 500 messages, "
        f"{after_5000:.0f} MB after 5,000 ({growth:+.1%})."
    )


def write_results(lines: List[str], args: argparse.Namespace) -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    cores = os.cpu_count()
    header = [
        "# Benchmark: Heartwise against the `rasa init` bot",
        "",
        f"`make bench` on {dt.date.today().isoformat()}, commit {commit or 'uncommitted'}, "
        f"{platform.machine()} with {cores} cores. REST webhook, closed loop, "
        f"{args.seconds:.0f} s per level, every user a scripted conversation under a fresh sender id; "
        "Heartwise with its action server as `make run` starts it (the `rasa init` bot needs none).",
        "",
    ]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(header + lines) + "\n")


if __name__ == "__main__":
    main()
