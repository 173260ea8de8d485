"""`trainer analyze`: exact run counts, scores per ending, categories, and random runs."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from trainer.cli.analyze import count_text, every_digit
from trainer.cli.main import main
from trainer.core.authoring.analysis import analyze, random_runs
from trainer.core.authoring.endings import ending_report
from trainer.core.scenario.loader import Scenario, load_scenario

FIXTURES = Path(__file__).parent / "fixtures"
COUNTED = FIXTURES / "counted_runs.yaml"


def chain_scenario(scenes: int) -> str:
    """``scenes`` scenes in a row, each with two choices to the next one: 2**scenes runs."""
    lines = [
        "format: 1",
        "id: long-chain",
        "title: Long chain",
        "summary: Two ways through each scene.",
        "difficulty: 1",
    ]
    lines += ["start: s0", "scenes:"]
    for i in range(scenes):
        following = f"s{i + 1}" if i + 1 < scenes else "end"
        lines += [f"  s{i}:", "    choices:"]
        for choice, category in (("calm", "graceful"), ("plead", "weakness")):
            lines.append(
                f"      - {{id: {choice}, text: T, category: {category}, feedback: Some feedback., goto: {following}}}"
            )
    lines += ["  end:", "    ending: {title: End, outcome: good, debrief: The end.}"]
    return "\n".join(lines) + "\n"


def test_runs_are_counted_exactly_as_worked_out_by_hand() -> None:
    facts = analyze(load_scenario(COUNTED))
    assert (facts.scenes, facts.choices, facts.endings, facts.reachable_states) == (6, 8, 3, 10)
    assert facts.runs == 9
    assert (facts.par, facts.worst) == (6, -7)
    assert (facts.shortest, facts.longest) == (2, 3)


def test_each_ending_reports_percents_categories_and_chance_as_worked_out_by_hand() -> None:
    facts = analyze(load_scenario(COUNTED))
    endings = {e.scene_id: e for e in facts.ending_facts}
    good, bad, mixed = endings["good"], endings["bad"], endings["mixed"]
    # par 6, worst -7: a span of 13 points.
    assert (good.worst_percent, good.best_percent) == (100 * 4 / 13, 100.0)
    assert (bad.worst_percent, bad.best_percent) == (0.0, 100 * 6 / 13)
    assert good.categories == ("weakness", "logic", "pushback", "graceful", "no_contact", "reframe")
    assert bad.categories == ("weakness", "logic", "love", "pushback", "graceful")
    assert mixed.categories == ("logic", "graceful")
    # x1 y1, x2 y1, x3 z1: 1/6 each; x1 y2 z1: 1/18; x2 y2 z1: 1/12.
    assert good.chance == pytest.approx(23 / 36)
    assert bad.chance == pytest.approx(11 / 36)
    assert mixed.chance == pytest.approx(2 / 36)
    assert facts.good_chance == good.chance
    assert facts.par_run == ("x1", "y1")


def test_each_ending_reports_its_score_range() -> None:
    endings = {e.scene_id: (e.reachable, e.worst, e.best) for e in analyze(load_scenario(COUNTED)).ending_facts}
    assert endings == {"good": (True, -3, 6), "bad": (True, -7, -1), "mixed": (True, 4, 4)}


def test_an_unreachable_ending_is_reported_as_such() -> None:
    endings = {e.scene_id: e for e in analyze(load_scenario(FIXTURES / "unreachable_ending.yaml")).ending_facts}
    forgotten = endings["forgotten_end"]
    assert (forgotten.reachable, forgotten.best, forgotten.worst) == (False, None, None)


def test_categories_count_the_choices_that_carry_them() -> None:
    facts = {c.category: (c.choices, c.reachable) for c in analyze(load_scenario(COUNTED)).category_facts}
    assert facts["graceful"] == (2, True)
    assert facts["logic"] == (1, True)
    assert facts["reaching_out"] == (0, False)


def test_ten_to_the_thirty_runs_are_counted_without_enumerating(tmp_path: Path) -> None:
    path = tmp_path / "chain.yaml"
    path.write_text(chain_scenario(100), encoding="utf-8")
    facts = analyze(load_scenario(path))
    assert facts.runs == 2**100 > 10**30
    assert (facts.shortest, facts.longest, facts.reachable_states) == (100, 100, 101)
    assert (facts.par, facts.worst) == (300, -300)


def test_random_runs_cover_every_scene_and_choice_of_a_small_scenario() -> None:
    report = random_runs(load_scenario(COUNTED), 200, seed=1)
    assert (report.scenes_visited, report.scenes_total) == (6, 6)
    assert (report.choices_made, report.choices_total) == (8, 8)
    assert sum(report.endings.values()) == 200


def test_random_runs_are_repeatable_with_a_seed() -> None:
    loaded = load_scenario(COUNTED)
    assert random_runs(loaded, 30, seed=7) == random_runs(loaded, 30, seed=7)


def test_random_runs_report_partial_coverage() -> None:
    report = random_runs(load_scenario(FIXTURES / "unreachable_scene.yaml"), 50, seed=0)
    assert (report.scenes_visited, report.scenes_total) == (3, 4)
    assert (report.choices_made, report.choices_total) == (2, 4)
    assert report.scene_share == 0.75


def test_analyze_prints_the_facts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(COUNTED), "--random", "20", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "complete runs     9\n" in out
    assert "good (good): Good: reachable, scores -3 to 6" in out
    assert "scenes visited    6/6 (100%)" in out


def test_analyze_json_keeps_huge_counts_exact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chain.yaml"
    path.write_text(chain_scenario(120), encoding="utf-8")
    assert main(["analyze", str(path), "--format", "json", "--random", "3", "--seed", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["runs"] == 2**120
    assert data["id"] == "long-chain"
    assert data["random"]["runs"] == 3
    assert data["random"]["endings"] == {"end": 3}
    assert data["ending_facts"][0] == {
        "scene_id": "end",
        "title": "End",
        "outcome": "good",
        "reachable": True,
        "best": 360,
        "worst": -360,
        "best_percent": 100.0,
        "worst_percent": 0.0,
        "categories": ["weakness", "graceful"],
        "chance": 1.0,
    }
    assert data["good_chance"] == 1.0
    assert data["par_run"] == ["calm"] * 120


def test_analyze_of_a_broken_file_is_one_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(COUNTED.read_text(encoding="utf-8").replace("goto: mixed", "goto: nowhere"), encoding="utf-8")
    assert main(["analyze", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "error E301 goto names a scene 'nowhere'" in err
    assert "Traceback" not in err


def test_random_needs_a_positive_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(COUNTED), "--random", "0"]) == 1
    assert "--random needs a positive number" in capsys.readouterr().err


def test_counts_beyond_pythons_digit_limit_are_written_out_in_full() -> None:
    huge = 3**20_000  # 9,543 digits: str() alone refuses more than 4,300
    with every_digit():
        assert json.loads(json.dumps({"runs": huge}))["runs"] == huge
        # 20,000 x log10(3) = 9,542.4251 and 10^0.4251 = 2.6613
        assert count_text(huge) == "about 2.661 x 10^9542 (9,543 digits; --format json gives them all)"
    with pytest.raises(ValueError):
        str(huge)  # the limit is back once the output is written


def test_readable_counts_are_exact_with_separators() -> None:
    assert count_text(2**100) == "1,267,650,600,228,229,401,496,703,205,376"


def enumerate_runs(loaded: Scenario) -> list[tuple[str, int, int, frozenset[str], Fraction, tuple[str, ...]]]:
    """Every complete run by brute force through the step function.

    Each as (ending, choices, total, categories made, chance under uniform random play, choice ids).
    """
    compiled = loaded.compiled
    runs = []
    stack = [(compiled.start, 0, 0, frozenset[str](), Fraction(1), ())]
    while stack:
        state, length, total, made, chance, ids = stack.pop()
        offered = compiled.offered(state)
        if not offered:
            runs.append((compiled.scene_ids[state[0]], length, total, made, chance, ids))
        for choice in offered:
            stack.append(
                (
                    compiled.advance(state[1], choice),
                    length + 1,
                    total + choice.points,
                    made | {choice.category},
                    chance / len(offered),
                    (*ids, choice.id),
                )
            )
    return runs


SMALL = [
    *sorted((Path(__file__).parents[2] / "scenarios").glob("*.yaml")),
    *sorted(FIXTURES.glob("*.yaml")),
    Path(__file__).parents[1] / "scenarios" / "tiny.yaml",
]


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_dynamic_programming_agrees_with_brute_force(path: Path) -> None:
    loaded = load_scenario(path)
    facts = analyze(loaded)
    if facts.runs > 200_000:
        pytest.skip(f"{facts.runs} runs: too many to enumerate")
    runs = enumerate_runs(loaded)
    assert facts.runs == len(runs)
    assert (facts.shortest, facts.longest) == (min(r[1] for r in runs), max(r[1] for r in runs))
    assert (facts.par, facts.worst) == (max(r[2] for r in runs), min(r[2] for r in runs))
    bounds = loaded.bounds
    for ending in facts.ending_facts:
        here = [r for r in runs if r[0] == ending.scene_id]
        totals = [r[2] for r in here]
        assert ending.reachable == bool(totals)
        assert ending.chance == pytest.approx(float(sum(r[4] for r in here)), abs=1e-12)
        assert set(ending.categories) == set().union(*(r[3] for r in here))
        if totals:
            assert (ending.worst, ending.best) == (min(totals), max(totals))
            assert ending.worst_percent == bounds.percent(min(totals))
            assert ending.best_percent == bounds.percent(max(totals))
    assert sum(ending.chance for ending in facts.ending_facts) == pytest.approx(1.0, abs=1e-12)
    good = sum((r[4] for r in runs if loaded.file.scenes[r[0]].ending.outcome == "good"), Fraction(0))
    assert facts.good_chance == pytest.approx(float(good), abs=1e-12)
    best_runs = {r[5] for r in runs if r[2] == facts.par}
    assert tuple(facts.par_run) in best_runs
    assert facts.narrow_points == _fewest_narrow_points(best_runs)


def _fewest_narrow_points(best_runs: set[tuple[str, ...]]) -> int:
    """Over the par runs, the fewest steps at which only one choice continues some par run."""
    keeping: dict[tuple[str, ...], set[str]] = {}
    for run in best_runs:
        for i, choice in enumerate(run):
            keeping.setdefault(run[:i], set()).add(choice)
    return min(sum(len(keeping[run[:i]]) == 1 for i in range(len(run))) for run in best_runs)


def test_a_scenario_that_starts_at_its_ending_has_one_empty_run(tmp_path: Path) -> None:
    path = tmp_path / "short.yaml"
    path.write_text(
        "format: 1\nid: short\ntitle: Short\nsummary: Over at once.\ndifficulty: 1\nstart: done\n"
        "scenes:\n  done:\n    ending: {title: Done, outcome: good, debrief: Nothing to choose.}\n",
        encoding="utf-8",
    )
    facts = analyze(load_scenario(path))
    assert (facts.runs, facts.shortest, facts.longest, facts.reachable_states) == (1, 0, 0, 1)


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_the_chances_of_the_endings_add_up_to_one_however_many_runs(path: Path) -> None:
    # The brute-force comparison above skips the biggest scenarios; the DP's sum needs no runs listed.
    facts = analyze(load_scenario(path))
    assert sum(ending.chance for ending in facts.ending_facts) == pytest.approx(1.0, abs=1e-9)
    good = sum(e.chance for e in facts.ending_facts if e.outcome == "good")
    assert facts.good_chance == pytest.approx(good, abs=1e-12)


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_analysis_and_the_lint_report_the_same_ending_facts(path: Path) -> None:
    # The analysis finds each category's endings in its own backward pass; the lint's ending check
    # uses `ending_report`: both must say the same of every ending, the biggest scenarios included.
    loaded = load_scenario(path)
    report = ending_report(loaded)
    facts = analyze(loaded)
    assert facts.ending_facts == report.endings
    assert facts.good_chance == report.good_chance
    assert {fact.category for fact in facts.category_facts if fact.reachable} == report.made
