"""The trainer's Textual app, and the factory the CLI and the tests both use to build it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from textual.app import App
from textual.binding import Binding, BindingType

from trainer.tui.commands import ScenarioCommands

# The core (pydantic, YAML, the loader) is imported on first use, after the library screen has
# painted, so the app appears as fast as Textual allows.
if TYPE_CHECKING:
    from textual.screen import Screen

    from trainer.core.library import LibraryEntry
    from trainer.core.play.engine import Run
    from trainer.core.scenario.loader import Scenario

DEFAULT_THEME = "textual-dark"


class ScenarioStats(Protocol):
    """What the library shows about past runs of one scenario (the replay history provides it)."""

    @property
    def runs(self) -> int: ...

    @property
    def best(self) -> int | None: ...


class TrainerApp(App[None]):
    """Library, play, debrief and help screens over the core engine."""

    # Absolute, so an app subclassed in another module finds it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Breakup trainer"
    COMMANDS = App.COMMANDS | {ScenarioCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Help", id="help", key_display="f1"),
        Binding("ctrl+q", "quit", "Quit", id="quit", show=False, priority=True),
    ]

    def __init__(
        self,
        data_dir: Path,
        *,
        start_scenario: Path | Scenario | None = None,
        stats: Mapping[str, ScenarioStats] | None = None,
        theme: str | None = None,
        player: str | None = None,
        resume: Path | None = None,
        watch: bool = False,
        record: bool = True,
    ) -> None:
        super().__init__()
        from trainer.core.settings import settings_or_defaults

        settings, broken = settings_or_defaults(data_dir)
        self._notices: list[str] = []
        if broken is not None:
            self._notices.append(f"{broken.diagnostics[0]}\nThe default settings are used; the file is left as it is.")
        # Whether runs are recorded; False after the player chose to play without (the data
        # folder cannot be written) or asked for it (--no-record).
        self.record_runs = record
        self.watch_start_scenario = watch
        self.data_dir = data_dir
        self.start_scenario = start_scenario
        self.player = player or settings.player_name
        self._resume_next: tuple[Scenario, Path] | None = None
        if resume is not None and start_scenario is not None and not isinstance(start_scenario, Path):
            self._resume_next = (start_scenario, resume)
        # Given stats (tests) are shown as they are; otherwise they come from the replays.
        self._stats: dict[str, ScenarioStats] | None = dict(stats) if stats is not None else None
        self._library: list[LibraryEntry] | None = None
        # The calm line pointing to support, shown in the help and beside self_blame feedback.
        self.support_line = settings.support_line
        # Remembering starts after this first choice: a --theme given for one session is not saved.
        self._remember_theme = False
        self.theme = self._usable_theme(theme, settings.theme)
        self._remember_theme = True

    # ------------------------------------------------------------ the theme, remembered

    def _usable_theme(self, asked: str | None, saved: str | None) -> str:
        """``--theme`` if given (an unknown one is an error), else the saved theme, else the default."""
        if asked is not None:
            if asked not in self.available_themes:
                from trainer.core.errors import TrainerError

                known = ", ".join(sorted(self.available_themes))
                raise TrainerError(f"unknown theme '{asked}' (themes: {known})")
            return asked
        if saved is not None and saved not in self.available_themes:
            self._notices.append(f"settings.toml names an unknown theme, '{saved}', so {DEFAULT_THEME} is used.")
            return DEFAULT_THEME
        return saved or DEFAULT_THEME

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the app (command palette) is the one the next start uses."""
        if not self._remember_theme:
            return
        from trainer.core.errors import ScenarioError
        from trainer.core.settings import load_settings, save_settings

        try:
            save_settings(self.data_dir, load_settings(self.data_dir).updated(theme=theme))
        except (ScenarioError, OSError) as error:
            reason = "; ".join(str(d) for d in error.diagnostics) if isinstance(error, ScenarioError) else str(error)
            self.notify(f"The theme could not be remembered: {reason}", severity="warning", markup=False)

    def on_ready(self) -> None:
        for notice in self._notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)

    # ------------------------------------------------------------ data the screens share

    @property
    def library(self) -> list[LibraryEntry]:
        """Every bundled and user scenario, loaded once (broken files kept with their errors)."""
        if self._library is None:
            from trainer.core.library import load_library

            self._library = load_library(self.data_dir)
        return self._library

    def reload_library(self) -> list[LibraryEntry]:
        self._library = None
        return self.library

    def scenario_stats(self) -> Mapping[str, ScenarioStats]:
        """Runs and best percent per scenario id, recomputed from the replays each time the library shows."""
        if self._stats is not None:
            return self._stats
        from trainer.core.replays.history import run_stats

        return run_stats(self.data_dir, [entry.loaded for entry in self.library if entry.loaded is not None])

    def start_session(self, loaded: Scenario) -> Run:
        """Begin a run: the one place runs are created; every run is recorded, or resumed when asked."""
        from trainer.core.replays.recorder import resume_recorded_run, start_recorded_run

        resume, self._resume_next = self._resume_next, None
        if resume is not None and resume[0] is loaded:
            return resume_recorded_run(loaded, resume[1])
        if not self.record_runs:
            return loaded.new_run()
        return start_recorded_run(loaded, self.data_dir, self.player)

    def resume(self, loaded: Scenario, replay: Path) -> None:
        """Continue the unfinished run recorded in ``replay``, in the same file."""
        self._resume_next = (loaded, replay)
        self.play(loaded)

    # ------------------------------------------------------------ navigation

    def get_default_screen(self) -> Screen:
        from trainer.tui.screens.library import LibraryScreen

        return LibraryScreen()

    def on_mount(self) -> None:
        start = self.start_scenario
        if start is not None and self.watch_start_scenario:
            from trainer.tui.watch import ScenarioWatch

            ScenarioWatch(self, start).start()  # the run, or the file's errors until a save fixes them
            return
        if isinstance(start, Path):
            from trainer.core.scenario.loader import load_scenario

            start = load_scenario(start)
        if start is not None:
            self.play(start)

    def play(self, loaded: Scenario) -> None:
        """Open a fresh run of ``loaded`` on top of the library.

        When runs cannot be saved (a read-only or missing data folder) the player is told before
        play starts and offered to play without recording, rather than failing at the first choice.
        """
        from trainer.core.replays.recorder import recording_problem
        from trainer.core.text import one_line
        from trainer.tui.screens.play import PlayScreen
        from trainer.tui.widgets.confirm import ConfirmModal

        problem = None
        if self.record_runs and self._resume_next is None:
            problem = recording_problem(self.data_dir, loaded.id)
        if problem is None:
            self.push_screen(PlayScreen(loaded))
            return

        def answered(unrecorded: bool | None) -> None:
            if unrecorded:
                self.record_runs = False
                self.push_screen(PlayScreen(loaded))

        question = ConfirmModal(
            "Your runs cannot be saved",
            f"{one_line(problem)}.\nPlay without recording? Nothing of this run will be kept.",
            yes="Play without recording",
            no="Back",
        )
        self.push_screen(question, answered)

    def action_help(self) -> None:
        from trainer.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(care=self.support_line))

    async def action_quit(self) -> None:
        """Quit, but ask first when a run is in progress."""
        from trainer.tui.screens.play import PlayScreen

        screen = self.screen
        if isinstance(screen, PlayScreen) and screen.run_in_progress:
            screen.confirm_leave(quit_app=True)
        else:
            self.exit()


def make_app(data_dir: Path, **options: Any) -> TrainerApp:
    """Build the app for a data folder: the one place the CLI and the tests both construct it.

    Options are TrainerApp's: start_scenario, stats, theme (overrides the saved one), player, resume, watch.
    """
    return TrainerApp(data_dir, **options)
