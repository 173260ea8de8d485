"""The `transitions` machine that plays runs and the step function that verifies replays never disagree.

Players play through the machine (its guards, prepare and commit callbacks, ordered conditional
transitions); replays, par and analysis use the compiled step function. A random walk of choices,
take-backs and refused moves must give the same state, offered choices and feedback on both.
The mutation tests break one guard or effect on one side and check that the walk then fails,
so this property can fail for the reason its name gives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.library import bundled_scenarios_dir, scenario_files
from trainer.core.play import engine
from trainer.core.play.shuffle import in_shown_order
from trainer.core.scenario.compiled import CompiledChoice, CompiledScenario, State, StepError
from trainer.core.scenario.loader import Scenario, load_scenario

FIXTURES = Path(__file__).parents[1] / "scenarios"
SCENARIO_FILES = [
    FIXTURES / "tiny.yaml",
    FIXTURES / "meters_branching.yaml",
    FIXTURES / "reserved_names.yaml",
    *scenario_files(bundled_scenarios_dir()),
]
_loaded: dict[Path, Scenario] = {}


def loaded(path: Path) -> Scenario:
    if path not in _loaded:
        _loaded[path] = load_scenario(path)
    return _loaded[path]


class StepRules:
    """The step function's side of the walk: which choices a state offers, and where one leads."""

    def __init__(self, compiled: CompiledScenario) -> None:
        self.offered: Callable[[State], list[CompiledChoice]] = compiled.offered
        self.step: Callable[[State, str], tuple[State, CompiledChoice]] = compiled.step


def walk(scenario: Scenario, rules: StepRules, data: st.DataObject, moves: int = 60) -> None:
    """Drive a run and the step function through the same random moves; fail at the first difference."""
    compiled = scenario.compiled
    run = scenario.new_run()
    state = compiled.start
    trail: list[State] = []  # the states before each standing choice, for take-backs
    for _ in range(moves):
        assert run.state == state
        assert run.ended == compiled.is_ending[state[0]]
        offered = [c.id for c in rules.offered(state)]
        # The run shows them in its seed's order; the step function lists them as written.
        shown = in_shown_order(scenario, state[0], rules.offered(state), run.seed)
        assert [c.id for c in run.offered()] == [c.id for c in shown]
        move = data.draw(st.sampled_from(["choose", "choose", "choose", "back", "refused"]))
        if move == "back" and trail:
            run.take_back()
            state = trail.pop()
        elif move == "refused":
            every = [c.id for c in compiled.choices[state[0]]] + ["no-such-choice"]
            refused = [choice_id for choice_id in every if choice_id not in offered]
            choice_id = data.draw(st.sampled_from(refused))
            try:
                run.choose(choice_id)
            except StepError:
                pass
            else:
                raise AssertionError(f"the machine took '{choice_id}', which the step function refuses")
        elif offered:
            choice_id = data.draw(st.sampled_from(offered))
            after, choice = rules.step(state, choice_id)
            feedback = run.choose(choice_id)
            category = scenario.rubric[choice.category]
            assert (feedback.choice_id, feedback.category, feedback.points, feedback.kind, feedback.text) == (
                choice.id,
                choice.category,
                category.points,
                category.kind,
                choice.choice.feedback,
            )
            assert feedback.scene_id == compiled.scene_ids[state[0]]
            trail.append(state)
            state = after
            assert run.meters == compiled.meters_dict(after[1])
    assert run.state == state
    assert [step.before for step in run.history] == trail
    assert run.score == sum(step.feedback.points for step in run.history)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_random_walks_agree(path: Path, data: st.DataObject) -> None:
    scenario = loaded(path)
    walk(scenario, StepRules(scenario.compiled), data)


# ---------------------------------------------------------------- the walk catches a broken side

# tiny.yaml: 'beg' (calm -5) and 'accept' (calm +1) lead to 'second', where 'argue' goes to good_end
# if calm >= 0, else bad_end, and 'goodbye' is offered only if calm > 0.


def _transitions_of(scenario: Scenario, choice_id: str, scene_id: str) -> list:
    return scenario.machine.machine.events[engine.TRIGGER_PREFIX + choice_id].transitions[scene_id]


def _choice(scenario: Scenario, choice_id: str) -> CompiledChoice:
    return next(c for c in scenario.compiled.all_choices if c.id == choice_id)


def machine_branch_guard_negated(scenario: Scenario, rules: StepRules) -> None:
    first = _transitions_of(scenario, "argue", "second")[0]
    test = _choice(scenario, "argue").branches[0].test
    first.conditions[0].func = partial(engine._holds, lambda meters: not test(meters))


def _machine_prepares(scenario: Scenario, choice_id: str, **changes: object) -> None:
    """The machine's prepare (one callback for every trigger) given ``choice_id``'s choice with ``changes``."""
    changed = dataclasses.replace(_choice(scenario, choice_id), **changes)

    def prepare(event) -> None:
        if event.args[0].id == choice_id:
            event = SimpleNamespace(model=event.model, args=(changed, *event.args[1:]))
        engine._prepare(event)

    scenario.machine.machine.prepare_event = [prepare]


def machine_if_not_checked(scenario: Scenario, rules: StepRules) -> None:
    _machine_prepares(scenario, "goodbye", condition=None)


def machine_effect_skipped(scenario: Scenario, rules: StepRules) -> None:
    _machine_prepares(scenario, "accept", effect=lambda m: m)


def machine_offers_by_a_wrong_guard(scenario: Scenario, rules: StepRules) -> None:
    index = scenario.machine.triggers["second"]
    broken = [t._replace(choice=dataclasses.replace(t.choice, condition=None)) for t in index.ordered]
    scenario.machine.triggers["second"] = index._replace(ordered=tuple(broken))


def step_guard_ignored(scenario: Scenario, rules: StepRules) -> None:
    rules.offered = lambda state: list(scenario.compiled.choices[state[0]])


def step_effect_skipped(scenario: Scenario, rules: StepRules) -> None:
    def step(state: State, choice_id: str) -> tuple[State, CompiledChoice]:
        choice = scenario.compiled.lookup(state, choice_id)
        return (choice.destination(state[1]), state[1]), choice

    rules.step = step


@pytest.mark.parametrize(
    "mutation",
    [
        machine_branch_guard_negated,
        machine_if_not_checked,
        machine_effect_skipped,
        machine_offers_by_a_wrong_guard,
        step_guard_ignored,
        step_effect_skipped,
    ],
    ids=lambda mutation: mutation.__name__,
)
def test_a_broken_guard_or_effect_on_either_side_fails_the_walk(mutation) -> None:
    scenario = load_scenario(FIXTURES / "tiny.yaml")  # its own machine, so the damage stays here
    rules = StepRules(scenario.compiled)
    mutation(scenario, rules)

    @settings(max_examples=200, deadline=None, derandomize=True, database=None, report_multiple_bugs=False)
    @given(data=st.data())
    def walk_tiny(data: st.DataObject) -> None:
        walk(scenario, rules, data, moves=8)

    with pytest.raises(AssertionError):
        walk_tiny()


def test_the_unbroken_walk_passes_with_the_same_settings() -> None:
    scenario = load_scenario(FIXTURES / "tiny.yaml")
    rules = StepRules(scenario.compiled)

    @settings(max_examples=200, deadline=None, derandomize=True, database=None)
    @given(data=st.data())
    def walk_tiny(data: st.DataObject) -> None:
        walk(scenario, rules, data, moves=8)

    walk_tiny()
