"""What the benchmarks share: memory, CPU time and percentiles. Processes: deploy/processes.py."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def resident_mb(pid: int) -> float:
    return _status_kb(pid, "VmRSS") / 1024


def peak_resident_mb(pid: int) -> float:
    return _status_kb(pid, "VmHWM") / 1024


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
