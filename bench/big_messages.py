"""Does one person pasting a megabyte slow everyone else down? (issue 18)

Starts Heartwise as `make run` does (one Rasa server, SQLite), then drives
ten ordinary users over REST for a while alone, and again while one more
client sends messages of about 1 MB (just under the body limit) back to back.
Before messages were cut to 2,000 characters, one such message held the
server at full CPU for about 80 s and took 6 GB of memory. Prints p50/p95
for the ordinary users in both phases, their ratio, and how long each big
message took.

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
from typing import List

import aiohttp

from bench.common import percentile
from bench.load import System, closed_loop, start_embedded
from deploy.processes import MODEL, REQUEST_MAX_SIZE

# About 1 MB of text, as one message: a pasted chat history, say.
BIG_TEXT = ("we talked every night and now nothing " * 30_000)[: REQUEST_MAX_SIZE - 1_000]


async def big_sender(system: System, stop: asyncio.Event, took: List[float]) -> None:
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


async def with_big_messages(system: System, users: int, seconds: float) -> tuple:
    stop = asyncio.Event()
    took: List[float] = []
    big = asyncio.create_task(big_sender(system, stop, took))
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
        loaded, took = asyncio.run(with_big_messages(system, args.users, args.seconds))

    alone_ms, loaded_ms = alone.latencies_ms, loaded.latencies_ms
    print(f"{args.users} ordinary users, {args.seconds:.0f} s each phase, one Rasa server")
    for label, values in (("alone", alone_ms), ("beside 1 MB messages", loaded_ms)):
        print(
            f"  {label}: p50 {percentile(values, 0.5):.0f} ms, p95 {percentile(values, 0.95):.0f} ms"
        )
    ratio = percentile(loaded_ms, 0.95) / percentile(alone_ms, 0.95)
    print(f"  p95 ratio {ratio:.2f}x; errors {loaded.errors}")
    print(
        f"  {len(took)} messages of {len(BIG_TEXT):,} characters, median {percentile(took, 0.5):.2f} s"
    )


if __name__ == "__main__":
    main()
