"""Plain play: the whole run as lines of text, for screen readers, pipes and scripts."""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from typing import TextIO

from trainer.core.play.engine import Run
from trainer.core.play.scoring import card_line, scorecard
from trainer.core.play.transcript import TakeBackEntry, arrival_entries, entry_lines, reply_entry, text_lines
from trainer.core.scenario.loader import Scenario
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
        out.lines(text_lines(arrival_entries(loaded, session.state)))
        if session.ended:
            _show_score(session, out)
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
            out.lines(entry_lines(TakeBackEntry(len(session.history) + 1, step.choice.choice.text.strip())))
            continue
        session.choose(offered[answer].id)
        out.lines(entry_lines(reply_entry(len(session.history), session.history[-1]), support_line))


class _Printer:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def line(self, text: str) -> None:
        self.stream.write(visible(text) + "\n")
        self.stream.flush()

    def lines(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.line(text)


def _show_score(session: Run, out: _Printer) -> None:
    loaded = session.scenario
    card = scorecard((step.choice.category for step in session.history), loaded.rubric, loaded.bounds)
    out.line("")
    out.line(card_line(card, explain=True))
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
