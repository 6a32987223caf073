"""How fast Heartwise understands a message, and what that costs.

Starts the Rasa server pinned to one core (taskset), warms it up, then times
/model/parse for a 20-word and a 120-word message (the issue's targets: p50
at most 30 and 60 ms) and reports p50/p95, the server's resident memory and
its time from start to ready. With --train it also times a full
`rasa train --force` into a temporary folder (both cores, as `make` does).

    .venv/bin/python -m bench.nlu_speed [--requests 300] [--train]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time

import requests

from bench.common import percentile, resident_mb
from deploy.processes import PROJECT_ROOT, RASA, free_port, server_env

SHORT_MESSAGE = (
    "i have been on day twenty six of no contact and working on myself, "
    "when should i text her again"
)
# A story of several clauses, as people write them: 120 words.
LONG_MESSAGE = (
    "me and my girlfriend were together four "
    "years, we lived together in a tiny flat in leeds and honestly i thought we were "
    "going to get married. three weeks ago she sat me down and said she had not been "
    "happy for a long time and that she needed to find out who she is without me. she "
    "moved back to her mums the next weekend. i have not texted her since, my mates "
    "say that is the right thing, but every night i pick up my phone and nearly do. "
    "she watched my story yesterday, which means nothing. how long should i "
    "wait before i reach out, and what do i even say to her when i do"
)
MESSAGES = (SHORT_MESSAGE, LONG_MESSAGE)


def time_parse(requests_count: int) -> None:
    port = free_port()
    started = time.monotonic()
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [
                "taskset",
                "-c",
                "0",
                RASA,
                "run",
                "--enable-api",
                "--model",
                "models/heartwise.tar.gz",
                "--interface",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=PROJECT_ROOT,
            env=server_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            while True:
                try:
                    if requests.get(f"{url}/status", timeout=1).ok:
                        break
                except requests.ConnectionError:
                    pass
                if server.poll() is not None or time.monotonic() - started > 300:
                    log.seek(0)
                    raise RuntimeError(log.read().decode()[-3000:])
                time.sleep(0.5)
            ready_s = time.monotonic() - started
            session = requests.Session()
            for message in MESSAGES:
                time_one(session, url, message, requests_count)
            print(
                f"  server resident memory {resident_mb(server.pid):.0f} MB; ready {ready_s:.1f} s after start"
            )
        finally:
            server.terminate()
            server.wait(timeout=60)


def time_one(session: requests.Session, url: str, message: str, requests_count: int) -> None:
    for _ in range(20):  # warm-up
        session.post(f"{url}/model/parse", json={"text": message}).raise_for_status()
    timings = []
    for _ in range(requests_count):
        start = time.perf_counter()
        session.post(f"{url}/model/parse", json={"text": message}).raise_for_status()
        timings.append((time.perf_counter() - start) * 1000)
    print(f"/model/parse, {len(message.split())}-word message, 1 core, {requests_count} requests")
    print(
        f"  p50 {statistics.median(timings):.1f} ms   p95 {percentile(timings, 0.95):.1f} ms"
        f"   max {max(timings):.1f} ms"
    )


def time_training() -> None:
    # An empty graph cache, so that every component really trains.
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as cache:
        started = time.monotonic()
        subprocess.run(
            [RASA, "train", "--force", "--out", out, "--quiet"],
            cwd=PROJECT_ROOT,
            env=server_env(RASA_CACHE_DIRECTORY=cache),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        print(
            f"full training (rasa train --force, empty cache, 2 cores): {time.monotonic() - started:.0f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--train", action="store_true")
    args = parser.parse_args()
    time_parse(args.requests)
    if args.train:
        time_training()


if __name__ == "__main__":
    main()
