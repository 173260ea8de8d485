"""`trainer history`: past runs per scenario, as plain text (the app has a History screen too).

Plain text rather than the TUI: it starts fast, pipes into other tools and reads well in a
screen reader; the interactive view is one key away in the app's library.
"""

from __future__ import annotations

import argparse
import sys

from trainer.core.library import data_dir, replays_dir
from trainer.core.play.scoring import PERCENT_LEGEND, score_line
from trainer.core.replays.history import ScenarioHistory, scenario_histories, trend_line
from trainer.core.text import one_line, visible
from trainer.core.wording import counted


def run(args: argparse.Namespace) -> int:
    base = data_dir(args.data_dir)
    invalid: list[str] = []
    histories = scenario_histories(base, on_invalid=lambda error: invalid.append(str(error)))
    for line in invalid:
        print(visible(line), file=sys.stderr)
    if not histories:
        print(f"No runs yet (replays are kept in {replays_dir(base)}). Play one with: trainer play")
        return 0
    print("\n\n".join(render(history) for history in histories.values()))
    print(f"\n({PERCENT_LEGEND})")
    return 0


def render(history: ScenarioHistory) -> str:
    best = "-" if history.best_percent is None else f"{history.best_percent:.0f}%"
    lines = [
        one_line(f"{history.title} ({history.scenario_id})"),
        f"  {counted(len(history.runs), 'run')}, {len(history.finished)} finished, best {best}",
    ]
    if history.trend:
        lines.append(f"  trend {trend_line(history.trend)}  (oldest to newest)")
    for past in history.runs:
        when = past.started.astimezone().strftime("%Y-%m-%d %H:%M")
        status = "finished" if past.finished else f"{past.status} after {counted(past.steps, 'choice')}"
        percent = "" if past.percent is None else "  " + score_line(past.score, past.par, past.worst, past.percent)
        ending = f"  {past.ending}" if past.ending else ""
        player = f"  by {past.player}" if past.player else ""
        lines.append(one_line(f"  {when}  {status}{percent}{ending}{player}"))
    return "\n".join(lines)
