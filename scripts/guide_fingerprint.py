"""Fingerprints of the guide's seven-word runs, so tests can check that no
response copies the guide without the guide itself in the repository.

    .venv/bin/python -m scripts.guide_fingerprint ../shared/guide/how-to-win-your-ex-back.txt \\
        > tests/data/guide_runs.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import List, Set

RUN_WORDS = 7
# Facts carry over from the guide, titles and names included.
BOOK = re.compile(r"the magic of making up\W+by t\W+(dub\W+)?jackson")


def runs(text: str) -> List[str]:
    """Fingerprints of every run of seven words, book title and author left out."""
    words = re.findall(r"[a-z']+", BOOK.sub(" ", text.lower()))
    return [
        hashlib.sha256(" ".join(words[i : i + RUN_WORDS]).encode()).hexdigest()[:16]
        for i in range(len(words) - RUN_WORDS + 1)
    ]


def load(path: Path) -> Set[str]:
    return set(path.read_text().split())


if __name__ == "__main__":
    print("\n".join(sorted(set(runs(Path(sys.argv[1]).read_text())))))
