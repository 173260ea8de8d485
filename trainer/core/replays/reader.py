"""Read a replay and re-play it through the scenario's step function; never trust a number in it.

The file only says which choices were made. The run's state, whether each choice was offered,
the ending and the score all come from re-playing those choices, so an edited replay that makes
an impossible move is rejected at the line and step where it goes wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import Literal

import msgspec

from trainer.core.errors import Diagnostic, display_path
from trainer.core.play.scoring import Scorecard, scorecard, tally
from trainer.core.regular_files import TooLarge, UnreadableFile, read_regular_file, reason_of
from trainer.core.replays.format import (
    FORMAT_VERSION,
    ChoiceMade,
    EndingReached,
    Header,
    InvalidReplay,
    RunAbandoned,
    TakenBack,
    event_decoder,
    format_of,
    header_decoder,
)
from trainer.core.replays.resolver import ScenarioResolver, UnknownScenario
from trainer.core.replays.step_cache import START, Refused, StepCache, Transition
from trainer.core.scenario.compiled import CompiledChoice, State
from trainer.core.scenario.loader import Scenario
from trainer.core.scenario.model import Ending
from trainer.core.text import quoted, shortened
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
    run_keys: tuple[int, ...]  # the keys of ``run`` (CompiledChoice.key), for fast aggregation
    score: int
    final_state: State
    finished: bool
    take_backs: int
    warnings: tuple[Diagnostic, ...]
    moves: tuple[Move, ...] | None = None  # every event, when asked for (the viewer)
    # Where the complete lines end when the last line was cut off (a resume truncates there first).
    complete_bytes: int | None = None
    abandoned: bool = False  # left for good before its ending (see RunAbandoned)

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
        return scorecard(map(_category_of, self.run), self.loaded.rubric, self.loaded.bounds)

    def tally(self) -> dict[str, int]:
        """The scorecard's tally alone (the score, par and worst are already known): per category, in rubric order."""
        return tally(map(_category_of, self.run), self.loaded.rubric)


@dataclass(frozen=True, slots=True)
class _Broken:
    """A line the slow decoder could not turn into an event."""

    code: str
    message: str


def read_replay(path: Path | str, resolver: ScenarioResolver, *, keep_moves: bool = False) -> VerifiedReplay:
    """Decode and verify one replay; raise InvalidReplay naming the file, line and step of the first problem.

    A last line cut off while it was written (a full disk, a crash) is left out with a warning:
    the complete lines before it are the run, as in a journal, and a resume goes on from them.
    """
    try:
        raw = read_regular_file(path, MAX_REPLAY_BYTES)
    except TooLarge as exc:
        raise _invalid(path, None, None, "R107", f"the replay is too large ({exc})") from None
    except UnreadableFile as exc:
        raise _invalid(path, None, None, "R106", f"not a replay file: {exc}") from None
    except OSError as exc:
        raise _invalid(path, None, None, "R101", f"cannot read file: {reason_of(exc)}") from None
    if len(raw) > MAX_LINE_BYTES:
        _check_line_lengths(path, raw)
    newline = raw.find(b"\n")
    header = _header(path, raw if newline < 0 else raw[:newline], truncated=newline < 0)
    try:
        resolved = resolver.resolve(header)
    except UnknownScenario as exc:
        raise _invalid(path, 1, None, "R201", str(exc)) from None
    warnings: list[Diagnostic] = []
    if resolved.changed:
        warnings.append(Diagnostic(display_path(path), 1, None, "W301", resolved.changed, "warning"))
    complete = _complete_length(raw)
    whole = len(raw)
    if complete < whole:
        line = raw.count(b"\n", 0, complete) + 1
        message = (
            "the last line was cut off while it was written (a crash or a full disk); "
            f"the {counted(line - 1, 'complete line')} before it are kept"
        )
        warnings.append(Diagnostic(display_path(path), line, None, "W303", message, "warning"))
        raw = raw[:complete]
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
    replay = _replay(path, header, resolved.loaded, resolved.steps, stream, line_of, tuple(warnings), keep_moves)
    return replay if complete == whole else replace(replay, complete_bytes=complete)


# A recorded run is a few kilobytes (one short line per move); these leave room for thousands of
# take-backs while refusing files and lines no recorder writes.
MAX_REPLAY_BYTES = 16 * 1024 * 1024
MAX_LINE_BYTES = 64 * 1024


def _check_line_lengths(path: Path | str, raw: bytes) -> None:
    start = 0
    for number, end in enumerate(_line_ends(raw), start=1):
        if end - start > MAX_LINE_BYTES:
            message = f"line {number} is {end - start:,} bytes long: more than the {MAX_LINE_BYTES:,} allowed"
            raise _invalid(path, number, None, "R107", message)
        start = end + 1


def _line_ends(raw: bytes) -> Iterator[int]:
    end = raw.find(b"\n")
    while end >= 0:
        yield end
        end = raw.find(b"\n", end + 1)
    yield len(raw)


def _complete_length(raw: bytes) -> int:
    """How many bytes of ``raw`` are complete lines: all, unless the last, unterminated line is cut off.

    The recorder writes each line whole with its newline, so a last line with no newline that is
    not JSON was cut off mid-write. A header cut off leaves nothing to keep: that stays an error.
    """
    start = raw.rfind(b"\n") + 1
    if start == 0 or start == len(raw):
        return len(raw)
    tail = raw[start:]
    if not tail.strip():
        return len(raw)
    try:
        event_decoder.decode(tail)
    except msgspec.ValidationError:  # (a DecodeError too, so caught first)
        return len(raw)  # a whole line of the wrong shape: reported as such, not as cut off
    except (msgspec.DecodeError, UnicodeDecodeError):
        return start
    return len(raw)


def _header(path: Path | str, line: bytes, *, truncated: bool) -> Header:
    if not line.strip():
        raise _invalid(path, 1, None, "R104", "empty replay: the first line should be the header")
    try:
        header = header_decoder.decode(line)
    except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError) as exc:
        problem = exc
    else:
        if header.format == FORMAT_VERSION:
            wrong_time = _start_time_problem(header.started)
            if wrong_time:
                raise _invalid(path, 1, None, "R104", f"the header's start time {quoted(header.started)} {wrong_time}")
            return header
        problem = None
    # Not a valid header of this version: say precisely why (another version, not JSON, wrong shape).
    try:
        version = format_of(line)
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        if truncated:
            raise _invalid(path, 1, None, "R103", "the header line is truncated") from None
        raise _invalid(path, 1, None, "R102", f"the header line is not JSON ({shortened(str(exc))})") from None
    if version != FORMAT_VERSION:
        raise _invalid(
            path,
            1,
            None,
            "R105",
            f"unknown replay format version {version!r} (this trainer reads version {FORMAT_VERSION})",
        )
    raise _invalid(path, 1, None, "R104", f"not a replay header: {shortened(str(problem))}") from None


# Every start time is shown in local time; a year near the ends of what datetime holds would
# overflow there, and no run was played before 1970 or after 9998.
EARLIEST_YEAR, LATEST_YEAR = 1970, 9998


def _start_time_problem(started: str) -> str | None:
    """Why a header's start time is unusable (None when it is fine)."""
    try:
        when = datetime.fromisoformat(started)
    except ValueError:
        return "is not a date and time (expected ISO 8601, as the recorder writes)"
    if not EARLIEST_YEAR <= when.year <= LATEST_YEAR:
        return f"is out of range: expected a year from {EARLIEST_YEAR} to {LATEST_YEAR}"
    return None


def _decode_slowly(body: bytes, cursor: list[int]) -> Iterator[object]:
    """Decode line by line, tracking the 1-based line number in ``cursor``; yield _Broken for bad lines."""
    for index, line in enumerate(body.split(b"\n")):
        cursor[0] = index + 2
        if not line.strip():
            continue
        try:
            yield event_decoder.decode(line)
        except UnicodeDecodeError:
            yield _Broken("R101", "the line is not UTF-8 text")
        except msgspec.ValidationError as exc:
            yield _Broken("R104", f"not a replay event: {shortened(str(exc))}")
        except msgspec.DecodeError as exc:
            yield _Broken("R102", f"the line is not JSON ({shortened(str(exc))})")


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
    states = loaded.graph.states
    standing: list[Transition] = []  # the transitions of the choices that stand, in order
    take_backs = 0
    moves: list[Move] | None = [] if keep_moves else None
    start_row, start_scene = steps.row(START), steps.scene(START)
    row, scene = start_row, start_scene  # the current state's transitions and scene id
    count = 0  # len(standing)
    append = standing.append
    abandoned = False
    for event in events:
        kind = type(event)
        if abandoned:
            raise _invalid(path, line_of(event), count, "R205", "a line after the run was abandoned")
        if kind is ChoiceMade:
            count += 1
            transition = row.get(event.choice)
            if transition is None or event.scene != scene or event.step != count:
                transition = _check_choice(path, line_of(event), count, event, steps, _state_id(standing))
            if moves is not None:
                before = states[_state_id(standing)]
                moves.append(
                    Move(line_of(event), "choice", count, before, transition.choice, states[transition.target])
                )
            append(transition)
            row = transition.row
            scene = transition.scene
        elif kind is TakenBack:
            if not standing:
                raise _invalid(path, line_of(event), None, "R205", "a take-back with no choice to take back")
            last = standing[-1].choice
            before, before_row, before_scene = (
                (standing[-2].target, standing[-2].row, standing[-2].scene)
                if count > 1
                else (START, start_row, start_scene)
            )
            if event.step != count or event.choice != last.id or event.scene != before_scene:
                raise _invalid(
                    path,
                    line_of(event),
                    count,
                    "R205",
                    f"the take-back names step {event.step}, {quoted(event.choice)} in {quoted(event.scene)}, but the last "
                    f"choice standing is step {count}, '{last.id}' in '{before_scene}'",
                )
            if moves is not None:
                moves.append(
                    Move(line_of(event), "take_back", count, states[standing[-1].target], last, states[before])
                )
            standing.pop()
            count -= 1
            row, scene = before_row, before_scene
            take_backs += 1
        elif kind is EndingReached:
            state_id = _state_id(standing)
            here = scene
            ended = compiled.is_ending[states[state_id][0]]
            if event.step != count or event.scene != here or not ended:
                where = "the ending" if ended else "scene"
                raise _invalid(
                    path,
                    line_of(event),
                    count,
                    "R205",
                    f"the line says the run ended in {quoted(event.scene)} after {counted(event.step, 'choice')}, but re-played "
                    f"it stands in {where} '{here}' after {count}",
                )
            if moves is not None:
                moves.append(Move(line_of(event), "ending", count, states[state_id], None, states[state_id]))
        elif kind is RunAbandoned:
            if event.step != count or compiled.is_ending[states[_state_id(standing)][0]]:
                raise _invalid(
                    path,
                    line_of(event),
                    count,
                    "R205",
                    f"the line says the run was abandoned after {counted(event.step, 'choice')}, but re-played "
                    f"it stands in '{scene}' after {count}, where it {'had ended' if event.step == count else 'was'}",
                )
            abandoned = True
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
        finished=compiled.is_ending[states[state_id][0]],
        take_backs=take_backs,
        warnings=warnings,
        moves=None if moves is None else tuple(moves),
        abandoned=abandoned,
    )


_choice_of, _key_of, _points_of = attrgetter("choice"), attrgetter("choice.key"), attrgetter("choice.points")
_category_of = attrgetter("category")


def _state_id(standing: list[Transition]) -> int:
    """The state the run stands in: where its last standing choice led, or the start."""
    return standing[-1].target if standing else START


def _check_choice(path, line: int, step: int, event: ChoiceMade, steps: StepCache, state_id: int) -> Transition:
    """A choice off the cached path: the transition if the rules allow it, else the precise error."""
    here = steps.scene(state_id)
    if event.scene != here:
        if event.scene not in steps.compiled.scene_index:
            raise _invalid(
                path, line, step, "R202", f"unknown scene {quoted(event.scene)} (the run is in scene '{here}' here)"
            )
        raise _invalid(
            path,
            line,
            step,
            "R205",
            f"the line is in scene {quoted(event.scene)}, but the run is in scene '{here}' here",
        )
    if event.step != step:
        raise _invalid(path, line, step, "R205", f"the line says step {event.step}; expected {step}")
    try:
        return steps.step(state_id, event.choice)
    except Refused as refused:
        raise _invalid(path, line, step, refused.code, str(refused)) from None


def _invalid(path: Path | str, line: int | None, step: int | None, code: str, message: str) -> InvalidReplay:
    return InvalidReplay(Diagnostic(display_path(path), line, None, code, message, step=step))
