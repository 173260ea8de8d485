"""The coaching shown right after a choice: category label in its colour, points, and why."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label, Static

from trainer.core.play.engine import Feedback
from trainer.core.play.marks import points_words
from trainer.tui.categories import category_classes, kind_mark
from trainer.tui.untrusted import as_content

HINT = "Enter: continue · u: take back"


class FeedbackPanel(Vertical):
    """Hidden until a choice is made; Continue (Enter, space or a click) moves the story on."""

    DEFAULT_CSS = """
    FeedbackPanel {
        height: auto;
        max-height: 12;
        border: round $primary;
        padding: 0 1;
    }
    FeedbackPanel.-mistake {
        border: round $error;
    }
    FeedbackPanel.-okay {
        border: round $warning;
    }
    FeedbackPanel.-good {
        border: round $success;
    }
    FeedbackPanel.-care {
        border: round $secondary;
    }
    FeedbackPanel #feedback-heading {
        height: auto;
    }
    FeedbackPanel #feedback-heading.-stacked {
        layout: vertical;
    }
    FeedbackPanel #feedback-category {
        text-style: bold;
        margin-right: 2;
    }
    FeedbackPanel #feedback-text {
        margin: 1 0;
    }
    FeedbackPanel #feedback-care {
        margin: 0 0 1 0;
        color: $text-muted;
        text-style: italic;
    }
    FeedbackPanel #feedback-actions {
        height: auto;
    }
    FeedbackPanel #feedback-hint {
        margin-left: 2;
        color: $text-muted;
        width: 1fr;
        height: auto;
    }
    """

    heading_width = 0  # the category label and the points side by side

    def compose(self) -> ComposeResult:
        with Horizontal(id="feedback-heading"):
            yield Label(id="feedback-category")
            yield Label(id="feedback-points")
        yield Static(id="feedback-text")
        yield Static(id="feedback-care")
        with Horizontal(id="feedback-actions"):
            yield Button("Continue", id="continue", variant="primary", compact=True)
            yield Static(Content(HINT), id="feedback-hint")

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.width)

    def fit(self, width: int) -> None:
        """Nothing cut off at narrow widths (the meters open at 60 columns): the points go under a
        long category label, and the hint, which repeats the footer's keys, is left out where it
        would wrap (the panel's height would cut it)."""
        inside = width - self.styles.gutter.width
        self.query_one("#feedback-heading").set_class(inside < self.heading_width, "-stacked")
        self.query_one("#feedback-hint").display = inside - len("Continue") - 6 >= len(HINT)

    def show_feedback(self, feedback: Feedback, care: str | None = None) -> None:
        """Show the coaching for ``feedback``; ``care``, when given, is a calm line pointing to support."""
        category = self.query_one("#feedback-category", Label)
        category.set_classes(f"category-label {category_classes(feedback.category, feedback.kind)}")
        label = Content.assemble(f" {kind_mark(feedback.category, feedback.kind)} ", as_content(feedback.label), " ")
        points = Content(points_words(feedback.category, feedback.kind, feedback.points))
        category.update(label)
        self.query_one("#feedback-points", Label).update(points)
        self.heading_width = label.cell_length + 2 + points.cell_length  # 2: the label's margin
        if self.size.width:
            self.fit(self.size.width)
        self.query_one("#feedback-text", Static).update(as_content(feedback.text.strip()))
        care_line = self.query_one("#feedback-care", Static)
        care_line.update(as_content(care or ""))
        care_line.display = care is not None
        # Self-blame is a gentle mistake: its own border, not the mistake's red.
        self.set_class(feedback.care, "-care")
        for kind in ("mistake", "okay", "good"):
            self.set_class(kind == feedback.kind and not feedback.care, f"-{kind}")
