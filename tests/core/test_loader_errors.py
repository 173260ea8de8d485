"""Structural and reference errors name the file, line and column of the offending node."""

from __future__ import annotations

from pathlib import Path

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


def test_unknown_key_points_at_the_key_and_lists_what_is_allowed(write_yaml) -> None:
    [d] = edited(write_yaml, "        category: weakness\n", "        category: weakness\n        colour: red\n")
    assert place(d) == ("E201", 19, 9)
    assert "unknown key 'colour'" in d.message and "feedback" in d.message


def test_typo_in_a_scene_key_is_an_error_not_ignored(write_yaml) -> None:
    [d] = edited(write_yaml, "    text: Kai calls.", "    txet: Kai calls.")
    assert place(d) == ("E201", 13, 5)
    assert "text" in d.message


def test_wrong_type_names_what_was_expected(write_yaml) -> None:
    [d] = edited(write_yaml, "difficulty: 2", "difficulty: hard")
    assert place(d) == ("E203", 5, 13)
    assert "difficulty" in d.message and "whole number" in d.message


def test_text_that_yaml_reads_as_a_boolean_is_explained(write_yaml) -> None:
    [d] = edited(write_yaml, "        text: I hear you.", "        text: yes")
    assert place(d) == ("E203", 23, 15)
    assert "quotes" in d.message


def test_missing_required_field_points_at_its_parent(write_yaml) -> None:
    [d] = edited(write_yaml, "        feedback: Pleading hands Kai the power.\n", "")
    assert place(d) == ("E202", 16, 9)
    assert "'feedback'" in d.message


def test_unknown_goto_target(write_yaml) -> None:
    [d] = edited(write_yaml, "        goto: ending\n", "        goto: endign\n")
    assert place(d) == ("E301", 21, 15)
    assert "'endign'" in d.message


def test_unknown_goto_target_inside_a_branch_list(write_yaml) -> None:
    [d] = edited(write_yaml, '{if: "trust > 0", goto: ending}', '{if: "trust > 0", goto: nowhere}')
    assert place(d) == ("E301", 27, 40)


def test_unknown_category(write_yaml) -> None:
    [d] = edited(write_yaml, "category: weakness", "category: weakling")
    assert place(d) == ("E302", 18, 19)
    assert "weakness" in d.message


def test_unknown_meter_in_effects_points_at_the_key(write_yaml) -> None:
    [d] = edited(write_yaml, "effects: {trust: -1}", "effects: {hope: -1}")
    assert place(d) == ("E303", 20, 19)
    assert "'hope'" in d.message and "trust" in d.message


def test_unknown_meter_in_a_condition_points_inside_the_expression(write_yaml) -> None:
    [d] = edited(write_yaml, 'if: "trust >= 0"', 'if: "trust >= 0 and hope < 2"')
    assert place(d) == ("E303", 26, 29)


def test_condition_syntax_error_points_at_the_column_inside_the_expression(write_yaml) -> None:
    [d] = edited(write_yaml, 'if: "trust >= 0"', 'if: "trust >= 0 and (trust <"')
    assert place(d) == ("E306", 26, 37)
    assert "expected a meter name" in d.message


def test_duplicate_choice_ids_in_a_scene(write_yaml) -> None:
    [d] = edited(write_yaml, "      - id: accept", "      - id: plead")
    assert place(d) == ("E304", 22, 13)


def test_start_that_does_not_exist(write_yaml) -> None:
    [d] = edited(write_yaml, "start: opening", "start: openning")
    assert place(d) == ("E305", 10, 8)


def test_say_with_an_unknown_character(write_yaml) -> None:
    [d] = edited(write_yaml, "{who: kai,", "{who: kay,")
    assert place(d) == ("E307", 14, 16)


def test_meter_start_outside_its_range(write_yaml) -> None:
    [d] = edited(write_yaml, "{start: 0, min: -3", "{start: 9, min: -3")
    assert place(d) == ("E308", 9, 18)


def test_last_goto_entry_must_not_have_a_condition(write_yaml) -> None:
    [d] = edited(write_yaml, "{goto: ending}]", '{if: "trust < 0", goto: ending}]')
    assert d.code == "E203" and "last goto entry" in d.message


def test_a_scene_with_neither_choices_nor_ending(write_yaml) -> None:
    [d] = edited(write_yaml, "    ending: {title: Done, outcome: good, debrief: It ended.}", "    text: Nothing.")
    assert place(d) == ("E203", 29, 5)
    assert "either choices or an ending" in d.message


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


def test_an_invalid_id_as_a_mapping_key_points_at_the_key(write_yaml) -> None:
    [d] = edited(write_yaml, "effects: {trust: -1}", "effects: {1trust: -1}")
    assert place(d) == ("E203", 20, 19)
    assert "'1trust' is not a valid id" in d.message


def test_an_invalid_id_value_says_what_an_id_looks_like(write_yaml) -> None:
    [d] = edited(write_yaml, "id: demo", "id: Demo Scenario")
    assert place(d) == ("E203", 2, 5)
    assert "expected an id" in d.message
