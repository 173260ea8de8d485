"""SVG snapshots of each screen at 80x24 and 120x40 (review changes with `pytest --snapshot-update`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from trainer.tui.app import TrainerApp

KITCHEN = Path(__file__).parents[1] / "scenarios" / "tui_library" / "kitchen-table.yaml"
LONG_STORY = Path(__file__).parents[1] / "scenarios" / "long_story.yaml"
NARRATION = Path(__file__).parents[1] / "scenarios" / "narration.yaml"
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


class TestLibrary:
    @SIZES
    def test_library_with_a_broken_user_scenario(
        self, snap_compare, settle, new_app: Callable[..., TrainerApp], isolated_data_dir: Path, size: tuple[int, int]
    ) -> None:
        scenarios = isolated_data_dir / "scenarios"
        scenarios.mkdir()
        (scenarios / "broken.yaml").write_text(KITCHEN.read_text().replace("category: logic", "category: logik"))
        assert snap_compare(new_app(), terminal_size=size, run_before=settle)


class TestPlay:
    @SIZES
    def test_play_with_feedback_panel_open(
        self, snap_compare, settle, new_app: Callable[..., TrainerApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(new_app(start_scenario=KITCHEN), press=["1"], terminal_size=size, run_before=settle)

    def test_self_blame_feedback_is_gentle_not_a_mistakes_cross(
        self, snap_compare, settle, new_app: Callable[..., TrainerApp]
    ) -> None:
        """Self-blame has its own mark, words and border; the support line goes beside it."""

        async def to_self_blame(pilot) -> None:
            await settle(pilot)
            for choice_id in ("sit_with_it", "not_enough"):
                offered = [choice.id for choice in pilot.app.screen.session.offered()]
                await pilot.press(str(offered.index(choice_id) + 1))
                await settle(pilot)
                if choice_id == "sit_with_it":
                    await pilot.press("enter")

        assert snap_compare(new_app(start_scenario=NARRATION), terminal_size=(80, 24), run_before=to_self_blame)

    @pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=["60x20", "80x24", "120x40"])
    def test_play_shows_the_newest_line_with_the_choices(
        self, snap_compare, new_app: Callable[..., TrainerApp], size: tuple[int, int]
    ) -> None:
        """After a choice and Continue, a long transcript ends with the line the choices answer."""
        assert snap_compare(new_app(start_scenario=LONG_STORY), press=["3", "enter"], terminal_size=size)


class TestDebrief:
    @SIZES
    def test_debrief_after_two_mistakes(
        self, snap_compare, settle, new_app: Callable[..., TrainerApp], size: tuple[int, int]
    ) -> None:
        assert snap_compare(
            new_app(start_scenario=KITCHEN), press=["1", "enter", "1", "enter"], terminal_size=size, run_before=settle
        )

    def test_play_again_opens_a_transcript_styled_like_the_first(
        self, snap_compare, settle, new_app: Callable[..., TrainerApp]
    ) -> None:
        """The debrief's styles stay on the debrief: no blank line between narration and speech after "Play again"."""
        assert snap_compare(
            new_app(start_scenario=KITCHEN),
            press=["1", "enter", "1", "enter", "p"],
            terminal_size=(80, 24),
            run_before=settle,
        )


class TestHelp:
    def test_help_at_80x24(self, snap_compare, settle, new_app: Callable[..., TrainerApp]) -> None:
        assert snap_compare(new_app(), press=["f1"], terminal_size=(80, 24), run_before=settle)
