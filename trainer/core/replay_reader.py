"""Read a replay and re-play it through the scenario's step function; never trust a number in it.

The file only says which choices were made. The run's state, whether each choice was offered,
the ending and the score all come from re-playing those choices, so an edited replay that makes
an impossible move is rejected at the line and step where it goes wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import msgspec

from trainer.core.compiled import CompiledChoice, State, StepError
from trainer.core.errors import display_path
from trainer.core.loader import LoadedScenario
from trainer.core.model import Ending
from trainer.core.replay_format import (
    FORMAT_VERSION,
    ChoiceMade,
    EndingReached,
    Header,
    InvalidReplay,
    ReplayError,
    TakenBack,
    event_decoder,
    format_of,
    header_decoder,
)
from trainer.core.replay_scenarios import ScenarioResolver, UnknownScenario
from trainer.core.scoring import Scorecard, scorecard
from trainer.core.step_cache import StepCache

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

    path: Path
    header: Header
    loaded: LoadedScenario
    run: tuple[CompiledChoice, ...]
    run_keys: tuple[int, ...]  # StepCache.choice_of_key indices of ``run``, for fast aggregation
    final_state: State
    finished: bool
    take_backs: int
    warnings: tuple[ReplayError, ...]
    moves: tuple[Move, ...] | None = None  # every event, when asked for (the viewer)

    @property
    def score(self) -> int:
        return sum(choice.points for choice in self.run)

    @property
    def percent(self) -> float | None:
        """Where the score sits between worst and par; None while the run is unfinished."""
        return self.loaded.bounds.percent(self.score) if self.finished else None

    @property
    def ending(self) -> Ending | None:
        if not self.finished:
            return None
        return self.loaded.scenario.scenes[self.loaded.compiled.scene_ids[self.final_state[0]]].ending

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


def read_replay(path: Path, resolver: ScenarioResolver, *, keep_moves: bool = False) -> VerifiedReplay:
    """Decode and verify one replay; raise InvalidReplay naming the file, line and step of the first problem."""
    try:
        raw = path.read_bytes()
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
        warnings = (ReplayError(display_path(path), 1, None, "W301", resolved.changed, "warning"),)
    body = b"" if newline < 0 else raw[newline + 1 :]
    events: list[object] | None = None
    if body:
        try:
            events = event_decoder.decode_lines(body)
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError):
            events = None
        # decode_lines skips blank lines; then the slow path keeps line numbers right.
        if events is not None and len(events) != body.count(b"\n") + (not body.endswith(b"\n")):
            events = None
    else:
        events = []
    cursor = [1]
    if events is None:
        stream: Iterator[object] | list[object] = _decode_slowly(body, cursor)
        line_of = lambda _index: cursor[0]  # noqa: E731
    else:
        stream = events
        line_of = lambda index: index + 2  # noqa: E731
    return _replay(path, header, resolved.loaded, resolved.steps, stream, line_of, warnings, keep_moves)


def _header(path: Path, line: bytes, *, truncated: bool) -> Header:
    if not line.strip():
        raise _invalid(path, 1, None, "R104", "empty replay: the first line should be the header")
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
    try:
        return header_decoder.decode(line)
    except msgspec.ValidationError as exc:
        raise _invalid(path, 1, None, "R104", f"not a replay header: {exc}") from None


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
    path: Path,
    header: Header,
    loaded: LoadedScenario,
    steps: StepCache,
    events,
    line_of,
    warnings: tuple[ReplayError, ...],
    keep_moves: bool,
) -> VerifiedReplay:
    """Re-play the events from the start state; the hot loop of batch scoring, so kept flat."""
    compiled = loaded.compiled
    rows, scene_of, states = steps.rows, steps.scene_of, steps.states
    scene_ids, is_ending = compiled.scene_ids, compiled.is_ending
    state_ids = [0]  # state_ids[k]: the state before step k + 1
    run: list[CompiledChoice] = []
    keys: list[int] = []
    take_backs = 0
    moves: list[Move] | None = [] if keep_moves else None
    state_id = 0
    for index, event in enumerate(events):
        kind = type(event)
        if kind is ChoiceMade:
            step = len(run) + 1
            scene = scene_of[state_id]
            if event.scene != scene_ids[scene]:
                raise _out_of_place(path, line_of(index), step, event.scene, scene_ids[scene], compiled.scene_index)
            if event.step != step:
                raise _invalid(path, line_of(index), step, "R205", f"the line says step {event.step}; expected {step}")
            transition = rows[state_id].get(event.choice)
            if transition is None:
                try:
                    transition = steps.step(state_id, event.choice)
                except StepError:
                    code, message = steps.why_not(state_id, event.choice)
                    raise _invalid(path, line_of(index), step, code, message) from None
            before = state_id
            state_id = transition[0]
            state_ids.append(state_id)
            run.append(transition[1])
            keys.append(transition[2])
            if moves is not None:
                moves.append(Move(line_of(index), "choice", step, states[before], transition[1], states[state_id]))
        elif kind is TakenBack:
            step = len(run)
            if not run:
                raise _invalid(path, line_of(index), None, "R205", "a take-back with no choice to take back")
            last, where = run[-1], scene_ids[scene_of[state_ids[-2]]]
            if event.step != step or event.choice != last.id or event.scene != where:
                raise _invalid(
                    path,
                    line_of(index),
                    step,
                    "R205",
                    f"the take-back names step {event.step}, '{event.choice}' in '{event.scene}', but the last "
                    f"choice standing is step {step}, '{last.id}' in '{where}'",
                )
            before = state_id
            state_ids.pop()
            state_id = state_ids[-1]
            run.pop()
            keys.pop()
            take_backs += 1
            if moves is not None:
                moves.append(Move(line_of(index), "take_back", step, states[before], last, states[state_id]))
        elif kind is EndingReached:
            scene = scene_of[state_id]
            if event.step != len(run) or event.scene != scene_ids[scene] or not is_ending[scene]:
                where = "the ending" if is_ending[scene] else "scene"
                raise _invalid(
                    path,
                    line_of(index),
                    len(run),
                    "R205",
                    f"the line says the run ended in '{event.scene}' after {event.step} choice(s), but re-played "
                    f"it stands in {where} '{scene_ids[scene]}' after {len(run)}",
                )
            if moves is not None:
                moves.append(Move(line_of(index), "ending", len(run), states[state_id], None, states[state_id]))
        else:  # a line the slow decoder could not read
            raise _invalid(path, line_of(index), len(run) + 1, event.code, event.message)
    return VerifiedReplay(
        path=path,
        header=header,
        loaded=loaded,
        run=tuple(run),
        run_keys=tuple(keys),
        final_state=states[state_id],
        finished=is_ending[scene_of[state_id]],
        take_backs=take_backs,
        warnings=warnings,
        moves=None if moves is None else tuple(moves),
    )


def _out_of_place(path: Path, line: int, step: int, named: str, actual: str, scenes) -> InvalidReplay:
    if named not in scenes:
        return _invalid(path, line, step, "R202", f"unknown scene '{named}' (the run is in scene '{actual}' here)")
    return _invalid(
        path, line, step, "R205", f"the line is in scene '{named}', but the run is in scene '{actual}' here"
    )


def _invalid(path: Path, line: int | None, step: int | None, code: str, message: str) -> InvalidReplay:
    return InvalidReplay(ReplayError(display_path(path), line, step, code, message))
