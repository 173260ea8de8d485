"""Playing a run in the real app with keys and with the mouse: feedback, take-back, leaving, debrief."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual import events
from textual.widgets import Label, OptionList, Static

from trainer.core.replays.recorder import continue_run
from trainer.core.scenario.loader import load_scenario
from trainer.tui.app import TrainerApp
from trainer.tui.screens.debrief import DebriefScreen
from trainer.tui.screens.library import LibraryScreen
from trainer.tui.screens.play import PlayScreen
from trainer.tui.widgets.confirm import ConfirmModal
from trainer.tui.widgets.feedback_panel import FeedbackPanel
from trainer.tui.widgets.meters_panel import MetersPanel
from trainer.tui.widgets.transcript import Transcript, TranscriptBlock

pytestmark = pytest.mark.asyncio

KITCHEN = Path(__file__).parents[1] / "scenarios" / "tui_library" / "kitchen-table.yaml"


def choice_prompts(screen: PlayScreen) -> list[str]:
    """The choices as the option list shows them, each on one line."""
    options = screen.query_one("#choices", OptionList)
    console = Console(width=200, file=io.StringIO())
    shown = []
    for i in range(options.option_count):
        with console.capture() as captured:
            console.print(options.get_option_at_index(i).prompt)
        shown.append(captured.get().rstrip())
    return shown


def feedback_label(screen: PlayScreen) -> str:
    return str(screen.query_one("#feedback-category", Label).render()).strip()


async def open_kitchen(pilot, settle) -> PlayScreen:
    """From the library, move to The Kitchen Table (second, by difficulty) and press Enter."""
    await settle(pilot)  # the library fills just after its first paint
    await pilot.press("down", "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    assert screen.loaded.id == "kitchen-table"
    return screen


async def test_full_run_with_keys_shows_each_category_then_the_debrief(
    new_app: Callable[..., TrainerApp], settle
) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        await pilot.press("2")
        assert screen.query_one(FeedbackPanel).display
        assert feedback_label(screen) == "✓ Graceful"
        assert not screen.query_one("#choices").display
        await pilot.press("enter")
        assert choice_prompts(screen) == [
            "1. After four years? We have the flat, the holiday booked...",
            "2. That hurts. I wish you well, Robin. I'll stay at Sam's tonight.",
        ]
        await pilot.press("2")
        assert feedback_label(screen) == "✓ Graceful"
        await pilot.press("space")
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        assert "A quiet exit" in str(debrief.query_one("#ending-title", Static).render())
        assert "Score 6 of par 6 (worst possible -5): 100%, par: the best any run can score" in str(
            debrief.query_one("#score", Static).render()
        )


async def test_arrow_keys_and_enter_choose_the_highlighted_option(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        await pilot.press("down", "down", "enter")
        assert feedback_label(screen) == "✗ Sulking"
        assert screen.session is not None and screen.session.score == -1


async def test_mouse_alone_plays_a_run_to_the_debrief_and_back_to_the_library(
    new_app: Callable[..., TrainerApp], settle
) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click("#scenarios", offset=(3, 2))  # header row, then the second scenario
        await pilot.click("#play")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen) and screen.loaded.id == "kitchen-table"
        await pilot.click("#choices", offset=(4, 2))  # border, then the second option
        assert feedback_label(screen) == "✓ Graceful"
        await pilot.click("#continue")
        await pilot.click("#choices", offset=(4, 2))
        await pilot.click("#continue")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.click("#library")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_out_of_range_number_does_nothing(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        await pilot.press("9")
        assert not screen.query_one(FeedbackPanel).display
        assert screen.session is not None and screen.session.history == []


async def test_take_back_during_feedback_offers_the_same_choices_again(
    new_app: Callable[..., TrainerApp], settle
) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        before = choice_prompts(screen)
        await pilot.press("1", "u")
        await settle(pilot)
        assert not screen.query_one(FeedbackPanel).display
        assert choice_prompts(screen) == before
        assert screen.session is not None and screen.session.score == 0
        assert "Whatever it is, we can fix it" not in "".join(
            block.plain for block in screen.query("#transcript .turn").results(TranscriptBlock)
        )


async def test_the_transcript_is_one_widget_per_scene_and_reply(new_app: Callable[..., TrainerApp], settle) -> None:
    """Every widget of the transcript is laid out and painted on each choice: a block of narration
    and lines, or a reply and its category, is one widget, not a column of them."""
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        await pilot.press("2", "enter", "1")
        await settle(pilot)
        transcript = screen.query_one(Transcript)
        blocks = list(transcript.query(TranscriptBlock))
        assert [block.has_class("scene") for block in blocks] == [True, False, True, False]
        assert len(list(transcript.walk_children())) == len(blocks)
        assert blocks[1].plain.startswith("You  ")


async def test_take_back_after_continuing_returns_to_the_previous_scene(
    new_app: Callable[..., TrainerApp], settle
) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        await pilot.press("1", "enter")
        assert screen.session is not None and screen.session.scene_id == "decision"
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.session.scene_id == "opening"
        assert len(choice_prompts(screen)) == 3
        # Having listened instead, the goodbye is now on offer.
        await pilot.press("2", "enter")
        assert len(choice_prompts(screen)) == 2


async def test_take_back_with_nothing_to_undo_keeps_the_run(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        await pilot.press("u")
        await settle(pilot)
        assert app.screen is screen
        assert len(choice_prompts(screen)) == 3


async def test_meters_are_hidden_until_asked_for(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        meters = screen.query_one(MetersPanel)
        assert not meters.display
        await pilot.press("1", "m")
        assert meters.display
        assert "Your footing\n  -2" in str(meters.render())
        await pilot.press("m")
        assert not meters.display


async def test_hidden_meters_are_filled_only_when_shown(new_app: Callable[..., TrainerApp], settle) -> None:
    """Each choice changes the meters; a hidden panel is not rewritten (nor the screen laid out for it)."""
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        meters = screen.query_one(MetersPanel)
        written: list[str] = []
        original_update = meters.update
        meters.update = lambda content="", **kwargs: (written.append(str(content)), original_update(content, **kwargs))
        await pilot.press("1")
        await settle(pilot)
        assert written == []
        await pilot.press("m")
        await settle(pilot)
        assert len(written) == 1 and "Your footing\n  -2" in written[0]
        await pilot.press("u", "2")  # shown: kept up to date
        await settle(pilot)
        assert "Your footing\n  -2" not in written[-1]
        await pilot.press("m", "u")
        await settle(pilot)
        shown = len(written)
        await pilot.press("m")
        assert len(written) == shown + 1 and "Your footing\n  +0" in written[-1]


async def test_leaving_mid_run_asks_first(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        await pilot.press("1", "enter", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and screen.session is not None and len(screen.session.history) == 1
        await pilot.press("q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_leaving_before_any_choice_does_not_ask(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_kitchen(pilot, settle)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_quitting_the_app_mid_run_asks_first(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_kitchen(pilot, settle)
        await pilot.press("1", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert app.is_running
        await pilot.press("y")
        await settle(pilot)
        assert not app.is_running


async def test_start_scenario_opens_straight_into_play(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app(start_scenario=KITCHEN)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.loaded.id == "kitchen-table"
        assert app.screen.sub_title == "The Kitchen Table"


async def test_every_run_begins_in_start_session(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app(start_scenario=KITCHEN)
    started: list[str] = []
    original = app.start_session

    def recording(loaded, replay=None):
        started.append(loaded.id)
        return original(loaded, replay)

    app.start_session = recording  # type: ignore[method-assign]
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "enter", "1", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.session.history == []
    assert started == ["kitchen-table", "kitchen-table"]


async def test_a_run_continued_on_a_reloaded_scenario_keeps_its_choices(
    new_app: Callable[..., TrainerApp], tmp_path: Path, settle
) -> None:
    app = new_app(start_scenario=KITCHEN)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        await pilot.press("2", "enter")
        edited = tmp_path / "kitchen-table.yaml"
        edited.write_text(KITCHEN.read_text().replace("Okay. I'm listening.", "Okay. Go on."))
        screen.switch_run(continue_run(screen.session, load_scenario(edited)))
        await settle(pilot)
        assert [s.choice.id for s in screen.session.history] == ["listen"]
        replies = " ".join(block.plain for block in screen.query("#transcript .turn").results(TranscriptBlock))
        assert "Okay. Go on." in replies


async def test_help_lists_the_keys_and_says_it_is_practice_not_therapy(
    new_app: Callable[..., TrainerApp], read_screen, settle
) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await settle(pilot)
        text = read_screen(app)
        assert "practice, not therapy" in text
        assert "take your last choice back" in text
        assert "Ctrl+Q" in text  # the last line fits at 80x24
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_feedback_panel_and_choices_fit_at_size(
    new_app: Callable[..., TrainerApp], read_screen, size: tuple[int, int], settle
) -> None:
    app = new_app(start_scenario=KITCHEN)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        words = " ".join(read_screen(app).replace("│", " ").split())
        assert "Continue" in words
        assert "puts her in charge of your panic. Letting her finish would have kept your footing." in words


async def test_choices_rewrap_with_hanging_indent_when_the_meters_open(
    new_app: Callable[..., TrainerApp], read_screen, settle
) -> None:
    app = new_app(start_scenario=KITCHEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "enter", "m")
        await settle(pilot)
        lines = read_screen(app).splitlines()
        assert any(line.startswith("│ 1. After four years? We have the flat, the holiday") for line in lines)
        assert any(line.startswith("│    booked...") for line in lines)


async def test_keys_typed_ahead_in_one_burst_each_take_effect(new_app: Callable[..., TrainerApp], settle) -> None:
    """A player who knows the way types "2, Enter, 2" before the screen has repainted: all three keys
    arrive before the feedback's Continue button has focus. Enter still continues and the second 2
    still chooses; none of them is lost to the hidden choice list."""
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        for key, character in (("2", "2"), ("enter", "\r"), ("2", "2")):
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert screen.session is not None
        assert [step.choice.choice.id for step in screen.session.history] == ["listen", "goodbye"]
        assert feedback_label(screen) == "✓ Graceful"


async def test_the_arrow_keys_move_between_the_leave_dialogs_buttons(
    new_app: Callable[..., TrainerApp], settle
) -> None:
    """Keep playing has focus; → then Enter picks Leave, ← then Enter goes back to Keep playing."""
    app = new_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_kitchen(pilot, settle)
        await pilot.press("1", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("right", "left", "enter")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
