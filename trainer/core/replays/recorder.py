"""Record a run as it happens: every move is on disk (written, flushed, fsynced) before play goes on.

A process killed at any moment therefore leaves a replay of every choice made up to then,
and that replay can be scored as unfinished or resumed in the same file.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from trainer import __version__
from trainer.core.errors import TrainerError, display_path
from trainer.core.library import replays_dir
from trainer.core.play.engine import Run, Step
from trainer.core.replays.files import SUFFIX
from trainer.core.replays.format import (
    ChoiceMade,
    EndingReached,
    Header,
    RunAbandoned,
    TakenBack,
    encode,
    header_decoder,
    new_header,
)
from trainer.core.replays.lock import ReplayLock
from trainer.core.replays.reader import read_replay
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import Scenario

# What a player resuming a replay whose last line was cut off is told, in --plain and in the app.
REPAIRED_NOTE = "Its last line had been cut off, as by a crash or a full disk: the choices before it are kept."


class ReplayRecorder:
    """A RunObserver that appends one JSON line per choice, take-back and ending.

    The file is created with the first move, so opening a scenario and leaving at once leaves
    no empty run behind; from then on every move is on disk before play goes on.
    """

    def __init__(
        self, path: Path, pending_header: bytes | None = None, lock: ReplayLock | None = None, repaired: bool = False
    ) -> None:
        self.path = path
        self._pending_header = pending_header
        # A resumed replay whose cut-off last line was cut away: the player is told (REPAIRED_NOTE).
        self.repaired = repaired
        # One writer per run: held from the file's creation (or the resume) for as long as we may write.
        self._lock = lock

    @classmethod
    def create(cls, folder: Path, header: Header, now: datetime) -> ReplayRecorder:
        """A recorder for a new replay in ``folder``, named by its start time; written from the first move."""
        return cls(_new_replay_path(folder, now), encode(header))

    @property
    def started(self) -> bool:
        """Whether the file exists yet (it does once the first move is recorded)."""
        return self._pending_header is None

    def on_choice(self, run: Run, step: Step) -> None:
        self._append(encode(ChoiceMade(len(run.history), step.feedback.scene_id, step.choice.id)))

    def on_ending(self, run: Run) -> None:
        self._append(encode(EndingReached(len(run.history), run.scene_id)))

    def on_take_back(self, run: Run, step: Step) -> None:
        self._append(encode(TakenBack(len(run.history) + 1, step.feedback.scene_id, step.choice.id)))

    def abandon(self, run: Run) -> None:
        """Close the replay for good (a run left before its ending that must not be resumed)."""
        if self.started and not run.ended:
            self._append(encode(RunAbandoned(len(run.history))))

    def retarget(self, loaded: Scenario) -> None:
        """Before the file exists, make its header name the version of the scenario now played."""
        if self._pending_header is not None:
            header = header_decoder.decode(self._pending_header)
            self._pending_header = encode(msgspec.structs.replace(header, sha256=loaded.sha256))

    def _append(self, line: bytes) -> None:
        if self._pending_header is not None:
            self._create()
        # One os.write of the whole line with O_APPEND, then fsync: a kill leaves whole lines only.
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise TrainerError(f"cannot write replay {display_path(self.path)}: {exc.strerror or exc}") from None

    def _create(self) -> None:
        assert self._pending_header is not None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            while True:
                try:
                    # O_EXCL: two runs started in the same millisecond can never share a file.
                    fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                    break
                except FileExistsError:
                    self.path = self.path.with_name(_with_new_suffix(self.path.name))
            try:
                self._lock = ReplayLock.acquire(self.path)
                os.write(fd, self._pending_header)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise TrainerError(f"cannot create replay {display_path(self.path)}: {exc.strerror or exc}") from None
        self._pending_header = None


def _new_replay_path(folder: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%S") + f"{now.microsecond // 1000:03d}Z"
    return folder / f"{stamp}-{secrets.token_hex(3)}{SUFFIX}"


def _with_new_suffix(name: str) -> str:
    stamp = name.split("-", 1)[0]
    return f"{stamp}-{secrets.token_hex(3)}{SUFFIX}"


def scenario_replays_dir(base: Path, scenario_id: str) -> Path:
    return replays_dir(base) / scenario_id


def recording_problem(base: Path, scenario_id: str) -> str | None:
    """Why runs of ``scenario_id`` cannot be recorded under ``base`` (None when they can).

    Asked before play starts, so a read-only or missing data folder is said plainly, with the
    offer to play without recording, instead of failing at the first choice. Only writing tells:
    permissions alone miss read-only file systems, full disks and a file where the folder should be.
    """
    folder = scenario_replays_dir(base, scenario_id)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return f"your runs cannot be saved in {display_path(folder)}: {exc.strerror or exc}"
    return None


def start_recorded_run(loaded: Scenario, base: Path, player: str | None = None, seed: int | None = None) -> Run:
    """A new run whose every move is recorded in a new replay under ``base``."""
    run = loaded.new_run(seed)
    now = datetime.now(UTC)
    header = new_header(loaded.id, loaded.sha256, str(loaded.path.resolve()), __version__, now, player, run.seed)
    run.observer = ReplayRecorder.create(scenario_replays_dir(base, loaded.id), header, now)
    return run


def resume_recorded_run(loaded: Scenario, replay: Path) -> Run:
    """Re-play an unfinished replay into a run that goes on recording in the same file.

    Raises InvalidReplay when the replay does not verify against ``loaded``, and RunInUse when
    another process is playing it: it is locked before it is read, so what is read is what the
    run is. A last line cut off mid-write is cut from the file before play goes on, so the next
    line starts on a line of its own.
    """
    try:
        lock = ReplayLock.acquire(replay)
    except OSError as exc:
        raise TrainerError(f"cannot open {display_path(replay)}: {exc.strerror or exc}") from None
    verified = read_replay(replay, ScenarioResolver(preloaded=(loaded,)))
    if verified.loaded is not loaded:
        raise TrainerError(f"{display_path(replay)} is a run of '{verified.header.scenario}', not of '{loaded.id}'")
    if verified.finished:
        raise TrainerError(f"{display_path(replay)} is a finished run: there is nothing to resume")
    if verified.abandoned:
        raise TrainerError(f"{display_path(replay)} is an abandoned run: it cannot be resumed")
    if verified.complete_bytes is not None:
        try:
            os.truncate(replay, verified.complete_bytes)
        except OSError as exc:
            raise TrainerError(f"cannot repair {display_path(replay)}: {exc.strerror or exc}") from None
    run = loaded.new_run(verified.header.seed)
    for choice in verified.run:
        run.choose(choice.id)
    run.observer = ReplayRecorder(replay, lock=lock, repaired=verified.complete_bytes is not None)
    return run


def continue_run(run: Run, reloaded: Scenario) -> Run:
    """The same run on a reloaded version of its scenario, recording on in the same replay.

    Its choices are made again on ``reloaded`` (nothing is written for them: they are in the file
    already); raises StepError if they no longer apply, and then ``run`` is left as it was.
    """
    again = reloaded.new_run(run.seed)
    for step in run.history:
        again.choose(step.choice.id)
    return hand_over(run, again)


def hand_over(run: Run, again: Run) -> Run:
    """``again`` (``run``'s choices made again on a reloaded scenario) records on in ``run``'s replay."""
    recorder = recorder_of(run)
    if recorder is not None:
        recorder.retarget(again.scenario)
    again.observer, run.observer = run.observer, None
    return again


def abandon_run(run: Run) -> None:
    """Leave a run for good: its replay says so (when it has one), and it is no longer recorded."""
    recorder = recorder_of(run)
    if recorder is not None:
        recorder.abandon(run)
    run.observer = None


def recorder_of(run: Run) -> ReplayRecorder | None:
    """The recorder of a run started or resumed here (None for an unrecorded one)."""
    return run.observer if isinstance(run.observer, ReplayRecorder) else None
