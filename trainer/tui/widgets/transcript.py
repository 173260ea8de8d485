"""The story so far: narration, the other person's lines, the player's replies and their category.

It draws the entries of the core's transcript model (core/play/transcript.py), the same ones
`--plain` prints and the replay viewer shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from trainer.core.play.transcript import Entry, ReplyEntry, SceneEntry
from trainer.tui.categories import category_classes, kind_mark
from trainer.tui.untrusted import as_content


class Transcript(VerticalScroll):
    """A scrolling column of scene blocks and replies that follows its newest line.

    Once the story is taller than the view it is anchored to its end, so the newest line stays in
    view through every change of layout (the meters shown, a resize, the feedback panel replacing
    the choices); scrolling up to reread releases the anchor, scrolling back to the end or new
    story takes it again. A story that fits starts at the top, as a page does.
    """

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

    @staticmethod
    def scene_block(entry: SceneEntry) -> Vertical:
        parts: list[Static] = []
        if entry.narration:
            parts.append(Static(as_content(entry.narration), classes="narration"))
        for line in entry.lines:
            parts.append(
                Static(
                    Content.assemble(as_content(line.speaker, "bold"), "  ", as_content(line.line)),
                    classes="line",
                )
            )
        return Vertical(*parts, classes="scene")

    @staticmethod
    def reply_block(entry: ReplyEntry) -> Vertical:
        feedback = entry.feedback
        return Vertical(
            Static(Content.assemble(("You  ", "bold"), as_content(entry.text)), classes="reply"),
            Static(
                Content.assemble(
                    f"{kind_mark(feedback.category, feedback.kind)} ",
                    as_content(feedback.label),
                    f"  {feedback.points:+d}",
                ),
                classes=f"note category-ink {category_classes(feedback.category, feedback.kind)}",
            ),
            classes="turn",
        )

    def on_resize(self) -> None:
        # Sent when the view or the story's height changes, with both already updated.
        self.follow_the_end()

    def follow_the_end(self, *, new_story: bool = False) -> None:
        """Anchor to the end once the story overflows (Textual would bottom-align a short one)."""
        overflowing = self.virtual_size.height > self.scrollable_content_region.height
        if not overflowing:
            self.anchor(False)
            self.scroll_home(animate=False, immediate=True)
        elif new_story or not self.is_anchored:
            self.anchor()

    @classmethod
    def blocks(cls, entries: Iterable[Entry]) -> list[Vertical]:
        """Scenes and replies; the ending and take-backs show elsewhere (the debrief, a notice)."""
        blocks: list[Vertical] = []
        for entry in entries:
            if isinstance(entry, SceneEntry):
                blocks.append(cls.scene_block(entry))
            elif isinstance(entry, ReplyEntry):
                blocks.append(cls.reply_block(entry))
        return blocks

    def add(self, entries: Iterable[Entry]) -> None:
        self.mount_all(self.blocks(entries))
        self.call_after_refresh(self.follow_the_end, new_story=True)

    def rebuild(self, entries: Iterable[Entry]) -> None:
        """Show ``entries`` from the start."""
        blocks = self.blocks(entries)
        self.remove_children()
        self.mount_all(blocks)
        self.call_after_refresh(self.follow_the_end, new_story=True)
