"""The compiled step function, memoized over numbered states, for re-playing replays in bulk.

A batch of replays takes the same few transitions millions of times; asking `compiled.step`
once per distinct (state, choice) and remembering the answer turns each later step into one
dict lookup, while every answer still comes from the one step function the engine uses.
"""

from __future__ import annotations

from trainer.core.scenario.compiled import CompiledChoice, CompiledScenario, State, StepError
from trainer.core.text import quoted

# (next state id, the choice taken, a small int naming that choice within the scenario, its points,
#  the next state's row and scene id: carried along so the replay loop never indexes a list)
Transition = tuple[int, CompiledChoice, int, int, dict, str]


class StepCache:
    """States get ids as they are first reached (the start is 0); ``rows[id]`` maps choice ids to transitions."""

    def __init__(self, compiled: CompiledScenario) -> None:
        self.compiled = compiled
        self.states: list[State] = [compiled.start]
        self.scene_of: list[int] = [compiled.start[0]]
        self.scene_name: list[str] = [compiled.scene_ids[compiled.start[0]]]
        self.rows: list[dict[str, Transition]] = [{}]
        self._ids: dict[State, int] = {compiled.start: 0}
        self._choice_keys: dict[tuple[int, str], int] = {}
        self.choice_of_key: list[tuple[int, CompiledChoice]] = []

    def step(self, state_id: int, choice_id: str) -> Transition:
        """The transition for ``choice_id`` from state ``state_id``; raise StepError if not allowed."""
        known = self.rows[state_id].get(choice_id)
        if known is not None:
            return known
        state = self.states[state_id]
        after, choice = self.compiled.step(state, choice_id)
        target = self._ids.get(after)
        if target is None:
            target = len(self.states)
            self._ids[after] = target
            self.states.append(after)
            self.scene_of.append(after[0])
            self.scene_name.append(self.compiled.scene_ids[after[0]])
            self.rows.append({})
        key = self._choice_keys.get((state[0], choice_id))
        if key is None:
            key = len(self.choice_of_key)
            self._choice_keys[(state[0], choice_id)] = key
            self.choice_of_key.append((state[0], choice))
        transition = (target, choice, key, choice.points, self.rows[target], self.scene_name[target])
        self.rows[state_id][choice_id] = transition
        return transition

    def why_not(self, state_id: int, choice_id: str) -> tuple[str, str]:
        """The code and message for a choice the step function refuses in this state."""
        scene = self.scene_of[state_id]
        if choice_id not in self.compiled.choice_by_id[scene]:
            if self.compiled.is_ending[scene]:
                return "R203", f"scene '{self.compiled.scene_ids[scene]}' is an ending: it offers no choice"
            return "R203", f"scene '{self.compiled.scene_ids[scene]}' has no choice {quoted(choice_id)}"
        try:
            self.compiled.step(self.states[state_id], choice_id)
        except StepError as exc:
            return "R204", f"{exc} (its condition is false)"
        raise AssertionError("why_not called for an allowed step")  # pragma: no cover
