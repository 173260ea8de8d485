"""A run's scorecard: its score against par and worst, and the tally of categories."""

from __future__ import annotations

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
    counts = tally(categories, rubric)
    score = sum(rubric[category].points * count for category, count in counts.items())
    return Scorecard(score, bounds.par, bounds.worst, bounds.percent(score), counts)


def tally(categories: Iterable[str], rubric: dict[str, Category]) -> dict[str, int]:
    """How many of the choices fell in each category, in the rubric's order (a scorecard's tally alone).

    Counted in a plain dict: a `Counter` costs more to make than a run's twenty choices to count.
    """
    counts: dict[str, int] = {}
    for category in categories:
        counts[category] = counts.get(category, 0) + 1
    return {category: count for category in rubric if (count := counts.get(category))}


# How every score is shown, so the debrief, --plain, the replay viewer, `score` and history say it
# the same way: the score, par (the best any complete run can reach), the worst possible, and the
# percent, which is measured from the worst possible run (0%) to par (100%), not from zero.
PERCENT_LEGEND = "% = where a score sits between the worst possible run (0%) and par (100%)"


def score_line(score: int, par: int, worst: int, percent: float, *, explain: bool = False) -> str:
    """The score line, such as `Score 0 of par 24 (worst possible -25): 49%`; ``explain`` adds what 49% means."""
    line = f"Score {score} of par {par} (worst possible {worst}): {percent:.0f}%"
    return f"{line}, {percent_meaning(score, par, worst, percent)}" if explain else line


def card_line(card: Scorecard, *, explain: bool = False) -> str:
    return score_line(card.score, card.par, card.worst, card.percent, explain=explain)


# What a low score says beside its number: the player may be hurting, so the words keep the number
# true but speak of the run's choices, not of the person, and of the next run.
LOW_SCORE_NOTE = "It measures this run's choices, not you, and each of them can go another way next time."


def percent_meaning(score: int, par: int, worst: int, percent: float) -> str:
    """Where the score sits between the worst possible run and par, in words a person reads at once."""
    if score >= par:
        return "par: the best any run can score"
    if score <= worst:
        return f"the lowest any run can score. {LOW_SCORE_NOTE}"
    if percent >= 87.5:
        return "close to par"
    if percent >= 62.5:
        return "about three quarters of the way from the worst possible run to par"
    if percent > 37.5:
        return "about halfway between the worst possible run and par"
    if percent > 12.5:
        return "about a quarter of the way from the worst possible run to par"
    return f"close to the lowest any run can score. {LOW_SCORE_NOTE}"
