"""Feedback that teaches, not a template: varied in shape, and free of the formulas the library wore out."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.library.conftest import FILES, choices_of, plain
from trainer.core.scenario.loader import Scenario, load_scenario

# Phrases that had become the library's reflex: each one once appeared in dozens of feedbacks.
FORMULAS = {
    "they already know you love them": r"\b(already|always) knows?\b|\bnever doubted\b|\b(she|he|they) knows? (how much|that you love|you love)\b",
    "steady / footing / ground": r"\bstead(y|ier|iness)\b|\bfooting\b|\b(your|their|solid|firm|stand|hold|holding|lose|losing) ground\b",
    "a door as a metaphor": r"\b(open|opens|opening|opened|close|closes|closing|shut|shuts|slam|slams) (a|the|that|any|every) door\b|\bdoor (open|ajar)\b",
    "still waiting": r"\bstill waiting\b",
}


def _sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])[\"')\]]*\s+", text.strip()) if s])


@pytest.fixture(scope="module", params=FILES, ids=[p.stem for p in FILES])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


@pytest.mark.parametrize("formula", sorted(FORMULAS))
def test_feedback_and_debriefs_avoid_the_worn_formulas(scenario: Scenario, formula: str) -> None:
    pattern = re.compile(FORMULAS[formula], re.I)
    texts = [(str(p), p.choice.feedback) for p in choices_of(scenario)]
    texts += [
        (f"{scenario.id}/{k} debrief", plain(v.ending.debrief)) for k, v in scenario.file.scenes.items() if v.ending
    ]
    found = [f"{where}: {m.group(0)!r}" for where, text in texts if (m := pattern.search(text))]
    assert not found, found


def test_feedback_varies_in_length(scenario: Scenario) -> None:
    counts = Counter(_sentences(p.choice.feedback) for p in choices_of(scenario))
    most, times = counts.most_common(1)[0]
    assert times <= 0.75 * sum(counts.values()), f"{times} of {sum(counts.values())} feedbacks have {most} sentences"


def test_feedback_does_not_repeat_itself(scenario: Scenario) -> None:
    openings = Counter(" ".join(p.choice.feedback.split()[:4]).casefold() for p in choices_of(scenario))
    repeated = {opening: n for opening, n in openings.items() if n > 2}
    assert not repeated, repeated
