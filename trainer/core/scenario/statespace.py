"""Every state a run can reach, explored once, and what follows from it: par, worst, loops, traps.

States are (scene, meter values). Because a state that can be reached again with the same meters
would let a run go round for ever without progress, the loader rejects such loops, so the state
graph is acyclic and the best and worst totals are exact, computed by dynamic programming.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from trainer.core.scenario.compiled import CompiledChoice, CompiledScenario, State

# Caps that make an oversized state space fail fast (a 600-byte file with one wide meter took
# 4.7 s and 760 MB): exploring may cost at most a few times what reading the file did. No authored
# scene is reached with thousands of different meter values (the bundled ones: a few dozen), and
# the generated benchmarks have about 5 states per scene, so the caps never stop a real scenario.
MAX_STATES_PER_SCENE = 5_000
MIN_STATE_CAP = 100_000
STATES_PER_SCENE = 10


def state_cap(scenes: int) -> int:
    """How many states a scenario of ``scenes`` scenes may have in all."""
    return max(MIN_STATE_CAP, STATES_PER_SCENE * scenes)


Edge = tuple[CompiledChoice, int]


class LoopError(ValueError):
    """A run can come back to a state it has been in: ``scenes`` names the loop in order.

    ``choice`` is the choice that closes it, offered in the last scene but one, and ``meters`` the
    values the run has both times.
    """

    def __init__(self, scenes: list[str], choice: CompiledChoice | None = None, meters: dict[str, int] | None = None):
        super().__init__(" -> ".join(scenes))
        self.scenes = scenes
        self.choice = choice
        self.meters = meters or {}


class TooManyStatesError(ValueError):
    """The meters multiply the scenes beyond what can be checked; ``scene`` is the one that overflowed."""

    def __init__(self, message: str, scene: str | None = None) -> None:
        super().__init__(message)
        self.scene = scene


@dataclass(frozen=True, slots=True)
class Trap:
    """A non-ending scene where, with these meters, no choice is offered."""

    scene: str
    meters: dict[str, int]


@dataclass(frozen=True, slots=True)
class StateGraph:
    """The reachable states (id 0 is the start), their outgoing edges, and a children-first order."""

    states: list[State]
    edges: list[tuple[Edge, ...]]
    children_first: list[int]
    traps: list[Trap]


def explore(compiled: CompiledScenario, limit: int | None = None, per_scene: int = MAX_STATES_PER_SCENE) -> StateGraph:
    """Walk every reachable state depth first; raise LoopError on a cycle, TooManyStatesError past a cap."""
    if limit is None:
        limit = state_cap(len(compiled.scene_ids))
    ids: dict[State, int] = {compiled.start: 0}
    states: list[State] = [compiled.start]
    edges: list[tuple[Edge, ...]] = [()]
    # 0: discovered, 1: on the current path, 2: finished (every state after it explored).
    status = bytearray(b"\x01")
    order: list[int] = []
    traps: list[Trap] = []
    trapped_scenes: set[int] = set()
    is_ending = compiled.is_ending
    # How many states of each scene are known: one scene reached with thousands of meter values is
    # refused at once, long before the total cap, which is what makes a wide meter fail fast.
    in_scene = [0] * len(compiled.scene_ids)
    in_scene[compiled.start[0]] = 1
    # The hot loop runs once per reachable edge (millions with meters): it reads each choice's
    # compiled parts from plain tuples and tries the branches inline, as CompiledChoice.destination
    # does, instead of paying one more method call per edge.
    plans = [
        tuple(
            (choice, choice.condition, choice.effect, choice.branches[:-1], choice.branches[-1].scene)
            for choice in scene_choices
        )
        for scene_choices in compiled.choices
    ]

    def expand(state_id: int) -> tuple[Edge, ...]:
        scene, meters = states[state_id]
        out: list[Edge] = []
        for choice, condition, effect, tried, last in plans[scene]:
            if condition is not None and not condition(meters):
                continue
            after = effect(meters)
            destination = last  # the last branch has no `if`: taken when no earlier one holds
            for test, scene_index in tried:
                if test is None or test(after):
                    destination = scene_index
                    break
            target = (destination, after)
            target_id = ids.get(target)
            if target_id is None:
                target_id = len(states)
                if target_id >= limit:
                    raise TooManyStatesError(f"more than {limit:,} reachable states")
                in_scene[destination] += 1
                if in_scene[destination] > per_scene:
                    scene_id = compiled.scene_ids[destination]
                    raise TooManyStatesError(
                        f"scene '{scene_id}' can be reached with more than {per_scene:,} different meter values",
                        scene_id,
                    )
                ids[target] = target_id
                states.append(target)
                edges.append(())
                status.append(0)
            out.append((choice, target_id))
        if not out and not is_ending[scene] and scene not in trapped_scenes:
            trapped_scenes.add(scene)
            traps.append(Trap(compiled.scene_ids[scene], compiled.meters_dict(meters)))
        return tuple(out)

    edges[0] = expand(0)
    # Each entry: a state on the current path and an iterator over its edges not yet followed.
    stack: list[tuple[int, Iterator[Edge]]] = [(0, iter(edges[0]))]
    while stack:
        state_id, pending = stack[-1]
        for closing, target_id in pending:  # noqa: B007 (the edge found is used after the break)
            if status[target_id] != 2:
                break
        else:
            stack.pop()
            status[state_id] = 2
            order.append(state_id)
            continue
        if status[target_id] == 1:
            loop_ids = [entry[0] for entry in stack]
            loop_ids = [*loop_ids[loop_ids.index(target_id) :], target_id]
            meters = compiled.meters_dict(states[target_id][1])
            raise LoopError([compiled.scene_ids[states[i][0]] for i in loop_ids], closing, meters)
        status[target_id] = 1
        children = expand(target_id)
        edges[target_id] = children
        stack.append((target_id, iter(children)))
    return StateGraph(states, edges, order, traps)


@dataclass(frozen=True, slots=True)
class ScoreBounds:
    """The best (par) and worst totals a complete run can reach from the start."""

    par: int
    worst: int

    def percent(self, score: int) -> float:
        """Where a score sits between worst (0) and par (100)."""
        if self.par == self.worst:
            return 100.0
        return 100.0 * (score - self.worst) / (self.par - self.worst)


def best_totals(graph: StateGraph) -> list[int]:
    """For each state, the most points a run can still add from it (0 at an ending)."""
    return _totals(graph, max)


def worst_totals(graph: StateGraph) -> list[int]:
    """For each state, the fewest points a run can still add from it (0 at an ending)."""
    return _totals(graph, min)


def _totals(graph: StateGraph, pick: Callable[[Iterable[int]], int]) -> list[int]:
    # Children come before parents, so every target's total is final when its parent reads it.
    totals = [0] * len(graph.states)
    for state_id in graph.children_first:
        out = graph.edges[state_id]
        if out:
            totals[state_id] = pick(choice.points + totals[target] for choice, target in out)
    return totals


def score_bounds(graph: StateGraph) -> ScoreBounds:
    """Best and worst totals over complete runs, by dynamic programming over the acyclic graph."""
    return ScoreBounds(best_totals(graph)[0], worst_totals(graph)[0])
