"""The trainer's Textual app, and the factory the CLI and the tests both use to build it.

The app owns navigation: screens post the messages of `trainer.tui.navigation` and the handlers
here build the next screen with everything it needs. Screens never import each other or the app.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType

from trainer.tui.commands import ScenarioCommands
from trainer.tui.navigation import OpenHistory, PlayScenario, RunEnded, ViewReplay

# The core (YAML, msgspec, the loader) and the screens that use it are imported on first use,
# after the library screen has painted, so the app appears as fast as Textual allows.
if TYPE_CHECKING:
    from textual.screen import Screen

    from trainer.core.library import LibraryEntry
    from trainer.core.play.engine import Run
    from trainer.core.replays.reader import VerifiedReplay
    from trainer.core.scenario.loader import Scenario
    from trainer.tui.screens.help import HelpSection
    from trainer.tui.screens.library import LibraryScreen, ScenarioStats

DEFAULT_THEME = "textual-dark"
IDLE_SECONDS = 1.0  # no input for this long: the player is reading, a good moment for a full garbage collection
# A key's answer is drawn well within this; a collector held longer (its frame never came) is given back.
HOLD_LIMIT_SECONDS = 0.5


class TrainerApp(App[None]):
    """Library, play, debrief, history, replay and help screens over the core engine."""

    # Absolute, so an app subclassed in another module finds it too. Only the library's rules are
    # parsed before the first frame; the other screens' (SCREENS_CSS_PATH) when the first of them
    # opens (`push_screen`, `switch_screen`), about 5 ms later on the path the player waits on.
    CSS_PATH = Path(__file__).with_name("library.tcss")
    SCREENS_CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Breakup trainer"
    COMMANDS = App.COMMANDS | {ScenarioCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Help", id="help", key_display="f1", tooltip="this help"),
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",
            id="palette",
            show=False,
            priority=True,
            tooltip="command palette: play by name, change the theme",
        ),
        Binding(
            "ctrl+q", "quit", "Quit", id="quit", show=False, priority=True, tooltip="quit (asks first during a run)"
        ),
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
        replay: VerifiedReplay | None = None,
        seed: int | None = None,
    ) -> None:
        """``start_scenario`` opens straight into a run (``resume``: its unfinished replay to continue;
        ``watch``: reload it when its file changes); ``replay`` opens the replay viewer alone, and
        leaving it quits; ``record=False`` plays without saving runs; ``seed`` orders the first new run's
        choices (later runs draw their own); ``stats`` (tests) replace the library's figures from the replays.
        """
        super().__init__()
        from trainer.core.settings import settings_or_defaults

        settings, broken = settings_or_defaults(data_dir)
        self._notices: list[str] = []
        if broken is not None:
            self._notices.append(f"{broken.diagnostics[0]}\nThe default settings are used; the file is left as it is.")
        # Whether runs are recorded; False after the player chose to play without (the data
        # folder cannot be written) or asked for it (--no-record).
        self.record_runs = record
        self.data_dir = data_dir
        self.start_scenario = start_scenario
        self.start_replay = resume
        self.watch_start_scenario = watch
        self.replay = replay
        self.player = player or settings.player_name
        self.stats = stats
        self._first_seed = seed
        # The library as last loaded by its screen, for the command palette.
        self.library: list[LibraryEntry] = []
        # The calm line pointing to support, shown in the help and beside self_blame feedback.
        self.support_line = settings.support_line
        # Remembering starts after this first choice: a --theme given for one session is not saved.
        self._remember_theme = False
        self.theme = self._usable_theme(theme, settings.theme)
        self._remember_theme = True
        # Whether the long-lived heap was frozen (once, after the library or the first run loaded).
        self._heap_frozen = False
        # The collector's thresholds while the app runs full collections itself, and the last input.
        self._gc_thresholds: tuple[int, int, int] | None = None
        self._last_input = monotonic()
        # When the collector was stopped for a key's answer (None: it is not).
        self._collector_held_since: float | None = None
        from trainer.tui.compositor_fix import one_arrangement_per_layout
        from trainer.tui.styles_cache_fix import cache_inner_outer_on_colours

        cache_inner_outer_on_colours()
        one_arrangement_per_layout()

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
            from trainer.core.text import one_line

            self._notices.append(
                f"settings.toml names an unknown theme, '{one_line(saved)}', so {DEFAULT_THEME} is used."
            )
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

    # ------------------------------------------------------------ the player's name, remembered

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Your name", "The name your runs are recorded under", self.action_set_name)

    def action_set_name(self) -> None:
        """Ask for the name recorded in replays and keep it in settings.toml (a served visitor's only way)."""
        from trainer.tui.widgets.name_prompt import NamePrompt, cleaned_name

        def answered(typed: str | None) -> None:
            if typed is None:
                return
            from trainer.core.errors import ScenarioError
            from trainer.core.settings import load_settings, save_settings

            name = cleaned_name(typed)
            try:
                save_settings(self.data_dir, load_settings(self.data_dir).updated(player_name=name))
            except (ScenarioError, OSError) as error:
                reason = (
                    "; ".join(str(d) for d in error.diagnostics) if isinstance(error, ScenarioError) else str(error)
                )
                self.notify(f"Your name could not be saved: {reason}", severity="warning", markup=False)
                return
            self.player = name
            self.notify(
                f"Your runs are recorded as {name}." if name else "Your runs are recorded without a name.", markup=False
            )

        self.push_screen(NamePrompt(self.player), answered)

    def on_ready(self) -> None:
        for notice in self._notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)

    def get_default_screen(self) -> Screen:
        if self.replay is not None:
            from textual.screen import Screen

            return Screen()  # the viewer alone: no library to load
        from trainer.tui.screens.library import LibraryScreen

        return LibraryScreen(self.data_dir, stats=self.stats)

    def on_mount(self) -> None:
        self.collect_when_idle()
        if self.replay is not None:
            self.view_replay(self.replay, then=self.exit)
            return
        start = self.start_scenario
        if start is not None and self.watch_start_scenario:
            from trainer.tui.watch import ScenarioWatch

            ScenarioWatch(self, start).start()  # the run, or the file's errors until a save fixes them
            return
        if isinstance(start, Path):
            from trainer.core.scenario.loader import load_scenario

            start = load_scenario(start)
        if start is not None:
            self.open_run(start, self.start_replay)

    # ------------------------------------------------------------ the other screens' rules

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        self.add_screen_styles()
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen: Any) -> Any:
        self.add_screen_styles()
        return super().switch_screen(screen)

    def add_screen_styles(self) -> None:
        """The rules of every screen but the library, once, before the first of them is styled.

        Added as the app's own stylesheet file is (a user rule, the same place in the cascade),
        and parsed alone: the parse cache keeps the others' rules. Nothing already shown needs a
        restyle, as every rule in it is scoped to another screen or to a category's classes.
        """
        path = self.SCREENS_CSS_PATH
        if self.stylesheet.has_source(str(path)):
            return
        self.stylesheet.read(path)
        self.stylesheet.parse()

    # ------------------------------------------------------------ runs

    def start_session(self, scenario: Scenario, replay: Path | None = None, seed: int | None = None) -> Run:
        """The one place runs begin: recorded, or continuing the unfinished one in ``replay``, or (when the
        player chose so) not recorded. ``seed`` orders the choices (a reloaded file keeps its run's order);
        without it the first run takes --seed and later runs draw their own."""
        from trainer.core.replays.recorder import resume_recorded_run, start_recorded_run

        if replay is not None:
            run = resume_recorded_run(scenario, replay)
        else:
            if seed is None:
                seed, self._first_seed = self._first_seed, None
            if not self.record_runs:
                run = scenario.new_run(seed)
            else:
                run = start_recorded_run(scenario, self.data_dir, self.player, seed)
        self.freeze_heap_once()
        return run

    def freeze_heap_once(self) -> None:
        """Once the library or the first run is loaded: the app, its screens and what they loaded live as
        long as the app, so later full collections need not walk them (a choice's answer stays quick)."""
        if not self._heap_frozen:
            from trainer.core.collector import freeze_long_lived_heap

            freeze_long_lived_heap()
            self._heap_frozen = True

    def collect_when_idle(self) -> None:
        """Full garbage collections run while the player reads, not on the key that comes next.

        A full collection walks every unfrozen object (about 100 ms in a long run); started by the
        collector, it lands on a choice and the feedback waits for it. So the collector starts
        none by itself, and after a second without input (the player is reading) the app runs the
        one that is due.
        """
        from trainer.core.collector import FULL_COLLECTION_OVERDUE, collect_if_due, defer_full_collections

        self._gc_thresholds = defer_full_collections()

        def when_idle() -> None:
            if self._collector_held_since is not None and monotonic() - self._collector_held_since > HOLD_LIMIT_SECONDS:
                self.release_collector()
            if monotonic() - self._last_input >= IDLE_SECONDS:
                collect_if_due()
            else:  # keys that never pause: collect anyway once far overdue, or garbage piles up
                collect_if_due(FULL_COLLECTION_OVERDUE)

        self.set_interval(IDLE_SECONDS / 4, when_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = monotonic()
            if isinstance(event, events.Key):
                self.hold_collector_for_the_answer()
        await super().on_event(event)

    def hold_collector_for_the_answer(self) -> None:
        """No garbage collection between a key and the frame that answers it.

        A choice makes thousands of short-lived objects (widgets, styles, strips), so the collector
        ran a young collection or two inside most answers, 1-12 ms each, the slowest choices' extra.
        Held until the screen has drawn the answer, it runs those collections right after, while the
        player reads. Only while the app schedules collections itself (`collect_when_idle`); a
        collector already stopped (a load's own pause) is left to whoever stopped it.
        """
        import gc

        if self._gc_thresholds is None or not gc.isenabled():
            return
        gc.disable()
        self._collector_held_since = monotonic()
        self.call_after_refresh(self.release_collector)

    def release_collector(self) -> None:
        """The answer is drawn (or the hold ran out): the collector goes on."""
        if self._collector_held_since is not None:
            import gc

            self._collector_held_since = None
            gc.enable()

    def on_unmount(self) -> None:
        """The app is done: the collector works as before, and what the app froze goes back to it (a
        process may run another app, as tests do)."""
        self.release_collector()
        if self._gc_thresholds is not None:
            import gc

            gc.set_threshold(*self._gc_thresholds)
            self._gc_thresholds = None
        if self._heap_frozen:
            from trainer.core.collector import unfreeze_heap

            unfreeze_heap()
            self._heap_frozen = False

    def open_run(self, scenario: Scenario, replay: Path | None = None) -> None:
        """A run of ``scenario`` on top of the current screen, or in the place of a debrief or of a
        watched file's errors.

        When runs cannot be saved (a read-only or missing data folder) the player is told before
        play starts and offered to play without recording, rather than failing at the first choice.
        """
        from trainer.core.errors import TrainerError
        from trainer.core.replays.format import InvalidReplay
        from trainer.core.replays.recorder import REPAIRED_NOTE, recorder_of, recording_problem
        from trainer.core.text import one_line
        from trainer.tui.screens.debrief import DebriefScreen
        from trainer.tui.screens.play import PlayScreen
        from trainer.tui.screens.scenario_errors import ScenarioErrorsScreen

        problem = recording_problem(self.data_dir, scenario.id) if replay is None and self.record_runs else None
        if problem is not None:
            self.ask_to_play_unrecorded(scenario, problem)
            return
        try:
            session = self.start_session(scenario, replay)
        except (TrainerError, InvalidReplay) as exc:
            # A run to resume that is open in another trainer, or no longer verifies: say so, stay here.
            self.notify(one_line(str(exc)), title="This run cannot be resumed", severity="error", markup=False)
            return
        screen = PlayScreen(session, support_line=self.support_line)
        if isinstance(self.screen, DebriefScreen | ScenarioErrorsScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        recorder = recorder_of(session)
        if recorder is not None and recorder.repaired:
            self.notify(REPAIRED_NOTE, title="Run resumed", severity="warning", timeout=8, markup=False)

    def ask_to_play_unrecorded(self, scenario: Scenario, problem: str) -> None:
        from trainer.core.text import one_line
        from trainer.tui.widgets.confirm import ConfirmModal

        def answered(unrecorded: bool | None) -> None:
            if unrecorded:
                self.record_runs = False
                self.open_run(scenario)

        question = ConfirmModal(
            "Your runs cannot be saved",
            f"{one_line(problem)}.\nPlay without recording? Nothing of this run will be kept.",
            yes="Play without recording",
            no="Back",
        )
        self.push_screen(question, answered)

    def view_replay(self, replay: VerifiedReplay, *, then: Any = None) -> None:
        from trainer.tui.screens.replay_viewer import ReplayViewerScreen

        self.push_screen(ReplayViewerScreen(replay), then)

    # ------------------------------------------------------------ what the screens ask for

    @on(PlayScenario)
    def _play_scenario(self, message: PlayScenario) -> None:
        self.open_run(message.scenario, message.replay)

    @on(RunEnded)
    def _run_ended(self, message: RunEnded) -> None:
        from trainer.tui.screens.debrief import DebriefScreen

        self.switch_screen(DebriefScreen(message.session))

    @on(OpenHistory)
    def _open_history(self, message: OpenHistory) -> None:
        from trainer.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.data_dir, message.scenarios))

    @on(ViewReplay)
    def _view_replay(self, message: ViewReplay) -> None:
        self.view_replay(message.replay)

    def on_library_screen_loaded(self, message: LibraryScreen.Loaded) -> None:
        self.library = message.entries
        self.freeze_heap_once()

    # ------------------------------------------------------------ anywhere

    def action_help(self) -> None:
        from trainer.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections(), care=self.support_line))

    def help_sections(self) -> list[HelpSection]:
        """Every screen's keys for the help, from their bindings: the screen the player is on first."""
        from trainer.tui.screens.debrief import DebriefScreen
        from trainer.tui.screens.history import HistoryScreen
        from trainer.tui.screens.library import LibraryScreen
        from trainer.tui.screens.play import PlayScreen
        from trainer.tui.screens.replay_viewer import ReplayViewerScreen
        from trainer.tui.screens.scenario_errors import ScenarioErrorsScreen
        from trainer.tui.widgets.scenario_table import ScenarioTable

        screens: list[tuple[type, HelpSection]] = [
            (LibraryScreen, ("Library", [*ScenarioTable.BINDINGS, *LibraryScreen.BINDINGS])),
            (PlayScreen, ("Play", PlayScreen.BINDINGS)),
            (DebriefScreen, ("Debrief", DebriefScreen.BINDINGS)),
            (HistoryScreen, ("History", HistoryScreen.BINDINGS)),
            (ReplayViewerScreen, ("Replay", ReplayViewerScreen.BINDINGS)),
            (ScenarioErrorsScreen, ("A watched file with errors", ScenarioErrorsScreen.BINDINGS)),
        ]
        here = [section for kind, section in screens if isinstance(self.screen, kind)]
        others = [section for kind, section in screens if not isinstance(self.screen, kind)]
        return [*here, ("Anywhere", self.BINDINGS), *others]

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

    Options are TrainerApp's: start_scenario, stats, theme (overrides the saved one), player, resume, watch,
    record, replay, seed (of the first new run).
    """
    return TrainerApp(data_dir, **options)
