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
KINDS = ("mistake", "okay", "good")


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
        self.show_kind(feedback.kind, care=feedback.care)

    def show_kind(self, kind: str, *, care: bool = False) -> None:
        """The border's colour for ``kind`` (self-blame, a gentle mistake, has its own), restyling the panel alone.

        A class change restyles a widget and everything inside it (Textual cannot know that no rule
        below the panel depends on its class), and here that was the button and seven more widgets
        on every choice: a fifth of a choice's time. Only the panel's own border depends on these
        classes, so only the panel is restyled.
        """
        classes = {f"-{one}": one == kind and not care for one in KINDS}
        classes["-care"] = care
        if all(self.has_class(name) == wanted for name, wanted in classes.items()):
            return
        self.update_classes(classes, update=False)
        self.app.stylesheet.update_nodes([self], animate=True)
