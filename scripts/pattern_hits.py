"""Where the risk patterns fire on the training data: a check for new patterns.

A risk pattern is certain: whatever the classifier says, its phrase takes the
safety path. Before adding one, see what it would catch among the training
examples of the ordinary intents (each line a false alarm, unless a negation,
someone else or a look-alike cancels it) and how many safety examples the
patterns cover at all.

    python scripts/pattern_hits.py [data/nlu/*.yml]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from heartwise.language import load_pipeline  # noqa: E402
from heartwise.language.risk import SAFETY_INTENTS, Category  # noqa: E402
from heartwise.language.safety import SafetyRules  # noqa: E402

# Answered with facts and a referral, not a safety reply: a pattern there is
# no false alarm.
NEAR_SAFETY = frozenset({"ask_medical", "ask_legal"})
# Signals that only count together with others.
ALONE_HARMLESS = frozenset({Category.NOW, Category.ADULT_PARTNER, Category.SEXUAL_PRESSURE})


def examples(paths: List[Path]) -> Iterator[Tuple[str, str]]:
    for path in paths:
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            for line in block.get("examples", "").splitlines():
                if line.startswith("- "):
                    yield block["intent"], line[2:]


def main() -> None:
    paths = [Path(arg) for arg in sys.argv[1:]] or sorted((ROOT / "data" / "nlu").glob("*.yml"))
    nlp = load_pipeline()
    rules = SafetyRules(nlp.vocab)
    false_alarms = safety = covered = 0
    for intent, text in examples(paths):
        found = [
            (signal, hit)
            for signal, hit in rules.signals(nlp(text.lower()))
            if not hit.cancelled_by and signal.category not in ALONE_HARMLESS
        ]
        if intent in SAFETY_INTENTS:
            safety += 1
            covered += bool(found)
        elif intent not in NEAR_SAFETY and found:
            false_alarms += 1
            phrases = ", ".join(f"{s.category.value}: {hit.text!r}" for s, hit in found)
            print(f"{intent:26} {phrases:45} | {text[:100]}")
    print(f"\n{false_alarms} ordinary examples with a risk pattern")
    print(f"{covered} of {safety} safety examples with a risk pattern")


if __name__ == "__main__":
    main()
