"""Malformed files each get one clear diagnostic with its place, never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.errors import Diagnostic, ScenarioError
from trainer.core.scenario.loader import load_scenario


def problems(path: Path) -> list[Diagnostic]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value.diagnostics


def only(path: Path) -> Diagnostic:
    found = problems(path)
    assert len(found) == 1, found
    return found[0]


def where(d: Diagnostic) -> tuple[str, int | None, int | None]:
    return d.code, d.line, d.column


def test_empty_file_is_reported_at_its_start(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")
    d = only(path)
    assert where(d) == ("E106", 1, 1)
    assert "empty" in d.message


def test_top_level_list_is_not_a_scenario(write_yaml) -> None:
    d = only(write_yaml("- one\n- two\n"))
    assert where(d) == ("E106", 1, 1)
    assert "mapping" in d.message


def test_invalid_utf8_names_the_byte_and_its_place(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("format: 1\ntitle: caf\u00e9\n".encode("latin-1"))
    d = only(path)
    assert where(d) == ("E100", 2, 11)
    assert "0xe9" in d.message and "UTF-8" in d.message


def test_utf16_file_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_bytes("format: 1\n".encode("utf-16"))
    d = only(path)
    assert d.code == "E100" and "UTF-16" in d.message


def test_utf8_bom_is_accepted_then_checked_as_usual(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf- a\n")
    assert only(path).code == "E106"


def test_yaml_syntax_error_has_line_and_column(write_yaml) -> None:
    d = only(write_yaml("format: 1\ntitle: [unclosed\nid: x\n"))
    assert d.code == "E101"
    assert d.line == 3 and d.column is not None


def test_python_object_tag_is_refused_where_it_stands(write_yaml) -> None:
    d = only(write_yaml("format: 1\ntitle: !!python/object/apply:os.system ['echo hi']\n"))
    assert where(d) == ("E104", 2, 8)
    assert "python/object/apply:os.system" in d.message


def test_alias_bomb_is_refused_quickly(write_yaml) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    found = problems(write_yaml("\n".join(lines) + "\n"))
    assert {d.code for d in found} == {"E103"}
    assert (found[0].line, found[0].column) == (2, 10)


def test_self_referencing_alias_is_refused(write_yaml) -> None:
    d = problems(write_yaml("loop: &me [*me]\n"))[0]
    assert where(d) == ("E103", 1, 12)


def test_merge_keys_are_refused(write_yaml) -> None:
    found = problems(write_yaml("base: &b {x: 1}\nother:\n  <<: *b\n"))
    assert "E103" in {d.code for d in found}


def test_block_nesting_past_the_limit_is_refused(write_yaml) -> None:
    text = "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(100)) + "  " * 100 + "leaf\n"
    d = only(write_yaml(text))
    assert d.code == "E105" and d.line == 64


def test_flow_nesting_thousands_deep_is_refused(write_yaml) -> None:
    d = only(write_yaml("a: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert d.code in ("E101", "E105") and d.line == 1
    assert "nesting" in d.message


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("1" * 5000, "int"),
        ("!!bool maybe", "bool"),
        ('!!int ""', "int"),
        ("!!timestamp foo", "timestamp"),
        ("2024-02-30", "timestamp"),
    ],
)
def test_scalars_that_crash_pyyaml_become_diagnostics(write_yaml, value: str, kind: str) -> None:
    d = only(write_yaml(f"format: 1\ndifficulty: {value}\n"))
    assert where(d) == ("E104", 2, 13)
    assert f"not a valid {kind}" in d.message


def test_duplicate_keys_are_reported_at_the_second_one(write_yaml) -> None:
    d = only(write_yaml("format: 1\nid: a\ntitle: x\nid: b\n"))
    assert where(d) == ("E102", 4, 1)
    assert "'id'" in d.message and "line 2" in d.message


def test_unreadable_path_is_a_diagnostic(tmp_path: Path) -> None:
    d = only(tmp_path / "missing.yaml")
    assert d.code == "E100" and d.line is None
