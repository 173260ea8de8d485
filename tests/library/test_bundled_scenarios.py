"""The bundled library: every scenario loads, passes the lint, and has the shape that teaches."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.library.pending import expect_pending
from trainer.core.authoring.analysis import best_run_endings
from trainer.core.authoring.lint import lint
from trainer.core.library import bundled_scenarios_dir, load_library, scenario_files
from trainer.core.scenario.conditions import meter_refs, parse_condition
from trainer.core.scenario.loader import Scenario, load_scenario
from trainer.core.scenario.rubric import DEFAULT_RUBRIC

ROOT = Path(__file__).parents[2]
FILES = scenario_files(bundled_scenarios_dir())


def _interview_path() -> Path | None:
    """The interview lives in shared/, beside the checkout (as in CI), not in the repository."""
    candidate = ROOT.parent / "shared" / "reference" / "coach-interview.txt"
    return candidate if candidate.is_file() else None


@pytest.fixture(scope="module", params=FILES, ids=[p.stem for p in FILES])
def loaded(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


MOMENTS = {
    "phone-call",
    "shared-lease",
    "breakup-by-text",
    "first-24-hours",
    "keys-and-belongings",
    "long-silence",
    "ex-reaches-out",
    "the-letter",
    "co-founders",
    "inner-voice",
}


def test_the_ten_moments_are_bundled_and_shipped() -> None:
    assert {p.stem for p in FILES} >= MOMENTS


def test_the_library_has_at_least_thirteen_scenarios() -> None:
    """The ten moments plus a provoking ex, contact that can't be avoided, and a start after the damage."""
    assert len(FILES) >= 13


def test_file_name_matches_the_scenario_id(loaded: Scenario) -> None:
    assert loaded.path.stem == loaded.file.id


def test_passes_the_lint_without_a_warning(loaded: Scenario) -> None:
    # W013 among them: no ending contradicts a run that reaches it.
    assert [str(d) for d in lint(loaded)] == []


def test_has_enough_scenes_and_an_ending_of_each_outcome(loaded: Scenario) -> None:
    scenes = loaded.file.scenes
    outcomes = Counter(scene.ending.outcome for scene in scenes.values() if scene.ending)
    assert len(scenes) >= 12
    assert sum(outcomes.values()) >= 3
    assert {"good", "mixed", "bad"} <= set(outcomes)


def test_every_choice_point_offers_three_choices_to_learn_from(loaded: Scenario) -> None:
    rubric, compiled = loaded.rubric, loaded.compiled
    for state in loaded.graph.states:
        if compiled.is_ending[state[0]]:
            continue
        offered = compiled.offered(state)
        kinds = {rubric[c.category].kind for c in offered}
        where = f"{compiled.scene_ids[state[0]]} with {compiled.meters_dict(state[1])}"
        assert len(offered) >= 3, where
        assert "mistake" in kinds, where
        assert kinds & {"good", "okay"}, where


def test_a_meter_that_choices_change_is_read_later(loaded: Scenario) -> None:
    changed = {name for scene in loaded.file.scenes.values() for c in scene.choices for name in c.effects}
    conditions = [
        source
        for scene in loaded.file.scenes.values()
        for c in scene.choices
        for source in (c.if_, *(b.if_ for b in c.goto))
        if source
    ]
    read = {ref.name for source in conditions for ref in meter_refs(parse_condition(source))}
    assert changed & read


def test_feedback_is_one_to_three_sentences(loaded: Scenario) -> None:
    for scene_id, scene in loaded.file.scenes.items():
        for choice in scene.choices:
            sentences = [s for s in re.split(r"(?<=[.!?])[\"')\]]*\s+", choice.feedback.strip()) if s]
            assert 1 <= len(sentences) <= 3, f"{scene_id}/{choice.id}: {choice.feedback!r}"


def test_the_par_run_ends_in_the_good_ending(loaded: Scenario) -> None:
    scenes = loaded.file.scenes
    endings = best_run_endings(loaded.graph)
    assert endings
    for index in endings:
        ending = scenes[loaded.compiled.scene_ids[index]].ending
        assert ending is not None and ending.outcome == "good"


def test_characters_have_names_and_speak(loaded: Scenario) -> None:
    speakers = {line.who for scene in loaded.file.scenes.values() for line in scene.say}
    assert loaded.file.characters
    assert set(loaded.file.characters) == speakers


def _all() -> list[Scenario]:
    return [load_scenario(path) for path in FILES]


def test_library_wide_category_coverage() -> None:
    scenarios = _all()
    used = [{c.category for s in each.file.scenes.values() for c in s.choices} for each in scenarios]
    per_category = Counter(category for categories in used for category in categories)
    assert len(scenarios) >= 10
    for core in ("weakness", "logic", "graceful"):
        assert per_category[core] >= 6, core
    assert set(DEFAULT_RUBRIC) <= set(per_category)


def test_difficulties_are_spread_and_the_library_orders_by_them(tmp_path: Path) -> None:
    # Ratings are measured (tests/library/test_difficulty.py), and the library spans them all.
    difficulties = Counter(each.file.difficulty for each in _all())
    assert set(difficulties) == {1, 2, 3, 4, 5}
    assert max(difficulties.values()) <= 4
    listed = [entry.loaded.file.difficulty for entry in load_library(tmp_path) if entry.loaded]
    assert listed == sorted(listed)


def test_character_names_vary_across_the_library() -> None:
    names = [c.name for each in _all() for c in each.file.characters.values()]
    assert len(set(names)) >= 0.8 * len(names), sorted(names)


def _words(text: str) -> list[str]:
    """Case and punctuation folded; apostrophes (straight or curly) vanish so contractions match."""
    folded = text.casefold().replace("\u2019", "").replace("'", "")
    return re.findall(r"[a-z0-9]+", folded)


def test_no_eight_word_run_of_the_interview_appears_in_a_scenario() -> None:
    source = _interview_path()
    if source is None:
        pytest.skip("the reference interview is not beside this checkout")
    words = _words(source.read_text(encoding="utf-8"))
    shingles = {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
    assert shingles
    for path in [*FILES, bundled_scenarios_dir() / "README.md"]:
        if not path.is_file():
            continue
        ours = _words(path.read_text(encoding="utf-8"))
        copied = [" ".join(ours[i : i + 8]) for i in range(len(ours) - 7) if tuple(ours[i : i + 8]) in shingles]
        assert not copied, f"{path.name} repeats the interview: {copied[:3]}"


def test_the_copy_check_would_catch_a_copied_sentence(tmp_path: Path) -> None:
    source = _interview_path()
    if source is None:
        pytest.skip("the reference interview is not beside this checkout")
    words = _words(source.read_text(encoding="utf-8"))
    copied = " ".join(words[100:108]).upper() + "!"
    shingles = {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
    ours = _words(f"text: {copied}")
    assert any(tuple(ours[i : i + 8]) in shingles for i in range(len(ours) - 7))


# A choice is read as one line: at 80 columns the play screen leaves about this many characters for
# its text beside the number, so a longer one wraps under its own number or is cut off.
CHOICE_WIDTH = 72


def test_every_choice_fits_one_line_at_80_columns(request: pytest.FixtureRequest, loaded: Scenario) -> None:
    expect_pending(request, "choice-width", loaded.id)
    long = [
        f"{scene_id}/{choice.id} ({len(choice.text)}): {choice.text}"
        for scene_id, scene in loaded.file.scenes.items()
        for choice in scene.choices
        if len(choice.text) > CHOICE_WIDTH
    ]
    assert not long, long
