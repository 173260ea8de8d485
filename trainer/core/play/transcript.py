"""A run as a transcript: the story so far as entries, and those entries as lines of text.

The one place a run (or a replay's moves) becomes what was said and done: each scene arrived at
(its narration and lines, resolved for the meters on arrival), each reply with its feedback, each
take-back, and the ending. `--plain` prints these entries as text, the play screen's transcript
and the replay viewer draw the same entries, and an author can compare a run's text with an
approved one. Pure functions: nothing here touches a screen or a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trainer.core.play.engine import Feedback, Run, Step, feedback_of
from trainer.core.play.marks import points_words
from trainer.core.play.narration import SpokenLine, debrief_text, narrate
from trainer.core.scenario.compiled import State
from trainer.core.scenario.loader import Scenario

if TYPE_CHECKING:
    from trainer.core.replays.reader import Move, VerifiedReplay


@dataclass(frozen=True, slots=True)
class SceneEntry:
    """Arriving at a scene: its narration ("" when none shows) and the lines spoken."""

    scene_id: str
    narration: str
    lines: tuple[SpokenLine, ...]


@dataclass(frozen=True, slots=True)
class ReplyEntry:
    """The player's reply (step ``step`` of the run), as written, and the coaching it earned."""

    step: int
    text: str
    feedback: Feedback


@dataclass(frozen=True, slots=True)
class TakeBackEntry:
    """The player took back step ``step``, whose reply was ``text``."""

    step: int
    text: str


@dataclass(frozen=True, slots=True)
class EndingEntry:
    """The ending reached, with its debrief resolved for the meters the run ended with."""

    scene_id: str
    title: str
    outcome: str
    debrief: str


Entry = SceneEntry | ReplyEntry | TakeBackEntry | EndingEntry


def scene_entry(scenario: Scenario, state: State) -> SceneEntry:
    narration = narrate(scenario, state)
    return SceneEntry(scenario.compiled.scene_ids[state[0]], narration.text, narration.lines)


def reply_entry(step_number: int, step: Step) -> ReplyEntry:
    return ReplyEntry(step_number, step.choice.choice.text.strip(), step.feedback)


def ending_entry(scenario: Scenario, state: State) -> EndingEntry | None:
    scene_id = scenario.compiled.scene_ids[state[0]]
    ending = scenario.file.scenes[scene_id].ending
    if ending is None:
        return None
    return EndingEntry(scene_id, ending.title, ending.outcome, debrief_text(scenario, state))


def history_entries(scenario: Scenario, history: Sequence[Step]) -> list[Entry]:
    """Each standing choice of a run: the scene it was made in, then the reply."""
    entries: list[Entry] = []
    for number, step in enumerate(history, start=1):
        entries.append(scene_entry(scenario, step.before))
        entries.append(reply_entry(number, step))
    return entries


def arrival_entries(scenario: Scenario, state: State) -> list[Entry]:
    """Arriving in ``state``: its scene, and its ending when it is one."""
    ending = ending_entry(scenario, state)
    return [scene_entry(scenario, state)] + ([ending] if ending is not None else [])


def run_transcript(run: Run) -> list[Entry]:
    """The story of a run as it stands: its standing choices, then where it is now."""
    return [*history_entries(run.scenario, run.history), *arrival_entries(run.scenario, run.state)]


def move_entries(replay: VerifiedReplay, move: Move) -> list[Entry]:
    """What one event of a replay shows: the scene and the reply, a take-back, or the ending reached."""
    scenario = replay.loaded
    if move.kind == "choice" and move.choice is not None:
        step = Step(move.before, move.choice, feedback_of(move.choice, scenario.compiled, scenario.rubric))
        return [scene_entry(scenario, move.before), reply_entry(move.step, step)]
    if move.kind == "take_back" and move.choice is not None:
        return [TakeBackEntry(move.step, move.choice.choice.text.strip())]
    return arrival_entries(scenario, move.after)


def replay_transcript(replay: VerifiedReplay) -> list[Entry]:
    """The story of a replay as it was played, take-backs included, then where it ended or stopped."""
    assert replay.moves is not None, "read the replay with keep_moves=True"
    entries: list[Entry] = []
    for move in replay.moves:
        entries += move_entries(replay, move)
    if not replay.finished:
        entries.append(scene_entry(replay.loaded, replay.final_state))
    return entries


# ---------------------------------------------------------------- as text


def text_lines(entries: Iterable[Entry], support_line: str | None = None) -> Iterator[str]:
    """The entries as plain lines; ``support_line`` follows the feedback of a choice that calls for care."""
    for entry in entries:
        yield from entry_lines(entry, support_line)


def entry_lines(entry: Entry, support_line: str | None = None) -> list[str]:
    if isinstance(entry, SceneEntry):
        said = [entry.narration] if entry.narration else []
        said += [f'{line.speaker}: "{line.line}"' for line in entry.lines]
        return ["", *said] if said else []
    if isinstance(entry, ReplyEntry):
        feedback = entry.feedback
        points = points_words(feedback.category, feedback.kind, feedback.points, unit=False)
        lines = [f"You: {entry.text}", f"-> {feedback.label} ({points}): {feedback.text.strip()}"]
        if support_line and feedback.care:
            lines.append(f"   {support_line.strip()}")
        return lines
    if isinstance(entry, TakeBackEntry):
        return [f'(Taken back: "{entry.text}". Back to the choice before it.)']
    return ["", f"== Ending: {entry.title} ({entry.outcome}) ==", entry.debrief]
