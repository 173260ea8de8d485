"""Every bundled scenario can be played in the app, by keys alone, along its best run to a 100% debrief."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label, Static

from trainer.core.library import bundled_scenarios_dir, scenario_files
from trainer.core.play.turning_points import best_option, best_remaining
from trainer.core.scenario.loader import load_scenario
from trainer.tui.app import make_app
from trainer.tui.screens.debrief import DebriefScreen
from trainer.tui.screens.play import PlayScreen

BUNDLED = scenario_files(bundled_scenarios_dir())


@pytest.mark.asyncio
@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
async def test_bundled_scenario_best_run_reaches_a_full_score_debrief(
    path: Path, isolated_data_dir: Path, settle
) -> None:
    loaded = load_scenario(path)
    remaining = best_remaining(loaded)
    app = make_app(isolated_data_dir, start_scenario=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        session = screen.session
        assert session is not None
        while not session.ended:
            choice = best_option(loaded, session.state, remaining)
            assert choice is not None
            number = [c.id for c in session.offered()].index(choice.id) + 1
            await pilot.press(str(number))
            shown = str(screen.query_one("#feedback-category", Label).render())
            assert loaded.rubric[choice.category].label in shown
            await pilot.press("enter")
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        assert session.ending is not None
        assert session.ending.title in str(debrief.query_one("#ending-title", Static).render())
        score = str(debrief.query_one("#score", Static).render())
        assert f"Score {loaded.bounds.par} of par {loaded.bounds.par}" in score
        assert ": 100%, par: the best any run can score" in score
