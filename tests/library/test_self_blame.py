"""Despair is met gently: where a scene voices a thought about the player's worth, the player can
follow it (self_blame, a gentle mistake) or answer it, and its feedback comforts, never shames."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.library.conftest import FILES, choices_of, plain
from tests.library.pending import expect_pending
from tests.library.test_one_act_one_label import ACTS
from trainer.core.scenario.loader import Scenario, load_scenario, load_scenario_bytes

DESPAIR = next(act for act in ACTS if act.name.startswith("a despairing thought"))
# Narration puts the same thought in the second person ("maybe there's something wrong with you").
DESPAIR_IN_NARRATION = (
    r"\bwrong with you\b",
    r"\b(isn't|is not|aren't|are not|weren't|wasn't) worth (staying|keeping|loving|choosing)\b",
    r"\byou (weren't|were not|aren't|are not) enough\b",
    r"\bnobody (else )?(is going to|will|would) (ever )?(love|want) you\b",
)

SHAMING = re.compile(
    r"\b(should have known|should know better|weak|pathetic|silly|stupid|self-pity|get over it|"
    r"don't be (so )?(dramatic|ridiculous)|snap out|your own fault)\b",
    re.I,
)


def _voices_despair(text: str) -> bool:
    folded = text.casefold().replace("\u2019", "'")
    return DESPAIR.done_by(text) or any(re.search(p, folded) for p in DESPAIR_IN_NARRATION)


def test_a_scene_that_voices_despair_offers_the_self_blame_thought(library: list[Scenario]) -> None:
    missing = []
    for scenario in library:
        for scene_id, scene in scenario.file.scenes.items():
            if not scene.choices:
                continue
            spoken = [plain(scene.text), *(plain(line.line) for line in scene.say)]
            if any(map(_voices_despair, spoken)) and not any(c.category == "self_blame" for c in scene.choices):
                missing.append(f"{scenario.id}/{scene_id}")
    assert not missing, f"despair voiced with no self_blame choice to name it: {missing}"


def test_self_blame_is_a_gentle_mistake_everywhere(library: list[Scenario]) -> None:
    for scenario in library:
        category = scenario.rubric["self_blame"]
        assert (category.kind, category.points) == ("mistake", -1), scenario.id


def _shames(feedback: str) -> bool:
    """A shaming word said of the player; "not silly", "nothing to be ashamed of" comfort instead."""
    return any(
        not re.search(r"\b(not|n't|never|nothing|no one|nobody)\b[^.;:]*$", feedback[: m.start()].casefold())
        for m in SHAMING.finditer(feedback)
    )


def test_self_blame_feedback_comforts_and_never_shames(library: list[Scenario]) -> None:
    harsh = [
        str(p)
        for s in library
        for p in choices_of(s)
        if p.choice.category == "self_blame" and _shames(p.choice.feedback)
    ]
    assert not harsh, harsh


def test_the_shame_check_tells_comfort_from_shame() -> None:
    assert _shames("Honestly, that's a bit pathetic. Pull yourself together.")
    assert not _shames("That makes you human, not silly.")


def test_the_library_rehearses_the_inner_voice_in_several_scenarios(library: list[Scenario]) -> None:
    with_self_blame = [s.id for s in library if any(p.choice.category == "self_blame" for p in choices_of(s))]
    assert len(with_self_blame) >= 0.4 * len(library), with_self_blame


def test_the_despair_check_sees_narration_in_the_second_person() -> None:
    assert _voices_despair("A thought arrives: maybe there's something wrong with you.")
    assert _voices_despair("(To yourself) I wasn't enough for him.")
    assert not _voices_despair("The kettle clicks off. Rain on the skylight.")


# Self-blame is never a slip: a despairing thought is counted in a meter of its own and never, on its
# own, sends a run to a bad ending; and a run that made no good choice at all never hears praise.


@pytest.fixture(params=FILES, ids=[p.stem for p in FILES])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


def _meters_changed(scenario: Scenario, categories: Callable[[str], bool]) -> set[str]:
    return {
        name for placed in choices_of(scenario) if categories(placed.choice.category) for name in placed.choice.effects
    }


def test_self_blame_is_counted_in_a_meter_of_its_own(request: pytest.FixtureRequest, scenario: Scenario) -> None:
    expect_pending(request, "self-blame-meter", scenario.id)
    thoughts = [p for p in choices_of(scenario) if p.choice.category == "self_blame"]
    if not thoughts:
        pytest.skip("no self-blame here")
    uncounted = [str(p) for p in thoughts if not p.choice.effects]
    assert not uncounted, f"a self-blame thought the endings cannot see: {uncounted}"
    kind = {category_id: category.kind for category_id, category in scenario.rubric.items()}
    shared = _meters_changed(scenario, lambda c: c == "self_blame") & _meters_changed(
        scenario, lambda c: c != "self_blame" and kind[c] == "mistake"
    )
    assert not shared, f"meters that count self-blame together with slips: {sorted(shared)}"


Flags = tuple[bool, bool]  # (made a good choice, made a mistake other than self-blame)


def run_kinds_at_endings(scenario: Scenario) -> dict[str, set[Flags]]:
    """For each ending, the kinds of run that reach it: whether they made a good choice, and a slip."""
    graph = scenario.graph
    kind = {category_id: category.kind for category_id, category in scenario.rubric.items()}
    seen: list[set[Flags]] = [set() for _ in graph.states]
    seen[0].add((False, False))
    for s in reversed(graph.children_first):  # parents first
        for choice, t in graph.edges[s]:
            good = kind[choice.category] == "good"
            slip = kind[choice.category] == "mistake" and choice.category != "self_blame"
            seen[t] |= {(made_good or good, slipped or slip) for made_good, slipped in seen[s]}
    compiled = scenario.compiled
    at_endings: dict[str, set[Flags]] = {}
    for s, state in enumerate(graph.states):
        if compiled.is_ending[state[0]]:
            at_endings.setdefault(compiled.scene_ids[state[0]], set()).update(seen[s])
    return at_endings


def _outcome(scenario: Scenario, ending: str) -> str:
    scene = scenario.file.scenes[ending].ending
    assert scene is not None
    return scene.outcome


def mistakes_only_praised(scenario: Scenario) -> list[str]:
    """Endings reached by a run with no good choice in it that are not bad, or good when its only
    mistakes were thoughts (a gentle mixed ending may meet those)."""
    wrong = []
    for ending, kinds in run_kinds_at_endings(scenario).items():
        outcome = _outcome(scenario, ending)
        if (False, True) in kinds and outcome != "bad":
            wrong.append(f"{ending} ({outcome}) after a run of nothing but mistakes")
        if (False, False) in kinds and outcome == "good":
            wrong.append(f"{ending} (good) after a run with no good choice")
    return wrong


def test_a_run_of_nothing_but_mistakes_ends_badly(request: pytest.FixtureRequest, scenario: Scenario) -> None:
    expect_pending(request, "all-mistake-runs", scenario.id)
    assert not mistakes_only_praised(scenario)


def test_thoughts_alone_never_end_badly(request: pytest.FixtureRequest, scenario: Scenario) -> None:
    """A run whose only mistakes were despairing thoughts reaches a gentle ending, never a bad one."""
    expect_pending(request, "thoughts-alone", scenario.id)
    harsh = [
        ending
        for ending, kinds in run_kinds_at_endings(scenario).items()
        if any(not slipped for _, slipped in kinds) and _outcome(scenario, ending) == "bad"
    ]
    assert not harsh, f"bad endings reached with no slip but self-blame: {harsh}"


_ALL_MISTAKES = b"""
format: 1
id: all-mistakes
title: All mistakes
summary: Two pleas still end in a mixed ending that praises the run.
difficulty: 1
meters:
  slips: {start: 0, min: 0, max: 2, label: Slips}
  doubt: {start: 0, min: 0, max: 1, label: Doubt}
start: opening
scenes:
  opening:
    choices:
      - {id: plead, text: "Please.", category: weakness, feedback: A plea., effects: {slips: 1}, goto: second}
      - {id: grieve, text: I wasn't enough., category: self_blame, feedback: Gently., effects: {doubt: 1}, goto: second}
      - {id: hear_her, text: Okay., category: graceful, feedback: Heard., goto: second}
  second:
    choices:
      - {id: again, text: "Please, please.", category: weakness, feedback: Again., effects: {slips: 1}, goto: [{if: "slips >= 2", goto: mostly_fine}, {goto: well_done}]}
      - {id: accept, text: Take care., category: graceful, feedback: Given., goto: [{if: "slips >= 2", goto: mostly_fine}, {goto: well_done}]}
  mostly_fine:
    ending: {title: Mostly fine, outcome: mixed, debrief: Some of it went well.}
  well_done:
    ending: {title: Well done, outcome: good, debrief: Well done.}
"""


def test_the_check_sees_praise_for_a_run_of_mistakes() -> None:
    scenario = load_scenario_bytes(_ALL_MISTAKES, "all-mistakes.yaml")
    assert set(mistakes_only_praised(scenario)) == {
        "mostly_fine (mixed) after a run of nothing but mistakes",
        "well_done (good) after a run of nothing but mistakes",  # a thought and a plea
    }
    shared = _meters_changed(scenario, lambda c: c == "self_blame")
    assert shared == {"doubt"}
