"""Play a scenario as a `transitions` state machine: scenes are states, choices are triggers.

The machine is built once per scenario from plain data and drives cheap per-run models.
Its conditions and effects are callables from the compiled scenario, never strings: a string
callback would make `transitions` import a module of that name, and a scenario must not choose
what gets imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, Protocol

from transitions import Machine

from trainer.core.collector import gc_paused
from trainer.core.scenario.compiled import CompiledChoice, CompiledScenario, Meters, State, StepError
from trainer.core.scenario.conditions import Test
from trainer.core.scenario.loader import Scenario
from trainer.core.scenario.model import Choice, Ending, Scene

Kind = Literal["mistake", "okay", "good"]


@dataclass(frozen=True, slots=True)
class Feedback:
    """What the player is told after a choice."""

    scene_id: str
    choice_id: str
    category: str
    label: str
    kind: Kind
    points: int
    text: str


@dataclass(frozen=True, slots=True)
class Step:
    """One choice made in a run, with the state it was made in."""

    before: State
    choice: CompiledChoice
    feedback: Feedback


class SessionObserver(Protocol):
    """Told of every move of a run as it happens (the replay recorder is one)."""

    def on_choice(self, session: Session, step: Step) -> None: ...

    def on_take_back(self, session: Session, step: Step) -> None: ...


class RunModel:
    """The object the machine drives: its ``state`` (a scene id, set by transitions) and meters."""

    def __init__(self, meters: Meters) -> None:
        self.meters = meters
        self.state: str = ""


class ScenarioMachine:
    """A `transitions` machine for one scenario, shared by every run of it."""

    def __init__(self, loaded: Scenario) -> None:
        with gc_paused():
            self._build(loaded.compiled)

    def _build(self, compiled: CompiledScenario) -> None:
        # auto_transitions=False: the default adds a to_<scene> trigger from every scene to every
        # other one, which makes building quadratic (1,000 scenes took 8 s) and lets runs teleport.
        self.machine = Machine(
            model=None,
            states=list(compiled.scene_ids),
            initial=compiled.scene_ids[compiled.start[0]],
            auto_transitions=False,
            send_event=False,
        )
        transitions = []
        lows, highs = compiled.lows, compiled.highs
        for scene_id, scene_choices in zip(compiled.scene_ids, compiled.choices, strict=True):
            for choice in scene_choices:
                for test, target in choice.branches:
                    transition: dict[str, object] = {
                        "trigger": choice.id,
                        "source": scene_id,
                        "dest": compiled.scene_ids[target],
                    }
                    condition = _condition(choice, test, lows, highs)
                    if condition is not None:
                        transition["conditions"] = condition
                    if choice.deltas:
                        transition["before"] = _apply_effects(choice, lows, highs)
                    transitions.append(transition)
        self.machine.add_transitions(transitions)

    def add_run(self, model: RunModel, scene_id: str) -> None:
        self.machine.add_model(model, initial=scene_id)

    def fire(self, model: RunModel, choice_id: str) -> bool:
        return bool(self.machine.events[choice_id].trigger(model, model))

    def jump(self, model: RunModel, scene_id: str) -> None:
        self.machine.set_state(scene_id, model)

    def remove_run(self, model: RunModel) -> None:
        self.machine.remove_model(model)


def _condition(choice: CompiledChoice, test: Test | None, lows: Meters, highs: Meters) -> Callable | None:
    """The transition's guard: the choice is offered, and this goto branch holds after the effects."""
    offered = choice.condition
    if test is None:
        return None if offered is None else (lambda model: offered(model.meters))

    def holds(model: RunModel) -> bool:
        if offered is not None and not offered(model.meters):
            return False
        return test(choice.apply(model.meters, lows, highs))

    return holds


def _apply_effects(choice: CompiledChoice, lows: Meters, highs: Meters) -> Callable[[RunModel], None]:
    def apply(model: RunModel) -> None:
        model.meters = choice.apply(model.meters, lows, highs)

    return apply


_machines: dict[int, tuple[Scenario, ScenarioMachine]] = {}


def machine_for(loaded: Scenario) -> ScenarioMachine:
    """The shared machine of a loaded scenario, built on first use."""
    entry = _machines.get(id(loaded))
    if entry is None or entry[0] is not loaded:
        entry = (loaded, ScenarioMachine(loaded))
        _machines[id(loaded)] = entry
    return entry[1]


@dataclass
class Session:
    """One run through a scenario: choose, take back, and know where it stands."""

    loaded: Scenario
    observer: SessionObserver | None = None
    history: list[Step] = field(default_factory=list)

    def __post_init__(self) -> None:
        compiled = self.loaded.compiled
        self._machine = machine_for(self.loaded)
        self._model = RunModel(compiled.start[1])
        self._machine.add_run(self._model, compiled.scene_ids[compiled.start[0]])

    def close(self) -> None:
        """Detach this run from the shared machine (a long-lived app plays many runs)."""
        self._machine.remove_run(self._model)

    @property
    def state(self) -> State:
        return self.loaded.compiled.scene_index[self._model.state], self._model.meters

    @property
    def scene_id(self) -> str:
        return self._model.state

    @property
    def scene(self) -> Scene:
        return self.loaded.file.scenes[self._model.state]

    @property
    def meters(self) -> dict[str, int]:
        return self.loaded.compiled.meters_dict(self._model.meters)

    @property
    def ended(self) -> bool:
        return self.scene.ending is not None

    @property
    def ending(self) -> Ending | None:
        return self.scene.ending

    def offered(self) -> list[Choice]:
        """The choices the player can make now (their `if:` holds), in authored order."""
        return [c.choice for c in self.loaded.compiled.offered(self.state)]

    def choose(self, choice_id: str) -> Feedback:
        """Make a choice; raise StepError if it is not offered now."""
        before = self.state
        choice = self.loaded.compiled.lookup(before, choice_id)
        if not self._machine.fire(self._model, choice_id):
            raise StepError(f"choice '{choice_id}' did not lead anywhere")  # the loader rules this out
        feedback = self.feedback_for(before[0], choice)
        step = Step(before, choice, feedback)
        self.history.append(step)
        if self.observer is not None:
            self.observer.on_choice(self, step)
        return feedback

    def take_back(self) -> Step:
        """Undo the last choice and return it; raise StepError when there is nothing to undo."""
        if not self.history:
            raise StepError("there is no choice to take back")
        step = self.history.pop()
        scene, meters = step.before
        self._model.meters = meters
        self._machine.jump(self._model, self.loaded.compiled.scene_ids[scene])
        if self.observer is not None:
            self.observer.on_take_back(self, step)
        return step

    def feedback_for(self, scene: int, choice: CompiledChoice) -> Feedback:
        category = self.loaded.rubric[choice.category]
        return Feedback(
            scene_id=self.loaded.compiled.scene_ids[scene],
            choice_id=choice.id,
            category=choice.category,
            label=category.label,
            kind=category.kind,
            points=category.points,
            text=choice.choice.feedback,
        )

    @cached_property
    def par(self) -> int:
        return self.loaded.bounds.par

    @property
    def score(self) -> int:
        return sum(step.feedback.points for step in self.history)
