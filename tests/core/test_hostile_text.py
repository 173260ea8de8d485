"""Text from files never reaches the terminal raw, and diagnostics are one line each, in a stable order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.core.errors import Diagnostic, ScenarioError
from trainer.core.scenario.loader import load_scenario
from trainer.core.text import is_visible, one_line, quoted, visible

ROOT = Path(__file__).parents[2]
HEAD = "format: 1\nid: hostile\ntitle: T\nsummary: S\ndifficulty: 1\nstart: a\n"
ENDING = "scenes:\n  a:\n    ending: {title: E, outcome: good, debrief: D}\n"
# What a terminal obeys: ESC (CSI, OSC), BEL, and the bidi override that reverses what follows.
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")


def validate(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[str, str]:
    main(["validate", *map(str, paths)])
    captured = capsys.readouterr()
    return captured.out, captured.err


def assert_clean(text: str) -> None:
    assert not any(raw in text for raw in RAW), repr(text)


def test_visible_escapes_control_and_bidi_characters_but_keeps_lines() -> None:
    assert visible("a\x1b]0;x\x07b\u202ec\u2067d\n\te") == "a\\x1b]0;x\\x07b\\u202ec\\u2067d\n\te"
    assert visible("\x9b31m") == "\\x9b31m"


def test_no_character_that_visible_escapes_is_printable() -> None:
    # `is_visible` (and the score table) take `str.isprintable()` as a first answer: sound only if
    # every character `visible` escapes is one Python calls unprintable.
    escaped = [c for c in map(chr, range(0x110000)) if visible(c) != c]
    assert len(escaped) > 70 and not any(c.isprintable() for c in escaped)
    assert is_visible("plain … é日😀\n\t") and not is_visible("a\x1bb") and not is_visible("\u202e")


def test_one_line_escapes_newlines_and_tabs_too() -> None:
    assert one_line("one\ntwo\tthree\r") == "one\\ntwo\\tthree\\r"


def test_quoted_shortens_long_values() -> None:
    shown = quoted("x" * 50_000_000)
    assert len(shown) < 120 and "49,999,940 more characters" in shown


def test_escape_codes_in_keys_tags_and_conditions_are_shown_as_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "key.yaml"
    key.write_text(HEAD + '"bad\\e]0;PWNED\\a key\\u202e": 1\n' + ENDING)
    tag = tmp_path / "tag.yaml"
    tag.write_text(HEAD.replace("title: T", "title: !<x%1b[2J%e2%80%ae> T") + ENDING)
    condition = tmp_path / "condition.yaml"
    condition.write_text(
        HEAD.replace("start: a", "start: b")
        + ENDING
        + "  b:\n    choices:\n"
        + '      - {id: c, text: T, category: graceful, feedback: F F, if: "x \\e]0;y\\a", goto: a}\n'
        + "      - {id: d, text: T, category: logic, feedback: F F, goto: a}\n"
    )
    out, err = validate(capsys, key, tag, condition)
    assert_clean(out + err)
    assert "unknown key 'bad\\x1b]0;PWNED\\x07 key\\u202e'" in out
    assert "the tag 'x\\x1b[2J\\u202e'" in out and "condition 'x \\x1b]0;y\\x07'" in out


def test_a_key_with_a_newline_keeps_its_diagnostic_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "newline.yaml"
    path.write_text(HEAD + '"two\\nlines": 1\n' + ENDING)
    out, _ = validate(capsys, path)
    [line] = out.splitlines()
    assert line.startswith(f"{path}:7:1: error E201 unknown key 'two\\nlines'")


def test_a_file_name_with_escape_codes_is_shown_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "evil\x1b]0;owned\x07\u202eLMAY.yaml"
    path.write_text("- not a mapping\n")
    out, err = validate(capsys, path)
    assert_clean(out + err)
    assert "evil\\x1b]0;owned\\x07\\u202eLMAY.yaml:1:1: error E106" in out


def test_a_control_character_is_placed_at_its_line_and_column_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "control.yaml"
    path.write_bytes("format: 1\ntitle: café\x1b[2J\n".encode())
    [d] = problems(path)
    assert (d.code, d.line, d.column) == ("E101", 2, 12)
    assert "U+001B" in d.message
    out, _ = validate(capsys, path)
    assert len(out.splitlines()) == 1
    assert_clean(out)


def test_a_huge_scalar_is_not_echoed_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(HEAD.replace("difficulty: 1", "difficulty: !!int " + "9x" * 2_000_000) + ENDING)
    [d] = problems(path)
    assert d.code == "E104" and len(d.message) < 200 and "more characters" in d.message


def test_no_message_grows_with_the_file() -> None:
    d = Diagnostic("f.yaml", 1, 1, "E201", "x" * 10_000)
    assert len(d.message) < 600 and len(str(d)) < 700


def problems(path: Path) -> list[Diagnostic]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value.diagnostics


def test_diagnostics_at_one_place_come_out_in_code_then_message_order(tmp_path: Path) -> None:
    path = tmp_path / "bare.yaml"
    path.write_text(HEAD + ENDING + "  b:\n    choices:\n      - {id: x}\n      - {id: y}\n")
    found = problems(path)
    assert [d.message.split("'")[1] for d in found if d.line == 12] == ["category", "feedback", "goto", "text"]


def test_validate_prints_the_same_order_whatever_the_hash_seed(tmp_path: Path) -> None:
    path = tmp_path / "bare.yaml"
    path.write_text(HEAD + ENDING + "  b:\n    choices:\n      - {id: x}\n      - {id: y}\n")
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "trainer", "validate", str(path)], capture_output=True, text=True, env=env
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
