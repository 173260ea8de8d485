"""A self_blame choice gets one calm line pointing to support, beside its feedback and in the help."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label, Static

from trainer.core.scenario.loader import load_scenario
from trainer.core.settings import DEFAULT_SUPPORT_LINE, Settings, save_settings
from trainer.tui.app import make_app
from trainer.tui.screens.help import HelpScreen
from trainer.tui.screens.play import PlayScreen
from trainer.tui.widgets.feedback_panel import FeedbackPanel

pytestmark = pytest.mark.asyncio

NARRATION = Path(__file__).parents[1] / "scenarios" / "narration.yaml"
OWN_LINE = "Practice only. When it gets heavy, ring Sam or the helpline on the fridge."


async def choose(pilot, choice_id: str) -> PlayScreen:
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    offered = [choice.id for choice in screen.session.offered()]
    await pilot.press(str(offered.index(choice_id) + 1))
    await pilot.pause()
    return screen


async def to_self_blame(pilot) -> PlayScreen:
    """Sit with it, continue, then follow the thought "maybe I just wasn't enough"."""
    await pilot.pause()
    await choose(pilot, "sit_with_it")
    await pilot.press("enter")
    await pilot.pause()
    return await choose(pilot, "not_enough")


def care_of(screen: PlayScreen) -> Static:
    return screen.query_one("#feedback-care", Static)


async def test_the_support_line_shows_beside_self_blame_feedback_only(isolated_data_dir: Path) -> None:
    app = make_app(isolated_data_dir, start_scenario=load_scenario(NARRATION))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = await choose(pilot, "sit_with_it")
        assert not care_of(screen).display
        await pilot.press("enter")
        await pilot.pause()
        screen = await choose(pilot, "not_enough")
        assert care_of(screen).display
        assert str(care_of(screen).render()) == DEFAULT_SUPPORT_LINE
        await pilot.press("u")
        await pilot.pause()
        screen = await choose(pilot, "wait_up")
        assert not care_of(screen).display


async def test_self_blame_feedback_has_its_own_gentle_mark_words_and_border(isolated_data_dir: Path) -> None:
    # It was shown as "✗ Self-blame -1 points" in the mistake's red, like begging.
    app = make_app(isolated_data_dir, start_scenario=load_scenario(NARRATION))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await to_self_blame(pilot)
        panel = screen.query_one(FeedbackPanel)
        assert str(panel.query_one("#feedback-category", Label).render()).strip() == "◦ Self-blame"
        assert str(panel.query_one("#feedback-points", Label).render()) == "-1 point, a gentle mistake"
        assert panel.has_class("-care") and not panel.has_class("-mistake")
        await pilot.press("u")
        await pilot.pause()
        screen = await choose(pilot, "wait_up")
        assert str(panel.query_one("#feedback-category", Label).render()).strip().startswith("✗ ")
        assert panel.has_class("-mistake") and not panel.has_class("-care")


async def test_the_players_own_support_line_is_used_in_feedback_and_help(isolated_data_dir: Path, read_screen) -> None:
    save_settings(isolated_data_dir, Settings(support_line=OWN_LINE))
    app = make_app(isolated_data_dir, start_scenario=load_scenario(NARRATION))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await to_self_blame(pilot)
        assert str(care_of(screen).render()) == OWN_LINE
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert str(app.screen.query_one("#care", Static).render()) == OWN_LINE


async def test_a_broken_settings_file_still_leaves_the_default_line(isolated_data_dir: Path, settle) -> None:
    (isolated_data_dir / "settings.toml").write_text("support_line = [not toml", encoding="utf-8")
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await settle(pilot)  # F1 waits until the library has loaded (a first start loads every scenario)
        assert str(app.screen.query_one("#care", Static).render()) == DEFAULT_SUPPORT_LINE
