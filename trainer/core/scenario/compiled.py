"""The scenario compiled for play: one step function shared by the engine, scoring and analysis.

A state is ``(scene index, meter values)``. Driving a `transitions` machine costs microseconds
per step, so batch work (scoring thousands of replays, exploring every state) uses this directly,
and the machine's own conditions and effects call the same functions, so the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trainer.core.scenario.conditions import Test, compile_condition, parse_condition
from trainer.core.scenario.model import Category, Choice, ScenarioFile

Meters = tuple[int, ...]
State = tuple[int, Meters]


class StepError(ValueError):
    """A move the rules do not allow: an unknown choice, or one not offered in this state."""


@dataclass(frozen=True, slots=True)
class CompiledChoice:
    """A choice with its condition, effects and branches ready to evaluate."""

    id: str
    index: int
    choice: Choice
    category: str
    points: int
    condition: Test | None
    deltas: tuple[tuple[int, int], ...]
    branches: tuple[tuple[Test | None, int], ...]

    def is_offered(self, meters: Meters) -> bool:
        return self.condition is None or self.condition(meters)

    def apply(self, meters: Meters, lows: Meters, highs: Meters) -> Meters:
        """The meters after this choice's effects, clamped to each meter's range."""
        if not self.deltas:
            return meters
        values = list(meters)
        for i, delta in self.deltas:
            values[i] = min(highs[i], max(lows[i], values[i] + delta))
        return tuple(values)

    def destination(self, meters_after: Meters) -> int:
        """The scene the first true branch leads to (the last branch has no condition)."""
        for test, target in self.branches:
            if test is None or test(meters_after):
                return target
        raise StepError(f"no goto branch of choice '{self.id}' applies")  # the loader forbids this


@dataclass(frozen=True, slots=True)
class CompiledScenario:
    """Scenes by index, with each scene's choices in order and indexed by id."""

    scene_ids: tuple[str, ...]
    scene_index: Mapping[str, int]
    is_ending: tuple[bool, ...]
    choices: tuple[tuple[CompiledChoice, ...], ...]
    choice_by_id: tuple[Mapping[str, CompiledChoice], ...]
    meter_names: tuple[str, ...]
    lows: Meters
    highs: Meters
    start: State
    # Every `if:` of the file by its source text, narration parts' included, compiled once.
    conditions: Mapping[str, Test]

    def offered(self, state: State) -> list[CompiledChoice]:
        """The choices whose `if:` holds in this state, in authored order."""
        scene, meters = state
        return [c for c in self.choices[scene] if c.condition is None or c.condition(meters)]

    def lookup(self, state: State, choice_id: str) -> CompiledChoice:
        """The choice ``choice_id`` of the state's scene, if it exists and is offered now."""
        scene, meters = state
        choice = self.choice_by_id[scene].get(choice_id)
        if choice is None:
            raise StepError(f"scene '{self.scene_ids[scene]}' has no choice '{choice_id}'")
        if choice.condition is not None and not choice.condition(meters):
            raise StepError(f"choice '{choice_id}' is not offered in scene '{self.scene_ids[scene]}' at this point")
        return choice

    def step(self, state: State, choice_id: str) -> tuple[State, CompiledChoice]:
        """Take ``choice_id`` in ``state``: the next state and the choice taken."""
        choice = self.lookup(state, choice_id)
        return self.advance(state[1], choice), choice

    def advance(self, meters: Meters, choice: CompiledChoice) -> State:
        """The state after ``choice``: effects first, then the first goto branch that holds."""
        after = choice.apply(meters, self.lows, self.highs)
        return choice.destination(after), after

    def meters_dict(self, meters: Meters) -> dict[str, int]:
        return dict(zip(self.meter_names, meters, strict=True))


def compile_scenario(scenario: ScenarioFile, rubric: Mapping[str, Category]) -> CompiledScenario:
    """Compile a validated scenario (every reference already checked by the loader)."""
    scene_ids = tuple(scenario.scenes)
    scene_index = {scene_id: i for i, scene_id in enumerate(scene_ids)}
    meter_names = tuple(scenario.meters)
    meter_index = {name: i for i, name in enumerate(meter_names)}
    cache: dict[str, Test] = {}

    def test_of(source: str | None) -> Test | None:
        if source is None:
            return None
        if source not in cache:
            cache[source] = compile_condition(parse_condition(source), meter_index)
        return cache[source]

    all_choices: list[tuple[CompiledChoice, ...]] = []
    for scene in scenario.scenes.values():
        compiled = tuple(
            CompiledChoice(
                id=choice.id,
                index=i,
                choice=choice,
                category=choice.category,
                points=rubric[choice.category].points,
                condition=test_of(choice.if_),
                deltas=tuple((meter_index[name], delta) for name, delta in choice.effects.items() if delta),
                branches=tuple((test_of(b.if_), scene_index[b.goto]) for b in choice.goto),
            )
            for i, choice in enumerate(scene.choices)
        )
        all_choices.append(compiled)
    for scene in scenario.scenes.values():  # narration: compiled now, so resolving it never parses
        parts = (*scene.text, *scene.say, *(scene.ending.debrief if scene.ending else ()))
        for part in parts:
            test_of(part.if_)
    meters: Sequence = tuple(scenario.meters.values())
    return CompiledScenario(
        scene_ids=scene_ids,
        scene_index=scene_index,
        is_ending=tuple(scene.ending is not None for scene in scenario.scenes.values()),
        choices=tuple(all_choices),
        choice_by_id=tuple({c.id: c for c in scene_choices} for scene_choices in all_choices),
        meter_names=meter_names,
        lows=tuple(m.min for m in meters),
        highs=tuple(m.max for m in meters),
        start=(scene_index[scenario.start], tuple(m.start for m in meters)),
        conditions=cache,
    )
