"""How a message's cost grows with the length of its session.

One user, one Rasa server as `make run` starts it (from an empty SQLite
database), sends --turns messages in one session, cycling through a script
that visits the crisis, abuse and surveillance answers and the draft coach.
Prints the median wait per block of turns and the server's CPU time per
message over the second half; --replies writes every reply to a JSON file,
so two versions of the code can be compared reply for reply.

    .venv/bin/python -m bench.long_session [--turns 400] [--replies out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any, List, Optional, Tuple

import aiohttp

from bench.common import cpu_seconds
from bench.load import System, say, start_embedded
from deploy.processes import PROJECT_ROOT

SCRIPT = [
    "hi",
    "I miss my ex so much",
    "we broke up two months ago",
    "should I text her?",
    "thanks",
    "I feel lonely tonight",
    "what can I do for myself",
    "ok",
    "I want to hurt myself",
    "help me write a message to him",
    "hey, I miss you",
    "no",
    "he hit me",
    "can I check her phone",
    "what is this",
    "bye",
]
BLOCK = 100


async def converse(system: System, turns: int) -> Tuple[List[float], List[Any], float]:
    waits: List[float] = []
    replies: List[Any] = []
    half = turns // 2
    async with aiohttp.ClientSession() as session:
        for turn in range(turns):
            if turn == half:
                cpu_at_half = cpu_seconds(system.rasa_pids[0])
            text = SCRIPT[turn % len(SCRIPT)]
            sent = time.perf_counter()
            replies.append([text, await say(session, system, "long", text)])
            waits.append((time.perf_counter() - sent) * 1000)
    cpu_ms = (cpu_seconds(system.rasa_pids[0]) - cpu_at_half) / (turns - half) * 1000
    return waits, replies, cpu_ms


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=400)
    parser.add_argument("--replies", type=Path)
    args = parser.parse_args(argv)
    if args.turns < 2:
        parser.error("--turns must be at least 2")

    with ExitStack() as stack, tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        (workdir / "heartwise").mkdir()
        (workdir / "heartwise" / "bench.tar.gz").symlink_to(
            PROJECT_ROOT / "models" / "heartwise.tar.gz"
        )
        system = System("heartwise", "Heartwise (make run)")
        start_embedded(system, workdir, stack)
        waits, replies, cpu_ms = asyncio.run(converse(system, args.turns))

    for first in range(0, args.turns, BLOCK):
        block = waits[first : first + BLOCK]
        last = first + len(block) - 1
        print(f"turns {first}-{last}: median wait {statistics.median(block):.0f} ms")
    print(f"server CPU per message, turns {args.turns // 2}-{args.turns - 1}: {cpu_ms:.0f} ms")
    if args.replies:
        args.replies.write_text(json.dumps(replies, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
