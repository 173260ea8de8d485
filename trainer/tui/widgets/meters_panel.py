"""The author's view of the meters: each one's value within its range."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widgets import Static

from trainer.core.scenario.loader import Scenario
from trainer.tui.untrusted import as_content


class MetersPanel(Static):
    """Hidden by default; shows every meter's label, value and range.

    Most players never open it, and every choice changes the meters: filled on each choice, it
    rebuilt its text and asked for a layout of the whole screen for a panel no one saw. So it keeps
    only where to read the meters, and fills itself while it is shown or as it is shown.
    """

    DEFAULT_CSS = """
    MetersPanel {
        display: none;
        width: 26;
        height: 1fr;
        border-left: tall $primary-muted;
        padding: 0 1;
    }
    """

    _source: tuple[Scenario, Callable[[], dict[str, int]]] | None = None

    def show_meters(self, loaded: Scenario, values: Callable[[], dict[str, int]]) -> None:
        """Show ``loaded``'s meters at ``values()``: now if the panel is shown, else when it is."""
        self._source = (loaded, values)
        if self.display:
            self.fill()

    def toggle(self) -> None:
        """Show the panel, filled first (no frame of old values), or hide it."""
        if not self.display:
            self.fill()
        self.display = not self.display

    def fill(self) -> None:
        """Write the meters' current values."""
        if self._source is None:
            return
        loaded, read = self._source
        values = read()
        meters = loaded.file.meters
        if not meters:
            self.update(Content.assemble(("Meters\n\n", "bold"), "This scenario has no meters."))
            return
        parts: list[Content | tuple[str, str] | str] = [("Meters\n", "bold")]
        for name, meter in meters.items():
            value = values.get(name, meter.start)
            parts.append("\n")
            parts.append(as_content(meter.label or name))
            parts.append((f"\n  {value:+d}  ({meter.min}..{meter.max})\n", "$text-muted"))
        self.update(Content.assemble(*parts))
