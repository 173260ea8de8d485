"""A player sets the name their runs are recorded under in the app (a served visitor's only way)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import record_notices
from trainer.core.settings import Settings, load_settings, save_settings, settings_path
from trainer.tui.app import TrainerApp
from trainer.tui.widgets.name_prompt import MAX_NAME_LENGTH, NamePrompt, cleaned_name


async def set_name_from_the_palette(app: TrainerApp, pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.press(*"your name")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, NamePrompt)
    await pilot.press("ctrl+u", *typed, "enter")
    await pilot.pause()


@pytest.mark.asyncio
async def test_a_name_set_from_the_palette_is_saved_and_recorded_in_the_next_run(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path
) -> None:
    app = new_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await set_name_from_the_palette(app, pilot, "Ana")
        assert app.player == "Ana"
        app.open_run(app.library[0].loaded)
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    assert load_settings(isolated_data_dir).player_name == "Ana"
    (replay,) = (isolated_data_dir / "replays").rglob("*.jsonl")
    assert json.loads(replay.read_text(encoding="utf-8").splitlines()[0])["player"] == "Ana"


@pytest.mark.asyncio
async def test_an_empty_name_removes_it_and_escape_changes_nothing(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path
) -> None:
    save_settings(isolated_data_dir, Settings(theme="nord", player_name="Ana"))
    app = new_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.action_set_name()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.player == "Ana"
        await set_name_from_the_palette(app, pilot, "   ")
        assert app.player is None
    assert load_settings(isolated_data_dir) == Settings(theme="nord", player_name=None)


@pytest.mark.asyncio
async def test_a_broken_settings_file_is_not_replaced_by_a_name(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path
) -> None:
    settings_path(isolated_data_dir).write_text("player_name = [\n", encoding="utf-8")
    app = new_app()
    notes = record_notices(app)
    async with app.run_test() as pilot:
        await pilot.pause()
        await set_name_from_the_palette(app, pilot, "Ana")
    assert settings_path(isolated_data_dir).read_text(encoding="utf-8") == "player_name = [\n"
    assert any("could not be saved" in note for note in notes), notes


def test_a_name_is_kept_on_one_line_without_control_characters_and_short() -> None:
    assert cleaned_name("  Ana \n Lopez\t") == "Ana Lopez"
    assert cleaned_name("A\x1b[31mna\u202e") == "A[31mna"
    assert cleaned_name("x" * 100) == "x" * MAX_NAME_LENGTH
    assert cleaned_name(" \t ") is None
