"""The theme is remembered in settings.toml; --theme overrides it for one session without saving."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import record_notices
from tests.paths import TINY
from trainer.cli.main import main
from trainer.core.settings import Settings, load_settings, save_settings, settings_path
from trainer.tui.app import DEFAULT_THEME, TrainerApp


@pytest.mark.asyncio
async def test_a_theme_chosen_in_the_app_is_the_theme_of_the_next_start(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path
) -> None:
    app = new_app()
    async with app.run_test() as pilot:
        assert app.theme == DEFAULT_THEME
        app.theme = "nord"  # what the command palette's theme picker does
        await pilot.pause()
    assert load_settings(isolated_data_dir).theme == "nord"
    assert new_app().theme == "nord"


@pytest.mark.asyncio
async def test_starting_does_not_write_settings(new_app: Callable[..., TrainerApp], isolated_data_dir: Path) -> None:
    async with new_app().run_test() as pilot:
        await pilot.pause()
    assert not settings_path(isolated_data_dir).exists()


def test_the_theme_option_wins_for_one_session_and_is_not_saved(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path
) -> None:
    save_settings(isolated_data_dir, Settings(theme="nord", player_name="Ana"))
    assert new_app(theme="textual-light").theme == "textual-light"
    assert load_settings(isolated_data_dir) == Settings(theme="nord", player_name="Ana")


def test_an_unknown_theme_option_is_an_error_that_lists_the_themes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--theme", "no-such-theme"]) == 1
    err = capsys.readouterr().err
    assert "unknown theme 'no-such-theme'" in err and "textual-light" in err and "nord" in err


@pytest.mark.asyncio
async def test_an_unknown_saved_theme_falls_back_to_the_default_and_says_so(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path
) -> None:
    settings_path(isolated_data_dir).write_text('theme = "retired-theme"\n', encoding="utf-8")
    app = new_app()
    notes = record_notices(app)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
    assert any("'retired-theme'" in note for note in notes), notes


def test_the_player_name_in_settings_is_recorded_in_plain_runs(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    save_settings(isolated_data_dir, Settings(player_name="Ana"))
    monkeypatch.setattr("sys.stdin", io.StringIO("2\n2\n"))
    assert main(["play", str(TINY), "--plain"]) == 0
    (replay,) = (isolated_data_dir / "replays").rglob("*.jsonl")
    assert json.loads(replay.read_text(encoding="utf-8").splitlines()[0])["player"] == "Ana"


def test_the_player_name_in_settings_is_the_apps_player(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path
) -> None:
    save_settings(isolated_data_dir, Settings(player_name="Ana"))
    assert new_app().player == "Ana"
    assert new_app(player="Bo").player == "Bo"


@pytest.mark.asyncio
async def test_a_broken_settings_file_is_said_and_left_as_it_is(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path
) -> None:
    broken = 'theme = "nord\n'
    settings_path(isolated_data_dir).write_text(broken, encoding="utf-8")
    app = new_app()
    notes = record_notices(app)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        app.theme = "gruvbox"
        await pilot.pause()
    assert any("S001" in note and "default settings are used" in note for note in notes), notes
    assert any("could not be remembered" in note for note in notes), notes
    assert settings_path(isolated_data_dir).read_text(encoding="utf-8") == broken
