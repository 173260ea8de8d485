"""Fill a DataTable with columns as wide as their widest cell, measured here rather than when it idles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable


def widest_cells(columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Text]]) -> list[int]:
    """The width of each column: its label's or its widest cell's, whichever is wider."""
    return [max([cell_len(label), *(row[index].cell_len for row in rows)]) for index, (label, _) in enumerate(columns)]


def fill_table(
    table: DataTable,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[Text]],
    *,
    keys: Sequence[str] | None = None,
    keep_cursor: bool = True,
    widths: Sequence[int] | None = None,
) -> None:
    """Replace the columns ``(label, key)`` and rows of ``table``; the cursor stays on its row while it exists.

    A DataTable measures auto-width columns when it next idles, and lines drawn before that keep
    the labels' widths (a title cut to "Day Thre") until something else redraws them. Widths given
    here (``widths``, or else each column's widest cell) hold from the first frame.
    """
    rows = [tuple(row) for row in rows]
    cursor = table.cursor_row if keep_cursor else 0
    table.clear(columns=True)
    for (label, key), width in zip(columns, widths or widest_cells(columns, rows), strict=True):
        # As Text: a string label is parsed as markup, and that first loads Rich's emoji table (3 ms).
        table.add_column(Text(label), key=key, width=width)
    for number, row in enumerate(rows):
        table.add_row(*row, key=None if keys is None else keys[number])
    if rows:
        table.move_cursor(row=min(cursor, len(rows) - 1))
