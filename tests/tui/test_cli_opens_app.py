"""`trainer` and `trainer play SCENARIO` build the app with the right data folder and start scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.tui.app import TrainerApp

KITCHEN = Path(__file__).parents[1] / "scenarios" / "tui_library" / "kitchen-table.yaml"


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[TrainerApp]:
    """Record apps that would have run, instead of taking over the terminal."""
    apps: list[TrainerApp] = []
    monkeypatch.setattr(TrainerApp, "run", lambda self, *args, **kwargs: apps.append(self))
    return apps


def test_trainer_opens_the_library_in_the_given_data_dir(launched: list[TrainerApp], tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path)]) == 0
    assert [(app.data_dir, app.start_scenario) for app in launched] == [(tmp_path, None)]


def test_trainer_without_data_dir_uses_the_environment(launched: list[TrainerApp], isolated_data_dir: Path) -> None:
    assert main([]) == 0
    assert launched[0].data_dir == isolated_data_dir


def test_play_opens_straight_into_the_scenario(launched: list[TrainerApp]) -> None:
    assert main(["play", str(KITCHEN)]) == 0
    start = launched[0].start_scenario
    assert start is not None and not isinstance(start, Path) and start.id == "kitchen-table"


def test_play_of_a_missing_file_fails_before_the_app_starts(
    launched: list[TrainerApp], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["play", str(tmp_path / "nope.yaml")]) == 1
    assert launched == []
    assert "nope.yaml: no such scenario file" in capsys.readouterr().err


def test_play_of_a_broken_file_prints_its_place_and_does_not_start(
    launched: list[TrainerApp], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(KITCHEN.read_text().replace("category: logic", "category: logik"))
    assert main(["play", str(broken)]) == 1
    assert launched == []
    assert "broken.yaml:45:19: error E302 unknown category 'logik'" in capsys.readouterr().err
