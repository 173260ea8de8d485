"""A watched scenario that does not load yet (`trainer play FILE --watch`): its errors, until a save fixes them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from trainer.core.errors import ScenarioError
from trainer.tui.error_lines import errors_text
from trainer.tui.untrusted import as_content
from trainer.tui.widgets.footer import TrainerFooter

WAITING = "Waiting for a save: fix the file in your editor and save it, and the run starts here."


class ScenarioErrorsScreen(Screen[None]):
    """The errors of a watched file, replaced by its run as soon as a save loads cleanly."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "library", "Library", id="scenario_errors.library", key_display="esc", tooltip="to the library"
        ),
    ]

    def __init__(self, shown_path: str, error: ScenarioError) -> None:
        super().__init__()
        self.shown_path = shown_path
        self.error = error

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="errors-body"):
            yield Static(as_content(f"{self.shown_path} does not load yet"), id="errors-title")
            yield Static(as_content(errors_text(self.error, limit=None)), id="errors-list")
            yield Static(WAITING, id="errors-waiting")
        yield TrainerFooter()

    def action_library(self) -> None:
        self.dismiss()

    def show_errors(self, error: ScenarioError) -> None:
        """A save that still has errors: show the new ones."""
        self.error = error
        self.query_one("#errors-list", Static).update(as_content(errors_text(error, limit=None)))
