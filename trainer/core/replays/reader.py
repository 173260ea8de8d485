"""Read a replay and re-play it through the scenario's step function; never trust a number in it.

The file only says which choices were made. The run's state, whether each choice was offered,
the ending and the score all come from re-playing those choices, so an edited replay that makes
an impossible move is rejected at the line and step where it goes wrong.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Literal

import msgspec

from trainer.core.errors import Diagnostic, display_path
from trainer.core.play.scoring import Scorecard, scorecard
from trainer.core.replays.format import (
    FORMAT_VERSION,
    ChoiceMade,
    EndingReached,
    Header,
    InvalidReplay,
    TakenBack,
    event_decoder,
    format_of,
    header_decoder,
)
from trainer.core.replays.resolver import ScenarioResolver, UnknownScenario
from trainer.core.replays.step_cache import StepCache, Transition
from trainer.core.scenario.compiled import CompiledChoice, State, StepError
from trainer.core.scenario.loader import Scenario
from trainer.core.scenario.model import Ending
from trainer.core.wording import counted

MoveKind = Literal["choice", "take_back", "ending"]


@dataclass(frozen=True, slots=True)
class Move:
    """One event of a replay as re-played: the state before and after, and the choice concerned."""

    line: int
    kind: MoveKind
    step: int
    before: State
    choice: CompiledChoice | None
    after: State


@dataclass(frozen=True, slots=True)
class VerifiedReplay:
    """A replay re-played without error: the choices that stand (after take-backs) and where they lead."""

    file: str
    header: Header
    loaded: Scenario
    run: tuple[CompiledChoice, ...]
    run_keys: tuple[int, ...]  # StepCache.choice_of_key indices of ``run``, for fast aggregation
    score: int
    final_state: State
    finished: bool
    take_backs: int
    warnings: tuple[Diagnostic, ...]
    moves: tuple[Move, ...] | None = None  # every event, when asked for (the viewer)

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def percent(self) -> float | None:
        """Where the score sits between worst and par; None while the run is unfinished."""
        return self.loaded.bounds.percent(self.score) if self.finished else None

    @property
    def ending(self) -> Ending | None:
        if not self.finished:
            return None
        return self.loaded.file.scenes[self.loaded.compiled.scene_ids[self.final_state[0]]].ending

    @property
    def ending_scene(self) -> str | None:
        return self.loaded.compiled.scene_ids[self.final_state[0]] if self.finished else None

    def scorecard(self) -> Scorecard:
        return scorecard((choice.category for choice in self.run), self.loaded.rubric, self.loaded.bounds)


@dataclass(frozen=True, slots=True)
class _Broken:
    """A line the slow decoder could not turn into an event."""

    code: str
    message: str


def read_replay(path: Path | str, resolver: ScenarioResolver, *, keep_moves: bool = False) -> VerifiedReplay:
    """Decode and verify one replay; raise InvalidReplay naming the file, line and step of the first problem."""
    try:
        raw = _read_file(path)
    except OSError as exc:
        raise _invalid(path, None, None, "R101", f"cannot read file: {exc.strerror or exc}") from None
    newline = raw.find(b"\n")
    header = _header(path, raw if newline < 0 else raw[:newline], truncated=newline < 0)
    try:
        resolved = resolver.resolve(header)
    except UnknownScenario as exc:
        raise _invalid(path, 1, None, "R201", str(exc)) from None
    warnings = ()
    if resolved.changed:
        warnings = (Diagnostic(display_path(path), 1, None, "W301", resolved.changed, "warning", step=None),)
    events: list[object] | None = []
    if 0 <= newline < len(raw) - 1:
        body = memoryview(raw)[newline + 1 :]  # no copy of a large file
        try:
            events = event_decoder.decode_lines(body)
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
            events = None
        # decode_lines skips blank lines; then the slow path keeps line numbers right.
        if events is not None and len(events) != raw.count(b"\n", newline + 1) + (not raw.endswith(b"\n")):
            events = None
    cursor = [1]
    if events is None:
        stream: Iterator[object] | list[object] = _decode_slowly(raw[newline + 1 :], cursor)
        line_of = lambda _event: cursor[0]  # noqa: E731
    else:
        stream = events
        # Only asked on an error or for the viewer: find the event by identity, not by equality.
        line_of = lambda event: next(i for i, e in enumerate(events) if e is event) + 2  # noqa: E731
    return _replay(path, header, resolved.loaded, resolved.steps, stream, line_of, warnings, keep_moves)


def _read_file(path: Path | str) -> bytes:
    """The whole file in as few system calls as possible (batch scoring opens 100,000 of them)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        data = os.read(fd, _CHUNK)
        if len(data) < _CHUNK:  # a short read of a regular file is its end
            return data
        parts = [data]
        while chunk := os.read(fd, _CHUNK):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


_CHUNK = 1 << 16


def _header(path: Path | str, line: bytes, *, truncated: bool) -> Header:
    if not line.strip():
        raise _invalid(path, 1, None, "R104", "empty replay: the first line should be the header")
    try:
        header = header_decoder.decode(line)
    except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError) as exc:
        problem = exc
    else:
        if header.format == FORMAT_VERSION:
            return header
        problem = None
    # Not a valid header of this version: say precisely why (another version, not JSON, wrong shape).
    try:
        version = format_of(line)
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        if truncated:
            raise _invalid(path, 1, None, "R103", "the header line is truncated") from None
        raise _invalid(path, 1, None, "R102", f"the header line is not JSON ({exc})") from None
    if version != FORMAT_VERSION:
        raise _invalid(
            path,
            1,
            None,
            "R105",
            f"unknown replay format version {version!r} (this trainer reads version {FORMAT_VERSION})",
        )
    raise _invalid(path, 1, None, "R104", f"not a replay header: {problem}") from None


def _decode_slowly(body: bytes, cursor: list[int]) -> Iterator[object]:
    """Decode line by line, tracking the 1-based line number in ``cursor``; yield _Broken for bad lines."""
    lines = body.split(b"\n")
    last = len(lines) - 1
    for index, line in enumerate(lines):
        cursor[0] = index + 2
        if not line.strip():
            continue
        try:
            yield event_decoder.decode(line)
        except UnicodeDecodeError:
            yield _Broken("R101", "the line is not UTF-8 text")
        except msgspec.ValidationError as exc:
            yield _Broken("R104", f"not a replay event: {exc}")
        except msgspec.DecodeError as exc:
            if index == last:
                yield _Broken("R103", "the last line is truncated (the run was cut off while it was written)")
            else:
                yield _Broken("R102", f"the line is not JSON ({exc})")


def _replay(
    path: Path | str,
    header: Header,
    loaded: Scenario,
    steps: StepCache,
    events,
    line_of,
    warnings: tuple[Diagnostic, ...],
    keep_moves: bool,
) -> VerifiedReplay:
    """Re-play the events from the start state: the hot loop of batch scoring, so kept flat."""
    compiled = loaded.compiled
    rows, scene_name, states = steps.rows, steps.scene_name, steps.states
    standing: list[Transition] = []  # the transitions of the choices that stand, in order
    take_backs = 0
    moves: list[Move] | None = [] if keep_moves else None
    row, scene = rows[0], scene_name[0]  # the current state's cached transitions and scene id
    count = 0  # len(standing)
    append = standing.append
    for event in events:
        kind = type(event)
        if kind is ChoiceMade:
            count += 1
            transition = row.get(event.choice)
            if transition is None or event.scene != scene or event.step != count:
                transition = _check_choice(path, line_of(event), count, event, steps, _state_id(standing))
            if moves is not None:
                before = states[_state_id(standing)]
                moves.append(Move(line_of(event), "choice", count, before, transition[1], states[transition[0]]))
            append(transition)
            row = transition[4]
            scene = transition[5]
        elif kind is TakenBack:
            if not standing:
                raise _invalid(path, line_of(event), None, "R205", "a take-back with no choice to take back")
            last = standing[-1][1]
            before = standing[-2][0] if count > 1 else 0
            if event.step != count or event.choice != last.id or event.scene != scene_name[before]:
                raise _invalid(
                    path,
                    line_of(event),
                    count,
                    "R205",
                    f"the take-back names step {event.step}, '{event.choice}' in '{event.scene}', but the last "
                    f"choice standing is step {count}, '{last.id}' in '{scene_name[before]}'",
                )
            if moves is not None:
                moves.append(Move(line_of(event), "take_back", count, states[standing[-1][0]], last, states[before]))
            standing.pop()
            count -= 1
            row, scene = rows[before], scene_name[before]
            take_backs += 1
        elif kind is EndingReached:
            state_id = _state_id(standing)
            here = scene_name[state_id]
            ended = compiled.is_ending[steps.scene_of[state_id]]
            if event.step != count or event.scene != here or not ended:
                where = "the ending" if ended else "scene"
                raise _invalid(
                    path,
                    line_of(event),
                    count,
                    "R205",
                    f"the line says the run ended in '{event.scene}' after {counted(event.step, 'choice')}, but re-played "
                    f"it stands in {where} '{here}' after {count}",
                )
            if moves is not None:
                moves.append(Move(line_of(event), "ending", count, states[state_id], None, states[state_id]))
        else:  # a line the slow decoder could not read
            raise _invalid(path, line_of(event), count + 1, event.code, event.message)
    state_id = _state_id(standing)
    return VerifiedReplay(
        file=path if isinstance(path, str) else str(path),
        header=header,
        loaded=loaded,
        run=tuple(map(_choice_of, standing)),
        run_keys=tuple(map(_key_of, standing)),
        score=sum(map(_points_of, standing)),
        final_state=states[state_id],
        finished=compiled.is_ending[steps.scene_of[state_id]],
        take_backs=take_backs,
        warnings=warnings,
        moves=None if moves is None else tuple(moves),
    )


_choice_of, _key_of, _points_of = itemgetter(1), itemgetter(2), itemgetter(3)


def _state_id(standing: list[Transition]) -> int:
    """The state the run stands in: where its last standing choice led, or the start (0)."""
    return standing[-1][0] if standing else 0


def _check_choice(path, line: int, step: int, event: ChoiceMade, steps: StepCache, state_id: int) -> Transition:
    """A choice off the cached path: the transition if the rules allow it, else the precise error."""
    here = steps.scene_name[state_id]
    if event.scene != here:
        if event.scene not in steps.compiled.scene_index:
            raise _invalid(
                path, line, step, "R202", f"unknown scene '{event.scene}' (the run is in scene '{here}' here)"
            )
        raise _invalid(
            path, line, step, "R205", f"the line is in scene '{event.scene}', but the run is in scene '{here}' here"
        )
    if event.step != step:
        raise _invalid(path, line, step, "R205", f"the line says step {event.step}; expected {step}")
    try:
        return steps.step(state_id, event.choice)
    except StepError:
        code, message = steps.why_not(state_id, event.choice)
        raise _invalid(path, line, step, code, message) from None


def _invalid(path: Path | str, line: int | None, step: int | None, code: str, message: str) -> InvalidReplay:
    return InvalidReplay(Diagnostic(display_path(path), line, None, code, message, step=step))
