"""The turning points of a run: each mistake, and the best option its scene offered at that moment.

"Best" means the offered choice that leads to the highest total from that state on (its own points
plus the best a run can still score after it), so a choice worth little now but opening the way to
a good ending counts as better than one that scores well and then closes every door. When two
choices reach the same total, the one worth more now wins: after a plea, "Better" should name the
graceful line the feedback names, not a calm pushback (0 points) that only reaches par because
accepting comes next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.play.engine import Step
from trainer.core.scenario.compiled import CompiledChoice, State
from trainer.core.scenario.loader import Scenario
from trainer.core.scenario.model import Choice
from trainer.core.scenario.statespace import best_totals


@dataclass(frozen=True, slots=True)
class TurningPoint:
    """A mistake made in a run, with the better option the scene offered (None if there was none)."""

    step_number: int
    scene_id: str
    chosen: Choice
    category: str
    better: Choice | None


def best_remaining(loaded: Scenario) -> dict[State, int]:
    """The best total a run can still add from each reachable state (0 at an ending)."""
    return dict(zip(loaded.graph.states, best_totals(loaded.graph), strict=True))


def best_option(loaded: Scenario, state: State, remaining: dict[State, int]) -> CompiledChoice | None:
    """The offered choice with the highest points plus best remaining total.

    Ties go to the choice worth more now, then to the first in authored order.
    """
    compiled = loaded.compiled
    best: CompiledChoice | None = None
    best_key = (0, 0)
    for choice in compiled.offered(state):
        key = (choice.points + remaining.get(compiled.advance(state[1], choice), 0), choice.points)
        if best is None or key > best_key:
            best, best_key = choice, key
    return best


def turning_points(loaded: Scenario, history: Sequence[Step]) -> list[TurningPoint]:
    """Every mistake in ``history`` with the best option of its state, when that option scores higher."""
    remaining = best_remaining(loaded)
    compiled = loaded.compiled
    points: list[TurningPoint] = []
    for number, step in enumerate(history, start=1):
        if loaded.rubric[step.choice.category].kind != "mistake":
            continue
        best = best_option(loaded, step.before, remaining)
        chosen_value = step.choice.points + remaining.get(compiled.advance(step.before[1], step.choice), 0)
        better = None
        if best is not None and best.id != step.choice.id:
            best_value = best.points + remaining.get(compiled.advance(step.before[1], best), 0)
            if best_value > chosen_value:
                better = best.choice
        points.append(
            TurningPoint(
                step_number=number,
                scene_id=compiled.scene_ids[step.before[0]],
                chosen=step.choice.choice,
                category=step.choice.category,
                better=better,
            )
        )
    return points
