"""Does each ending tell the truth about the runs that reach it?

For every ending: the lowest and highest percent a run reaching it can score, the categories some
such run makes, and the chance of reaching it when every offered choice is equally likely. All by
dynamic programming over the acyclic state graph the loader built, like par: never by listing runs.
A `good` ending a run can reach below GOOD_FLOOR percent, or a `bad` one above BAD_CEILING, lies
about that run; the lint names it with a witness run the author can play.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.core.scenario.loader import Scenario
from trainer.core.scenario.statespace import ScoreBounds, StateGraph

GOOD_FLOOR = 60
BAD_CEILING = 40


@dataclass(frozen=True, slots=True)
class EndingFacts:
    """One ending and the runs that reach it: scores, percents, categories made, chance under random play."""

    scene_id: str
    title: str
    outcome: str
    reachable: bool
    best: int | None
    worst: int | None
    best_percent: float | None
    worst_percent: float | None
    categories: tuple[str, ...]
    chance: float


@dataclass(frozen=True, slots=True)
class EndingsReport:
    """Every ending's facts, the chance of a good one, and the categories any complete run can make."""

    endings: tuple[EndingFacts, ...]
    good_chance: float
    made: frozenset[str]


def ending_report(loaded: Scenario) -> EndingsReport:
    """Scores, categories and chances per ending, in two passes over the state graph."""
    bit_of = ending_bits(loaded)
    return report_from(loaded, bit_of, categories_before(loaded.graph, bit_of))


def ending_bits(loaded: Scenario) -> dict[int, int]:
    """One bit per ending scene (by scene index), in the order of the file: sets of endings are ints."""
    ending_scenes = [index for index, is_ending in enumerate(loaded.compiled.is_ending) if is_ending]
    return {scene: 1 << k for k, scene in enumerate(ending_scenes)}


def categories_before(graph: StateGraph, bit_of: dict[int, int]) -> dict[str, int]:
    """Per category, the endings (bits) reachable right after a choice of it: the endings some run
    making it reaches. Backwards (children first), from which endings each state can still reach.

    The analysis computes the same in its own backward pass, alongside the run counts.
    """
    states, edges = graph.states, graph.edges
    reach = [0] * len(states)
    after: dict[str, int] = {}
    for s in graph.children_first:
        out = edges[s]
        if not out:
            reach[s] = bit_of[states[s][0]]
            continue
        mask = 0
        for choice, t in out:
            r = reach[t]
            mask |= r
            category = choice.category
            seen = after.get(category, 0)
            if seen | r != seen:
                after[category] = seen | r
        reach[s] = mask
    return after


def report_from(loaded: Scenario, bit_of: dict[int, int], after: dict[str, int]) -> EndingsReport:
    """The report, given the ending bits and each category's endings (from `categories_before`)."""
    graph, compiled, bounds = loaded.graph, loaded.compiled, loaded.bounds
    states, edges, order = graph.states, graph.edges, graph.children_first
    size = len(states)

    # Forwards (parents first): best and worst total on arrival at each state, and the chance of
    # arriving there when each offered choice is equally likely. Every explored state has a run into
    # it, so the sentinels never survive.
    best_in = [_BELOW] * size
    worst_in = [_ABOVE] * size
    chance_in = [0.0] * size
    best_in[0], worst_in[0], chance_in[0] = 0, 0, 1.0
    best_at: dict[int, int] = {}
    worst_at: dict[int, int] = {}
    chance_at: dict[int, float] = {}
    for s in reversed(order):
        out = edges[s]
        if not out:
            scene = states[s][0]
            b, w = best_in[s], worst_in[s]
            if b > best_at.get(scene, _BELOW):
                best_at[scene] = b
            if w < worst_at.get(scene, _ABOVE):
                worst_at[scene] = w
            chance_at[scene] = chance_at.get(scene, 0.0) + chance_in[s]
            continue
        best, worst = best_in[s], worst_in[s]
        share = chance_in[s] / len(out)
        for choice, t in out:
            points = choice.points
            total = best + points
            if total > best_in[t]:
                best_in[t] = total
            total = worst + points
            if total < worst_in[t]:
                worst_in[t] = total
            chance_in[t] += share

    facts = []
    for scene, bit in bit_of.items():
        scene_id = compiled.scene_ids[scene]
        ending = loaded.file.scenes[scene_id].ending
        assert ending is not None
        reached = scene in best_at
        best, worst = best_at.get(scene), worst_at.get(scene)
        facts.append(
            EndingFacts(
                scene_id=scene_id,
                title=ending.title,
                outcome=ending.outcome,
                reachable=reached,
                best=best,
                worst=worst,
                best_percent=bounds.percent(best) if best is not None else None,
                worst_percent=bounds.percent(worst) if worst is not None else None,
                categories=tuple(category for category in loaded.rubric if after.get(category, 0) & bit),
                chance=chance_at.get(scene, 0.0),
            )
        )
    good_chance = sum(fact.chance for fact in facts if fact.outcome == "good")
    return EndingsReport(tuple(facts), good_chance, frozenset(c for c, mask in after.items() if mask))


def crosses(fact: EndingFacts, bounds: ScoreBounds) -> str | None:
    """'low' for a good ending some run reaches below GOOD_FLOOR percent, 'high' for a bad one above
    BAD_CEILING, else None. Exact: compared in whole numbers, not rounded percents.

    When every complete run scores the same, percents say nothing about a run, so nothing crosses.
    """
    span = bounds.par - bounds.worst
    if not fact.reachable or span == 0:
        return None
    assert fact.best is not None and fact.worst is not None
    if fact.outcome == "good" and 100 * (fact.worst - bounds.worst) < GOOD_FLOOR * span:
        return "low"
    if fact.outcome == "bad" and 100 * (fact.best - bounds.worst) > BAD_CEILING * span:
        return "high"
    return None


def witness_run(loaded: Scenario, scene_id: str, *, lowest: bool) -> list[str]:
    """The choice ids of a run that ends in ``scene_id`` with the lowest (or highest) score of such runs."""
    graph = loaded.graph
    target = loaded.compiled.scene_index[scene_id]
    pick = min if lowest else max
    # Children first: the most extreme total still to add on the way to the target (None: can't get there).
    to_target: list[int | None] = [None] * len(graph.states)
    for s in graph.children_first:
        out = graph.edges[s]
        if not out:
            to_target[s] = 0 if graph.states[s][0] == target else None
            continue
        totals = [choice.points + rest for choice, t in out if (rest := to_target[t]) is not None]
        to_target[s] = pick(totals) if totals else None
    return _extreme_run(graph, to_target)


def _extreme_run(graph: StateGraph, remaining: list[int | None] | list[int]) -> list[str]:
    """Follow, from the start, a choice that keeps the most extreme remaining total (as DP'd in ``remaining``)."""
    run: list[str] = []
    s = 0
    while graph.edges[s]:
        goal = remaining[s]
        for choice, t in graph.edges[s]:
            rest = remaining[t]
            if rest is not None and choice.points + rest == goal:
                run.append(choice.id)
                s = t
                break
        else:  # pragma: no cover - the DP guarantees some edge keeps the total
            raise AssertionError("no choice keeps the total")
    return run


_BELOW = -(1 << 62)
_ABOVE = 1 << 62
