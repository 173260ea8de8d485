"""Step through a recorded run with the arrow keys: the scene, the choice made, the alternatives, the feedback.

Everything shown is re-played from the replay's choices (`read_replay(keep_moves=True)`);
replay and scenario text reach the screen only as literal Content.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from trainer.core.play.marks import points_words
from trainer.core.play.scoring import card_line, score_line
from trainer.core.play.shuffle import in_shown_order
from trainer.core.play.transcript import EndingEntry, ReplyEntry, SceneEntry, TakeBackEntry, move_entries, scene_entry
from trainer.core.replays.history import started_at
from trainer.core.replays.reader import Move, VerifiedReplay
from trainer.core.scenario.compiled import CompiledChoice
from trainer.core.text import one_line
from trainer.core.wording import counted
from trainer.tui.categories import category_classes, kind_mark
from trainer.tui.untrusted import as_content, as_rich_text
from trainer.tui.widgets.footer import TrainerFooter


def run_summary(replay: VerifiedReplay) -> Content:
    """One line about the run: scenario, when and by whom, how it ended, the recomputed score."""
    title = replay.loaded.file.title
    when = started_at(replay).astimezone().strftime("%Y-%m-%d %H:%M")
    parts: list[Content | str | tuple[str, str]] = [as_content(title, "bold"), f" · {when}"]
    if replay.header.player:
        parts += [" · ", as_content(replay.header.player)]
    ending = replay.ending
    if ending is not None:
        parts += [" · ", as_content(ending.title), f" ({ending.outcome})"]
        bounds = replay.loaded.bounds
        parts.append(f" · {score_line(replay.score, bounds.par, bounds.worst, replay.percent, explain=True)}")
    else:
        status = "abandoned" if replay.abandoned else "unfinished"
        parts.append(f" · {status} after {counted(len(replay.run), 'choice')}, score so far {replay.score}")
    return Content.assemble(*parts)


class ReplayViewerScreen(Screen[None]):
    """One replay, one move at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,k", "step(-1)", "Previous", id="replay.previous", key_display="←", tooltip="the move before"),
        Binding("right,j,space", "step(1)", "Next", id="replay.next", key_display="→", tooltip="the next move"),
        Binding("home", "jump(0)", "First", id="replay.first", tooltip="the first move"),
        Binding("end", "jump(-1)", "Last", id="replay.last", tooltip="the last move"),
        Binding(
            "escape,q",
            "leave",
            "Back",
            id="replay.leave",
            key_display="esc",
            tooltip="back to the history (or quit, after trainer replay)",
        ),
    ]

    def __init__(self, replay: VerifiedReplay) -> None:
        super().__init__()
        assert replay.moves is not None, "read the replay with keep_moves=True"
        self.replay = replay
        self.moves: tuple[Move, ...] = replay.moves
        self.position = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(run_summary(self.replay), id="replay-summary")
        yield Static(id="replay-position")
        with VerticalScroll(id="replay-body"):
            yield Static(id="replay-scene", classes="scene")
            yield Static(id="replay-move")
            yield Static(id="replay-feedback")
            yield Static(id="replay-alternatives")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Replay {one_line(Path(self.replay.file).name)}"
        self.show_move()

    def action_step(self, delta: int) -> None:
        target = self.position + delta
        if not 0 <= target < len(self.moves):
            self.app.bell()
            return
        self.position = target
        self.show_move()

    def action_jump(self, where: int) -> None:
        if self.moves:
            self.position = where % len(self.moves)
            self.show_move()

    def action_leave(self) -> None:
        self.dismiss()

    # ------------------------------------------------------------ drawing

    def show_move(self) -> None:
        scene_view = self.query_one("#replay-scene", Static)
        move_view = self.query_one("#replay-move", Static)
        feedback_view = self.query_one("#replay-feedback", Static)
        alternatives_view = self.query_one("#replay-alternatives", Static)
        position = self.query_one("#replay-position", Static)
        if not self.moves:
            position.update("No moves recorded yet.")
            for view in (scene_view, move_view, feedback_view, alternatives_view):
                view.update("")
            return
        move = self.moves[self.position]
        what = {"choice": f"choice {move.step}", "take_back": "take-back", "ending": "the ending"}[move.kind]
        position.update(Content.assemble((f"Move {self.position + 1} of {len(self.moves)}", "bold"), f" · {what}"))
        # What the move shows comes from the core's transcript model, as in --plain and the play screen.
        entries = move_entries(self.replay, move)
        scene = scene_entry(self.replay.loaded, move.before)
        scene_view.update(self.scene_text(scene))
        feedback_view.update("")
        alternatives_view.update("")
        feedback_view.set_classes("")
        for entry in entries:
            if isinstance(entry, ReplyEntry):
                feedback = entry.feedback
                number = f"{self.shown_number(move)}. " if move.choice is not None else ""
                move_view.update(Content.assemble(("You chose  ", "bold"), number, as_content(entry.text)))
                feedback_view.update(self.feedback_text(entry))
                feedback_view.set_classes(f"category-ink {category_classes(feedback.category, feedback.kind)}")
                alternatives_view.update(self.alternatives_text(move))
            elif isinstance(entry, TakeBackEntry):
                move_view.update(
                    Content.assemble(
                        ("Taken back  ", "bold"),
                        as_content(entry.text),
                        ("\nThe run went back to the choice before it.", "italic"),
                    )
                )
            elif isinstance(entry, EndingEntry):
                move_view.update(self.ending_text(entry))

    @staticmethod
    def scene_text(entry: SceneEntry) -> Content:
        parts: list[Content | str] = []
        if entry.narration:
            parts.append(as_content(entry.narration, "italic"))
        for line in entry.lines:
            parts.append(Content.assemble(as_content(line.speaker, "bold"), "  ", as_content(line.line)))
        return Content("\n").join(parts)

    @staticmethod
    def feedback_text(entry: ReplyEntry) -> Content:
        feedback = entry.feedback
        return Content.assemble(
            f"{kind_mark(feedback.category, feedback.kind)} ",
            as_content(feedback.label, "bold"),
            f"  {points_words(feedback.category, feedback.kind, feedback.points, unit=False)}\n",
            as_content(feedback.text.strip()),
        )

    def shown(self, move: Move) -> list[CompiledChoice]:
        """The choices offered before ``move``, in the order the run showed them (its seed's order)."""
        scenario = self.replay.loaded
        offered = scenario.compiled.offered(move.before)
        return in_shown_order(scenario, move.before[0], offered, self.replay.header.seed)

    def shown_number(self, move: Move) -> int:
        """The number the chosen option had on the player's screen."""
        return 1 + [choice.id for choice in self.shown(move)].index(move.choice.id if move.choice else "")

    def alternatives_text(self, move: Move) -> Content | Group:
        """The other choices, numbered as the player saw them, each wrapped under its own text with its category."""
        rubric = self.replay.loaded.rubric
        others = [
            (number, choice)
            for number, choice in enumerate(self.shown(move), start=1)
            if move.choice and choice.id != move.choice.id
        ]
        if not others:
            return Content("No other choice was offered here.")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for number, choice in others:
            category = rubric[choice.category]
            text = as_rich_text(choice.choice.text.strip())
            text.append("  (")
            text.append_text(as_rich_text(category.label))
            text.append(f" {category.points:+d})")
            grid.add_row(Text(f" {number}. {kind_mark(choice.category, category.kind)}"), text)
        return Group(Text("Other choices offered here:", style="bold"), grid)

    def ending_text(self, entry: EndingEntry) -> Content:
        card = self.replay.scorecard()
        return Content.assemble(
            ("Ending  ", "bold"),
            as_content(entry.title, "bold"),
            f" ({entry.outcome})\n",
            as_content(entry.debrief),
            f"\n\n{card_line(card)}",
        )
