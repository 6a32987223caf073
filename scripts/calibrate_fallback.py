"""Chooses the fallback thresholds on the calibration set, never the held-out one.

The messages are in eval/dev_voice (the same format as tests/nlu/real_voice).
Each is parsed once with the fallback switched off; a threshold then only
decides whether the intent the model gave stands or becomes `nlu_fallback`,
so every candidate is scored from that one pass. For short and for long
messages separately, the highest threshold is chosen whose fallback rate on
clear messages stays within the budget: as careful as it can be with unclear
messages without turning clear ones away.

    python scripts/calibrate_fallback.py [--budget 0.03]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from heartwise.nlu.fallback import (  # noqa: E402
    LONG_MESSAGE_WORDS_KEY,
    LengthAwareFallbackClassifier,
)
from scripts.real_voice import FALLBACK, Case, load_cases  # noqa: E402

DEV_VOICE = ROOT / "eval" / "dev_voice"
MODEL = ROOT / "models" / "heartwise.tar.gz"
CANDIDATES = [round(0.05 * step, 2) for step in range(1, 11)]


@dataclass(frozen=True)
class Parsed:
    case: Case
    intent: str
    confidence: float
    # As the model's fallback classifier counts it, whose thresholds are chosen.
    long: bool


async def _parse_without_fallback(
    model: Path, cases: Sequence[Case]
) -> Tuple[List[Parsed], LengthAwareFallbackClassifier]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    [fallback] = [
        node._component
        for node in agent.processor.graph_runner._instantiated_nodes.values()
        if isinstance(getattr(node, "_component", None), LengthAwareFallbackClassifier)
    ]
    fallback.component_config.update(
        {"threshold": 0.0, "long_message_threshold": 0.0, "ambiguity_threshold": 0.0}
    )
    parsed = []
    for case in cases:
        intent = (await agent.parse_message(case.text)).get("intent") or {}
        parsed.append(
            Parsed(
                case,
                intent.get("name") or FALLBACK,
                intent.get("confidence") or 0.0,
                fallback.is_long(case.text),
            )
        )
    return parsed, fallback


def _at(parsed: Sequence[Parsed], threshold: float) -> List[str]:
    return [p.intent if p.confidence >= threshold else FALLBACK for p in parsed]


def report(parsed: Sequence[Parsed], long_words: int, budget: float) -> None:
    for label, long in (("short", False), ("long", True)):
        group = [p for p in parsed if p.long == long]
        clear = [p for p in group if FALLBACK not in p.case.accept]
        print(f"\n{label} messages ({len(group)}; long = {long_words}+ words)")
        print("threshold  acceptable  fallback on clear")
        chosen = CANDIDATES[0]
        for threshold in CANDIDATES:
            predicted = _at(group, threshold)
            right = sum(i in p.case.accept for i, p in zip(predicted, group, strict=True))
            fallbacks = sum(i == FALLBACK for i in _at(clear, threshold))
            rate = fallbacks / len(clear) if clear else 0.0
            if rate <= budget:
                chosen = threshold
            print(f"{threshold:9.2f}  {right / len(group):10.3f}  {rate:17.3f}")
        print(f"chosen: {chosen:.2f} (fallback budget {budget:.0%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=0.03)
    parser.add_argument("--model", type=Path, default=MODEL)
    args = parser.parse_args()
    parsed, fallback = asyncio.run(_parse_without_fallback(args.model, load_cases(DEV_VOICE)))
    report(parsed, int(fallback.component_config[LONG_MESSAGE_WORDS_KEY]), args.budget)


if __name__ == "__main__":
    main()
