"""Live preview (`trainer play FILE --watch`): reload the scenario when its file changes on disk.

`watchfiles` does the watching (the file's folder, because editors save by writing a new file and
renaming it over the old one). A reload that loads cleanly replaces the scenario under the run:
the same run continues, in the same replay file, at the same scene if replaying its choices still
leads there; otherwise its replay is closed as abandoned and one new run starts. Either way the
author is told, and there is never more than one unfinished replay of the preview. A reload with
errors shows them and keeps the previous version playing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.errors import ScenarioError, display_path
from trainer.core.replays.recorder import abandon_run, hand_over
from trainer.core.scenario.compiled import StepError
from trainer.core.scenario.loader import Scenario, load_scenario
from trainer.core.text import visible
from trainer.tui.error_lines import errors_text

if TYPE_CHECKING:
    from trainer.core.play.engine import Run
    from trainer.tui.app import TrainerApp
    from trainer.tui.screens.play import PlayScreen
    from trainer.tui.screens.scenario_errors import ScenarioErrorsScreen


@dataclass(frozen=True, slots=True)
class Continuation:
    """Where a run goes after its scenario is reloaded: on at the same scene (``run``, its choices made
    again on the reloaded scenario), or back to the start (``run`` is None)."""

    run: Run | None
    message: str


def plan_continuation(loaded: Scenario, scene_id: str, choice_ids: list[str], seed: int | None = None) -> Continuation:
    """Does making ``choice_ids`` again in the reloaded scenario (its machine plays them) still lead to ``scene_id``?"""
    name = visible(loaded.shown_path)
    if scene_id not in loaded.compiled.scene_index:
        return Continuation(None, f"Reloaded {name}: scene '{scene_id}' is gone, so the run restarts.")
    run = loaded.new_run(seed)
    try:
        for choice_id in choice_ids:
            run.choose(choice_id)
    except StepError:
        return Continuation(
            None, f"Reloaded {name}: your choices no longer lead to scene '{scene_id}', so the run restarts."
        )
    if run.scene_id != scene_id:
        return Continuation(
            None, f"Reloaded {name}: your choices now lead elsewhere than scene '{scene_id}', so the run restarts."
        )
    return Continuation(run, f"Reloaded {name}: continuing at scene '{scene_id}'.")


class ScenarioWatch:
    """Watches one scenario file for an app and reloads it into the play screen showing it.

    Given a file that does not load yet, it shows the errors and starts the run at the first save
    that loads cleanly. The app opens the runs, so they are recorded like any other.
    """

    def __init__(self, app: TrainerApp, start: Scenario | Path) -> None:
        self.app = app
        self.current: Scenario | None = None if isinstance(start, Path) else start
        self.target = (start if isinstance(start, Path) else start.path).resolve()
        self.shown_path = display_path(start) if isinstance(start, Path) else start.shown_path

    def start(self) -> None:
        """Open the run (or the errors), then watch in a worker of the app: cancelled with the app."""
        if self.current is None:
            try:
                self.current = load_scenario(self.target, self.shown_path)
            except ScenarioError as error:
                from trainer.tui.screens.scenario_errors import ScenarioErrorsScreen

                self.app.push_screen(ScenarioErrorsScreen(self.shown_path, error))
        if self.current is not None:
            self.app.open_run(self.current)
        self.app.run_worker(self.watch(), name="watch-scenario", group="watch", exclusive=True)

    async def watch(self) -> None:
        from watchfiles import awatch

        target = self.target

        def is_target(_change: object, path: str) -> bool:
            return Path(path).resolve() == target

        async for _changes in awatch(target.parent, watch_filter=is_target, debounce=400, step=50):
            await self.reload()

    async def reload(self) -> None:
        """Load the file again (in a thread: a big scenario takes a moment) and apply the result."""
        if not self.target.is_file():
            return  # mid-save (deleted before the new version is renamed in): the next change brings it
        try:
            loaded = await asyncio.to_thread(load_scenario, self.target, self.shown_path)
        except ScenarioError as error:
            waiting = self.errors_screen()
            if waiting is not None:
                waiting.show_errors(error)
                return
            self.app.notify(
                f"{errors_text(error)}\nStill playing the previous version.",
                title="The scenario has errors",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        if self.current is not None and loaded.sha256 == self.current.sha256:
            return
        self.current = loaded
        self.apply(loaded)

    def apply(self, loaded: Scenario) -> None:
        if self.errors_screen() is not None:
            self.app.open_run(loaded)  # in the errors' place
            self.app.notify(f"{visible(loaded.shown_path)} loads now: the run begins.", timeout=5, markup=False)
            return
        screen = self.play_screen()
        if screen is None:
            self.app.notify(f"Reloaded {visible(loaded.shown_path)}.", timeout=5, markup=False)
            return
        session = screen.session
        plan = plan_continuation(loaded, session.scene_id, [step.choice.id for step in session.history], session.seed)
        # One run, one replay: the same run goes on in its file, or is closed as abandoned for a new one.
        if plan.run is not None:
            screen.switch_run(hand_over(session, plan.run))
        else:
            abandon_run(session)
            screen.switch_run(self.app.start_session(loaded, seed=session.seed))  # the order the author saw
        self.app.notify(plan.message, timeout=6, markup=False)

    def errors_screen(self) -> ScenarioErrorsScreen | None:
        """The screen waiting for this file to load, if it is the one showing."""
        from trainer.tui.screens.scenario_errors import ScenarioErrorsScreen

        screen = self.app.screen
        return screen if isinstance(screen, ScenarioErrorsScreen) else None

    def play_screen(self) -> PlayScreen | None:
        """The play screen running this file, if one is open."""
        from trainer.tui.screens.play import PlayScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, PlayScreen) and screen.loaded.path.resolve() == self.target:
                return screen
        return None
