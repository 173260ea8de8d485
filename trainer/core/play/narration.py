"""Narration that follows the run: which parts of a scene's text, lines and debrief show for given meters.

An author writes a part as `{if: CONDITION, text: ...}` so that an ending says "you called Graham"
only on runs that did. The meters are those on arrival at the scene (for a debrief: at the
ending). Pure functions of a state, so the play screen, `--plain`, the replay viewer and a
transcript all tell the same story.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trainer.core.scenario.compiled import Meters, State
from trainer.core.scenario.conditions import Test
from trainer.core.scenario.loader import Scenario
from trainer.core.scenario.model import Part


@dataclass(frozen=True, slots=True)
class SpokenLine:
    """A line as shown: the speaker's name and the words, trimmed."""

    speaker: str
    line: str


@dataclass(frozen=True, slots=True)
class SceneNarration:
    """What a scene says on arrival: its narration ("" when none shows) and the lines spoken."""

    text: str
    lines: tuple[SpokenLine, ...]


def join_parts(parts: Iterable[Part], meters: Meters, conditions: Mapping[str, Test]) -> str:
    """The parts whose condition holds (or that have none), in order, as one text.

    Parts are joined with a space; a part that ends with a line break (a `|` or `>` block) starts
    the next one on a new line.
    """
    pieces: list[str] = []
    for part in parts:
        if part.if_ is not None and not conditions[part.if_](meters):
            continue
        if pieces and not pieces[-1].endswith("\n"):
            pieces.append(" ")
        pieces.append(part.text)
    return "".join(pieces).strip()


def narrate(loaded: Scenario, state: State) -> SceneNarration:
    """The narration and lines of the state's scene, for the state's meters."""
    scene_index, meters = state
    compiled = loaded.compiled
    scenario = loaded.file
    scene = scenario.scenes[compiled.scene_ids[scene_index]]
    conditions = compiled.conditions
    lines = tuple(
        SpokenLine(scenario.characters[line.who].name, line.line.strip())
        for line in scene.say
        if line.if_ is None or conditions[line.if_](meters)
    )
    return SceneNarration(join_parts(scene.text, meters, conditions), lines)


def debrief_text(loaded: Scenario, state: State) -> str:
    """The debrief of the ending the state is in, for the meters the run ended with ("" if not an ending)."""
    scene_index, meters = state
    ending = loaded.file.scenes[loaded.compiled.scene_ids[scene_index]].ending
    if ending is None:
        return ""
    return join_parts(ending.debrief, meters, loaded.compiled.conditions)
