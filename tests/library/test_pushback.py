"""Pushback as the coach describes it: once, calmly, and then giving the breakup, on a best run.

In a breakup conversation one brief "are you sure?" followed by acceptance must score exactly as well
as accepting at once, so both belong on a best run; a second push is a campaign (weakness or logic),
so no run can make two.
"""

from __future__ import annotations

import re

import pytest

from tests.library.conftest import FILES, choices_of
from tests.library.pending import expect_pending
from trainer.core.scenario.loader import Scenario, load_scenario, load_scenario_bytes
from trainer.core.scenario.statespace import StateGraph, best_totals

# The scenarios that play the breakup conversation itself (on the phone, by text, on a walk, at the
# door, at the kitchen table): the model's pushback belongs to that conversation.
BREAKUP_CONVERSATIONS = {
    "phone-call",
    "breakup-by-text",
    "co-founders",
    "the-last-word",
    "shared-lease",
}


def _with_pushback(scenario: Scenario) -> bool:
    return any(placed.choice.category == "pushback" for placed in choices_of(scenario))


def _under_rules() -> list[Scenario]:
    return [load_scenario(path) for path in FILES if path.stem in BREAKUP_CONVERSATIONS]


@pytest.fixture(scope="module", params=_under_rules(), ids=lambda s: s.id)
def conversation(request: pytest.FixtureRequest) -> Scenario:
    return request.param


def _best_total(graph: StateGraph, skip_pushback: bool) -> int:
    """The best total from the start, optionally over runs that never push back."""
    best = [0] * len(graph.states)
    for s in graph.children_first:
        totals = [
            choice.points + best[t]
            for choice, t in graph.edges[s]
            if not (skip_pushback and choice.category == "pushback")
        ]
        best[s] = max(totals, default=0 if not graph.edges[s] else -(1 << 30))
    return best[0]


def _pushback_on_a_par_run(graph: StateGraph) -> bool:
    best = best_totals(graph)
    seen, stack = {0}, [0]
    while stack:
        s = stack.pop()
        for choice, t in graph.edges[s]:
            if choice.points + best[t] != best[s]:
                continue
            if choice.category == "pushback":
                return True
            if t not in seen:
                seen.add(t)
                stack.append(t)
    return False


def _most_pushbacks_on_one_run(graph: StateGraph) -> int:
    most = [0] * len(graph.states)
    for s in graph.children_first:
        most[s] = max(((choice.category == "pushback") + most[t] for choice, t in graph.edges[s]), default=0)
    return most[0]


def _after_a_slip(graph: StateGraph, kind_of: dict[str, str]) -> list[bool]:
    """For each state, whether some run reaches it after a mistake other than a despairing thought."""
    slipped = [False] * len(graph.states)
    for s in reversed(graph.children_first):  # parents first
        for choice, t in graph.edges[s]:
            if slipped[s] or (kind_of[choice.category] == "mistake" and choice.category != "self_blame"):
                slipped[t] = True
    return slipped


def pushback_after_a_slip(scenario: Scenario) -> list[str]:
    """The pushback choices some run is offered after it has already pleaded, argued or reached out."""
    graph = scenario.graph
    kind_of = {category_id: category.kind for category_id, category in scenario.rubric.items()}
    slipped = _after_a_slip(graph, kind_of)
    scene_ids = scenario.compiled.scene_ids
    return sorted(
        {
            f"{scene_ids[graph.states[s][0]]}/{choice.id}"
            for s, edges in enumerate(graph.edges)
            if slipped[s]
            for choice, _ in edges
            if choice.category == "pushback"
        }
    )


@pytest.fixture(params=FILES, ids=[p.stem for p in FILES])
def any_scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


def test_pushback_belongs_to_the_breakup_conversation(request: pytest.FixtureRequest, any_scenario: Scenario) -> None:
    """Outside the conversation where the ex ends it, "are you sure?" is not the model's pushback."""
    expect_pending(request, "pushback-outside", any_scenario.id)
    if any_scenario.id not in BREAKUP_CONVERSATIONS:
        assert not _with_pushback(any_scenario), [
            str(p) for p in choices_of(any_scenario) if p.choice.category == "pushback"
        ]


def test_pushback_never_follows_a_plea(request: pytest.FixtureRequest, conversation: Scenario) -> None:
    """Asking once comes first; after a plea or an argument, "are you sure?" is more of the campaign."""
    expect_pending(request, "pushback-after-a-slip", conversation.id)
    assert not pushback_after_a_slip(conversation)


_ASKED_AFTER_A_PLEA = b"""
format: 1
id: asked-after-a-plea
title: Asked after a plea
summary: The ex ends it; a plea comes first, then "are you sure?".
difficulty: 1
start: opening
scenes:
  opening:
    text: She says it is over.
    choices:
      - {id: plead, text: "Please don't.", category: weakness, feedback: A plea., goto: asking}
      - {id: hear_her, text: Okay., category: graceful, feedback: Heard., goto: asking}
  asking:
    choices:
      - {id: sure, text: Are you sure?, category: pushback, feedback: Once., goto: done}
      - {id: accept, text: Okay. Take care., category: graceful, feedback: Given., goto: done}
  done:
    ending: {title: Done, outcome: good, debrief: Done.}
"""


def test_the_check_sees_pushback_offered_after_a_plea() -> None:
    scenario = load_scenario_bytes(_ASKED_AFTER_A_PLEA, "asked-after-a-plea.yaml")
    assert pushback_after_a_slip(scenario) == ["asking/sure"]


def test_the_breakup_conversations_are_bundled() -> None:
    assert {path.stem for path in FILES} >= BREAKUP_CONVERSATIONS


def test_a_breakup_conversation_offers_pushback(conversation: Scenario) -> None:
    assert _with_pushback(conversation)


def test_asking_once_then_accepting_is_on_a_best_run(conversation: Scenario) -> None:
    assert _pushback_on_a_par_run(conversation.graph)


def test_accepting_at_once_scores_as_well_as_asking_first(conversation: Scenario) -> None:
    assert _best_total(conversation.graph, skip_pushback=True) == conversation.bounds.par


def test_no_run_pushes_back_twice(conversation: Scenario) -> None:
    assert _most_pushbacks_on_one_run(conversation.graph) <= 1


DISCOURAGING = re.compile(r"\b(would have been|should have|even (cleaner|better)|better not|no need to ask)\b", re.I)


def test_pushback_feedback_does_not_discourage_it(conversation: Scenario) -> None:
    for placed in choices_of(conversation):
        if placed.choice.category == "pushback":
            assert not DISCOURAGING.search(placed.choice.feedback), str(placed)
