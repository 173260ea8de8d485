"""The recorded session behind `trainer play`: a new run, or with --resume the last unfinished one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from trainer.core.errors import TrainerError, display_path
from trainer.core.play.engine import Run
from trainer.core.replays.history import PastRun, unfinished_runs
from trainer.core.replays.recorder import (
    REPAIRED_NOTE,
    recorder_of,
    recording_problem,
    resume_recorded_run,
    start_recorded_run,
)
from trainer.core.scenario.loader import Scenario
from trainer.core.settings import Settings, settings_or_defaults
from trainer.core.text import visible
from trainer.core.wording import counted


def recorded_session(
    loaded: Scenario, base: Path, args: argparse.Namespace, out: TextIO, stdin: TextIO | None = None
) -> Run:
    """Start a recorded run, or resume the newest unfinished one when ``--resume`` is given.

    When runs cannot be saved (a read-only or missing data folder) that is said before play
    starts, with the offer to play without recording: asked on a terminal, else as a hint.
    """
    seed = getattr(args, "seed", None)
    if getattr(args, "no_record", False):
        return loaded.new_run(seed)
    if not getattr(args, "resume", False):
        problem = recording_problem(base, loaded.id)
        if problem is None:
            player = getattr(args, "player", None) or _settings(base, out).player_name
            return start_recorded_run(loaded, base, player, seed)
        if stdin is not None and stdin.isatty() and _play_unrecorded(problem, stdin, out):
            return loaded.new_run(seed)
        raise TrainerError(f"{problem}. To play without saving the run: trainer play {loaded.id} --plain --no-record")
    last = last_unfinished_run(loaded, base)
    session = resume_recorded_run(loaded, last.path)
    when = last.started.astimezone().strftime("%Y-%m-%d %H:%M")
    out.write(
        f"Resuming your run of {when} ({display_path(last.path)}): {counted(last.steps, 'choice')} made so far.\n"
    )
    recorder = recorder_of(session)
    if recorder is not None and recorder.repaired:
        out.write(f"({REPAIRED_NOTE})\n")
    for number, step in enumerate(session.history, start=1):
        out.write(visible(f"  {number}. {step.choice.choice.text}") + "\n")
    out.flush()
    return session


def _play_unrecorded(problem: str, stdin: TextIO, out: TextIO) -> bool:
    out.write(f"{visible(problem)}.\nPlay without recording this run? [y/N] ")
    out.flush()
    return stdin.readline().strip().lower() in ("y", "yes")


def _settings(base: Path, out: TextIO) -> Settings:
    """The player's settings; with a broken file, the defaults, and a line saying so."""
    settings, broken = settings_or_defaults(base)
    if broken is not None:
        out.write(visible(f"{broken.diagnostics[0]} (the default settings are used)") + "\n")
    return settings


def last_unfinished_run(loaded: Scenario, base: Path) -> PastRun:
    """The newest unfinished run of ``loaded`` (for --resume, plain or in the TUI); a clear error if none."""
    runs = unfinished_runs(base, loaded)
    if not runs:
        raise TrainerError(f"no unfinished run of '{loaded.id}' to resume; start one with: trainer play {loaded.id}")
    return runs[0]
