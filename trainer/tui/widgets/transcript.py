"""The story so far: narration, the other person's lines, the player's replies and their category.

It draws the entries of the core's transcript model (core/play/transcript.py), the same ones
`--plain` prints and the replay viewer shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.segment import Segment
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from trainer.core.play.marks import KIND_MARKS
from trainer.core.play.transcript import Entry, ReplyEntry, SceneEntry
from trainer.core.scenario.rubric import DEFAULT_RUBRIC
from trainer.tui.categories import category_classes, kind_mark
from trainer.tui.untrusted import as_content

LINE_INDENT = 2  # a speaker's line, and its wrapped lines, sit under the narration this far in


def note_classes(category: str, kind: str) -> str:
    """The CSS classes that colour a reply's category note (app.tcss's category inks)."""
    return f"note category-ink {category_classes(category, kind)}"


@dataclass(frozen=True)
class Part:
    """One paragraph of a block: its text, the CSS classes that style it (None: the block's own
    style), and how far in it is indented, wrapped lines too."""

    content: Content
    classes: str | None = None
    indent: int = 0


class Paragraphs(Visual):
    """Paragraphs one under another, each in its own style and wrapped to the width its indent leaves.

    Drawn exactly as a column of Statics with those styles and left paddings would be, by one widget:
    a choice lays out and paints every widget of the transcript, and a story of a dozen scenes was
    sixty widgets, most of a choice's layout time.
    """

    def __init__(self, parts: Sequence[tuple[Content, Style | None, int]]) -> None:
        self.parts = parts

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        # Unselectable: a selection's offsets are one text's, not a stack's.
        options = replace(options, selection=None, selection_style=None)
        indent_style = Style(background=style.background).rich_style  # as padding is drawn
        strips: list[Strip] = []
        for content, part_style, indent in self.parts:
            lines = content.render_strips(max(1, width - indent), None, part_style or style, options)
            if indent:
                pad = Segment(" " * indent, indent_style)
                lines = [Strip([pad, *line], line.cell_length + indent) for line in lines]
            strips.extend(lines)
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            (content.get_optimal_width(rules, container_width) + indent for content, _, indent in self.parts), default=0
        )

    def get_minimal_width(self, rules: RulesMap) -> int:
        return max((content.get_minimal_width(rules) + indent for content, _, indent in self.parts), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(content.get_height(rules, max(1, width - indent)) for content, _, indent in self.parts)


class TranscriptBlock(Widget):
    """A scene (narration and lines) or a reply (the words and their category), as one widget.

    Each paragraph is styled by the transcript's CSS rules for its classes, as if it were a widget
    of those classes inside the transcript.
    """

    DEFAULT_CSS = """
    TranscriptBlock {
        height: auto;
    }
    """

    ALLOW_SELECT = False

    def __init__(self, parts: Sequence[Part], *, classes: str) -> None:
        super().__init__(classes=classes)
        self.parts = tuple(parts)

    @property
    def plain(self) -> str:
        """The block's text, a line per paragraph."""
        return "\n".join(part.content.plain for part in self.parts)

    def render(self) -> Paragraphs:
        transcript = self.parent
        assert isinstance(transcript, Transcript)
        return Paragraphs([(part.content, transcript.part_style(part.classes), part.indent) for part in self.parts])


class Transcript(VerticalScroll):
    """A scrolling column of scene blocks and replies that follows its newest line.

    Once the story is taller than the view it is anchored to its end, so the newest line stays in
    view through every change of layout (the meters shown, a resize, the feedback panel replacing
    the choices); scrolling up to reread releases the anchor, scrolling back to the end or new
    story takes it again. A story that fits starts at the top, as a page does.
    """

    # The styles of a block's paragraphs, from the rules below and app.tcss's category inks.
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "narration",
        "reply",
        *(note_classes(category, kind) for kind in KIND_MARKS for category in ("", *DEFAULT_RUBRIC)),
    }

    DEFAULT_CSS = """
    Transcript {
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    Transcript .scene {
        margin-bottom: 1;
    }
    Transcript .narration {
        color: $text-muted;
        text-style: italic;
    }
    Transcript .turn {
        margin-bottom: 1;
        padding-left: 4;
        border-left: outer $primary;
    }
    Transcript .reply {
        color: $text-primary;
    }
    """

    can_focus = False

    def part_style(self, classes: str | None) -> Style | None:
        """The style of a paragraph with these classes inside the transcript (None: its block's own)."""
        if classes is None or classes not in self.COMPONENT_CLASSES:
            return None
        return self.get_visual_style(classes)

    @staticmethod
    def scene_block(entry: SceneEntry) -> TranscriptBlock:
        parts: list[Part] = []
        if entry.narration:
            parts.append(Part(as_content(entry.narration), "narration"))
        for line in entry.lines:
            parts.append(
                Part(
                    Content.assemble(as_content(line.speaker, "bold"), "  ", as_content(line.line)), indent=LINE_INDENT
                )
            )
        return TranscriptBlock(parts, classes="scene")

    @staticmethod
    def reply_block(entry: ReplyEntry) -> TranscriptBlock:
        feedback = entry.feedback
        return TranscriptBlock(
            [
                Part(Content.assemble(("You  ", "bold"), as_content(entry.text)), "reply"),
                Part(
                    Content.assemble(
                        f"{kind_mark(feedback.category, feedback.kind)} ",
                        as_content(feedback.label),
                        f"  {feedback.points:+d}",
                    ),
                    note_classes(feedback.category, feedback.kind),
                ),
            ],
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
    def blocks(cls, entries: Iterable[Entry]) -> list[TranscriptBlock]:
        """Scenes and replies; the ending and take-backs show elsewhere (the debrief, a notice)."""
        blocks: list[TranscriptBlock] = []
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
