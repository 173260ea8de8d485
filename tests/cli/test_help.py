"""`--help` on every command: what each argument is, an example, the exit codes; --data-dir only where used."""

from __future__ import annotations

import argparse

import pytest

from trainer.cli.arguments import DATA_DIR_HELP, SERVE_DATA_DIR_HELP, build_parser
from trainer.cli.main import main

USES_DATA_DIR = {"play", "analyze", "graph", "score", "replay", "history", "serve"}
# serve's folder holds every visitor's folder, not the player's own runs: said its own way.
DATA_DIR_HELP_OF = {"serve": SERVE_DATA_DIR_HELP}
OPENS_APP = {"play", "replay"}


def subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    return dict(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def help_of(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"] if command else ["--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", sorted(subparsers()))
def test_every_argument_of_every_command_says_what_it_is(command: str) -> None:
    undescribed = [
        action.dest for action in subparsers()[command]._actions if not action.help or action.help == argparse.SUPPRESS
    ]
    assert not undescribed, f"trainer {command}: no help for {undescribed}"


@pytest.mark.parametrize("command", sorted(subparsers()))
def test_every_command_shows_an_example_and_its_exit_codes(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = help_of(command, capsys)
    assert f"examples:\n  trainer {command}" in text
    status = text.split("exit status:\n", 1)[1]
    codes = [line.split()[0] for line in status.splitlines() if line.startswith("  ") and line.split()[0].isdigit()]
    assert codes[0] == "0" and "2" in codes, status


@pytest.mark.parametrize("command", sorted(subparsers()))
def test_data_dir_is_offered_only_where_it_is_used_and_described_one_way(command: str) -> None:
    options = {option: action.help for action in subparsers()[command]._actions for option in action.option_strings}
    assert ("--data-dir" in options) == (command in USES_DATA_DIR)
    assert ("--theme" in options) == (command in OPENS_APP)
    if "--data-dir" in options:
        assert options["--data-dir"] == DATA_DIR_HELP_OF.get(command, DATA_DIR_HELP)


def test_data_dir_before_a_command_that_does_not_use_it_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", "elsewhere", "schema"])
    assert exited.value.code == 2
    assert "--data-dir is not used by 'trainer schema'" in capsys.readouterr().err


def test_trainer_help_names_the_environment_variables_and_the_settings_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = help_of("", capsys)
    assert "TRAINER_DATA_DIR" in text and "NO_COLOR" in text and "settings.toml" in text
    assert "exit status:" in text
