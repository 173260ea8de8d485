"""Plain play: the whole run as lines of text, for screen readers, pipes and scripts."""

from __future__ import annotations

import re
import shlex
import shutil
import textwrap
from collections.abc import Iterable
from typing import TextIO

from trainer.core.play.debrief_lines import tally_lines, turning_point_lines
from trainer.core.play.engine import Run
from trainer.core.play.scoring import card_line, scorecard
from trainer.core.play.transcript import TakeBackEntry, arrival_entries, entry_lines, reply_entry, text_lines
from trainer.core.scenario.loader import Scenario
from trainer.core.settings import DEFAULT_SUPPORT_LINE
from trainer.core.text import visible

# Exit status when input ends before the run does: a script can tell an unfinished run from a finished one.
INPUT_ENDED = 3

HELP = "Type the number of your choice, 'u' to take back your last choice, or 'q' to stop."
TAKE_BACK = ("u", "undo", "b", "back")  # u as in the app; b, the old key, still works

# Lines are wrapped to the terminal, or to this width when the output is not a terminal.
DEFAULT_WIDTH = 80
_NUMBERED = re.compile(r"^(\s*)(\d+\.\s+|->\s+)")


def play_plain(
    loaded: Scenario,
    stdin: TextIO,
    stdout: TextIO,
    session: Run | None = None,
    support_line: str = DEFAULT_SUPPORT_LINE,
    *,
    named_as: str | None = None,
    width: int | None = None,
    recorded: bool = True,
) -> int:
    """Play one run on text streams (a given run: a recorded or resumed one).

    ``named_as`` is how the player named the scenario, for the command that resumes the run;
    ``width`` is the width to wrap to (default: the terminal's, or 80 when not a terminal);
    ``recorded`` is False for a run that is not saved (--no-record), which cannot be resumed.
    """
    session = session or loaded.new_run()
    out = _Printer(stdout, width)
    resume = f"  trainer play {shlex.quote(named_as or loaded.id)} --plain --resume"
    scenario = loaded.file
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
            _say_how_to_resume(out, resume, recorded)
            return INPUT_ENDED
        if answer == "q":
            out.line("Stopped. This run is unfinished.")
            _say_how_to_resume(out, resume, recorded)
            return 0
        if answer == "b":
            step = session.take_back()
            out.lines(entry_lines(TakeBackEntry(len(session.history) + 1, step.choice.choice.text.strip())))
            continue
        session.choose(offered[answer].id)
        out.lines(entry_lines(reply_entry(len(session.history), session.history[-1]), support_line))


def _say_how_to_resume(out: _Printer, command: str, recorded: bool) -> None:
    if recorded:
        out.line("Your choices so far are saved; continue with:")
        out.command(command)
    else:
        out.line("It was not recorded (--no-record), so it cannot be resumed.")


class _Printer:
    """Writes lines wrapped at word boundaries, a numbered item's wrapped lines under its text."""

    def __init__(self, stream: TextIO, width: int | None = None) -> None:
        self.stream = stream
        self.width = width or _terminal_width(stream)

    def line(self, text: str) -> None:
        self.stream.write(self.wrapped(visible(text)) + "\n")
        self.stream.flush()

    def command(self, text: str) -> None:
        """A command to copy: on a line of its own, never wrapped."""
        self.stream.write(visible(text) + "\n")
        self.stream.flush()

    def wrapped(self, text: str) -> str:
        if "\n" in text:  # a text written with line breaks keeps them
            return "\n".join(self.wrapped(part) for part in text.split("\n"))
        if len(text) <= self.width:
            return text
        marker = _NUMBERED.match(text)
        indent = len(text) - len(text.lstrip(" "))
        hanging = " " * (marker.end() if marker else indent)
        return textwrap.fill(
            text,
            self.width,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
            drop_whitespace=True,
        )

    def lines(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.line(text)


def _show_score(session: Run, out: _Printer) -> None:
    loaded = session.scenario
    card = scorecard((step.choice.category for step in session.history), loaded.rubric, loaded.bounds)
    out.line("")
    out.line(card_line(card, explain=True))
    out.lines(tally_lines(loaded, card))
    out.lines(turning_point_lines(loaded, session.history))


def _terminal_width(stream: TextIO) -> int:
    """The terminal's width when writing to one, else DEFAULT_WIDTH (a pipe, a file, a test)."""
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        return DEFAULT_WIDTH
    return max(20, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


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
        if answer in TAKE_BACK:
            if can_take_back:
                return "b"
            out.line("There is no choice to take back yet.")
            continue
        if answer.isdigit() and 1 <= int(answer) <= count:
            return int(answer) - 1
        out.line(f"Please type a number from 1 to {count}. {HELP}")
