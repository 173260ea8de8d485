"""The debrief at an ending: outcome, score against par, the tally chart and the turning points."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from trainer.core.play.engine import Run
from trainer.core.play.narration import debrief_text, narrate
from trainer.core.play.scoring import Scorecard, card_line, scorecard
from trainer.core.play.turning_points import TurningPoint, turning_points
from trainer.core.text import one_line, visible
from trainer.tui.navigation import PlayScenario
from trainer.tui.untrusted import as_content
from trainer.tui.widgets.footer import TrainerFooter
from trainer.tui.widgets.tally_chart import TallyChart

OUTCOME_CLASSES = {"good": "kind-good", "mixed": "kind-okay", "bad": "kind-mistake"}


class DebriefScreen(Screen[None]):
    """What a run amounted to, and where it turned."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "play_again", "Play again", id="debrief.play_again", tooltip="play the same scenario again"),
        Binding(
            "escape,l", "library", "Library", id="debrief.library", key_display="esc", tooltip="back to the library"
        ),
    ]

    def __init__(self, session: Run) -> None:
        super().__init__()
        self.session = session
        self.loaded = session.scenario
        self.card: Scorecard = scorecard(
            (step.choice.category for step in session.history), self.loaded.rubric, self.loaded.bounds
        )
        self.turning_points: list[TurningPoint] = turning_points(self.loaded, session.history)

    def compose(self) -> ComposeResult:
        ending = self.session.ending
        assert ending is not None
        narration = narrate(self.loaded, self.session.state)
        yield Header()
        with VerticalScroll(id="debrief-body"):
            yield Static(
                Content.assemble(("Ending: ", "bold"), as_content(ending.title, "bold")),
                id="ending-title",
                classes=f"category-ink {OUTCOME_CLASSES[ending.outcome]}",
            )
            yield Static(Content(f"Outcome: {ending.outcome}"), id="outcome")
            if narration.text:
                yield Static(as_content(narration.text), id="ending-scene", classes="narration")
            yield Static(as_content(debrief_text(self.loaded, self.session.state)), id="debrief-text")
            card = self.card
            yield Static(Content(card_line(card, explain=True)).stylize("bold", 0, len(card_line(card))), id="score")
            yield Static(Content("Your choices"), classes="section")
            if card.tally:
                yield TallyChart(card.tally, self.loaded.rubric, id="tally")
            else:
                yield Static(Content("No choices were made."), id="tally")
            yield Static(Content("Turning points"), classes="section")
            if self.turning_points:
                for point in self.turning_points:
                    yield Static(self.describe(point), classes="turning-point")
            else:
                yield Static(Content("No mistakes in this run."), classes="turning-point")
        with Horizontal(id="debrief-actions"):
            yield Button("Play again", id="play-again", variant="primary", compact=True)
            yield Button("Back to library", id="library", compact=True)
        yield TrainerFooter()

    def describe(self, point: TurningPoint) -> Content:
        rubric = self.loaded.rubric
        category = rubric[point.category]
        parts: list[Content | tuple[str, str] | str] = [
            (f"{point.step_number}. ", "bold"),
            # Choices are lines, actions and thoughts alike, and may carry their own quotes: show them as written.
            "You chose: ",
            as_content(point.chosen.text.strip(), "italic"),
            " · ",
            (visible(category.label), "bold $text-error"),
            f" {category.points:+d}\n",
            as_content(point.chosen.feedback.strip()),
        ]
        if point.better is not None:
            better = rubric[point.better.category]
            parts += [
                ("\nBetter: ", "bold $text-success"),
                as_content(point.better.text.strip(), "italic"),
                " · ",
                as_content(better.label),
                f" {better.points:+d}",
            ]
        else:
            parts.append(("\nNothing better was on offer here by then.", "$text-muted"))
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.sub_title = f"{one_line(self.loaded.file.title)} · debrief"
        self.query_one("#debrief-body", VerticalScroll).focus()

    @on(Button.Pressed, "#play-again")
    def _play_again_pressed(self) -> None:
        self.action_play_again()

    @on(Button.Pressed, "#library")
    def _library_pressed(self) -> None:
        self.action_library()

    def action_play_again(self) -> None:
        self.post_message(PlayScenario(self.loaded))

    def action_library(self) -> None:
        self.dismiss()
