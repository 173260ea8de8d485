"""No key wins by itself: a player who always presses 1, or always the last number, does not find par.

Choices were once shown in the order written, and the first was a mistake at most choice points, so
pressing 1 over and over won most scenarios. Each run now shows a scene's choices in an order drawn
from its seed: over many seeds, such a player reaches par only by luck. The last two tests show the
check can fail: a scenario whose best answer is always written first is won by pressing 1 when it
keeps its written order, and no longer when it is shuffled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tests.library.conftest import FILES
from trainer.core.scenario.loader import Scenario, load_scenario
from trainer.core.scenario.model import Choice

SEEDS = range(20)
# At most this share of seeds may let one key reach par (by luck, a short scenario can).
MOST = 0.25

Key = Callable[[Sequence[Choice]], Choice]
KEYS: dict[str, Key] = {"1": lambda shown: shown[0], "the last number": lambda shown: shown[-1]}


def share_at_par(scenario: Scenario, key: Key) -> float:
    """The share of seeds on which always pressing ``key`` ends the run at par."""
    at_par = 0
    for seed in SEEDS:
        run = scenario.new_run(seed)
        while not run.ended:
            run.choose(key(run.offered()).id)
        at_par += run.score == scenario.bounds.par
    return at_par / len(SEEDS)


@pytest.mark.parametrize("key", sorted(KEYS))
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_always_pressing_one_key_does_not_find_par(path: Path, key: str) -> None:
    assert share_at_par(load_scenario(path), KEYS[key]) <= MOST


BEST_FIRST = """\
format: 1
id: best-first
title: Best first
summary: The best answer is always written first.
difficulty: 1
characters:
  ana: {name: Ana}
start: one
scenes:
"""


def best_first(write_yaml, *, shuffle: bool) -> Scenario:
    """Four scenes of four choices each, the graceful one written first."""
    scenes = []
    for number, after in (("one", "two"), ("two", "three"), ("three", "four"), ("four", "done")):
        scenes.append(
            f"  {number}:\n    say: {{who: ana, line: 'Scene {number}.'}}\n    choices:\n"
            f"      - {{id: {number}_ok, text: 'Okay.', category: graceful, feedback: Well done., goto: {after}}}\n"
            + "".join(
                f"      - {{id: {number}_{slip}, text: '{slip}', category: {slip}, feedback: A slip., goto: {after}}}\n"
                for slip in ("weakness", "logic", "love")
            )
        )
    scenes.append("  done:\n    ending: {title: Done, outcome: good, debrief: Over.}\n")
    text = BEST_FIRST.replace("start: one\n", f"shuffle: {str(shuffle).lower()}\nstart: one\n") + "".join(scenes)
    return load_scenario(write_yaml(text))


def test_the_check_catches_a_scenario_won_by_pressing_1_in_written_order(write_yaml) -> None:
    assert share_at_par(best_first(write_yaml, shuffle=False), KEYS["1"]) == 1.0


def test_shuffling_the_same_scenario_takes_that_win_away(write_yaml) -> None:
    assert share_at_par(best_first(write_yaml, shuffle=True), KEYS["1"]) <= MOST
