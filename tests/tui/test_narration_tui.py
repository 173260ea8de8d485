"""Conditional narration in the app: the play screen, the debrief and the replay viewer tell what the run did."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from trainer.core.replays.reader import read_replay
from trainer.core.replays.recorder import recorder_of
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import load_scenario
from trainer.tui.app import make_app
from trainer.tui.screens.debrief import DebriefScreen
from trainer.tui.screens.play import PlayScreen
from trainer.tui.widgets.transcript import Transcript, TranscriptBlock

pytestmark = pytest.mark.asyncio

NARRATION = Path(__file__).parents[1] / "scenarios" / "narration.yaml"


def transcript_text(screen: PlayScreen) -> str:
    return "\n".join(block.plain for block in screen.query_one(Transcript).query(TranscriptBlock))


async def play_to_the_debrief(pilot, *choice_ids: str) -> PlayScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    for choice_id in choice_ids:
        offered = [choice.id for choice in screen.session.offered()]
        await pilot.press(str(offered.index(choice_id) + 1), "enter")
        await pilot.pause()
    return screen


async def test_the_transcript_and_debrief_show_only_the_parts_this_run_earned(
    isolated_data_dir: Path, read_screen
) -> None:
    app = make_app(isolated_data_dir, start_scenario=load_scenario(NARRATION))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await play_to_the_debrief(pilot, "call_graham")
        shown = transcript_text(screen)
        assert "Graham's laugh is still in your ears." in shown
        assert "Your message to Mo sits unanswered." not in shown
        assert "Glad you rang. Sleep, yeah?" in shown and "Please stop texting me." not in shown
        await play_to_the_debrief(pilot, "sleep")
        assert isinstance(app.screen, DebriefScreen)
        debrief = str(app.screen.query_one("#debrief-text", Static).render())
        assert debrief == "You got through the first night. You rang Graham instead of Mo."
        recorder = recorder_of(app.screen.session)
        assert recorder is not None
        replay = recorder.path
        played = app.screen.session.scenario
    viewer = make_app(
        isolated_data_dir,
        replay=read_replay(replay, ScenarioResolver(isolated_data_dir, (played,)), keep_moves=True),
    )
    async with viewer.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right")
        text = read_screen(viewer)
        assert "Graham's laugh is still in your ears." in text and "Your message to Mo" not in text
        await pilot.press("end")
        assert "You got through the first night. You rang Graham instead of Mo." in read_screen(viewer)


async def test_taking_back_redraws_the_narration_for_the_new_meters(isolated_data_dir: Path) -> None:
    app = make_app(isolated_data_dir, start_scenario=load_scenario(NARRATION))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await play_to_the_debrief(pilot, "text_mo")
        assert "Your message to Mo sits unanswered." in transcript_text(screen)
        await pilot.press("u")
        await play_to_the_debrief(pilot, "sit_with_it")
        shown = transcript_text(screen)
        assert "Your message to Mo" not in shown and "Graham's laugh" not in shown
        assert "It is nearly midnight. The kettle clicks off." in shown
