"""Feedback that teaches, not a template: varied in shape, and free of the formulas the library wore out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pytest

from tests.library.conftest import FILES, choices_of, plain
from tests.library.pending import expect_library_pending, expect_pending
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


# Phrases the library reached for so often that they read as a template: each may appear at most
# `per_scenario` times in one scenario and `library` times across the whole library (choice text,
# feedback, debriefs and ending titles). Say the specific thing instead.
@dataclass(frozen=True)
class Worn:
    pattern: str
    per_scenario: int
    library: int


WORN = {
    "a message through someone 'is still a message'": Worn(
        r"\bis still an? (message|declaration|letter|visit|request|contact)\b|\bstill a message\b", 1, 2
    ),
    "practical question, practical answer": Worn(r"\bpractical question\b[^.;]{0,25}\bpractical answer", 1, 2),
    "be as gentle with yourself as with a friend": Worn(
        r"\b(gentle|kind|fair|soft)(er)? (with|to|on) yourself as\b|\bas (gentle|kind|fair) (with|to) yourself\b",
        1,
        1,
    ),
    "answer it the way a friend would": Worn(
        r"\banswer(ing)? (it|that|that thought|the thought)( \w+)? (the way|as) [\w ]{1,20} would\b", 1, 2
    ),
    "verdict": Worn(r"\bverdicts?\b", 2, 20),
    "would have": Worn(r"\bwould(n't)? have\b|\bwould've\b", 5, 50),
    "dressed up as, disguised as": Worn(r"\b(dressed( up)?|disguised) as\b", 1, 3),
    "the hurt talking": Worn(r"\b(hurt|grief|loss|sting|pain|panic|fear) talking\b", 1, 4),
    "replay it": Worn(r"\breplay (it|this|the \w+)\b", 1, 3),
    "practise one thing": Worn(r"\bpractise one (thing|move)\b", 1, 2),
    "not an instruction, not a sign": Worn(r"\bnot (an instruction|a sign|a task|a command)\b", 1, 4),
    "I had to ask, I won't argue": Worn(r"\bi had to ask\b|\bi asked, you answered\b|\bi won't argue\b", 1, 2),
    "one question, then": Worn(r"\bone question, then\b", 1, 1),
    "hard on yourself": Worn(r"\bhard on yourself\b", 1, 2),
    "charge sheet": Worn(r"\bcharge sheet\b", 1, 2),
    "you couldn't disappear": Worn(r"\bcouldn't disappear\b", 1, 1),
}


def prose(scenario: Scenario) -> list[tuple[str, str]]:
    """What the player reads as the trainer's voice and their own lines: (where, text)."""
    texts = []
    for placed in choices_of(scenario):
        texts += [(str(placed), placed.choice.text), (f"{placed} feedback", placed.choice.feedback)]
    for scene_id, scene in scenario.file.scenes.items():
        if scene.ending:
            texts.append((f"{scenario.id}/{scene_id} title", scene.ending.title))
            texts.append((f"{scenario.id}/{scene_id} debrief", plain(scene.ending.debrief)))
    return texts


def worn_uses(scenario: Scenario, worn: Worn) -> list[str]:
    pattern = re.compile(worn.pattern, re.I)
    return [f"{where}: {m.group(0)!r}" for where, text in prose(scenario) for m in pattern.finditer(fold(text))]


def fold(text: str) -> str:
    return text.replace("\u2019", "'")


def test_worn_phrases_are_rare_in_a_scenario(request: pytest.FixtureRequest, scenario: Scenario) -> None:
    expect_pending(request, "worn-phrases", scenario.id)
    over = {phrase: uses for phrase, worn in WORN.items() if len(uses := worn_uses(scenario, worn)) > worn.per_scenario}
    assert not over, over


def test_worn_phrases_are_rare_across_the_library(request: pytest.FixtureRequest) -> None:
    expect_library_pending(request, "worn-phrases")
    library = [load_scenario(path) for path in FILES]
    counts = {phrase: sum(len(worn_uses(s, worn)) for s in library) for phrase, worn in WORN.items()}
    over = {phrase: f"{n} (at most {WORN[phrase].library})" for phrase, n in counts.items() if n > WORN[phrase].library}
    assert not over, over


# Cloned sentences: a run of this many words in one scenario's feedback or debriefs that another
# scenario's feedback or debriefs repeat word for word is a template, not writing for the moment.
CLONE_WORDS = 7


def _runs(scenario: Scenario) -> dict[tuple[str, ...], str]:
    runs: dict[tuple[str, ...], str] = {}
    texts = [(str(p), p.choice.feedback) for p in choices_of(scenario)]
    texts += [
        (f"{scenario.id}/{k} debrief", plain(v.ending.debrief)) for k, v in scenario.file.scenes.items() if v.ending
    ]
    for where, text in texts:
        words = re.findall(r"[a-z0-9']+", fold(text).casefold())
        for i in range(len(words) - CLONE_WORDS + 1):
            runs.setdefault(tuple(words[i : i + CLONE_WORDS]), where)
    return runs


@pytest.fixture(scope="module")
def runs_by_scenario() -> dict[str, dict[tuple[str, ...], str]]:
    return {path.stem: _runs(load_scenario(path)) for path in FILES}


def cloned(scenario_id: str, runs_by_scenario: dict[str, dict[tuple[str, ...], str]]) -> list[str]:
    ours = runs_by_scenario[scenario_id]
    return sorted(
        f"{where}: {' '.join(run)!r} (also in {other})"
        for other, theirs in runs_by_scenario.items()
        if other != scenario_id
        for run, where in ours.items()
        if run in theirs
    )


def test_no_sentence_is_cloned_from_another_scenario(
    request: pytest.FixtureRequest, scenario: Scenario, runs_by_scenario: dict[str, dict[tuple[str, ...], str]]
) -> None:
    expect_pending(request, "clones", scenario.id)
    assert not cloned(scenario.id, runs_by_scenario)


def test_the_clone_check_sees_a_copied_sentence() -> None:
    run = ("a", "message", "through", "a", "friend", "is", "still")
    runs = {"a": {run: "a/x/y feedback"}, "b": {run: "b/x/z feedback"}}
    assert cloned("a", runs)
    assert worn_uses(load_scenario(FILES[0]), Worn(r"\bthe\b", 0, 0))
