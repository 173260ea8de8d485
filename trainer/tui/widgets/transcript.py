"""The story so far: narration, the other person's lines, the player's replies and their category."""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from trainer.core.play.engine import Feedback, Step
from trainer.core.play.narration import narrate
from trainer.core.scenario.compiled import State
from trainer.core.scenario.loader import Scenario
from trainer.core.scenario.model import Choice
from trainer.tui.categories import category_classes, kind_mark
from trainer.tui.untrusted import as_content


class Transcript(VerticalScroll):
    """A scrolling column of scene blocks and replies, always scrolled to the newest."""

    DEFAULT_CSS = """
    Transcript {
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    Transcript .scene {
        height: auto;
        margin-bottom: 1;
    }
    Transcript .narration {
        color: $text-muted;
        text-style: italic;
    }
    Transcript .line {
        padding-left: 2;
    }
    Transcript .turn {
        height: auto;
        margin-bottom: 1;
        padding-left: 4;
        border-left: outer $primary;
    }
    Transcript .reply {
        color: $text-primary;
    }
    """

    can_focus = False

    def scene_block(self, loaded: Scenario, state: State) -> Vertical:
        narration = narrate(loaded, state)
        parts: list[Static] = []
        if narration.text:
            parts.append(Static(as_content(narration.text), classes="narration"))
        for line in narration.lines:
            parts.append(
                Static(
                    Content.assemble(as_content(line.speaker, "bold"), "  ", as_content(line.line)),
                    classes="line",
                )
            )
        return Vertical(*parts, classes="scene")

    @staticmethod
    def reply_block(choice: Choice, feedback: Feedback) -> Vertical:
        return Vertical(
            Static(Content.assemble(("You  ", "bold"), as_content(choice.text.strip())), classes="reply"),
            Static(
                Content.assemble(f"{kind_mark(feedback.kind)} ", as_content(feedback.label), f"  {feedback.points:+d}"),
                classes=f"note category-ink {category_classes(feedback.category, feedback.kind)}",
            ),
            classes="turn",
        )

    def add_scene(self, loaded: Scenario, state: State) -> None:
        self.mount(self.scene_block(loaded, state))
        self.call_after_refresh(self.scroll_end, animate=False)

    def add_reply(self, choice: Choice, feedback: Feedback) -> None:
        self.mount(self.reply_block(choice, feedback))
        self.call_after_refresh(self.scroll_end, animate=False)

    def rebuild(self, loaded: Scenario, history: Sequence[Step], current: State | None) -> None:
        """Show ``history`` from the start, then the current state's scene unless its arrival is still pending."""
        blocks: list[Vertical] = []
        for step in history:
            blocks.append(self.scene_block(loaded, step.before))
            blocks.append(self.reply_block(step.choice.choice, step.feedback))
        if current is not None:
            blocks.append(self.scene_block(loaded, current))
        self.remove_children()
        self.mount_all(blocks)
        self.call_after_refresh(self.scroll_end, animate=False)
