"""The recorded session behind `trainer play`: a new run, or with --resume the last unfinished one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from trainer.core.errors import TrainerError, display_path
from trainer.core.play.engine import Session
from trainer.core.replays.history import PastRun, unfinished_runs
from trainer.core.replays.recorder import resume_recorded_run, start_recorded_run
from trainer.core.scenario.loader import Scenario
from trainer.core.text import visible
from trainer.core.wording import counted


def recorded_session(loaded: Scenario, base: Path, args: argparse.Namespace, out: TextIO) -> Session:
    """Start a recorded run, or resume the newest unfinished one when ``--resume`` is given."""
    if not getattr(args, "resume", False):
        return start_recorded_run(loaded, base, getattr(args, "player", None))
    last = last_unfinished_run(loaded, base)
    session = resume_recorded_run(loaded, last.path)
    when = last.started.astimezone().strftime("%Y-%m-%d %H:%M")
    out.write(
        f"Resuming your run of {when} ({display_path(last.path)}): {counted(last.steps, 'choice')} made so far.\n"
    )
    for number, step in enumerate(session.history, start=1):
        out.write(visible(f"  {number}. {step.choice.choice.text}") + "\n")
    out.flush()
    return session


def last_unfinished_run(loaded: Scenario, base: Path) -> PastRun:
    """The newest unfinished run of ``loaded`` (for --resume, plain or in the TUI); a clear error if none."""
    runs = unfinished_runs(base, loaded)
    if not runs:
        raise TrainerError(f"no unfinished run of '{loaded.id}' to resume; start one with: trainer play {loaded.id}")
    return runs[0]
