"""A run's scorecard: its score against par and worst, and the tally of categories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from trainer.core.scenario.model import Category
from trainer.core.scenario.statespace import ScoreBounds


@dataclass(frozen=True, slots=True)
class Scorecard:
    """Score, par, worst and percent, with how many choices fell in each category."""

    score: int
    par: int
    worst: int
    percent: float
    tally: dict[str, int]


def scorecard(categories: Iterable[str], rubric: dict[str, Category], bounds: ScoreBounds) -> Scorecard:
    """Score the categories of the choices a run made (in order) against the scenario's bounds."""
    tally = Counter(categories)
    score = sum(rubric[category].points * count for category, count in tally.items())
    ordered = {category: tally[category] for category in rubric if tally[category]}
    return Scorecard(score, bounds.par, bounds.worst, bounds.percent(score), ordered)
