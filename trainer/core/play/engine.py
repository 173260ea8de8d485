"""A run is played by a `transitions` machine: scenes are its states, choices its triggers.

One machine is built per loaded scenario (on its first run, see `Scenario.machine`) and drives
every run of it. Its guards and callbacks are the compiled scenario's callables, never strings (a
string callback makes `transitions` import a module of that name, and a scenario must not choose
what gets imported), wired so that each rule is evaluated once per choice:

- the first transition of a choice prepares the move: it refuses the choice if its `if:` is false,
  and computes the meters after the effects, once;
- the choice's transitions are its goto branches in order, each guarded by its test on those
  meters, so the machine's own ordered conditional transitions pick the destination;
- the transition taken commits the meters and reports the move (feedback, replay event), and a
  transition into an ending reports the ending: one machine-wide callback after every change of
  state, told the choice by the trigger, so no transition carries callbacks of its own.

A run is never added to the machine as a model: that binds an ``is_<scene>`` per scene and a
method per trigger onto it, which made starting a run of 10,000 scenes take 20 ms and let ids
like ``state`` or ``trigger`` collide with the machine's own names. Instead a run hands the
machine a small Position to drive; trigger names are the choice ids behind a prefix no id can
contain, and offered choices come from our own per-scene index of triggers.

Building is most of a scenario's first run (10,000 scenes: 30,000 transitions), so it makes only
what `transitions` needs: a choice's feedback and a scene's index of triggers are made the first
time a run needs them.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, Protocol

from transitions import EventData, Machine
from transitions.core import Event

from trainer.core.collector import gc_paused
from trainer.core.play.shuffle import in_shown_order
from trainer.core.scenario.compiled import CompiledChoice, CompiledScenario, Meters, State, StepError
from trainer.core.scenario.conditions import Test
from trainer.core.scenario.model import Category, Choice, Ending, Kind, Scene
from trainer.core.scenario.rubric import CARE_CATEGORIES

if TYPE_CHECKING:
    from trainer.core.scenario.loader import Scenario

# Choice ids are letters, digits, '_' and '-': behind this prefix no trigger can be named like
# the attribute `transitions` keeps the state in, or anything else it reserves.
TRIGGER_PREFIX = "choose:"


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
    care: bool = False  # a choice that calls for care (self-blame): the support line goes with it


def feedback_of(choice: CompiledChoice, compiled: CompiledScenario, rubric: Mapping[str, Category]) -> Feedback:
    """The feedback a choice earns, from its rubric category."""
    category = rubric[choice.category]
    return Feedback(
        scene_id=compiled.scene_ids[choice.scene],
        choice_id=choice.id,
        category=choice.category,
        label=category.label,
        kind=category.kind,
        points=category.points,
        text=choice.choice.feedback,
        care=choice.category in CARE_CATEGORIES,
    )


@dataclass(frozen=True, slots=True)
class Step:
    """One choice made in a run, with the state it was made in (what a take-back restores)."""

    before: State
    choice: CompiledChoice
    feedback: Feedback


class RunObserver(Protocol):
    """Told of every move of a run as the machine makes it (the replay recorder is one)."""

    def on_choice(self, run: Run, step: Step) -> None: ...

    def on_ending(self, run: Run) -> None: ...

    def on_take_back(self, run: Run, step: Step) -> None: ...


class Position:
    """What the machine drives for one run: the scene (``state``, transitions' name for it) and meters.

    ``after`` holds the meters after the effects of the choice being made, between the machine's
    prepare callback and the transition that commits them.
    """

    __slots__ = ("after", "meters", "run", "state")

    def __init__(self, scene_id: str, meters: Meters, run: Run) -> None:
        self.state = scene_id
        self.meters = meters
        self.after = meters
        self.run = run


class Trigger(NamedTuple):
    """A choice as the machine knows it: the compiled choice and the event that fires its transitions."""

    choice: CompiledChoice
    event: Event


class SceneTriggers(NamedTuple):
    """The triggers a scene offers, in authored order and by choice id."""

    ordered: tuple[Trigger, ...]
    by_id: Mapping[str, Trigger]


class _TriggerIndex(dict[str, SceneTriggers]):
    """Each scene's triggers, indexed the first time a run is in the scene (with its choices' feedback)."""

    def __init__(self, owner: ScenarioMachine) -> None:
        super().__init__()
        self.owner = owner

    def __missing__(self, scene_id: str) -> SceneTriggers:
        owner, events = self.owner, self.owner.machine.events
        choices = owner.compiled.choices[owner.compiled.scene_index[scene_id]]
        ordered = tuple(Trigger(choice, events[TRIGGER_PREFIX + choice.id]) for choice in choices)
        for choice in choices:  # made here, when the scene is shown, not on the player's key
            owner.feedback(choice)
        triggers = self[scene_id] = SceneTriggers(ordered, {trigger.choice.id: trigger for trigger in ordered})
        return triggers


class ScenarioMachine:
    """The `transitions` machine of one scenario, shared by every run of it."""

    def __init__(self, compiled: CompiledScenario, rubric: Mapping[str, Category]) -> None:
        self.compiled = compiled
        self.rubric = rubric
        self._feedback: dict[int, Feedback] = {}  # by the choice's key, made on its first move
        # Thousands of objects, none of them garbage yet; but the machine is full of reference cycles
        # (its events point back at it), so it is not frozen: a dropped scenario must free its machine.
        with gc_paused(freeze=False):
            self.machine = _build(compiled, self._moved)
        self.triggers: dict[str, SceneTriggers] = _TriggerIndex(self)

    def offered(self, position: Position) -> list[CompiledChoice]:
        """The choices whose trigger may fire now: their `if:` holds (the guard the machine's prepare checks)."""
        meters = position.meters
        return [
            trigger.choice
            for trigger in self.triggers[position.state].ordered
            if trigger.choice.condition is None or trigger.choice.condition(meters)
        ]

    def fire(self, position: Position, choice_id: str) -> None:
        """Fire the trigger of ``choice_id`` in the position's scene; raise StepError if the rules refuse it."""
        trigger = self.triggers[position.state].by_id.get(choice_id)
        if trigger is None:
            raise StepError(f"scene '{position.state}' has no choice '{choice_id}'")
        trigger.event.trigger(position, trigger.choice)

    def feedback(self, choice: CompiledChoice) -> Feedback:
        """The feedback ``choice`` earns (made once per choice)."""
        feedback = self._feedback.get(choice.key)
        if feedback is None:
            feedback = self._feedback[choice.key] = feedback_of(choice, self.compiled, self.rubric)
        return feedback

    def _moved(self, event: EventData) -> None:
        """After every change of state: commit the meters and report the move, then the ending if it is one."""
        position: Position = event.model
        choice: CompiledChoice = event.args[0]
        step = Step((choice.scene, position.meters), choice, self.feedback(choice))
        position.meters = position.after
        position.run._moved(step)
        if event.state.final:  # the state the transition entered
            position.run._ended()


def _build(compiled: CompiledScenario, moved: Callable[[EventData], None]) -> Machine:
    scene_ids = compiled.scene_ids
    machine = Machine(
        model=None,
        states=list(scene_ids),
        initial=None,
        # The default adds a to_<scene> trigger from every scene to every other one: building becomes
        # quadratic (1,000 scenes took 8 s) and runs could teleport.
        auto_transitions=False,
        send_event=True,
        # Once per trigger, before any branch is tried: one machine-wide callback, not one per choice's
        # first transition (a partial and a callback list each: a quarter of building 10,000 scenes).
        prepare_event=_prepare,
        after_state_change=moved,
    )
    for scene_id, ending in zip(scene_ids, compiled.is_ending, strict=True):
        if ending:  # made from names like a bare machine's states (quicker), then the endings marked
            machine.states[scene_id].final = True
    names: dict[str, str] = {}  # choice id -> trigger name: ids repeat from scene to scene
    add_transition = machine.add_transition
    for scene, scene_choices in enumerate(compiled.choices):
        source = scene_ids[scene]
        for choice in scene_choices:
            name = names.get(choice.id)
            if name is None:
                name = names[choice.id] = TRIGGER_PREFIX + choice.id
            for test, target in choice.branches:
                add_transition(
                    name, source, scene_ids[target], conditions=None if test is None else partial(_holds, test)
                )
    return machine


# The machine's callbacks. Each receives transitions' EventData, whose ``model`` is a run's Position.


def _prepare(event: EventData) -> None:
    """Before any branch is tried: refuse a choice that is not offered, else compute its effects once."""
    position: Position = event.model
    choice: CompiledChoice = event.args[0]  # every trigger is fired with its choice (ScenarioMachine.fire)
    if choice.condition is not None and not choice.condition(position.meters):
        raise StepError(f"choice '{choice.id}' is not offered in scene '{position.state}' at this point")
    position.after = choice.effect(position.meters)


def _holds(test: Test, event: EventData) -> bool:
    """A goto branch's guard, on the meters the prepare computed."""
    return test(event.model.after)


class Run:
    """One run through a scenario: offered choices, choose, take back, and where it stands.

    Made by ``scenario.new_run(seed)``. ``seed`` is kept on the run and in its replay.
    """

    def __init__(self, scenario: Scenario, seed: int | None = None, observer: RunObserver | None = None) -> None:
        self.scenario = scenario
        self.seed = secrets.randbits(32) if seed is None else seed
        self.observer = observer
        self.history: list[Step] = []
        self._machine = scenario.machine
        start_scene, start_meters = scenario.compiled.start
        self._position = Position(scenario.compiled.scene_ids[start_scene], start_meters, self)

    # ------------------------------------------------------------ where the run stands

    @property
    def scene_id(self) -> str:
        return self._position.state

    @property
    def state(self) -> State:
        """(scene index, meter values): the state the step function and the state graph know."""
        return self.scenario.compiled.scene_index[self._position.state], self._position.meters

    @property
    def scene(self) -> Scene:
        return self.scenario.file.scenes[self._position.state]

    @property
    def meters(self) -> dict[str, int]:
        return self.scenario.compiled.meters_dict(self._position.meters)

    @property
    def ending(self) -> Ending | None:
        return self.scene.ending

    @property
    def ended(self) -> bool:
        return self.scene.ending is not None

    @property
    def score(self) -> int:
        return sum(step.feedback.points for step in self.history)

    @property
    def par(self) -> int:
        return self.scenario.bounds.par

    # ------------------------------------------------------------ moves

    def offered(self) -> list[Choice]:
        """The choices the player can make now, in the order to show them (shuffled by the run's seed)."""
        scene = self.scenario.compiled.scene_index[self._position.state]
        offered = in_shown_order(self.scenario, scene, self._machine.offered(self._position), self.seed)
        return [choice.choice for choice in offered]

    def choose(self, choice_id: str) -> Feedback:
        """Make a choice; raise StepError if it is not offered now (nothing changes then)."""
        self._machine.fire(self._position, choice_id)
        return self.history[-1].feedback

    def take_back(self) -> Step:
        """Undo the last choice and return it; raise StepError when there is nothing to undo."""
        if not self.history:
            raise StepError("there is no choice to take back")
        step = self.history.pop()
        scene, meters = step.before
        self._position.state = self.scenario.compiled.scene_ids[scene]
        self._position.meters = meters
        if self.observer is not None:
            self.observer.on_take_back(self, step)
        return step

    # ------------------------------------------------------------ told by the machine

    def _moved(self, step: Step) -> None:
        self.history.append(step)
        if self.observer is not None:
            self.observer.on_choice(self, step)

    def _ended(self) -> None:
        if self.observer is not None:
            self.observer.on_ending(self)
