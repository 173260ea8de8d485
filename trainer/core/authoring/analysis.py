"""Static facts about a scenario, and random play-testing through the engine.

Everything static is dynamic programming over the reachable state graph the loader already built
(a DAG, since loops are load errors): runs are counted exactly as big integers, never enumerated.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import asdict, dataclass
from operator import attrgetter, itemgetter

from trainer.core.authoring.endings import EndingFacts, ending_bits, report_from
from trainer.core.collector import gc_paused
from trainer.core.scenario.compiled import CompiledChoice
from trainer.core.scenario.loader import Scenario
from trainer.core.scenario.statespace import Edge, StateGraph, best_totals


@dataclass(frozen=True, slots=True)
class CategoryFacts:
    """One rubric category: how many choices carry it, and whether a run can make one."""

    category: str
    label: str
    kind: str
    points: int
    choices: int
    reachable: bool


@dataclass(frozen=True, slots=True)
class Analysis:
    """The static facts `trainer analyze` reports."""

    scenes: int
    choices: int
    endings: int
    reachable_scenes: int
    reachable_states: int
    runs: int
    par: int
    worst: int
    shortest: int
    longest: int
    ending_facts: tuple[EndingFacts, ...]
    category_facts: tuple[CategoryFacts, ...]
    good_chance: float
    par_run: tuple[str, ...]
    narrow_points: int

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON; run counts stay exact integers however many digits they have."""
        return asdict(self)


def analyze(loaded: Scenario) -> Analysis:
    """Count runs, their lengths and scores, per ending and per category, over the state graph."""
    # Like loading, this builds many objects that are never cyclic garbage: collecting is wasted time.
    with gc_paused():
        return _analyze(loaded)


def _analyze(loaded: Scenario) -> Analysis:
    graph = loaded.graph
    compiled = loaded.compiled
    states, edges, order = graph.states, graph.edges, graph.children_first
    size = len(states)
    bit_of = ending_bits(loaded)

    # One pass backwards (children first) for every fact that flows from the endings to the start,
    # since walking the edges is most of the cost: runs; shortest and longest remaining run; the
    # most points still to add (`best_totals`) and, along the most forgiving par run from here,
    # the fewest choice points where only one choice keeps par (narrow points, which with
    # `good_chance` rate a scenario's difficulty: the author's guide); the endings each state can
    # still reach, and per category the endings reached right after a choice of it (as
    # `categories_before` finds them). A state's run count is read only by its parents, and counts
    # can have tens of thousands of digits: each is dropped once its last parent is done, which
    # keeps memory to the frontier (and is faster than keeping them all: less to allocate).
    runs_from = [1] * size
    shortest_from = [0] * size
    longest_from = [0] * size
    best_from = [0] * size
    narrow_from = [0] * size
    par_choice: list[CompiledChoice | None] = [None] * size  # the first choice that keeps par, and where to
    par_next = [0] * size
    reach = [0] * size
    after: dict[str, int] = {}
    for s, releases in zip(order, _last_readers(order, edges), strict=True):
        out = edges[s]
        if not out:
            reach[s] = bit_of[states[s][0]]
            continue
        # Start from the first child's values: `0 + count` would copy a huge count for nothing.
        rest = iter(out)
        choice, t = next(rest)
        total, low, high = runs_from[t], shortest_from[t], longest_from[t]
        best, narrow, keeping = choice.points + best_from[t], narrow_from[t], 1
        keep_choice, keep_next = choice, t
        mask = reach[t]
        category = choice.category
        seen = after.get(category, 0)
        if seen | mask != seen:
            after[category] = seen | mask
        for choice, t in rest:
            total += runs_from[t]
            length = shortest_from[t]
            if length < low:
                low = length
            length = longest_from[t]
            if length > high:
                high = length
            length = choice.points + best_from[t]
            if length > best:
                best, narrow, keeping = length, narrow_from[t], 1
                keep_choice, keep_next = choice, t
            elif length == best:
                keeping += 1
                if narrow_from[t] < narrow:
                    narrow = narrow_from[t]
            r = reach[t]
            mask |= r
            category = choice.category
            seen = after.get(category, 0)
            if seen | r != seen:
                after[category] = seen | r
        runs_from[s] = total
        shortest_from[s] = low + 1
        longest_from[s] = high + 1
        best_from[s] = best
        narrow_from[s] = narrow + (keeping == 1)
        par_choice[s], par_next[s] = keep_choice, keep_next
        reach[s] = mask
        for t in releases:
            runs_from[t] = 0

    # Forwards, per ending: scores, percents and chance. (Counting runs per ending too would double
    # the big-integer work, the bulk of the time on large scenarios.)
    endings = report_from(loaded, bit_of, after)
    return Analysis(
        scenes=len(compiled.scene_ids),
        choices=len(compiled.all_choices),
        endings=len(bit_of),
        reachable_scenes=len(reachable_scenes(graph)),
        reachable_states=size,
        runs=runs_from[0],
        par=loaded.bounds.par,
        worst=loaded.bounds.worst,
        shortest=shortest_from[0],
        longest=longest_from[0],
        ending_facts=endings.endings,
        category_facts=_category_facts(loaded, endings.made),
        good_chance=endings.good_chance,
        par_run=_par_run(par_choice, par_next),
        narrow_points=narrow_from[0],
    )


def _par_run(par_choice: list[CompiledChoice | None], par_next: list[int]) -> tuple[str, ...]:
    """The choice ids of one best-scoring (par) run: from the start, the first choice that keeps par."""
    run: list[str] = []
    s = 0
    choice = par_choice[0]
    while choice is not None:
        run.append(choice.id)
        s = par_next[s]
        choice = par_choice[s]
    return tuple(run)


def _last_readers(order: list[int], edges: list[tuple[Edge, ...]]) -> list[list[int]]:
    """For each position in ``order``, the states no parent reads after that position."""
    last = [-1] * len(edges)
    for position, s in enumerate(order):
        for _, t in edges[s]:
            last[t] = position
    releases: list[list[int]] = [[] for _ in order]
    for t, position in enumerate(last):
        if position >= 0:  # the start state has no parent: it is the answer, never released
            releases[position].append(t)
    return releases


def _category_facts(loaded: Scenario, made: frozenset[str]) -> tuple[CategoryFacts, ...]:
    """``made``: the categories some complete run makes (every reachable choice is on one)."""
    carried = Counter(map(_category_of, loaded.compiled.all_choices))
    return tuple(
        CategoryFacts(name, category.label, category.kind, category.points, carried.get(name, 0), name in made)
        for name, category in loaded.rubric.items()
    )


_choice_of = itemgetter(0)
_category_of = attrgetter("category")


def reachable_scenes(graph: StateGraph) -> set[int]:
    """The indexes of the scenes some run can reach."""
    return set(map(_choice_of, graph.states))


def best_run_endings(graph: StateGraph) -> set[int]:
    """The ending scenes (indexes) that some best-scoring (par) run ends in."""
    best = best_totals(graph)
    endings: set[int] = set()
    seen = {0}
    stack = [0]
    while stack:
        s = stack.pop()
        out = graph.edges[s]
        if not out:
            endings.add(graph.states[s][0])
        for choice, t in out:
            if choice.points + best[t] == best[s] and t not in seen:
                seen.add(t)
                stack.append(t)
    return endings


# ---------------------------------------------------------------- random runs


@dataclass(frozen=True, slots=True)
class RandomReport:
    """What N random runs through the engine covered.

    Every run ends: the loader refuses loops and scenes that offer no choice, so no run can get stuck.
    """

    runs: int
    seed: int
    scenes_visited: int
    scenes_total: int
    choices_made: int
    choices_total: int
    endings: dict[str, int]

    @property
    def scene_share(self) -> float:
        return self.scenes_visited / self.scenes_total if self.scenes_total else 1.0

    @property
    def choice_share(self) -> float:
        return self.choices_made / self.choices_total if self.choices_total else 1.0

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["scene_share"] = self.scene_share
        data["choice_share"] = self.choice_share
        return data


def random_runs(loaded: Scenario, runs: int, seed: int) -> RandomReport:
    """Play ``runs`` runs through the engine, each choice picked uniformly among those offered."""
    rng = random.Random(seed)
    scenes: set[str] = set()
    choices: set[tuple[str, str]] = set()
    endings: dict[str, int] = {}
    for _ in range(runs):
        run = loaded.new_run(seed)
        scenes.add(run.scene_id)
        while not run.ended:
            choice = rng.choice(run.offered())
            choices.add((run.scene_id, choice.id))
            run.choose(choice.id)
            scenes.add(run.scene_id)
        endings[run.scene_id] = endings.get(run.scene_id, 0) + 1
    scenario = loaded.file
    return RandomReport(
        runs=runs,
        seed=seed,
        scenes_visited=len(scenes),
        scenes_total=len(scenario.scenes),
        choices_made=len(choices),
        choices_total=sum(len(scene.choices) for scene in scenario.scenes.values()),
        endings=endings,
    )
