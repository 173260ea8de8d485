"""Structural and reference errors name the file, line and column of the offending node."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from trainer.core.errors import Diagnostic, ScenarioError
from trainer.core.scenario.loader import load_scenario

VALID = """\
format: 1
id: demo
title: Demo
summary: A short demo.
difficulty: 2
characters:
  kai: {name: Kai}
meters:
  trust: {start: 0, min: -3, max: 3}
start: opening
scenes:
  opening:
    text: Kai calls.
    say: {who: kai, line: "We need to talk."}
    choices:
      - id: plead
        text: Please don't.
        category: weakness
        feedback: Pleading hands Kai the power.
        effects: {trust: -1}
        goto: ending
      - id: accept
        text: I hear you.
        category: graceful
        feedback: Accepting with dignity.
        if: "trust >= 0"
        goto: [{if: "trust > 0", goto: ending}, {goto: ending}]
  ending:
    ending: {title: Done, outcome: good, debrief: It ended.}
"""


def diagnostics_of(path: Path) -> list[Diagnostic]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value.diagnostics


def edited(write_yaml, old: str, new: str) -> list[Diagnostic]:
    assert old in VALID, old
    return diagnostics_of(write_yaml(VALID.replace(old, new, 1)))


def place(d: Diagnostic) -> tuple[str, int | None, int | None]:
    return d.code, d.line, d.column


def test_the_valid_base_loads(write_yaml) -> None:
    loaded = load_scenario(write_yaml(VALID))
    assert loaded.file.id == "demo"
    assert loaded.bounds.par == 3 and loaded.bounds.worst == -3


class Case(NamedTuple):
    """One edit of the valid file, and the one error it must give: code, line, column, words in the message."""

    old: str
    new: str
    code: str
    line: int
    column: int
    says: tuple[str, ...] = ()


CASES = {
    "unknown key points at the key and lists what is allowed": Case(
        "        category: weakness\n",
        "        category: weakness\n        colour: red\n",
        "E201",
        19,
        9,
        ("unknown key 'colour'", "feedback"),
    ),
    "typo in a scene key is an error, not ignored": Case(
        "    text: Kai calls.", "    txet: Kai calls.", "E201", 13, 5, ("text",)
    ),
    "wrong type names what was expected": Case(
        "difficulty: 2", "difficulty: hard", "E203", 5, 13, ("difficulty", "whole number")
    ),
    "text that YAML reads as a boolean is explained": Case(
        "        text: I hear you.", "        text: yes", "E203", 23, 15, ("quotes",)
    ),
    "missing required field points at its parent": Case(
        "        feedback: Pleading hands Kai the power.\n", "", "E202", 16, 9, ("'feedback'",)
    ),
    "unknown goto target": Case("        goto: ending\n", "        goto: endign\n", "E301", 21, 15, ("'endign'",)),
    "unknown goto target inside a branch list": Case(
        '{if: "trust > 0", goto: ending}', '{if: "trust > 0", goto: nowhere}', "E301", 27, 40, ("'nowhere'",)
    ),
    "unknown category": Case("category: weakness", "category: weakling", "E302", 18, 19, ("weakness",)),
    "unknown meter in effects points at the key": Case(
        "effects: {trust: -1}", "effects: {hope: -1}", "E303", 20, 19, ("'hope'", "trust")
    ),
    "unknown meter in a condition points inside the expression": Case(
        'if: "trust >= 0"', 'if: "trust >= 0 and hope < 2"', "E303", 26, 29, ("'hope'",)
    ),
    "condition syntax error points at the column inside the expression": Case(
        'if: "trust >= 0"', 'if: "trust >= 0 and (trust <"', "E306", 26, 37, ("expected a meter name",)
    ),
    "duplicate choice ids in a scene": Case("      - id: accept", "      - id: plead", "E304", 22, 13, ("'plead'",)),
    "start that does not exist": Case("start: opening", "start: openning", "E305", 10, 8, ("'openning'",)),
    "say with an unknown character": Case("{who: kai,", "{who: kay,", "E307", 14, 16, ("'kay'",)),
    "meter start outside its range": Case("{start: 0, min: -3", "{start: 9, min: -3", "E308", 9, 18),
    "last goto entry must not have a condition": Case(
        "{goto: ending}]", '{if: "trust < 0", goto: ending}]', "E203", 27, 49, ("last goto entry",)
    ),
    "a scene with neither choices nor ending": Case(
        "    ending: {title: Done, outcome: good, debrief: It ended.}",
        "    text: Nothing.",
        "E203",
        29,
        5,
        ("either choices or an ending",),
    ),
    "an invalid id as a mapping key points at the key": Case(
        "effects: {trust: -1}", "effects: {1trust: -1}", "E203", 20, 19, ("'1trust' is not a valid id",)
    ),
    "an invalid id value says what an id looks like": Case(
        "id: demo", "id: Demo Scenario", "E203", 2, 5, ("expected an id",)
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_one_edit_gives_one_error_at_its_place(write_yaml, case: Case) -> None:
    [d] = edited(write_yaml, case.old, case.new)
    assert place(d) == (case.code, case.line, case.column)
    for words in case.says:
        assert words in d.message, d.message


def test_all_errors_of_a_file_are_collected(write_yaml) -> None:
    text = VALID.replace("category: weakness", "category: weakling").replace("goto: ending\n", "goto: nowhere\n", 1)
    text = text.replace("start: opening", "start: nope")
    found = diagnostics_of(write_yaml(text))
    assert [d.code for d in found] == ["E305", "E302", "E301"]


def test_all_structural_errors_are_collected(write_yaml) -> None:
    text = VALID.replace("difficulty: 2", "difficulty: 9").replace("    text: Kai calls.", "    txet: Kai calls.")
    found = diagnostics_of(write_yaml(text))
    assert [(d.code, d.line) for d in found] == [("E204", 5), ("E201", 13)]


def test_a_loop_with_no_progress_is_an_error_naming_its_scenes(write_yaml) -> None:
    text = VALID.replace("        goto: ending\n", "        goto: opening\n", 1).replace(
        "effects: {trust: -1}", "effects: {}"
    )
    [d] = diagnostics_of(write_yaml(text))
    assert d.code == "E401"
    assert "opening -> opening" in d.message


def test_a_loop_that_changes_meters_until_they_clamp_is_still_a_loop(write_yaml) -> None:
    text = VALID.replace("        goto: ending\n", "        goto: opening\n", 1)
    [d] = diagnostics_of(write_yaml(text))
    assert d.code == "E401"


def test_a_trap_scene_offering_no_choice_is_an_error(write_yaml) -> None:
    text = VALID.replace(
        "        goto: ending\n      - id: accept", "        goto: stuck\n      - id: accept", 1
    ).replace(
        "  ending:\n",
        '  stuck:\n    choices:\n      - {id: a, text: A, category: graceful, feedback: F, if: "trust > 0", goto: ending}\n'
        "  ending:\n",
    )
    [d] = diagnostics_of(write_yaml(text))
    assert d.code == "E402"
    assert "'stuck'" in d.message and "trust=-1" in d.message
