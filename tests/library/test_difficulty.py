"""Difficulty that means something: every bundled rating follows the rule in the author's guide.

The rule reads two measured figures: the chance of a good ending when every offered choice is equally
likely, which sets a base from 1 to 5, and the number of narrow points (along the most forgiving best
run, the choice points where only one choice keeps par), which makes it one easier or one harder.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import pytest

from tests.library.conftest import FILES
from trainer.core.scenario.loader import Scenario, load_scenario
from trainer.core.scenario.statespace import StateGraph, best_totals

GUIDE = Path(__file__).parents[2] / "scenarios" / "README.md"

# Lower bounds of good chance for scores 1 to 4 (below the last one scores 5).
CHANCE_FLOORS = (Fraction(5, 100), Fraction(2, 100), Fraction(5, 1000), Fraction(1, 1000))
# This many narrow points or fewer make a scenario one easier than its base; the other many or more, one harder.
FORGIVING_NARROW = 3
DEMANDING_NARROW = 7


def good_chance(scenario: Scenario) -> Fraction:
    """The exact chance of ending well when each offered choice is equally likely."""
    graph, compiled = scenario.graph, scenario.compiled
    reach = [Fraction(0)] * len(graph.states)
    reach[0] = Fraction(1)
    good = Fraction(0)
    for s in reversed(graph.children_first):  # parents before children
        out = graph.edges[s]
        if not out:
            ending = scenario.file.scenes[compiled.scene_ids[graph.states[s][0]]].ending
            good += reach[s] if ending is not None and ending.outcome == "good" else 0
            continue
        share = reach[s] / len(out)
        for _, t in out:
            reach[t] += share
    return good


def narrow_points(graph: StateGraph) -> int:
    """Along the most forgiving best run, how many choice points leave exactly one way to keep par."""
    best = best_totals(graph)
    fewest = [0] * len(graph.states)
    for s in graph.children_first:
        keeping = [t for choice, t in graph.edges[s] if choice.points + best[t] == best[s]]
        if keeping:
            fewest[s] = (len(keeping) == 1) + min(fewest[t] for t in keeping)
    return fewest[0]


def chance_score(chance: Fraction) -> int:
    """The base difficulty: 1 when a random player often ends well, 5 when almost never."""
    return next((score for score, floor in enumerate(CHANCE_FLOORS, 1) if chance >= floor), 5)


def narrow_shift(narrow: int) -> int:
    """One easier for a forgiving best run, one harder for a demanding one."""
    return -1 if narrow <= FORGIVING_NARROW else 1 if narrow >= DEMANDING_NARROW else 0


def rated(scenario: Scenario) -> int:
    base = chance_score(good_chance(scenario))
    return min(5, max(1, base + narrow_shift(narrow_points(scenario.graph))))


@pytest.fixture(scope="module", params=FILES, ids=[p.stem for p in FILES])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


def test_the_rating_follows_the_rule(scenario: Scenario) -> None:
    chance, narrow = good_chance(scenario), narrow_points(scenario.graph)
    assert scenario.file.difficulty == rated(scenario), f"good chance {float(chance):.2%}, {narrow} narrow points"


def _percent(value: Fraction) -> str:
    return f"{float(value * 100):g}%"


def test_the_guide_states_the_same_rule() -> None:
    """The table and the shift in the author's guide are the ones this test applies."""
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    chances = [f"{_percent(CHANCE_FLOORS[0])} or more"]
    chances += [f"from {_percent(low)} to under {_percent(high)}" for high, low in pairwise(CHANCE_FLOORS)]
    chances.append(f"under {_percent(CHANCE_FLOORS[-1])}")
    for base, chance in enumerate(chances, 1):
        assert f"| {chance} | {base} |" in guide
    assert f"{FORGIVING_NARROW} narrow points or fewer make it one easier" in guide
    assert f"{DEMANDING_NARROW} or more make it one harder" in guide


def test_a_long_story_that_demands_a_clean_run_rates_high() -> None:
    assert chance_score(Fraction(3, 1000)) == 4
    assert narrow_shift(9) == 1
    assert chance_score(Fraction(28, 1000)) + narrow_shift(4) == 2
    assert chance_score(Fraction(28, 100)) + narrow_shift(0) == 0  # clamped to 1 by the rule
