"""Every value has a range, the state space has caps that fail fast, and errors are located cheaply."""

from __future__ import annotations

import pytest
import yaml

from tests.paths import TINY
from trainer.core.errors import Diagnostic, ScenarioError
from trainer.core.scenario import locate
from trainer.core.scenario.loader import load_scenario, load_scenario_bytes
from trainer.core.scenario.model import METER_LIMIT, POINTS_LIMIT
from trainer.core.scenario.statespace import MAX_STATES_PER_SCENE, TooManyStatesError, explore, state_cap


def problems(text: str) -> list[Diagnostic]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(text.encode(), "bounded.yaml")
    return caught.value.diagnostics


def wide_meter(top: int) -> str:
    """A scene that goes round, adding 1 to a meter each time, until the meter reaches ``top``."""
    return f"""format: 1
id: wide
title: Wide
summary: One wide meter.
difficulty: 1
meters:
  m: {{start: 0, min: 0, max: {top}}}
start: a
scenes:
  a:
    choices:
      - {{id: up, text: Up, category: graceful, feedback: Up again., effects: {{m: 1}}, goto: [{{if: "m < {top}", goto: a}}, {{goto: e}}]}}
      - {{id: stop, text: Stop, category: logic, feedback: Stop now., goto: e}}
  e:
    ending: {{title: E, outcome: good, debrief: Done.}}
"""


def test_points_beyond_their_range_are_an_error_not_an_overflow() -> None:
    text = TINY.read_text() + f"rubric:\n  huge: {{label: Huge, kind: good, points: 1{'0' * 320}, about: Big.}}\n"
    [d] = problems(text)
    assert d.code == "E204" and d.message.startswith("points: 1000")
    assert f"the most allowed is {POINTS_LIMIT:,}" in d.message and len(d.message) < 120


def test_meter_bounds_and_effects_have_ranges() -> None:
    text = wide_meter(10).replace("max: 10}", f"max: {METER_LIMIT + 1}}}").replace("{m: 1}", "{m: -9999999999}")
    found = problems(text)
    assert [(d.code, d.message.split(":")[0]) for d in found] == [("E204", "max"), ("E204", "m")]


def test_counts_have_ranges() -> None:
    choices = "".join(
        f"      - {{id: c{i}, text: T, category: graceful, feedback: Fine here., goto: e}}\n" for i in range(21)
    )
    text = (
        wide_meter(3).split("  a:\n")[0]
        + "  a:\n    choices:\n"
        + choices
        + "  e:\n    ending: {title: E, outcome: good, debrief: D.}\n"
    )
    [d] = problems(text)
    assert d.code == "E204" and "at most 20 entries, found 21" in d.message


def test_a_scene_reached_with_too_many_meter_values_is_refused_at_once() -> None:
    [d] = problems(wide_meter(990_000))
    assert (d.code, d.line, d.column) == ("E403", 10, 3)
    assert f"scene 'a' can be reached with more than {MAX_STATES_PER_SCENE:,} different meter values" in d.message


def test_a_wide_meter_that_few_values_reach_still_loads() -> None:
    loaded = load_scenario_bytes(wide_meter(990_000).replace("{m: 1}", "{m: 400000}").encode(), "ok.yaml")
    assert len(loaded.graph.states) < 10


def test_the_total_cap_grows_with_the_scenario_but_has_a_floor() -> None:
    assert state_cap(10) == state_cap(1000) == 100_000
    assert state_cap(100_000) == 1_000_000
    loaded = load_scenario(TINY)
    with pytest.raises(TooManyStatesError, match="more than 3 reachable states"):
        explore(loaded.compiled, limit=3)


def test_locating_errors_indexes_each_mapping_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of unknown keys are located in one pass over their mapping, not one pass each."""
    keys = 2_000
    root = yaml.compose("\n".join(f"k{i}: {i}" for i in range(keys)), Loader=yaml.CSafeLoader)

    class CountingList(list):
        walks = 0

        def __iter__(self):
            CountingList.walks += 1
            return super().__iter__()

    root.value = CountingList(root.value)
    lines = [locate.line_column(locate.find_node(root, [f"k{i}"], key=True))[0] for i in range(keys)]
    assert lines == list(range(1, keys + 1))
    assert CountingList.walks == 1


def test_did_you_mean_for_unknown_keys_stays_within_the_files_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each hint compares the key with every allowed one: thousands of unknown keys get hints only at first."""
    from trainer.core.scenario import loader

    searches: list[str] = []
    real = loader.did_you_mean
    monkeypatch.setattr(loader, "did_you_mean", lambda word, known: searches.append(word) or real(word, known))
    found = problems(TINY.read_text() + "".join(f"titel{i}: x\n" for i in range(3_000)))
    assert len(found) == 3_000 and "did you mean 'title'?" in found[0].message
    allowed = len(loader.allowed_keys([]))
    assert len(searches) == loader.SUGGESTION_BUDGET // allowed
