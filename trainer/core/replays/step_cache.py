"""The state graph's moves by choice id, for re-playing replays in bulk.

The loader has already explored every reachable state and every move out of it with the step
function (the state graph), so re-playing a replay is walking that graph by choice ids. A state is
known by its id in the graph, the one numbering of states there is. Each state's row maps choice
ids to transitions; it is filled the first time a replay reaches that state, so a batch of
replays pays one dict lookup per step.
"""

from __future__ import annotations

from typing import NamedTuple

from trainer.core.scenario.compiled import CompiledChoice, StepError
from trainer.core.scenario.loader import Scenario
from trainer.core.text import quoted

START = 0  # the graph's id of the start state


class Transition(NamedTuple):
    """One move: the state it leads to, the choice taken, and that state's row and scene id.

    The row and scene travel with the move so the replay loop never looks them up.
    """

    target: int  # the state graph's id of the state it leads to
    choice: CompiledChoice
    row: dict[str, Transition]  # the target's transitions by choice id, filled when first needed
    scene: str  # the target's scene id


class Refused(StepError):
    """A choice the rules do not allow in a state, with the replay code that says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class StepCache:
    """Rows of transitions over the state graph of one loaded scenario."""

    def __init__(self, loaded: Scenario) -> None:
        self.compiled = loaded.compiled
        self.graph = loaded.graph
        self._rows: dict[int, dict[str, Transition]] = {}
        self._filled: set[int] = set()

    def row(self, state_id: int) -> dict[str, Transition]:
        """The (possibly not yet filled) row of a state: the same dict for as long as the cache lives."""
        row = self._rows.get(state_id)
        if row is None:
            row = self._rows[state_id] = {}
        return row

    def scene(self, state_id: int) -> str:
        return self.compiled.scene_ids[self.graph.states[state_id][0]]

    def step(self, state_id: int, choice_id: str) -> Transition:
        """The transition for ``choice_id`` from state ``state_id``; raise Refused if the rules do not allow it."""
        row = self.row(state_id)
        if state_id not in self._filled:
            for choice, target in self.graph.edges[state_id]:
                row[choice.id] = Transition(target, choice, self.row(target), self.scene(target))
            self._filled.add(state_id)
        transition = row.get(choice_id)
        if transition is None:
            raise self._refusal(state_id, choice_id)
        return transition

    def _refusal(self, state_id: int, choice_id: str) -> Refused:
        scene_index = self.graph.states[state_id][0]
        scene = self.compiled.scene_ids[scene_index]
        if choice_id in self.compiled.choice_by_id[scene_index]:  # the scene has it, so its `if:` is false here
            return Refused(
                "R204", f"choice '{choice_id}' is not offered in scene '{scene}' at this point (its condition is false)"
            )
        if self.compiled.is_ending[scene_index]:
            return Refused("R203", f"scene '{scene}' is an ending: it offers no choice")
        return Refused("R203", f"scene '{scene}' has no choice {quoted(choice_id)}")
