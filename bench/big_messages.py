"""Does one person pasting a megabyte slow everyone else down? (issue 18)

Starts Heartwise as `make run` does (one Rasa server, SQLite), then drives
ten ordinary users over REST for a while alone; again while one more client
sends a message of about 1 MB (just under the body limit) every two seconds,
as many as the per-conversation limit lets through (30 a minute); and again
with those messages back to back, as if the limits were lifted (the bench
lifts them for all phases: its users share one address). Before messages
were cut to 2,000 characters, one such message held the server at full CPU
for about 80 s and took 6 GB of memory. Prints p50/p95 for the ordinary
users in each phase, the ratios to the first, and how long a big message took.

    .venv/bin/python -m bench.big_messages [--seconds 30] [--users 10]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import List, Tuple

import aiohttp

from bench.common import percentile
from bench.load import Result, System, closed_loop, start_embedded
from deploy.processes import MODEL, REQUEST_MAX_SIZE

# About 1 MB of text, as one message: a pasted chat history, say.
BIG_TEXT = ("we talked every night and now nothing " * 30_000)[: REQUEST_MAX_SIZE - 1_000]


async def big_sender(
    system: System, every_s: float, stop: asyncio.Event, took: List[float]
) -> None:
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        sender = f"big-{uuid.uuid4().hex[:8]}"
        while not stop.is_set():
            sent = time.perf_counter()
            async with session.post(
                f"{system.url}/webhooks/rest/webhook",
                json={"sender": sender, "message": BIG_TEXT},
            ) as response:
                await response.read()
            took.append(time.perf_counter() - sent)
            await asyncio.sleep(max(0.0, every_s - took[-1]))


async def with_big_messages(
    system: System, users: int, seconds: float, every_s: float
) -> Tuple[Result, List[float]]:
    stop = asyncio.Event()
    took: List[float] = []
    big = asyncio.create_task(big_sender(system, every_s, stop, took))
    result = await closed_loop(system, users, seconds)
    stop.set()
    await big
    return result, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--users", type=int, default=10)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="heartwise-bench-big-"))
    (workdir / "heartwise").mkdir()
    shutil.copy(MODEL, workdir / "heartwise" / "bench.tar.gz")
    system = System("heartwise", "Heartwise")
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        start_embedded(system, workdir, stack)
        alone = asyncio.run(closed_loop(system, args.users, args.seconds))
        phases = {
            label: asyncio.run(with_big_messages(system, args.users, args.seconds, every_s))
            for label, every_s in (
                ("one 1 MB message every 2 s", 2.0),
                ("1 MB messages back to back", 0.0),
            )
        }

    base = alone.latencies_ms
    print(f"{args.users} ordinary users, {args.seconds:.0f} s each phase, one Rasa server")
    print(f"  alone: p50 {percentile(base, 0.5):.0f} ms, p95 {percentile(base, 0.95):.0f} ms")
    for label, (result, took) in phases.items():
        ours = result.latencies_ms
        print(
            f"  {label}: p50 {percentile(ours, 0.5):.0f} ms, p95 {percentile(ours, 0.95):.0f} ms "
            f"({percentile(ours, 0.95) / percentile(base, 0.95):.2f}x), {result.errors} errors; "
            f"{len(took)} of {len(BIG_TEXT):,} characters, median {percentile(took, 0.5):.2f} s"
        )


if __name__ == "__main__":
    main()
