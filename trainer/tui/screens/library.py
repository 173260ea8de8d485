"""The library: every scenario with its difficulty and past runs, a preview, Enter to play."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from trainer.core.text import one_line
from trainer.tui.untrusted import as_content, as_rich_text

if TYPE_CHECKING:
    from trainer.core.library import LibraryEntry
    from trainer.tui.app import ScenarioStats, TrainerApp


def difficulty_dots(difficulty: int) -> str:
    return "●" * difficulty + "○" * (5 - difficulty)


def first_problem(entry: LibraryEntry) -> str:
    """The first error of a broken file, placed by file name, line and column."""
    assert entry.error is not None
    diagnostics = entry.error.diagnostics
    if not diagnostics:
        return "it could not be loaded"
    first = diagnostics[0]
    place = entry.path.name
    if first.line is not None:
        place += f":{first.line}"
        if first.column is not None:
            place += f":{first.column}"
    more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
    # The file's name and the message quote the file: through the sanitiser, on one line.
    return one_line(f"{place}: {first.code} {first.message}{more}")


class LibraryScreen(Screen[None]):
    """What `trainer` opens on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "Play", id="library.play", key_display="⏎", priority=True),
        Binding("r", "reload", "Reload", id="library.reload"),
        Binding("c", "resume", "Resume", id="library.resume"),
        Binding("h", "history", "History", id="library.history"),
        Binding("q", "app.quit", "Quit", id="library.quit"),
    ]

    filled_once = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="library-body"):
            yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
            with Vertical(id="preview"):
                with VerticalScroll(id="preview-scroll"):
                    yield Static(id="preview-text")
                yield Button("Play", id="play", variant="primary")
        yield Footer()

    @property
    def trainer(self) -> TrainerApp:
        return self.app  # type: ignore[return-value]

    @property
    def table(self) -> DataTable:
        return self.query_one("#scenarios", DataTable)

    def on_mount(self) -> None:
        self.sub_title = "Library"
        table = self.table
        table.add_column("Scenario", key="title")
        table.add_column("Level", key="level")
        table.add_column("Runs", key="runs")
        table.add_column("Best %", key="best")
        table.focus()

    def on_screen_resume(self) -> None:
        """Fill the list each time the library shows: a finished run changes its stats.

        The first time, the screen is painted before the scenarios are loaded, so the app
        appears at once and the loading (validation, state spaces) happens behind a note.
        """
        if self.filled_once:
            self.fill_table()
            return
        self.query_one("#preview-text", Static).update(Content("Loading scenarios…"))
        self.query_one("#play", Button).disabled = True
        self.call_after_refresh(self.fill_table)

    def fill_table(self) -> None:
        """(Re)list the library, keeping the cursor on the same row when it is still there."""
        self.filled_once = True
        table = self.table
        cursor = table.cursor_row
        table.clear()
        stats = self.trainer.scenario_stats()
        for index, entry in enumerate(self.trainer.library):
            table.add_row(*self.row_cells(entry, stats), key=str(index))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self.show_preview()

    @staticmethod
    def row_cells(entry: LibraryEntry, stats: Mapping[str, ScenarioStats]) -> tuple[Text, ...]:
        if entry.loaded is None:
            return (
                Text("⚠ ", style="bold red", end="") + as_rich_text(entry.path.name),
                Text("broken", style="red"),
                Text(""),
                Text(""),
            )
        scenario = entry.loaded.file
        found = stats.get(scenario.id)
        runs = Text(str(found.runs), justify="right") if found and found.runs else Text("")
        best = Text(str(found.best), justify="right") if found and found.best is not None else Text("")
        title = as_rich_text(scenario.title)
        if entry.overrides is not None:  # the user's version of a bundled scenario, listed once
            title.append(" · yours", style="italic")
        return (title, Text(difficulty_dots(scenario.difficulty)), runs, best)

    def selected_entry(self) -> LibraryEntry | None:
        library = self.trainer.library
        row = self.table.cursor_row
        if not library or not 0 <= row < len(library):
            return None
        return library[row]

    def show_preview(self) -> None:
        entry = self.selected_entry()
        preview = self.query_one("#preview-text", Static)
        play = self.query_one("#play", Button)
        # A file that does not load has nothing to play: no button, no Play or Resume key in the footer.
        play.display = entry is not None and entry.loaded is not None
        play.disabled = not play.display
        self.refresh_bindings()
        if entry is None:
            folder = self.trainer.data_dir / "scenarios"
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
        if entry.loaded is None:
            return Content.assemble(
                as_content(entry.path.name, "bold"),
                ("\n\nThis file does not load:\n", "$text-error"),
                as_content(first_problem(entry)),
                "\n\nFix it, then press r to reload. `trainer validate` lists every problem.",
            )
        scenario = entry.loaded.file
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
        if entry.loaded is None:
            self.notify(first_problem(entry), title="This scenario does not load", severity="error", markup=False)
            return
        self.trainer.play(entry.loaded)

    def action_reload(self) -> None:
        self.trainer.reload_library()
        self.fill_table()
        self.notify("Library reloaded.", timeout=2)

    def action_resume(self) -> None:
        """Continue the newest unfinished run of the selected scenario, in its replay file."""
        from trainer.core.replays.history import unfinished_runs

        entry = self.selected_entry()
        if entry is None or entry.loaded is None:
            return
        runs = unfinished_runs(self.trainer.data_dir, entry.loaded)
        if not runs:
            self.notify("No unfinished run of this scenario. Press Enter to start one.", timeout=3)
            return
        self.trainer.resume(entry.loaded, runs[0].path)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Play and Resume only on a scenario that loads."""
        if action in ("play", "resume") and self.filled_once:
            entry = self.selected_entry()
            return entry is not None and entry.loaded is not None
        return True

    def action_history(self) -> None:
        from trainer.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())
