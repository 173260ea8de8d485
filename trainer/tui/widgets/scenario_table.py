"""The library's list of scenarios: the title takes the width the other columns leave."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.widgets import DataTable

from trainer.tui.widgets.table_fill import fill_table, widest_cells

COLUMNS = (("Scenario", "title"), ("Level", "level"), ("Runs", "runs"), ("Best %", "best"))
MIN_TITLE = 10  # at 60 columns, beside the preview, every column still fits


class ScenarioTable(DataTable[Text]):
    """Rows of (title, level, runs, best): a long title ends in an ellipsis instead of pushing the
    other columns off screen; Home and End jump to the first and the last scenario.

    Enter plays the highlighted row and says so in the footer. A binding on the screen would need
    priority to show over the table's hidden "select" binding, and a key bound with priority acts
    as soon as it arrives: Down, Down, Enter typed quickly would play the first row, before the
    arrows had moved the cursor. On a file that does not load, Play is off (and not in the footer)
    and Enter selects the row, which says why.

    Ctrl+J does what Enter does: Enter typed before the app has put the terminal in raw mode (right
    after `trainer` starts) has been turned into a newline by the terminal (icrnl) and arrives as
    Ctrl+J. Held with the other keys while the list loads, it plays the row like Enter.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "screen.play",
            "Play",
            id="library.play",
            key_display="⏎",
            tooltip="play the highlighted scenario (↑ ↓ to choose one)",
        ),
        Binding("enter", "select_cursor", show=False, id="library.select"),
        Binding("ctrl+j", "screen.play", show=False, id="library.play_newline"),
        Binding("ctrl+j", "select_cursor", show=False, id="library.select_newline"),
        Binding("home", "scroll_top", "First", show=False, id="library.first", tooltip="the first scenario"),
        Binding("end", "scroll_bottom", "Last", show=False, id="library.last", tooltip="the last scenario"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.rows_shown: list[tuple[Text, ...]] = []
        self.title_width = 0

    def show_rows(self, rows: Sequence[tuple[Text, ...]]) -> None:
        """List ``rows``, keeping the cursor on the same row when it is still there."""
        self.rows_shown = list(rows)
        self.lay_out()

    def on_resize(self) -> None:
        self.refit()

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual sizes a widget and draws the frame at once, and sends the Resize event after it: the
        # columns fitted here are the first frame's, not the minimum widths of a table not sized yet
        # (then a second frame with the titles in full).
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        self.refit()
        return resized

    def watch_show_vertical_scrollbar(self) -> None:
        # A scrollbar that comes or goes changes the width without a resize.
        self.refit()

    def refit(self) -> None:
        if self.is_mounted and self.column_widths()[0] != self.title_width:
            self.lay_out()

    def column_widths(self) -> list[int]:
        """The other columns as wide as their widest cell; the title takes what they leave."""
        widths = widest_cells(COLUMNS, self.rows_shown)
        padding = 2 * self.cell_padding * len(COLUMNS)
        widths[0] = max(MIN_TITLE, self.scrollable_content_region.width - sum(widths[1:]) - padding)
        return widths

    def lay_out(self) -> None:
        """The columns at the widths that fit now, and every row again; nothing before the table has
        a size (it is laid out when it gets one, before it is first drawn)."""
        if not self.size.width:
            return
        widths = self.column_widths()
        self.title_width = widths[0]
        rows = []
        for title, *rest in self.rows_shown:
            title = title.copy()
            title.no_wrap = True
            title.overflow = "ellipsis"
            rows.append((title, *rest))
        fill_table(self, COLUMNS, rows, keys=[str(index) for index in range(len(rows))], widths=widths)
