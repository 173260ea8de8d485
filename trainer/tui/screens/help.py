"""The keys, written from the screens' own bindings so the help cannot drift from them, and a calm word.

Each binding says what it does in its ``tooltip`` (also shown when the mouse rests on the footer);
the help lists every binding that has a description, under its screen's title.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.screen import ModalScreen
from textual.widgets import Static

from trainer.core.settings import DEFAULT_SUPPORT_LINE
from trainer.core.text import visible

# A section of the help: a title and the bindings of a screen (or of the whole app).
HelpSection = tuple[str, Sequence[BindingType]]

KEY_NAMES = {"escape": "Esc", "question_mark": "?", "left": "←", "right": "→", "up": "↑", "down": "↓"}


def key_text(key: str) -> str:
    """A key as the help names it: ``escape`` is Esc, ``ctrl+q`` is Ctrl+Q, ``u`` stays u."""
    *modifiers, name = key.split("+")
    if name in KEY_NAMES:
        shown = KEY_NAMES[name]
    elif len(name) == 1:
        shown = name.upper() if modifiers else name
    else:
        shown = name.capitalize()
    return "+".join([*(modifier.capitalize() for modifier in modifiers), shown])


def help_rows(bindings: Sequence[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding with a description, in order.

    Bindings that do the same (choose 1 ... choose 9) make one row, under their shared key display.
    """
    groups: dict[str, list[Binding]] = {}
    for item in bindings:
        binding = item if isinstance(item, Binding) else Binding(*item)
        if binding.description:
            groups.setdefault(binding.tooltip or binding.description, []).append(binding)
    rows = []
    for what, group in groups.items():
        if len(group) > 1 and group[0].key_display:
            keys = group[0].key_display
        else:
            keys = ", ".join(key_text(key.strip()) for binding in group for key in binding.key.split(","))
        rows.append((keys, what))
    return rows


def help_widgets(sections: Sequence[HelpSection]) -> ComposeResult:
    """A title per section, then a row per key: what it does wraps beside its keys, never under them."""
    for title, bindings in sections:
        yield Static(Content(title), classes="help-title")
        for keys, what in help_rows(bindings):
            yield Horizontal(
                Static(Content(keys), classes="help-key"),
                Static(Content(what), classes="help-what"),
                classes="help-row",
            )


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
    HelpScreen .help-title {
        text-style: bold underline;
    }
    HelpScreen .help-row {
        height: auto;
    }
    HelpScreen .help-key {
        width: 18;
        padding-left: 2;
        text-style: bold;
        color: $text-accent;
    }
    HelpScreen .help-what {
        width: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, sections: Sequence[HelpSection], care: str = DEFAULT_SUPPORT_LINE) -> None:
        """``sections``: the keys to list, the screen the player came from first; ``care``: the
        player's support line (settings), said once at the top."""
        super().__init__()
        self.sections = sections
        self.care = care

    def compose(self) -> ComposeResult:
        with Vertical(id="help") as dialog:
            dialog.border_title = "Help"
            dialog.border_subtitle = "Esc to close"
            yield Static(Content(visible(self.care)), id="care")
            with VerticalScroll(id="help-keys"):
                yield from help_widgets(self.sections)

    def on_click(self, event: Click) -> None:
        """A click outside the dialog closes it, so the mouse alone can get out."""
        if event.widget is self:
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
