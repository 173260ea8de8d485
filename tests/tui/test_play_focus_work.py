"""A choice moves focus from the hidden choices to Continue without repainting or restyling more than it must."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Button

from trainer.tui.app import TrainerApp
from trainer.tui.screens.play import PlayScreen
from trainer.tui.widgets.choice_list import ChoiceList

pytestmark = pytest.mark.asyncio


async def open_kitchen(pilot, settle) -> PlayScreen:
    """The Kitchen Table: its choice 2 leads to a scene with more choices."""
    await settle(pilot)
    await pilot.press("down", "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    return screen


async def test_a_choice_neither_repaints_the_screen_nor_restyles_the_hidden_choices(
    new_app: Callable[..., TrainerApp], settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_kitchen(pilot, settle)
        choices = screen.query_one("#choices", ChoiceList)
        assert choices.has_focus
        repaints: list[object] = []
        restyled: list[DOMNode] = []
        refresh, apply = Screen.refresh, Stylesheet.apply

        def spy_refresh(self: Screen, *regions: object, **kwargs: object) -> Screen:
            if self is screen and not regions and kwargs.get("repaint", True):
                repaints.append(kwargs)
            return refresh(self, *regions, **kwargs)  # type: ignore[arg-type]

        def spy_apply(self: Stylesheet, node: DOMNode, *args: object, **kwargs: object) -> None:
            restyled.append(node)
            apply(self, node, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Screen, "refresh", spy_refresh)
        monkeypatch.setattr(Stylesheet, "apply", spy_apply)
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one("#continue", Button).has_focus
        assert repaints == []
        assert choices not in restyled

        # Shown again for the next scene, the list is focused and styled as focused (tinted).
        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
        assert choices.display and choices.has_focus
        assert choices.styles.background_tint.a > 0


async def test_hidden_choices_that_come_back_without_focus_are_restyled_when_shown(
    new_app: Callable[..., TrainerApp], settle
) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_kitchen(pilot, settle)
        choices = screen.query_one("#choices", ChoiceList)
        assert choices.styles.background_tint.a > 0  # focused
        await pilot.press("2")
        await pilot.pause()
        choices.display = True  # shown again while Continue keeps the focus
        await pilot.pause()
        assert not choices.has_focus
        assert choices.styles.background_tint.a == 0  # styled as blurred, not as it was when hidden
