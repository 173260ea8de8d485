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


PUSHBACK_FIRST = """\
format: 1
id: pushback-first
title: Pushback first
summary: A calm question and a graceful line both keep par at the opening.
difficulty: 1
characters:
  ana: {name: Ana}
start: opening
scenes:
  opening:
    say: {who: ana, line: "I think we should stop."}
    choices:
      - {id: are_you_sure, text: Are you sure?, category: pushback, feedback: Once is fine., goto: answer}
      - {id: fix_it, text: I'll fix it., category: logic, feedback: "\\"I'm listening\\" lets her finish.", goto: answer}
      - {id: listening, text: I'm listening., category: graceful, feedback: You let her finish., goto: goodbye}
  answer:
    say: {who: ana, line: "I'm sure."}
    choices:
      - {id: believe_her, text: Then I believe you., category: graceful, feedback: Her answer stood., goto: goodbye}
      - {id: plead, text: Please don't., category: weakness, feedback: A plea., goto: goodbye}
  goodbye:
    ending: {title: Gave it, outcome: good, debrief: You gave the breakup.}
shuffle: false
"""


def test_better_names_the_graceful_line_over_a_pushback_that_ties_it(tmp_path) -> None:
    # Asking once then accepting scores as well as accepting at once (0 + 3 = 3), so both keep par.
    # After a mistake, "Better" must name the line worth points now, the one the feedback names,
    # not the pushback that comes first in the file (issue 10: debrief and feedback disagreed).
    path = tmp_path / "pushback-first.yaml"
    path.write_text(PUSHBACK_FIRST, encoding="utf-8")
    session = load_scenario(path).new_run()
    session.choose("fix_it")
    points = turning_points(session.scenario, session.history)
    assert [p.chosen.id for p in points] == ["fix_it"]
    assert points[0].better is not None and points[0].better.id == "listening"
