"""Par and worst are exact over the state space, computed without enumerating paths."""

from __future__ import annotations

from tests.paths import TINY
from trainer.core.play.scoring import scorecard
from trainer.core.scenario.loader import load_scenario
from trainer.core.scenario.statespace import ScoreBounds, explore, score_bounds


def test_par_accounts_for_choices_that_conditions_hide() -> None:
    loaded = load_scenario(TINY)
    # accept (+3) then goodbye (+3, only offered when calm > 0); worst: beg (-3) then argue (-2).
    assert (loaded.bounds.par, loaded.bounds.worst) == (6, -5)


def test_states_distinguish_meter_values() -> None:
    loaded = load_scenario(TINY)
    scenes = sorted(loaded.compiled.scene_ids[scene] for scene, _ in explore(loaded.compiled).states)
    assert scenes == ["bad_end", "good_end", "opening", "second", "second"]


def test_percent_runs_from_worst_to_par() -> None:
    bounds = ScoreBounds(par=6, worst=-4)
    assert (bounds.percent(6), bounds.percent(-4), bounds.percent(1)) == (100.0, 0.0, 50.0)
    assert ScoreBounds(par=2, worst=2).percent(2) == 100.0


def test_scorecard_tallies_categories_in_rubric_order() -> None:
    loaded = load_scenario(TINY)
    card = scorecard(["graceful", "weakness", "graceful"], loaded.rubric, loaded.bounds)
    assert card.score == 3 and card.tally == {"weakness": 1, "graceful": 2}
    assert round(card.percent, 2) == round(100 * 8 / 11, 2)


def test_a_long_chain_is_explored_without_recursion_limits(write_yaml) -> None:
    scenes = []
    for i in range(3000):
        scenes.append(
            f"  s{i}:\n    choices:\n"
            f"      - {{id: a, text: A, category: graceful, feedback: Good., goto: s{i + 1}}}\n"
            f"      - {{id: b, text: B, category: logic, feedback: Bad., goto: s{i + 1}}}\n"
        )
    scenes.append("  s3000:\n    ending: {title: End, outcome: good, debrief: Done.}\n")
    head = "format: 1\nid: chain\ntitle: Chain\nsummary: Long.\ndifficulty: 1\nstart: s0\nscenes:\n"
    loaded = load_scenario(write_yaml(head + "".join(scenes)))
    assert score_bounds(loaded.graph) == ScoreBounds(par=9000, worst=-6000)
