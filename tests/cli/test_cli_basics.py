"""Every command answers --help, the app knows its version, and bad input never shows a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer import __version__
from trainer.cli.arguments import build_parser
from trainer.cli.main import main
from trainer.cli.schema import schema_text

ROOT = Path(__file__).parents[2]


def subcommands() -> list[str]:
    parser = build_parser()
    return sorted(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"trainer {__version__}"


@pytest.mark.parametrize("command", subcommands())
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert f"usage: trainer {command}" in capsys.readouterr().out


def test_python_dash_m_runs_the_same_entry_point(run_trainer) -> None:
    result = run_trainer("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"trainer {__version__}"


def test_unknown_option_is_a_usage_error_not_a_traceback(run_trainer) -> None:
    result = run_trainer("validate", "x.yaml", "--frobnicate")
    assert result.returncode == 2
    assert "unrecognized arguments: --frobnicate" in result.stderr and "Traceback" not in result.stderr


def test_schema_command_matches_the_committed_copy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    committed = (ROOT / "schema" / "scenario-v1.schema.json").read_text(encoding="utf-8")
    assert printed == committed == schema_text(), "run: trainer schema > schema/scenario-v1.schema.json"
    schema = json.loads(printed)
    assert set(schema["required"]) >= {"format", "id", "title", "start", "scenes"}
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "tests/scenarios/tiny.yaml"],
        ["schema"],
        ["play", "tests/scenarios/tiny.yaml", "--plain"],
    ],
)
def test_commands_without_the_tui_never_import_textual(args: list[str], run_trainer) -> None:
    result = run_trainer(*args, stdin="2\n2\n", probe_textual=True)
    assert result.returncode == 0, result.stderr
    assert "TEXTUAL: []" in result.stderr
