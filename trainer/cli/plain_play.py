"""Plain play: the whole run as lines of text, for screen readers, pipes and scripts."""

from __future__ import annotations

import shlex
from typing import TextIO

from trainer.core.play.engine import Feedback, Run
from trainer.core.play.narration import debrief_text, narrate
from trainer.core.play.scoring import scorecard
from trainer.core.scenario.loader import Scenario
from trainer.core.scenario.rubric import CARE_CATEGORIES
from trainer.core.settings import DEFAULT_SUPPORT_LINE
from trainer.core.text import visible

# Exit status when input ends before the run does: a script can tell an unfinished run from a finished one.
INPUT_ENDED = 3

HELP = "Type the number of your choice, 'b' to take back your last choice, or 'q' to stop."


def play_plain(
    loaded: Scenario,
    stdin: TextIO,
    stdout: TextIO,
    session: Run | None = None,
    support_line: str = DEFAULT_SUPPORT_LINE,
    *,
    named_as: str | None = None,
) -> int:
    """Play one run on text streams (a given run: a recorded or resumed one).

    ``named_as`` is how the player named the scenario, for the command that resumes the run.
    """
    session = session or loaded.new_run()
    resume = (
        "Your choices so far are saved; continue with: "
        f"trainer play {shlex.quote(named_as or loaded.id)} --plain --resume"
    )
    scenario = loaded.file
    out = _Printer(stdout)
    out.line(f"== {scenario.title} ==")
    out.line(scenario.summary)
    out.line(HELP)
    while True:
        _show_scene(session, out)
        if session.ended:
            _show_debrief(session, out)
            return 0
        offered = session.offered()
        for number, choice in enumerate(offered, start=1):
            out.line(f"  {number}. {choice.text}")
        answer = _ask(stdin, out, len(offered), can_take_back=bool(session.history))
        if answer is None:
            out.line("")
            out.line("Input ended before the story did, so this run stops here, unfinished.")
            out.line(resume)
            return INPUT_ENDED
        if answer == "q":
            out.line("Stopped. This run is unfinished.")
            out.line(resume)
            return 0
        if answer == "b":
            step = session.take_back()
            out.line(f'(Taken back: "{visible(step.choice.choice.text)}". Back to the choice before it.)')
            continue
        feedback = session.choose(offered[answer].id)
        _show_feedback(feedback, out)
        if feedback.category in CARE_CATEGORIES:
            out.line(f"   {support_line.strip()}")


class _Printer:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def line(self, text: str) -> None:
        self.stream.write(visible(text) + "\n")
        self.stream.flush()


def _show_scene(session: Run, out: _Printer) -> None:
    narration = narrate(session.scenario, session.state)
    out.line("")
    if narration.text:
        out.line(narration.text)
    for line in narration.lines:
        out.line(f'{line.speaker}: "{line.line}"')


def _show_feedback(feedback: Feedback, out: _Printer) -> None:
    out.line(f"-> {feedback.label} ({feedback.points:+d}): {feedback.text.strip()}")


def _show_debrief(session: Run, out: _Printer) -> None:
    ending = session.ending
    assert ending is not None
    loaded = session.scenario
    card = scorecard((step.choice.category for step in session.history), loaded.rubric, loaded.bounds)
    out.line("")
    out.line(f"== Ending: {ending.title} ({ending.outcome}) ==")
    out.line(debrief_text(loaded, session.state))
    out.line("")
    out.line(f"Score {card.score} of par {card.par} ({card.percent:.0f}%)")
    for category, count in card.tally.items():
        out.line(f"  {loaded.rubric[category].label}: {count}")


def _ask(stdin: TextIO, out: _Printer, count: int, *, can_take_back: bool) -> int | str | None:
    """The 0-based index chosen, 'b', 'q', or None at end of input; re-asks on anything else."""
    while True:
        out.stream.write(f"Your choice (1-{count}): ")
        out.stream.flush()
        raw = stdin.readline()
        if not raw:
            return None
        if not stdin.isatty():
            out.stream.write(visible(raw.rstrip("\r\n")) + "\n")  # keep a piped transcript readable
        answer = raw.strip().lower()
        if answer in ("q", "quit"):
            return "q"
        if answer in ("b", "back"):
            if can_take_back:
                return "b"
            out.line("There is no choice to take back yet.")
            continue
        if answer.isdigit() and 1 <= int(answer) <= count:
            return int(answer) - 1
        out.line(f"Please type a number from 1 to {count}. {HELP}")
