"""Authoring mistakes get a hint: quote a value with ': ', a field swallowed by a block of text,
"did you mean" for a typo in an id or a key, and a loop named by the choice that closes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.core.authoring.lint import lint
from trainer.core.errors import Diagnostic, ScenarioError
from trainer.core.scenario.loader import load_scenario

BASE = """\
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
    say:
      who: kai
      line: "Thanks, you look well."
    choices:
      - id: plead
        text: Please don't.
        category: weakness
        feedback: >-
          Pleading hands Kai the power.
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


def errors_of(write_yaml, old: str, new: str) -> list[Diagnostic]:
    assert old in BASE, old
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write_yaml(BASE.replace(old, new, 1)))
    return caught.value.diagnostics


def test_the_base_loads_without_warnings_of_these_kinds(write_yaml) -> None:
    assert not [d for d in lint(load_scenario(write_yaml(BASE))) if d.code == "W014"]


def test_an_unquoted_value_with_a_colon_says_to_quote_it(write_yaml) -> None:
    [d] = errors_of(write_yaml, 'line: "Thanks, you look well."', "line: Thanks: you look well")
    assert (d.code, d.line, d.column) == ("E101", 16, 19)
    assert 'put the value in quotes, as in line: "Thanks: you look well"' in d.message


def test_an_unquoted_value_with_a_colon_in_a_flow_mapping_says_to_quote_it(write_yaml) -> None:
    [d] = errors_of(
        write_yaml,
        '    say:\n      who: kai\n      line: "Thanks, you look well."',
        "    say: {who: kai, line: He said: no}",
    )
    assert d.code == "E101" and d.line == 14
    assert 'as in line: "He said: no"' in d.message


def test_a_quote_inside_the_suggested_value_is_escaped(write_yaml) -> None:
    [d] = errors_of(write_yaml, 'line: "Thanks, you look well."', 'line: I said "no": twice')
    assert 'as in line: "I said \\"no\\": twice"' in d.message


FIELD_IN_FEEDBACK = """        feedback: >-
          Pleading hands Kai the power.
          effects: {trust: -1}
"""


def test_a_field_indented_into_a_block_of_feedback_is_a_warning_at_its_line(write_yaml) -> None:
    text = BASE.replace(
        "        feedback: >-\n          Pleading hands Kai the power.\n        effects: {trust: -1}\n",
        FIELD_IN_FEEDBACK,
    )
    found = [d for d in lint(load_scenario(write_yaml(text))) if d.code == "W014"]
    assert [(d.line, d.column) for d in found] == [(23, 11)]
    assert "'effects:' is inside the text of 'feedback'" in found[0].message


def test_validate_strict_fails_on_a_swallowed_field(write_yaml, capsys: pytest.CaptureFixture[str]) -> None:
    text = BASE.replace(
        "        feedback: >-\n          Pleading hands Kai the power.\n        effects: {trust: -1}\n",
        FIELD_IN_FEEDBACK,
    )
    assert main(["validate", "--strict", str(write_yaml(text))]) == 1
    assert "W014" in capsys.readouterr().out


@pytest.mark.parametrize(
    "line",
    [
        "          Note: a colon in prose is prose.",  # not a field of a choice
        "          text: the choice has its text already.",  # a field, but one the choice has
    ],
)
def test_prose_in_a_block_is_not_mistaken_for_a_field(write_yaml, line: str) -> None:
    text = BASE.replace(
        "          Pleading hands Kai the power.\n", f"          Pleading hands Kai the power.\n{line}\n"
    )
    assert not [d for d in lint(load_scenario(write_yaml(text))) if d.code == "W014"]


def test_the_key_after_a_block_is_not_taken_for_a_line_of_it(write_yaml) -> None:
    text = BASE.replace('      line: "Thanks, you look well."\n', "      line: >-\n        Thanks, you look well.\n")
    assert not [d for d in lint(load_scenario(write_yaml(text))) if d.code == "W014"]


@pytest.mark.parametrize(
    ("old", "new", "code", "suggestion"),
    [
        ("    text: Kai calls.", "    txet: Kai calls.", "E201", "did you mean 'text'?"),
        ("        goto: ending\n", "        goto: endign\n", "E301", "did you mean 'ending'?"),
        ("start: opening", "start: openign", "E305", "did you mean 'opening'?"),
        ("category: weakness", "category: weakling", "E302", "did you mean 'weakness'?"),
        ("effects: {trust: -1}", "effects: {trsut: -1}", "E303", "did you mean 'trust'?"),
        ('if: "trust >= 0"', 'if: "turst >= 0"', "E303", "did you mean 'trust'?"),
        ("      who: kai", "      who: kia", "E307", "did you mean 'kai'?"),
    ],
)
def test_a_typo_in_an_id_or_a_key_gets_the_closest_name(
    write_yaml, old: str, new: str, code: str, suggestion: str
) -> None:
    [d] = errors_of(write_yaml, old, new)
    assert d.code == code
    assert suggestion in d.message


def test_a_name_close_to_nothing_gets_no_suggestion(write_yaml) -> None:
    [d] = errors_of(write_yaml, "        goto: ending\n", "        goto: somewhere_else\n")
    assert d.code == "E301" and "did you mean" not in d.message


def test_an_unknown_scenario_id_on_the_command_line_gets_the_closest_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "phone-cal"]) == 1
    assert "did you mean 'phone-call'?" in capsys.readouterr().err


def test_a_loop_names_the_choice_that_closes_it_at_its_goto(write_yaml) -> None:
    text = BASE.replace("        effects: {trust: -1}\n        goto: ending\n", "        goto: opening\n", 1)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write_yaml(text))
    [d] = caught.value.diagnostics
    assert (d.code, d.line, d.column) == ("E401", 23, 15)
    assert "choice 'plead' in scene 'opening' leads back to 'opening'" in d.message
    assert "(trust=0)" in d.message and "opening -> opening" in d.message


def test_a_loop_through_two_scenes_names_the_closing_choice_in_the_second(write_yaml, tmp_path: Path) -> None:
    text = BASE.replace("        effects: {trust: -1}\n        goto: ending\n", "        goto: middle\n", 1).replace(
        "  ending:\n",
        "  middle:\n    choices:\n"
        "      - {id: again, text: Again, category: weakness, feedback: Round again., goto: opening}\n"
        "      - {id: stop, text: Stop, category: graceful, feedback: Stopped there., goto: ending}\n"
        "  ending:\n",
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write_yaml(text))
    [d] = caught.value.diagnostics
    assert d.code == "E401" and d.line == 32
    assert "choice 'again' in scene 'middle' leads back to 'opening'" in d.message
    assert "opening -> middle -> opening" in d.message
