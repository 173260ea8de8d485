"""The debrief's tally and turning points as lines of text: what the TUI's debrief shows, in words.

`--plain` prints them after the score (it is the screen-reader mode, so nothing the debrief screen
shows may be missing from it); each turning point names the mistake, its feedback and the better
option the scene offered.
"""

from __future__ import annotations

from collections.abc import Sequence

from trainer.core.play.engine import Step
from trainer.core.play.marks import marking
from trainer.core.play.scoring import Scorecard
from trainer.core.play.turning_points import turning_points
from trainer.core.scenario.loader import Scenario


def tally_lines(scenario: Scenario, card: Scorecard) -> list[str]:
    """How many choices of each category the run made, with the points of one."""
    if not card.tally:
        return ["Your choices: none were made."]
    lines = ["Your choices:"]
    for category, count in card.tally.items():
        about = scenario.rubric[category]
        lines.append(f"  {about.label}: {count} ({marking(category, about.kind).kind}, {about.points:+d} each)")
    return lines


def turning_point_lines(scenario: Scenario, history: Sequence[Step]) -> list[str]:
    """Each mistake with its feedback and the better option, numbered by the run's choice."""
    points = turning_points(scenario, history)
    if not points:
        return ["Turning points: none, no mistakes in this run."]
    rubric = scenario.rubric
    lines = ["Turning points:"]
    for point in points:
        chosen = rubric[point.category]
        lines.append(
            f"  {point.step_number}. You chose: {point.chosen.text.strip()} ({chosen.label} {chosen.points:+d})"
        )
        lines.append(f"     {point.chosen.feedback.strip()}")
        if point.better is None:
            lines.append("     Nothing better was on offer here by then.")
        else:
            better = rubric[point.better.category]
            lines.append(f"     Better: {point.better.text.strip()} ({better.label} {better.points:+d})")
    return lines
