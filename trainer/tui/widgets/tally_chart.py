"""A horizontal bar chart of how many choices of a run fell in each category."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Static

from trainer.core.scenario.model import Category
from trainer.tui.categories import category_classes, kind_mark
from trainer.tui.untrusted import as_content

BAR_CELLS = 30
# The label column: as wide as the longest label in the chart (mark, space, label, one space before
# the bar), from the width most default labels need up to a cap, beyond which a label is cut.
LABEL_MIN_CELLS = 24
LABEL_MAX_CELLS = 40


def bar(count: int, most: int, cells: int = BAR_CELLS) -> str:
    """Block characters proportional to ``count`` (at least one block for any non-zero count)."""
    if count <= 0 or most <= 0:
        return ""
    return "█" * max(1, round(cells * count / most))


class TallyChart(Vertical):
    """One row per category that occurred: its label, a bar in the category's colour, the count."""

    DEFAULT_CSS = """
    TallyChart {
        height: auto;
    }
    TallyChart > .tally-row {
        height: 1;
    }
    TallyChart .tally-bar {
        width: auto;
        max-width: 1fr;
    }
    TallyChart .tally-count {
        width: 6;
        padding-left: 1;
    }
    """

    def __init__(self, tally: Mapping[str, int], rubric: Mapping[str, Category], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.tally = dict(tally)
        self.rubric = rubric

    def compose(self) -> ComposeResult:
        most = max(self.tally.values(), default=0)
        labels = {
            category_id: Content.assemble(
                f"{kind_mark(category_id, self.rubric[category_id].kind)} ", as_content(self.rubric[category_id].label)
            )
            for category_id in self.tally
        }
        widest = max((label.cell_length for label in labels.values()), default=0)
        label_cells = min(max(widest + 1, LABEL_MIN_CELLS), LABEL_MAX_CELLS)
        for category_id, count in self.tally.items():
            category = self.rubric[category_id]
            with Horizontal(classes="tally-row"):
                label = Label(labels[category_id], classes="tally-label")
                label.styles.width = label_cells
                yield label
                yield Static(
                    Content(bar(count, most)),
                    classes=f"tally-bar category-ink {category_classes(category_id, category.kind)}",
                )
                yield Label(Content(str(count)), classes="tally-count")
