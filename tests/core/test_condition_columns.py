"""An error inside a condition is placed at its character in the file, whatever the scalar's style.

Escapes in quoted scalars are longer than what they stand for, and folded or block scalars
start and wrap on other lines than the value suggests (issue 11 item 14).
"""

from __future__ import annotations

import pytest

from tests.paths import TINY
from trainer.core.errors import Diagnostic, ScenarioError
from trainer.core.scenario.loader import load_scenario_bytes

TINY_TEXT = TINY.read_text()
GOODBYE_IF = "        if: calm > 0\n"  # line 38 of tiny.yaml


def placed(condition_lines: str) -> tuple[str, int | None, int | None]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(TINY_TEXT.replace(GOODBYE_IF, condition_lines).encode(), "tiny.yaml")
    [d] = caught.value.diagnostics
    return _where(d)


def _where(d: Diagnostic) -> tuple[str, int | None, int | None]:
    return d.code, d.line, d.column


def column_of(line: str, word: str) -> int:
    return line.index(word) + 1


@pytest.mark.parametrize(
    "line",
    [
        '        if: "calm\\t>= 1 and nope > 0"',
        '        if: "calm >= \\u0031 and nope > 0"',
        '        if: "\\x63alm >= 1 and nope > 0"',
        "        if: 'calm >= 1 and nope > 0'",
        "        if: calm >= 1 and nope > 0",
    ],
    ids=["tab escape", "unicode escape", "hex escape", "single quotes", "plain"],
)
def test_an_unknown_meter_is_placed_at_its_name(line: str) -> None:
    assert placed(line + "\n") == ("E303", 38, column_of(line, "nope"))


def test_an_escaped_quote_before_the_error_is_counted_once() -> None:
    line = "        if: 'calm >= 1 and ''x''' "
    assert placed(line + "\n") == ("E306", 38, column_of(line, "''x"))


def test_a_folded_condition_is_placed_on_the_line_of_the_error() -> None:
    lines = "        if: >-\n          calm >= 1 and\n          nope > 0\n"
    assert placed(lines) == ("E303", 40, 11)


def test_a_plain_condition_over_two_lines_is_placed_on_the_second() -> None:
    lines = "        if: calm >= 1 and\n          nope > 0\n"
    assert placed(lines) == ("E303", 39, 11)


def test_an_unexpected_escaped_character_is_placed_at_its_escape() -> None:
    line = '        if: "calm >= 1 and \\u00e9é > 0"'
    assert placed(line + "\n") == ("E306", 38, column_of(line, "\\u00e9"))
