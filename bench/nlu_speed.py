"""How fast Heartwise understands a message, and what that costs.

Starts the Rasa server pinned to one core (taskset), warms it up, then times
/model/parse for a 20-word message and reports p50/p95, the server's resident
memory and its time from start to ready. With --train it also times a full
`rasa train --force` into a temporary folder (both cores, as `make` does).

    .venv/bin/python bench/nlu_speed.py [--requests 300] [--train]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import List

import requests

ROOT = Path(__file__).resolve().parents[1]
RASA = str(ROOT / ".venv" / "bin" / "rasa")
MESSAGE = (
    "i have been on day twenty six of no contact and working on myself, "
    "when should i text her again"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: List[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def time_parse(requests_count: int) -> None:
    port = free_port()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
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
            cwd=ROOT,
            env=env,
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
            for _ in range(20):  # warm-up
                session.post(f"{url}/model/parse", json={"text": MESSAGE}).raise_for_status()
            timings = []
            for _ in range(requests_count):
                start = time.perf_counter()
                session.post(f"{url}/model/parse", json={"text": MESSAGE}).raise_for_status()
                timings.append((time.perf_counter() - start) * 1000)
            print(
                f"/model/parse, {len(MESSAGE.split())}-word message, 1 core, {requests_count} requests"
            )
            print(
                f"  p50 {statistics.median(timings):.1f} ms   p95 {percentile(timings, 0.95):.1f} ms"
                f"   max {max(timings):.1f} ms"
            )
            print(
                f"  server resident memory {resident_mb(server.pid):.0f} MB; ready {ready_s:.1f} s after start"
            )
        finally:
            server.terminate()
            server.wait(timeout=60)


def time_training() -> None:
    with tempfile.TemporaryDirectory() as out:
        started = time.monotonic()
        subprocess.run(
            [RASA, "train", "--force", "--out", out, "--quiet"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        print(f"full training (rasa train --force, 2 cores): {time.monotonic() - started:.0f} s")


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
