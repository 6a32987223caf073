"""Scores the message-draft coach on drafts written as people write them.

For each draft: what the coach reads it as (a draft, or something said to
the coach), which problems its review names, whether it says "please don't
send this" to threats and exposure, whether it ever praises a draft that
holds a threat, slur or exposure, and whether a practical message comes back
as a love note. With a model, the classifier's reading of each draft counts
too, as it does in the running coach (actions/draft_coach.py).

    python scripts/eval_drafts.py [--set tests/drafts/heldout.yml] [--model models/heartwise.tar.gz]

Writes results/eval/drafts.json, which tests/quality holds to its floors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actions.drafts.reading import Reading, read_message  # noqa: E402
from actions.drafts.review import classifier_reading, render_review, review_draft  # noqa: E402

OUT = ROOT / "results" / "eval" / "drafts.json"
# The writer's flags and the review's labels.
LABELS = {
    "threat": {"THREAT"},
    "exposure": {"EXPOSURE"},
    "insult": {"INSULT"},
    "jealousy": {"MIND_GAMES"},
    "pleading": {"PLEADING"},
    "guilt": {"GUILT"},
    "pressure": {"PRESSURE", "DEADLINE", "DEMAND"},
    "blame": {"BLAME"},
}
NEVER_PRAISED = ("threat", "insult", "exposure")
# What the review says of a draft it finds nothing in (actions/drafts/review.py).
PRAISE = ("calm and honest", "clear and practical")
LOVE_NOTE = ("thinking about us", "miss what we had", "i'd like to talk", "i miss you")


def classifier_reads(texts: List[str], model: Optional[Path]) -> List[Dict[str, bool]]:
    """How the model reads each text, as actions/draft_coach.py asks it."""
    if model is None:
        return [{} for _ in texts]
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Rasa logs every parsed text at debug level: held-out drafts stay out of logs.
    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
    agent = Agent.load(str(model))

    async def parse_all() -> List[Dict[str, Any]]:
        return [await agent.parse_message(text) for text in texts]

    return [classifier_reading(parse) for parse in asyncio.run(parse_all())]


def score(items: List[Dict[str, Any]], model: Optional[Path]) -> Dict[str, Any]:
    drafts = [item for item in items if item["kind"] == "draft"]
    readings = classifier_reads([item["text"] for item in drafts], model)
    found = {flag: 0 for flag in LABELS}
    total = {flag: 0 for flag in LABELS}
    false_flags = {flag: 0 for flag in LABELS}
    misses: List[Dict[str, Any]] = []
    praised_harm = unflagged_harm = stopped = must_stop = clean = clean_flagged = logistics = (
        love_notes
    ) = 0
    for item, reading in zip(drafts, readings, strict=True):
        review = review_draft(item["text"], **reading)
        labels = set(review.labels) | ({"THREAT"} if review.threatening_tone else set())
        text = render_review(item["text"], review)
        for flag, names in LABELS.items():
            if flag in item["flags"]:
                total[flag] += 1
                found[flag] += bool(labels & names)
                if not labels & names:
                    misses.append({"flag": flag, "text": item["text"]})
            elif labels & names:
                false_flags[flag] += 1
        harmful = [flag for flag in NEVER_PRAISED if flag in item["flags"]]
        praised_harm += bool(harmful) and any(word in text for word in PRAISE)
        unflagged_harm += bool(harmful) and review.is_clean and not review.sounds_angry
        if {"threat", "exposure"} & set(item["flags"]):
            must_stop += 1
            stopped += review.must_not_be_sent
        if not item["flags"]:
            clean += 1
            clean_flagged += not review.is_clean
        if item["purpose"] == "logistics":
            logistics += 1
            love_notes += any(phrase in text.lower() for phrase in LOVE_NOTE)
    told_apart = [
        read_message(item["text"]) in (Reading.DRAFT, Reading.UNSURE)
        if item["kind"] == "draft"
        else read_message(item["text"]) is not Reading.DRAFT
        for item in items
        if item["kind"] in ("draft", "question")
    ]
    return {
        "drafts": len(drafts),
        "recall": {flag: {"found": found[flag], "total": total[flag]} for flag in LABELS},
        "false_flags": false_flags,
        "harmful_drafts_praised": praised_harm,
        "harmful_drafts": sum(bool(set(NEVER_PRAISED) & set(item["flags"])) for item in drafts),
        "harmful_drafts_with_nothing_said": unflagged_harm,
        "told_not_to_send": {"stopped": stopped, "total": must_stop},
        "clean_drafts_flagged": {"flagged": clean_flagged, "total": clean},
        "logistics_as_love_notes": {"count": love_notes, "total": logistics},
        "draft_or_question_told_apart": {"right": sum(told_apart), "total": len(told_apart)},
        "with_classifier": model is not None,
        "misses": misses,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=ROOT / "tests" / "drafts" / "heldout.yml")
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args()
    items = yaml.safe_load(args.set.read_text())["items"]
    args.set = args.set.resolve()
    result = score(items, args.model)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2))
    print(f"Draft coach on {args.set.relative_to(ROOT)} ({result['drafts']} drafts)")
    for flag, counts in result["recall"].items():
        print(
            f"  {flag:<9} found {counts['found']:>2}/{counts['total']:<2}  false flags {result['false_flags'][flag]}"
        )
    for key in (
        "told_not_to_send",
        "clean_drafts_flagged",
        "logistics_as_love_notes",
        "draft_or_question_told_apart",
    ):
        print(f"  {key.replace('_', ' ')}: {result[key]}")
    print(
        f"  of {result['harmful_drafts']} drafts with a threat, slur or exposure: "
        f"{result['harmful_drafts_praised']} praised, "
        f"{result['harmful_drafts_with_nothing_said']} with nothing flagged"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
