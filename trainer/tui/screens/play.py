"""Play one run: the transcript, numbered choices, coaching after each choice, take-backs."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Header, OptionList
from textual.widgets.option_list import Option

from trainer.core.library import bundled_twin
from trainer.core.play.engine import Feedback, Run
from trainer.core.play.transcript import history_entries, reply_entry, scene_entry
from trainer.core.scenario.loader import Scenario
from trainer.core.text import one_line
from trainer.tui.navigation import RunEnded
from trainer.tui.untrusted import as_rich_text
from trainer.tui.widgets.choice_list import ChoiceList
from trainer.tui.widgets.confirm import ConfirmModal
from trainer.tui.widgets.feedback_panel import FeedbackPanel
from trainer.tui.widgets.footer import TrainerFooter
from trainer.tui.widgets.meters_panel import MetersPanel
from trainer.tui.widgets.transcript import Transcript


def numbered_choice(number: int, text: str) -> Table:
    """A choice as "N. text" with wrapped lines indented under the text, not under the number."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(f"{number}.", style="bold"), as_rich_text(text.strip()))
    return grid


def _choice_bindings() -> list[Binding]:
    """Keys 1-9 choose; the footer shows them once as "1-9"."""
    return [
        Binding(
            str(n),
            f"choose({n})",
            "Choose",
            id=f"play.choose.{n}",
            show=n == 1,
            key_display="1-9",
            tooltip="make a choice (or ↑ ↓ and Enter, or a click)",
            priority=True,
        )
        for n in range(1, 10)
    ]


class PlayScreen(Screen[None]):
    """One run of a scenario, from its start scene to an ending (then the debrief).

    Its keys are priority bindings: handled as they arrive, in the order typed, whatever has focus. A
    player who types ahead ("2, Enter, 2") gets each key's effect before the next, instead of keys
    queued behind a focus change on the hidden choice list and lost. A key whose action does not apply
    now (check_action) passes on to the focused widget, so ↑ ↓ and Enter still drive the choice list.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *_choice_bindings(),
        Binding(
            "enter,space",
            "continue",
            "Continue",
            id="play.continue",
            key_display="⏎",
            tooltip="continue after the feedback",
            priority=True,
        ),
        Binding(
            "u,backspace",
            "take_back",
            "Take back",
            id="play.take_back",
            key_display="u",
            tooltip="take your last choice back",
            priority=True,
        ),
        Binding(
            "m",
            "toggle_meters",
            "Meters",
            id="play.meters",
            tooltip="show or hide the meters (the author's view)",
            priority=True,
        ),
        Binding(
            "escape,q",
            "leave",
            "Leave",
            id="play.leave",
            key_display="esc",
            tooltip="leave the run (asks first)",
            priority=True,
        ),
    ]

    # Textual repaints a whole screen when its focus moves; here every choice and every Continue moves
    # it (from the choices to the Continue button and back), and the widgets that gain or lose focus
    # restyle and repaint themselves anyway. The whole-screen repaint was a tenth of a choice's frame.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, session: Run, *, support_line: str) -> None:
        """Play ``session``: a new run, or a resumed one with its choices so far. ``support_line`` is shown
        beside feedback on choices in the care categories (self-blame)."""
        super().__init__()
        self.support_line = support_line
        self.session = session
        self.loaded: Scenario = session.scenario
        self.awaiting_continue = False

    @property
    def run_in_progress(self) -> bool:
        """A run with choices made and no ending yet: leaving it deserves a question."""
        return bool(self.session.history) and not self.session.ended

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="play-body"):
            with Vertical(id="story"):
                yield Transcript(id="transcript")
                yield ChoiceList(id="choices", markup=False)
                yield FeedbackPanel(id="feedback")
            yield MetersPanel(id="meters")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.show_state()

    # ------------------------------------------------------------ the run

    def switch_run(self, session: Run) -> None:
        """Play ``session`` instead, as it stands: after a reload, the same run continued or a new one."""
        self.session = session
        self.loaded = session.scenario
        self.awaiting_continue = False
        self.show_state()

    def show_state(self) -> None:
        """Redraw everything from the session (after a start, a take-back or a reload)."""
        session = self.session
        yours = " · your version" if bundled_twin(self.loaded) is not None else ""
        self.sub_title = one_line(self.loaded.file.title) + yours
        entries = history_entries(self.loaded, session.history)
        if not self.awaiting_continue:
            entries.append(scene_entry(self.loaded, session.state))
        self.query_one(Transcript).rebuild(entries)
        self.query_one(FeedbackPanel).display = False
        self.show_choices()
        self.update_meters()

    def show_choices(self) -> None:
        session = self.session
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        choices.add_options(
            Option(numbered_choice(n, choice.text), id=choice.id) for n, choice in enumerate(session.offered(), start=1)
        )
        choices.display = True
        choices.highlighted = 0 if choices.option_count else None
        choices.focus()
        self.refresh_bindings()

    def update_meters(self) -> None:
        self.query_one(MetersPanel).show_meters(self.loaded, lambda: self.session.meters)

    def choose(self, index: int) -> Feedback | None:
        """Make the ``index``-th offered choice (0-based) and show its feedback."""
        session = self.session
        if self.awaiting_continue or session.ended:
            return None
        offered = session.offered()
        if not 0 <= index < len(offered):
            self.app.bell()
            return None
        choice = offered[index]
        feedback = session.choose(choice.id)
        self.awaiting_continue = True
        self.query_one(Transcript).add([reply_entry(len(session.history), session.history[-1])])
        self.query_one("#choices", OptionList).display = False
        panel = self.query_one(FeedbackPanel)
        care = self.support_line if feedback.care else None
        panel.show_feedback(feedback, care)
        panel.display = True
        panel.query_one("#continue", Button).focus()
        self.update_meters()
        self.refresh_bindings()
        return feedback

    def action_choose(self, number: int) -> None:
        self.choose(number - 1)

    @on(OptionList.OptionSelected, "#choices")
    def _choice_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(event.option_index)

    @on(Button.Pressed, "#continue")
    def _continue_pressed(self) -> None:
        self.action_continue()

    def action_continue(self) -> None:
        """After the feedback: on to the next scene, or to the debrief at an ending."""
        session = self.session
        if not self.awaiting_continue:
            return
        self.awaiting_continue = False
        if session.ended:
            self.post_message(RunEnded(session))
            return
        self.query_one(FeedbackPanel).display = False
        self.query_one(Transcript).add([scene_entry(self.loaded, session.state)])
        self.show_choices()

    def action_take_back(self) -> None:
        session = self.session
        if not session.history:
            self.notify("There is no choice to take back yet.", timeout=3)
            return
        step = session.take_back()
        self.awaiting_continue = False
        self.show_state()
        # Short, so the notice fits above the choices at 60x20 (the transcript shows the rest).
        taken = textwrap.shorten(one_line(step.choice.choice.text), 60, placeholder="…")
        self.notify(f"Taken back: {taken}", timeout=3, markup=False)

    def action_toggle_meters(self) -> None:
        self.query_one(MetersPanel).toggle()
        # The choices change width; OptionList can paint lines wrapped for the old width, so re-add them.
        self.call_after_refresh(self.rewrap_choices)

    def rewrap_choices(self) -> None:
        choices = self.query_one("#choices", OptionList)
        highlighted = choices.highlighted
        options = [Option(option.prompt, id=option.id) for option in choices.options]
        choices.clear_options()
        choices.add_options(options)
        choices.highlighted = highlighted
        choices.refresh(layout=True)  # and size the box for the new wrapping, not the old

    # ------------------------------------------------------------ leaving

    def action_leave(self) -> None:
        self.confirm_leave(quit_app=False)

    def confirm_leave(self, *, quit_app: bool) -> None:
        """Leave at once when nothing is at stake; otherwise ask first."""

        def leave(confirmed: bool | None) -> None:
            if not confirmed:
                return
            if quit_app:
                self.app.exit()
            else:
                self.dismiss()

        if not self.run_in_progress:
            leave(True)
            return
        self.app.push_screen(
            ConfirmModal(
                "Leave this run?" if not quit_app else "Quit the trainer?",
                "Your choices so far are saved: press c on this scenario in the library to resume the run.",
                yes="Leave" if not quit_app else "Quit",
                no="Keep playing",
            ),
            leave,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that do something right now."""
        if action == "choose":
            return not self.awaiting_continue
        if action == "continue":
            return self.awaiting_continue
        return True
