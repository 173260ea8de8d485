"""The author's view of the meters: each one's value within its range."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from trainer.core.scenario.loader import Scenario
from trainer.tui.untrusted import as_content


class MetersPanel(Static):
    """Hidden by default; shows every meter's label, value and range."""

    DEFAULT_CSS = """
    MetersPanel {
        display: none;
        width: 26;
        height: 1fr;
        border-left: tall $primary-muted;
        padding: 0 1;
    }
    """

    def show_meters(self, loaded: Scenario, values: dict[str, int]) -> None:
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
