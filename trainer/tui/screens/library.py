"""The library: every scenario with its difficulty and past runs, a preview, Enter to play.

The first frame lists the scenarios from the library index (`trainer.core.library_index`) when it
has every file as it is now: no scenario is loaded for it, and keys act at once. Scenarios are then
loaded, and the replays re-verified for their stats, in a worker thread, each time the library
shows (a finished run changes its stats); the result arrives as a ``Loaded`` message. Enter (or
Resume, or History) before that waits for it, holding the keys typed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, DataTable, Header, Static
from textual.worker import get_current_worker

from trainer.core.text import one_line
from trainer.tui.held_keys import HoldsKeysUntilReady
from trainer.tui.navigation import OpenHistory, PlayScenario
from trainer.tui.untrusted import as_content, as_rich_text
from trainer.tui.widgets.footer import TrainerFooter
from trainer.tui.widgets.scenario_table import ScenarioTable

# The core (YAML, msgspec, the loader) is imported in the worker, after the library has painted,
# so the app appears as fast as Textual allows.
if TYPE_CHECKING:
    from trainer.core.library import LibraryEntry
    from trainer.core.scenario.loader import Scenario


class ScenarioStats(Protocol):
    """What the library shows about past runs of one scenario (the replay history provides it)."""

    @property
    def runs(self) -> int: ...

    @property
    def best(self) -> int | None: ...


def difficulty_dots(difficulty: int) -> str:
    return "●" * difficulty + "○" * (5 - difficulty)


def first_problem(entry: LibraryEntry) -> str:
    """The first error of a broken file, placed by file name, line and column."""
    assert entry.error is not None
    diagnostics = entry.error.diagnostics
    if not diagnostics:
        return "it could not be loaded"
    first = diagnostics[0]
    count = entry.error_count
    place = entry.path.name
    if first.line is not None:
        place += f":{first.line}"
        if first.column is not None:
            place += f":{first.column}"
    more = f" (and {count - 1} more)" if count > 1 else ""
    # The file's name and the message quote the file: through the sanitiser, on one line.
    return one_line(f"{place}: {first.code} {first.message}{more}")


class LibraryScreen(HoldsKeysUntilReady):
    """What `trainer` opens on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", "Reload", id="library.reload", tooltip="reload the library from disk"),
        Binding(
            "c", "resume", "Resume", id="library.resume", tooltip="continue your last unfinished run of this scenario"
        ),
        Binding("h", "history", "History", id="library.history", tooltip="your past runs, their trend and replays"),
        Binding("q", "app.quit", "Quit", id="library.quit", tooltip="quit the trainer"),
    ]

    class Loaded(Message):
        """The scenarios (loaded, or broken with their errors) and the stats of their past runs."""

        def __init__(self, entries: list[LibraryEntry], stats: Mapping[str, ScenarioStats], *, reloaded: bool) -> None:
            super().__init__()
            self.entries = entries
            self.stats = stats
            self.reloaded = reloaded

    def __init__(self, data_dir: Path, *, stats: Mapping[str, ScenarioStats] | None = None) -> None:
        """``stats``, when given, are shown as they are instead of being computed from the replays."""
        super().__init__()
        self.data_dir = data_dir
        self.given_stats = stats
        self.entries: list[LibraryEntry] = []
        # Whether ``entries`` were loaded (not only listed from the index), and what waits for that.
        self.fully_loaded = False
        self._when_loaded: Callable[[], None] | None = None
        # For the mouse, under the preview: mounted just after the first frame, which the keys need
        # and it does not (Button's stylesheet is Textual's largest, about 7 ms to parse); shown or
        # hidden with the preview from the start.
        self.play_button = Button("Play", id="play", variant="primary", disabled=True)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library-body"):
            yield ScenarioTable(id="scenarios")
            with Vertical(id="preview"), VerticalScroll(id="preview-scroll"):
                yield Static(Content("Loading scenarios…"), id="preview-text")
        yield TrainerFooter()

    def mount_play_button(self) -> None:
        """Under the preview, unless the app is already closing (a quit right after the first frame)."""
        preview = self.query_one("#preview", Vertical)
        if preview.is_attached:  # mount() itself skips a closing widget, but raises for a detached one
            preview.mount(self.play_button)

    @property
    def table(self) -> ScenarioTable:
        return self.query_one("#scenarios", ScenarioTable)

    def on_mount(self) -> None:
        """List the library from its index, in the first frame, when the index has every file as it is."""
        from trainer.core.library import indexed_library

        self.sub_title = "Library"
        self.table.focus()
        self.call_after_refresh(self.mount_play_button)
        indexed = indexed_library(self.data_dir)
        if indexed is None:
            return
        stats = self.given_stats
        if stats is None:
            from trainer.core.replays.stats_cache import cached_run_stats

            listed = {entry.listing.id: entry.sha256 or "" for entry in indexed if entry.listing and entry.playable}
            stats = cached_run_stats(self.data_dir, listed)
            if stats is None:  # a run not counted yet: the list waits for the count, not to change under the player
                return
        self.show_entries(indexed, stats)
        self.release_keys()

    def on_screen_resume(self) -> None:
        """Each time the library shows, recount the stats: a run may have been played since. The first
        time, after the first frame is drawn, so loading does not hold it up."""
        if self.fully_loaded:
            self.load(reload=False)
        else:
            self.call_after_refresh(self.load, reload=False)

    @work(thread=True, exclusive=True, group="library")
    def load(self, *, reload: bool) -> None:
        """Load the scenarios (once, or again on ``reload``) and recompute the stats from the replays."""
        from trainer.core.library import load_library
        from trainer.core.replays.history import run_stats

        worker = get_current_worker()
        entries = load_library(self.data_dir) if reload or not self.fully_loaded else self.entries
        if self.given_stats is not None:
            stats = self.given_stats
        else:
            stats = run_stats(self.data_dir, [entry.loaded for entry in entries if entry.loaded is not None])
        if not worker.is_cancelled:
            self.post_message(self.Loaded(entries, stats, reloaded=reload))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        """(Re)list the library, keeping the cursor on the same row when it is still there; then what
        waited for the scenarios to load, and the keys held meanwhile."""
        self.fully_loaded = True
        self.show_entries(message.entries, message.stats)
        if message.reloaded:
            self.notify("Library reloaded.", timeout=2)
        waiting, self._when_loaded = self._when_loaded, None
        if waiting is None:
            self.release_keys()
            return
        waiting()
        # The keys typed after Enter are for the screen it opens: released once that is there.
        self.app.call_after_refresh(self.release_keys)

    def show_entries(self, entries: list[LibraryEntry], stats: Mapping[str, ScenarioStats]) -> None:
        self.entries = entries
        self.table.show_rows([self.row_cells(entry, stats) for entry in entries])
        self.show_preview()

    def when_loaded(self, act: Callable[[], None]) -> None:
        """``act`` now if the scenarios are loaded, else once they are; keys typed meanwhile wait for it."""
        if self.fully_loaded:
            act()
            return
        self._when_loaded = act
        self.hold_keys()

    @staticmethod
    def row_cells(entry: LibraryEntry, stats: Mapping[str, ScenarioStats]) -> tuple[Text, ...]:
        if entry.listing is None or entry.error is not None:
            return (
                Text("⚠ ", style="bold red", end="") + as_rich_text(entry.path.name),
                Text("broken", style="red"),
                Text(""),
                Text(""),
            )
        scenario = entry.listing
        found = stats.get(scenario.id)
        runs = Text(str(found.runs), justify="right") if found and found.runs else Text("")
        best = Text(str(found.best), justify="right") if found and found.best is not None else Text("")
        title = as_rich_text(scenario.title)
        if entry.overrides is not None:  # the user's version of a bundled scenario, listed once
            title.append(" · yours", style="italic")
        return (title, Text(difficulty_dots(scenario.difficulty)), runs, best)

    def selected_entry(self) -> LibraryEntry | None:
        row = self.table.cursor_row
        if not 0 <= row < len(self.entries):
            return None
        return self.entries[row]

    def show_preview(self) -> None:
        entry = self.selected_entry()
        preview = self.query_one("#preview-text", Static)
        play = self.play_button
        # A file that does not load has nothing to play: no button, no Play or Resume key in the footer.
        play.display = entry is not None and entry.playable
        play.disabled = not play.display
        self.refresh_bindings()
        if entry is None:
            folder = self.data_dir / "scenarios"
            preview.update(
                Content.assemble(
                    ("No scenarios yet.\n\n", "bold"),
                    "Put scenario files (.yaml) in ",
                    as_content(str(folder)),
                    ", or write one with `trainer new ID`.",
                )
            )
            return
        preview.update(self.preview_of(entry))

    @staticmethod
    def preview_of(entry: LibraryEntry) -> Content:
        where = "Bundled scenario" if entry.bundled else "Your scenario"
        if entry.overrides is not None:
            where = "Your version of a bundled scenario (it replaces the bundled one)"
        if entry.listing is None or entry.error is not None:
            return Content.assemble(
                as_content(entry.path.name, "bold"),
                ("\n\nThis file does not load:\n", "$text-error"),
                as_content(first_problem(entry)),
                "\n\nFix it, then press r to reload. `trainer validate` lists every problem.",
            )
        scenario = entry.listing
        return Content.assemble(
            as_content(scenario.title, "bold"),
            (f"\n{where} · difficulty {scenario.difficulty} of 5\n\n", "$text-muted"),
            as_content(scenario.summary.strip()),
            ("\n\nPress Enter to play.", "$text-muted"),
        )

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        self.show_preview()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_play()

    @on(Button.Pressed, "#play")
    def _play_pressed(self) -> None:
        self.action_play()

    def action_play(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        if not entry.playable:
            self.notify(first_problem(entry), title="This scenario does not load", severity="error", markup=False)
            return
        self.when_loaded(lambda: self._play(entry.path))

    def _play(self, path: Path) -> None:
        """Play the file at ``path`` as loaded (it may have changed since the index listed it)."""
        entry = self.entry_at(path)
        if entry is None:
            return
        if entry.loaded is None:
            self.notify(first_problem(entry), title="This scenario does not load", severity="error", markup=False)
            return
        self.post_message(PlayScenario(entry.loaded))

    def entry_at(self, path: Path) -> LibraryEntry | None:
        """The entry of the file at ``path``, highlighted (it is the one the player chose)."""
        for row, entry in enumerate(self.entries):
            if entry.path == path:
                self.table.move_cursor(row=row)
                return entry
        return None

    def action_reload(self) -> None:
        self.load(reload=True)

    def action_resume(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.playable:
            self.when_loaded(lambda: self._resume(entry.path))

    def _resume(self, path: Path) -> None:
        entry = self.entry_at(path)
        if entry is not None and entry.loaded is not None:
            self.find_unfinished_run(entry.loaded)

    @work(thread=True, exclusive=True, group="resume")
    def find_unfinished_run(self, scenario: Scenario) -> None:
        """Continue the newest unfinished run of ``scenario``, in its replay file (its replays are re-verified)."""
        from trainer.core.replays.history import unfinished_runs

        runs = unfinished_runs(self.data_dir, scenario)
        if runs:
            self.post_message(PlayScenario(scenario, runs[0].path))
        else:
            self.app.call_from_thread(
                self.notify, "No unfinished run of this scenario. Press Enter to start one.", timeout=3
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Play and Resume only on a scenario that loads, and every key only once the list is there."""
        if not self.ready:
            return super().check_action(action, parameters)
        if action in ("play", "resume"):
            entry = self.selected_entry()
            return entry is not None and entry.playable
        return True

    def action_history(self) -> None:
        self.when_loaded(
            lambda: self.post_message(
                OpenHistory(tuple(entry.loaded for entry in self.entries if entry.loaded is not None))
            )
        )
