"""Scenario text is shown as text: markup, links and escape sequences are displayed, never obeyed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import DataTable, Static

from trainer.tui.app import TrainerApp
from trainer.tui.commands import ScenarioCommands
from trainer.tui.screens.debrief import DebriefScreen
from trainer.tui.screens.library import LibraryScreen
from trainer.tui.screens.play import PlayScreen

pytestmark = pytest.mark.asyncio

HOSTILE = Path(__file__).parents[1] / "scenarios" / "hostile_markup.yaml"
TITLE = "[@click=app.quit]x[/] title"
WIDE = (160, 50)  # wide enough that no hostile string wraps


@pytest.fixture
def hostile_app(new_app: Callable[..., TrainerApp], isolated_data_dir: Path) -> Callable[..., TrainerApp]:
    """The app with the hostile scenario among the user's own."""
    (isolated_data_dir / "scenarios").mkdir()
    shutil.copy(HOSTILE, isolated_data_dir / "scenarios" / HOSTILE.name)
    return new_app


# Where the "x" of each hostile tag would sit if the tag were parsed (the start), and where it sits as text.
CLICK_OFFSETS = (0, 1, 2, 17, 18, 25)


async def click_along(pilot, selector: str, line: int = 0) -> None:
    """Click a widget's first line (or ``line``) where a markup click action would sit."""
    for x in CLICK_OFFSETS:
        await pilot.click(selector, offset=(x, line))


async def test_library_shows_hostile_title_and_summary_literally(
    hostile_app: Callable[..., TrainerApp], read_screen, settle
) -> None:
    app = hostile_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#scenarios", DataTable)
        titles = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        row = titles.index(TITLE)
        table.move_cursor(row=row)
        await settle(pilot)
        text = read_screen(app)
        assert TITLE in text
        # The preview wraps, so read the summary from the widget's content rather than the screen.
        summary = "[ @click=app.quit]x[/] summary [link=file:///etc/passwd]x[/link]"
        assert summary in str(app.screen.query_one("#preview-text", Static).render())
        assert "summary" in text
        await click_along(pilot, "#preview-text")
        assert app.is_running and isinstance(app.screen, LibraryScreen)


async def test_play_and_debrief_show_hostile_strings_literally_and_ignore_clicks(
    hostile_app: Callable[..., TrainerApp], read_screen, settle
) -> None:
    app = hostile_app(start_scenario=HOSTILE)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        text = read_screen(app)
        assert "\x1b" not in text
        assert "[@click=app.quit]x[/] narration \\x1b[31mred\\x1b[0m" in text
        assert "[$accent @click=app.quit]x[/]  [ @click=app.quit]x[/] line" in text
        assert "1. [$accent @click=app.quit]x[/] choice" in text
        assert "2. [/] accept" in text
        assert f"Breakup trainer — {TITLE}" in text
        await click_along(pilot, "#transcript .scene")  # the narration
        await click_along(pilot, "#transcript .scene", line=1)  # the line under it
        assert app.is_running

        await pilot.press("m")
        assert "[/] meter" in read_screen(app)

        await pilot.press("1")
        await settle(pilot)
        text = read_screen(app)
        assert "✗ [@click=app.quit]x[/] label" in text
        assert "[/] feedback [link=file:///etc/passwd]x[/link]" in text
        await click_along(pilot, "#feedback-text")
        await click_along(pilot, "#feedback-category")
        assert app.is_running

        await pilot.press("u")
        await pilot.pause(0.2)
        await settle(pilot)
        assert "Taken back: [$accent @click=app.quit]x[/] choice" in read_screen(app)

        await pilot.press("1", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        text = read_screen(app)
        assert "\x1b" not in text and "\x07" not in text
        assert "Ending: [@click=app.quit]x[/] ending" in text
        assert "[ @click=app.quit]x[/] closing" in text
        assert "[link=file:///etc/passwd]x[/link] debrief \\x1b]0;owned\\x07" in text
        assert "[@click=app.quit]x[/] label" in text  # tally row and turning point
        await click_along(pilot, "#debrief-text")
        await click_along(pilot, "#ending-title")
        assert app.is_running and isinstance(app.screen, DebriefScreen)


async def test_palette_entry_shows_hostile_title_as_text(
    hostile_app: Callable[..., TrainerApp], read_screen, settle
) -> None:
    app = hostile_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        provider = ScenarioCommands(app.screen)
        hits = [hit async for hit in provider.search("click")]
        assert [hit.text for hit in hits] == [f"Play: {TITLE}"]
        assert isinstance(hits[0].match_display, Content)
        assert hits[0].match_display.plain == f"Play: {TITLE}"
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"click")
        await pilot.pause(0.3)
        assert f"Play: {TITLE}" in read_screen(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen) and app.screen.loaded.id == "hostile-markup"
