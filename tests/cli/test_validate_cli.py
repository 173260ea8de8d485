"""`trainer validate` prints file:line:col diagnostics and exits 1 on any error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.paths import TINY
from trainer.cli.main import main

CLEAN = Path(__file__).parents[2] / "tests" / "authoring" / "fixtures" / "clean.yaml"


def test_clean_file_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CLEAN)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "1 file checked: 0 errors" in captured.err


def test_errors_print_path_line_column_code_and_exit_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(TINY.read_text().replace("category: weakness", "category: weakling"))
    assert main(["validate", str(tmp_path)]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{broken}:18:19: error E302 unknown category 'weakling'")


def test_folders_are_searched_and_every_file_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "a.yaml").write_text("- not a mapping\n")
    (tmp_path / "b.yml").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "ok.yaml").write_text(CLEAN.read_text())
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "a.yaml:1:1: error E106" in out and "b.yml:1:1: error E100" in out and "ok.yaml" not in out


def test_json_format_lists_diagnostics_as_objects(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nformat: 1\n")
    assert main(["validate", "--format", "json", str(broken)]) == 1
    [item] = json.loads(capsys.readouterr().out)
    assert item == {
        "path": str(broken),
        "line": 2,
        "column": 1,
        "severity": "error",
        "code": "E102",
        "message": "duplicate key 'format' (first given on line 1)",
    }


def test_missing_path_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert "no such file or folder" in capsys.readouterr().err
