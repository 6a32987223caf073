"""Summarises `rasa test nlu` results: accuracy, macro-F1, the weakest intents,
the most frequent confusions, and how the safety intents fare."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

SAFETY_INTENTS = ("crisis", "report_abuse", "request_surveillance")


def main(results_dir: Path) -> None:
    report: Dict[str, Any] = json.loads((results_dir / "intent_report.json").read_text())
    errors: List[Dict[str, Any]] = json.loads((results_dir / "intent_errors.json").read_text())
    intents = {
        name: scores
        for name, scores in report.items()
        if isinstance(scores, dict) and "support" in scores and not name.endswith(" avg")
    }
    total = sum(scores["support"] for scores in intents.values())
    print(f"Held-out messages: {total} across {len(intents)} intents")
    print(f"Intent accuracy:   {report['accuracy']:.3f}")
    print(f"Macro F1:          {report['macro avg']['f1-score']:.3f}")

    print("\nWeakest intents (F1):")
    for name, scores in sorted(intents.items(), key=lambda item: item[1]["f1-score"])[:5]:
        print(f"  {name:24} {scores['f1-score']:.2f}")

    confusions = Counter((error["intent"], error["intent_prediction"]["name"]) for error in errors)
    print("\nMost frequent confusions (true -> predicted):")
    for (true, predicted), count in confusions.most_common(8):
        print(f"  {true} -> {predicted}: {count}")

    print("\nSafety intents (precision / recall):")
    for name in SAFETY_INTENTS:
        if name in intents:
            scores = intents[name]
            print(f"  {name:24} {scores['precision']:.2f} / {scores['recall']:.2f}")
    non_crisis = total - intents.get("crisis", {}).get("support", 0)
    false_alarms = sum(
        1 for e in errors if e["intent_prediction"]["name"] == "crisis" and e["intent"] != "crisis"
    )
    print(f"  crisis false alarms      {false_alarms} of {non_crisis} non-crisis messages")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "results/nlu"))
