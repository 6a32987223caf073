"""`make eval-dialogue`: replays every scripted persona in tests/dialogues
against freshly started servers and reports repeats, fallbacks, dead ends and
the expectations each persona's turns carry (scripts/dialogue_replay.py).

Writes results/eval/dialogue.json and one transcript per persona under
results/eval/dialogues/, to be read as the person would read them.
"""

from __future__ import annotations

import json
import sys
import tempfile
import uuid
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deploy.processes import UNLIMITED_RATES  # noqa: E402
from scripts.dialogue_replay import (  # noqa: E402
    Exchange,
    Persona,
    personas,
    replay,
    score,
    summary,
)
from tests.servers import Heartwise  # noqa: E402

OUT = ROOT / "results" / "eval"


def transcript(persona: Persona, exchanges: List[Exchange]) -> str:
    lines = [f"# {persona.name}", "", persona.summary, ""]
    for number, exchange in enumerate(exchanges, 1):
        lines.append(f"**{number}. person:** {exchange.turn.say}")
        for reply in exchange.replies:
            buttons = " ".join(f"[{b['title']}]" for b in reply.get("buttons", []))
            lines.append(f"> {(reply.get('text') or '').strip()} {buttons}".rstrip())
        if exchange.turn.expects:
            lines.append(f"_expects: {', '.join(exchange.turn.expects)}_")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory() as workdir:
        bot = Heartwise(workdir=Path(workdir))
        bot.env = dict(UNLIMITED_RATES)
        bot.start_actions()
        bot.start_rasa()
        try:
            reports = []
            (OUT / "dialogues").mkdir(parents=True, exist_ok=True)
            for persona in personas():
                sender = f"eval-{persona.name}-{uuid.uuid4().hex[:8]}"
                exchanges = replay(
                    persona,
                    say=lambda text, sender=sender: bot.say(sender, text),
                    events=lambda sender=sender: bot.tracker(sender)["events"],
                )
                reports.append(score(persona, exchanges))
                (OUT / "dialogues" / f"{persona.name}.md").write_text(
                    transcript(persona, exchanges)
                )
        finally:
            bot.stop()
    result = {"summary": summary(reports), "personas": [r.as_dict() for r in reports]}
    (OUT / "dialogue.json").write_text(json.dumps(result, indent=2))
    total = result["summary"]
    print(f"{'persona':<36} turns repeats fallbacks dead-ends unmet")
    for report in reports:
        unmet = len(report.failures)
        print(
            f"{report.persona:<36} {report.turns:>5} {report.repeats:>7} "
            f"{report.fallbacks:>9} {report.dead_ends:>9} {unmet:>5}"
        )
    print(
        f"\nverbatim repeats {total['repeat_rate']:.1%} of {total['bot_messages']} bot messages; "
        f"fallback {total['fallback_rate']:.1%} and dead ends {total['dead_end_rate']:.1%} "
        f"of {total['turns']} turns"
    )
    for name, counts in total["expectations"].items():
        print(f"  {name:<22} {counts['met']:>3}/{counts['total']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
