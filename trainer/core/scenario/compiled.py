"""The scenario compiled once: its rules as callables, and the pure step function over them.

A state is ``(scene index, meter values)``. Every `if:` becomes a Test and every choice's
effects one Effect, built here and nowhere else. The `transitions` machine that plays a run
(play/engine.py) calls these same callables from its guards and callbacks; the step function
below composes them without a machine, for the batch work that needs no run: par and analysis,
lint, and verifying replays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import count
from typing import NamedTuple

from trainer.core.scenario.conditions import Test, compile_condition, parse_condition
from trainer.core.scenario.model import Category, Choice, ScenarioFile

Meters = tuple[int, ...]
State = tuple[int, Meters]
Effect = Callable[[Meters], Meters]


class StepError(ValueError):
    """A move the rules do not allow: an unknown choice, or one not offered in this state."""


class Goto(NamedTuple):
    """One branch of a choice's goto: taken when ``test`` holds on the meters after the effects (or always)."""

    test: Test | None
    scene: int


@dataclass(frozen=True, slots=True)
class CompiledChoice:
    """A choice with its condition, effect and branches ready to evaluate."""

    id: str
    scene: int  # the index of the scene that offers it
    index: int  # its position among that scene's choices
    key: int  # its position among all the scenario's choices
    choice: Choice
    category: str
    points: int
    condition: Test | None  # its `if:`; None when always offered
    effect: Effect  # the meters after its effects, clamped to each meter's range
    branches: tuple[Goto, ...]  # the last one has no test

    def destination(self, meters_after: Meters) -> int:
        """The scene of the first branch whose test holds; the last branch has no test (the loader checks)."""
        *tried, last = self.branches
        for test, scene in tried:
            if test is None or test(meters_after):
                return scene
        return last.scene


def no_effect(meters: Meters) -> Meters:
    return meters


def compile_effect(deltas: Sequence[tuple[int, int]], lows: Meters, highs: Meters) -> Effect:
    """The function applying ``(meter index, delta)`` pairs to meter values, each clamped to its range."""
    if not deltas:
        return no_effect
    if len(deltas) == 1:  # the common case, without the loop
        ((i, delta),) = deltas
        low, high = lows[i], highs[i]

        def one(meters: Meters) -> Meters:
            values = list(meters)
            value = values[i] + delta
            values[i] = high if value > high else low if value < low else value
            return tuple(values)

        return one
    plan = tuple((i, delta, lows[i], highs[i]) for i, delta in deltas)

    def several(meters: Meters) -> Meters:
        values = list(meters)
        for i, delta, low, high in plan:
            value = values[i] + delta
            values[i] = high if value > high else low if value < low else value
        return tuple(values)

    return several


@dataclass(frozen=True, slots=True)
class CompiledScenario:
    """Scenes by index, with each scene's choices in order and indexed by id."""

    scene_ids: tuple[str, ...]
    scene_index: Mapping[str, int]
    is_ending: tuple[bool, ...]
    choices: tuple[tuple[CompiledChoice, ...], ...]
    choice_by_id: tuple[Mapping[str, CompiledChoice], ...]
    all_choices: tuple[CompiledChoice, ...]  # every choice, by its key
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
        after = choice.effect(meters)
        return choice.destination(after), after

    def meters_dict(self, meters: Meters) -> dict[str, int]:
        return dict(zip(self.meter_names, meters, strict=True))


def compile_scenario(scenario: ScenarioFile, rubric: Mapping[str, Category]) -> CompiledScenario:
    """Compile a validated scenario (every reference already checked by the loader)."""
    scene_ids = tuple(scenario.scenes)
    scene_index = {scene_id: i for i, scene_id in enumerate(scene_ids)}
    meter_names = tuple(scenario.meters)
    meter_index = {name: i for i, name in enumerate(meter_names)}
    meters: Sequence = tuple(scenario.meters.values())
    lows, highs = tuple(m.min for m in meters), tuple(m.max for m in meters)
    cache: dict[str, Test] = {}
    keys = count()

    def test_of(source: str | None) -> Test | None:
        if source is None:
            return None
        if source not in cache:
            cache[source] = compile_condition(parse_condition(source), meter_index)
        return cache[source]

    per_scene: list[tuple[CompiledChoice, ...]] = []
    for scene_number, scene in enumerate(scenario.scenes.values()):
        compiled = tuple(
            CompiledChoice(
                id=choice.id,
                scene=scene_number,
                index=i,
                key=next(keys),
                choice=choice,
                category=choice.category,
                points=rubric[choice.category].points,
                condition=test_of(choice.if_),
                effect=compile_effect(
                    [(meter_index[name], delta) for name, delta in choice.effects.items() if delta], lows, highs
                ),
                branches=tuple(Goto(test_of(b.if_), scene_index[b.goto]) for b in choice.goto),
            )
            for i, choice in enumerate(scene.choices)
        )
        per_scene.append(compiled)
    for scene in scenario.scenes.values():  # narration: compiled now, so resolving it never parses
        parts = (*scene.text, *scene.say, *(scene.ending.debrief if scene.ending else ()))
        for part in parts:
            test_of(part.if_)
    return CompiledScenario(
        scene_ids=scene_ids,
        scene_index=scene_index,
        is_ending=tuple(scene.ending is not None for scene in scenario.scenes.values()),
        choices=tuple(per_scene),
        choice_by_id=tuple({c.id: c for c in scene_choices} for scene_choices in per_scene),
        all_choices=tuple(c for scene_choices in per_scene for c in scene_choices),
        meter_names=meter_names,
        lows=lows,
        highs=highs,
        start=(scene_index[scenario.start], tuple(m.start for m in meters)),
        conditions=cache,
    )
