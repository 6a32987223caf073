"""Chooses how close a message must come to a practical question
(heartwise/language/practical_questions.yml) on eval/practical_dev.yml, and
counts the matches among the calibration messages of eval/dev_voice, which
ask no practical question: each of those is a reply the person did not ask
for.

    python scripts/calibrate_practical.py
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from heartwise.language.clauses import clauses  # noqa: E402
from heartwise.language.practical import PracticalBank, PracticalMatch, load_topics  # noqa: E402
from heartwise.nlu.sentence_embeddings import ENCODER_CONFIG, encoder_for  # noqa: E402
from scripts.real_voice import load_cases  # noqa: E402

DEV = ROOT / "eval" / "practical_dev.yml"
DEV_VOICE = ROOT / "eval" / "dev_voice"
CANDIDATES = [round(0.45 + 0.025 * step, 3) for step in range(13)]


def main() -> int:
    encoder = encoder_for(ENCODER_CONFIG)
    bank = PracticalBank.embed(load_topics(), encoder.sentence_vectors)

    def nearest(text: str) -> Optional[PracticalMatch]:
        pieces = clauses(text)
        units = encoder.sentence_vectors([text, *(pieces if len(pieces) > 1 else [])])
        return bank.nearest(text, units)

    dev = yaml.safe_load(DEV.read_text())["messages"]
    asked: List[Tuple[str, str, Optional[PracticalMatch]]] = [
        (m["topic"], m["text"], nearest(m["text"])) for m in dev
    ]
    others = [(case.text, nearest(case.text)) for case in load_cases(DEV_VOICE)]
    print("threshold  right  wrong  missed  matched-none  matched-dev-voice")
    for threshold in CANDIDATES:
        hit = [(t, m) for t, _, m in asked if m is not None and m.similarity >= threshold]
        right = sum(1 for t, m in hit if t == m.topic)
        wrong = sum(1 for t, m in hit if t not in ("none", m.topic))
        none = sum(1 for t, _ in hit if t == "none")
        positives = sum(1 for t, _, _ in asked if t != "none")
        extra = sum(1 for _, m in others if m is not None and m.similarity >= threshold)
        print(
            f"{threshold:9.3f}  {right:5d}  {wrong:5d}  {positives - right - wrong:6d}"
            f"  {none:12d}  {extra:5d}/{len(others)}"
        )
    print("\nDev messages, nearest question:")
    for topic, text, match in asked:
        if match is not None:
            mark = "ok " if match.topic == topic else "XX "
            print(f"{mark}{match.similarity:.3f} {topic:>18} -> {match.topic:<18} {text[:70]}")
    print("\nClosest calibration messages:")
    for text, match in sorted(others, key=lambda pair: -(pair[1].similarity if pair[1] else 0))[
        :40
    ]:
        if match is not None:
            print(f"{match.similarity:.3f} {match.topic:<18} {text[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
