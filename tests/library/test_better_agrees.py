"""The debrief's "Better:" and the feedback on the same mistake recommend the same line.

After a mistake the feedback often quotes the line that would have served the player; the debrief's
turning point names the offered choice that keeps the best total ("Better:"). When the two name
different lines, the player is told two things at once (issue 10: co-founders' corner and kitchen,
first-24-hours' goodnight). A feedback that quotes another choice of its scene must quote the one
the debrief names.
"""

from __future__ import annotations

import re

import pytest

from tests.library.conftest import FILES
from trainer.core.play.turning_points import best_option, best_remaining
from trainer.core.scenario.loader import Scenario, load_scenario

QUOTED = re.compile(r'"([^"]{8,})"')


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def disagreements(loaded: Scenario) -> set[str]:
    """Each mistake whose feedback quotes other lines of its scene but not the one "Better:" names."""
    remaining = best_remaining(loaded)
    compiled = loaded.compiled
    found: set[str] = set()
    for state in loaded.graph.states:
        offered = list(compiled.offered(state))
        better = best_option(loaded, state, remaining)
        for placed in offered:
            if better is None or placed.id == better.id or loaded.rubric[placed.category].kind != "mistake":
                continue
            quotes = [_words(q) for q in QUOTED.findall(str(placed.choice.feedback))]
            quoted = {
                other.id
                for other in offered
                if other.id != placed.id and any(q and q in _words(str(other.choice.text)) for q in quotes)
            }
            if quoted and better.id not in quoted:
                scene = compiled.scene_ids[state[0]]
                found.add(f"{scene}: {placed.id} quotes {sorted(quoted)} but Better names {better.id}")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_a_mistakes_feedback_quotes_the_line_the_debrief_names_better(path) -> None:
    assert disagreements(load_scenario(path)) == set()


DISAGREEING = """\
format: 1
id: disagreeing
title: Disagreeing
summary: The feedback quotes one good line, the debrief would name the other.
difficulty: 1
shuffle: false
characters:
  ana: {name: Ana}
start: opening
scenes:
  opening:
    say: {who: ana, line: "I think we should stop."}
    choices:
      - {id: first_good, text: "\\"I hear you.\\"", category: graceful, feedback: You let her finish., goto: done}
      - {id: second_good, text: "\\"Thank you for telling me.\\"", category: graceful, feedback: Kind., goto: done}
      - id: plead
        text: "\\"Please don't.\\""
        category: weakness
        feedback: "A plea. \\"Thank you for telling me\\" would have let her go."
        goto: done
  done:
    ending: {title: Done, outcome: good, debrief: It ended.}
"""


def test_the_check_finds_a_feedback_quoting_a_line_better_does_not_name(tmp_path) -> None:
    path = tmp_path / "disagreeing.yaml"
    path.write_text(DISAGREEING, encoding="utf-8")
    assert disagreements(load_scenario(path)) == {"opening: plead quotes ['second_good'] but Better names first_good"}
