"""File names and messages reach the TUI through the sanitiser: an OSC in a name never retitles the terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from trainer.tui.app import TrainerApp
from trainer.tui.screens.library import LibraryScreen

pytestmark = pytest.mark.asyncio

OSC = "\x1b]0;owned\x07"
RAW = ("\x1b", "\x07", "\u202e")


def shown(text: str) -> None:
    assert not any(raw in text for raw in RAW), repr(text)


async def test_the_notice_for_a_broken_file_shows_its_name_escaped(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path
) -> None:
    scenarios = isolated_data_dir / "scenarios"
    scenarios.mkdir()
    (scenarios / f"x{OSC}\u202elmay.yaml").write_text("- not a scenario\n")
    app = new_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.press("down", "down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        [notice] = list(app._notifications)
        shown(notice.message)
        assert "x\\x1b]0;owned\\x07\\u202elmay.yaml:1:1: E106" in notice.message


async def test_an_unknown_theme_in_settings_is_named_escaped(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path
) -> None:
    (isolated_data_dir / "settings.toml").write_text('theme = "x\\u001b]0;owned\\u0007\\u202e"\n', encoding="utf-8")
    app = new_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        [notice] = list(app._notifications)
        shown(notice.message)
        assert "'x\\x1b]0;owned\\x07\\u202e'" in notice.message
