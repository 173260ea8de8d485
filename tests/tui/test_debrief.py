"""The debrief: ending, score against par, a bar chart of the tally, and the turning points."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from trainer.tui.app import TrainerApp
from trainer.tui.screens.debrief import DebriefScreen
from trainer.tui.screens.play import PlayScreen
from trainer.tui.widgets.tally_chart import bar

pytestmark = pytest.mark.asyncio

KITCHEN = Path(__file__).parents[1] / "scenarios" / "tui_library" / "kitchen-table.yaml"


async def finish(app: TrainerApp, pilot, settle, *keys: str) -> DebriefScreen:
    await settle(pilot)
    for key in keys:
        await pilot.press(key, "enter")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DebriefScreen)
    return screen


async def test_debrief_after_mistakes_shows_tally_and_turning_points(
    new_app: Callable[..., TrainerApp], settle
) -> None:
    app = new_app(start_scenario=KITCHEN)
    async with app.run_test(size=(100, 60)) as pilot:
        screen = await finish(app, pilot, settle, "1", "1")
        assert "Past midnight" in str(screen.query_one("#ending-title", Static).render())
        assert str(screen.query_one("#outcome", Static).render()) == "Outcome: bad"
        score = str(screen.query_one("#score", Static).render())
        assert "Score -5 of par 6 (worst possible -5): 0%, the lowest any run can score." in score
        assert "not you" in score and "worst any run" not in score
        bars = [str(w.render()) for w in screen.query(".tally-bar").results(Static)]
        assert bars == [bar(1, 1), bar(1, 1)]
        labels = [str(w.render()) for w in screen.query(".tally-label")]
        assert labels == ["✗ Weakness", "✗ Arguing logically"]
        points = [str(w.render()) for w in screen.query(".turning-point").results(Static)]
        assert len(points) == 2
        assert "1. You chose: Whatever it is, we can fix it. Please. · Weakness -3" in points[0]
        assert "Better: Okay. I'm listening. · Graceful +3" in points[0]
        # After begging, footing is below zero: the goodbye was no longer on offer.
        assert "Nothing better was on offer here by then." in points[1]


async def test_clean_run_has_no_turning_points(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app(start_scenario=KITCHEN)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await finish(app, pilot, settle, "2", "2")
        points = [str(w.render()) for w in screen.query(".turning-point").results(Static)]
        assert points == ["No mistakes in this run."]


async def test_play_again_and_back_to_library(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app(start_scenario=KITCHEN)
    async with app.run_test(size=(100, 40)) as pilot:
        await finish(app, pilot, settle, "2", "2")
        await pilot.click("#play-again")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("1", "enter", "1", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "LibraryScreen"


async def test_play_again_shows_the_transcript_as_the_first_run_did(
    new_app: Callable[..., TrainerApp], read_screen, settle
) -> None:
    app = new_app(start_scenario=KITCHEN)
    async with app.run_test(size=(80, 24)) as pilot:

        async def settled_screen() -> str:
            """The screen once its footer has composed its keys (a frame after the rest, under load)."""
            for _ in range(50):
                await pilot.pause(0.02)
                text = read_screen(app)
                if text.splitlines()[-1].strip():
                    return text
            return read_screen(app)

        await settle(pilot)
        first = await settled_screen()
        await finish(app, pilot, settle, "1", "1")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert await settled_screen() == first
