"""Ask the player for the name their runs are recorded under (settings.toml's player_name)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

# Long enough for a first name and a surname; it is shown in one column of `trainer score`.
MAX_NAME_LENGTH = 40


def cleaned_name(text: str) -> str | None:
    """The name as it is kept: on one line, without control characters, None when blank."""
    name = " ".join(text.split())
    name = "".join(character for character in name if character.isprintable())
    return name[:MAX_NAME_LENGTH] or None


class NamePrompt(ModalScreen[str | None]):
    """Dismisses with the name typed ("" to have none) on Enter or Save, or None when cancelled."""

    DEFAULT_CSS = """
    NamePrompt {
        align: center middle;
    }
    NamePrompt > #dialog {
        width: 60;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    NamePrompt #why {
        margin-bottom: 1;
        color: $text-muted;
    }
    NamePrompt #buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    NamePrompt Button {
        margin-left: 2;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="name.cancel")]

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("Your name"), id="title")
            yield Static(
                Content("Recorded in the runs you play from now on, for whoever reads them. Leave it empty for none."),
                id="why",
            )
            yield Input(self.current, placeholder="a first name is enough", max_length=MAX_NAME_LENGTH, id="name")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", id="save", variant="primary", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss(self.query_one("#name", Input).value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
