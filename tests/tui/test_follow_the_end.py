"""The play screen keeps the newest line and the choices in view through every change of layout,
notices never cover the choices, and nothing is cut off at 60 to 80 columns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from trainer.tui.app import TrainerApp
from trainer.tui.screens.play import PlayScreen

pytestmark = pytest.mark.asyncio

LONG_STORY = Path(__file__).parents[1] / "scenarios" / "long_story.yaml"
SIZES = pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])

# The last word of each scene's newest line, and the first word of each of its choices.
FIRST = ("lighthouse.", ["1. Alpha.", "2. Bravo.", "3. Charlie.", "4. Delta."])
SECOND = ("marmalade.", ["1. Echo.", "2. Foxtrot.", "3. Golf."])


def assert_in_view(text: str, newest: str, choices: list[str]) -> None:
    missing = [word for word in (newest, *choices) if word not in text]
    assert not missing, f"not in view: {missing}\n{text}"


@SIZES
async def test_the_newest_line_and_the_choices_stay_in_view(
    new_app: Callable[..., TrainerApp], read_screen, size: tuple[int, int]
) -> None:
    app = new_app(start_scenario=LONG_STORY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert_in_view(read_screen(app), *FIRST)
        await pilot.press("3")  # the feedback panel replaces the choices
        await pilot.pause()
        text = read_screen(app)
        assert "Charlie." in text and "Continue" in text, text
        await pilot.press("enter")
        await pilot.pause()
        assert_in_view(read_screen(app), *SECOND)
        await pilot.press("m")  # the meters narrow the story
        await pilot.pause()
        assert_in_view(read_screen(app), *SECOND)
        await pilot.press("m")
        await pilot.pause()
        for other in ((100, 30), (60, 20), size):
            await pilot.resize_terminal(*other)
            await pilot.pause()
            assert_in_view(read_screen(app), *SECOND)


@SIZES
async def test_a_notice_never_covers_the_choices(new_app: Callable[..., TrainerApp], size: tuple[int, int]) -> None:
    app = new_app(start_scenario=LONG_STORY)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter", "u")  # take back: "Taken back: Alpha. ..." is noticed
        toasts: list[Toast] = []
        for _ in range(200):  # up to 10 s: a loaded machine can be that slow to show it
            await pilot.pause(0.05)
            toasts = list(app.screen.query(Toast))
            if toasts:
                break
        assert toasts, "the take-back is noticed"
        choices = app.screen.query_one("#choices").region
        for toast in toasts:
            assert not toast.region.overlaps(choices), (toast.region, choices)


@pytest.mark.parametrize("width", [60, 70, 80])
async def test_nothing_is_cut_off_at_narrow_widths(new_app: Callable[..., TrainerApp], read_screen, width: int) -> None:
    app = new_app(start_scenario=LONG_STORY)
    async with app.run_test(size=(width, 24)) as pilot:

        async def settled_footer() -> str:
            """The footer once composed (it composes its keys again when the width changes)."""
            for _ in range(50):
                await pilot.pause(0.02)
                footer = read_screen(app).splitlines()[-1]
                if footer.strip():
                    return footer
            return ""

        footer = await settled_footer()
        assert "esc Leave" in footer and "f1 Help" in footer, footer
        await pilot.press("1")
        assert "f1 Help" in await settled_footer()
        text = read_screen(app)
        assert "Enter: continue · u: take back" in " ".join(text.split()), text


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
async def test_the_feedback_is_not_cut_off_with_the_meters_open(
    new_app: Callable[..., TrainerApp], read_screen, size: tuple[int, int]
) -> None:
    app = new_app(start_scenario=LONG_STORY)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("m", "2")  # the meters narrow the panel; "Arguing logically" is a long label
        await pilot.pause()
        lines = [line.split("│")[1].strip() for line in read_screen(app).splitlines() if line.count("│") >= 2]
        assert "-2 points" in " ".join(lines), lines
        hint = [line for line in lines if "Enter:" in line]
        assert hint in ([], ["Continue      Enter: continue · u: take back"]), "the hint is whole or left out"
        assert "Continue" in " ".join(lines)
