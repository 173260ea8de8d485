"""Difficulty that means something: every bundled rating follows the rule in the author's guide.

The rule reads two measured figures: the chance of a good ending when every offered choice is equally
likely, which sets a base from 1 to 5, and the number of narrow points (along the most forgiving best
run, the choice points where only one choice keeps par), which makes it one easier or one harder.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from tests.library.conftest import FILES
from trainer.core.authoring.analysis import Analysis, analyze
from trainer.core.scenario.loader import Scenario, load_scenario

GUIDE = Path(__file__).parents[2] / "scenarios" / "README.md"

# Lower bounds of good chance for scores 1 to 4 (below the last one scores 5).
CHANCE_FLOORS = (0.05, 0.02, 0.005, 0.001)
# Narrow points: this many or fewer make a scenario one easier than its base...
FORGIVING_NARROW = 3
# ...and this many or more make it one harder.
DEMANDING_NARROW = 7


def chance_score(chance: float) -> int:
    """The base difficulty: 1 when a random player often ends well, 5 when almost never."""
    return next((score for score, floor in enumerate(CHANCE_FLOORS, 1) if chance >= floor), 5)


def narrow_shift(narrow: int) -> int:
    """One easier for a forgiving best run, one harder for a demanding one."""
    return -1 if narrow <= FORGIVING_NARROW else 1 if narrow >= DEMANDING_NARROW else 0


def rated(facts: Analysis) -> int:
    """The difficulty the rule gives to the figures `trainer analyze` reports."""
    return min(5, max(1, chance_score(facts.good_chance) + narrow_shift(facts.narrow_points)))


@pytest.fixture(scope="module", params=FILES, ids=[p.stem for p in FILES])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


def test_the_rating_follows_the_rule(scenario: Scenario) -> None:
    facts = analyze(scenario)
    reported = f"good chance {facts.good_chance:.2%}, {facts.narrow_points} narrow points"
    assert scenario.file.difficulty == rated(facts), reported


def _percent(value: float) -> str:
    return f"{value * 100:g}%"


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
    assert chance_score(0.003) == 4
    assert narrow_shift(9) == 1
    assert chance_score(0.028) + narrow_shift(4) == 2
    assert chance_score(0.28) + narrow_shift(0) == 0  # clamped to 1 by the rule
