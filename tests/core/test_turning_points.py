"""Turning points: each mistake of a run and the better option its scene offered at that moment."""

from __future__ import annotations

from tests.paths import TINY
from trainer.core.play.engine import Run
from trainer.core.play.turning_points import best_remaining, turning_points
from trainer.core.scenario.loader import load_scenario


def play(*choice_ids: str) -> Run:
    session = load_scenario(TINY).new_run()
    for choice_id in choice_ids:
        session.choose(choice_id)
    return session


def test_best_remaining_from_the_start_is_par() -> None:
    loaded = load_scenario(TINY)
    assert best_remaining(loaded)[loaded.compiled.start] == loaded.bounds.par == 6


def test_mistake_names_the_better_option_of_its_scene() -> None:
    session = play("beg", "argue")
    points = turning_points(session.scenario, session.history)
    assert [(p.step_number, p.scene_id, p.chosen.id) for p in points] == [(1, "opening", "beg"), (2, "second", "argue")]
    assert points[0].better is not None and points[0].better.id == "accept"


def test_mistake_without_an_alternative_has_no_better_option() -> None:
    # After begging, calm is -2, so "goodbye" (if calm > 0) is not offered: arguing was the only option.
    session = play("beg", "argue")
    assert turning_points(session.scenario, session.history)[1].better is None


def test_later_mistake_after_a_good_start_points_to_the_offered_goodbye() -> None:
    session = play("accept", "argue")
    points = turning_points(session.scenario, session.history)
    assert [p.chosen.id for p in points] == ["argue"]
    assert points[0].better is not None and points[0].better.id == "goodbye"


def test_run_without_mistakes_has_no_turning_points() -> None:
    session = play("accept", "goodbye")
    assert turning_points(session.scenario, session.history) == []
