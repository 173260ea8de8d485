"""The keys, and a calm word about what this app is and is not."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.screen import ModalScreen
from textual.widgets import Static

from trainer.core.settings import DEFAULT_SUPPORT_LINE
from trainer.core.text import visible

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Library",
        (
            ("↑ ↓", "move through the scenarios"),
            ("Enter", "play the selected scenario"),
            ("r", "reload the library from disk"),
        ),
    ),
    (
        "Play",
        (
            ("1-9", "make a choice (or ↑ ↓ and Enter, or a click)"),
            ("Enter, space", "continue after the feedback"),
            ("u, Backspace", "take your last choice back"),
            ("m", "show or hide the meters (the author's view)"),
            ("Esc, q", "leave the run (asks first)"),
        ),
    ),
    (
        "Debrief",
        (
            ("p", "play the same scenario again"),
            ("Esc, l", "back to the library"),
        ),
    ),
    (
        "Anywhere",
        (
            ("F1, ?", "this help"),
            ("Ctrl+P", "command palette: play by name, change the theme"),
            ("Ctrl+Q", "quit"),
        ),
    ),
)


def help_content() -> Content:
    parts: list[Content | tuple[str, str] | str] = []
    for section, keys in KEYS:
        parts.append((f"{section}\n", "bold underline"))
        for key, what in keys:
            parts.append((f"  {key:<14}", "bold $text-accent"))
            parts.append(f"{what}\n")
    return Content.assemble(*parts).rstrip()


class HelpScreen(ModalScreen[None]):
    """Any key in the bindings below closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > #help {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        border-title-align: center;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen #care {
        color: $text-muted;
        text-style: italic;
        margin-bottom: 1;
    }
    HelpScreen #help-keys {
        height: auto;
        max-height: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, care: str = DEFAULT_SUPPORT_LINE) -> None:
        """``care``: the player's support line (settings), said once at the top."""
        super().__init__()
        self.care = care

    def compose(self) -> ComposeResult:
        with Vertical(id="help") as dialog:
            dialog.border_title = "Help"
            dialog.border_subtitle = "Esc to close"
            yield Static(Content(visible(self.care)), id="care")
            with VerticalScroll(id="help-keys"):
                yield Static(help_content())

    def on_click(self, event: Click) -> None:
        """A click outside the dialog closes it, so the mouse alone can get out."""
        if event.widget is self:
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
