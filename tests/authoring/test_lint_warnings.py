"""Every lint warning fires on a small fixture, at the line and column of what causes it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.core.authoring.lint import WARNING_CODES, lint
from trainer.core.errors import CODES
from trainer.core.scenario.loader import load_scenario

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parents[2]

# (fixture, code, line, column, words the message must contain): positions read off the fixture files.
EXPECTED = [
    ("unreachable_scene.yaml", "W001", 24, 3, "'lost'"),
    ("unreachable_ending.yaml", "W002", 28, 3, "'forgotten_end'"),
    ("never_offered.yaml", "W003", 23, 13, "'wish'"),
    ("meter_never_read.yaml", "W004", 10, 3, "'calm'"),
    ("meter_never_changed.yaml", "W005", 10, 3, "'calm'"),
    ("silent_character.yaml", "W006", 9, 3, "'bo'"),
    ("single_choice.yaml", "W007", 25, 5, "'after'"),
    ("thin_feedback.yaml", "W008", 17, 19, "'accept' is one word"),
    ("thin_feedback.yaml", "W008", 22, 19, "'beg' is empty"),
    ("best_run_ends_badly.yaml", "W009", 40, 40, "par 3"),
    ("all_mistakes.yaml", "W010", 25, 5, "'after'"),
    ("narration_never_shows.yaml", "W011", 35, 16, "part 2 of the debrief of 'bad_end' never shows"),
    ("narration_always_shows.yaml", "W012", 28, 60, "line 1 of scene 'good_end' always shows"),
    ("ending_contradicts_run.yaml", "W013", 43, 39, "good ending 'good_end' is reached at 0%, below 60%"),
    ("ending_contradicts_run.yaml", "W013", 45, 39, "bad ending 'bad_end' is reached at 73%, above 40%"),
    ("field_in_text.yaml", "W014", 27, 11, "'effects:' is inside the text of 'feedback'"),
]


def warnings_of(name: str) -> list[tuple[str, int | None, int | None, str]]:
    return [(d.code, d.line, d.column, d.message) for d in lint(load_scenario(FIXTURES / name))]


@pytest.mark.parametrize(("fixture", "code", "line", "column", "words"), EXPECTED)
def test_warning_points_at_its_cause(fixture: str, code: str, line: int, column: int, words: str) -> None:
    found = [w for w in warnings_of(fixture) if w[:3] == (code, line, column)]
    assert found, f"{code} not at {line}:{column} in {fixture}: {warnings_of(fixture)}"
    assert words in found[0][3]


@pytest.mark.parametrize("fixture", sorted({row[0] for row in EXPECTED}))
def test_each_fixture_triggers_only_its_own_code(fixture: str) -> None:
    expected = {(code, line, column) for name, code, line, column, _ in EXPECTED if name == fixture}
    assert {w[:3] for w in warnings_of(fixture)} == expected


def test_every_warning_code_has_a_triggering_fixture() -> None:
    assert {row[1] for row in EXPECTED} == set(WARNING_CODES)


def test_clean_scenarios_have_no_warnings() -> None:
    assert warnings_of("clean.yaml") == []
    # tiny is a fixture of the mechanics: many replay tests rely on its 'accept, argue' run, a good
    # ending at 54%, so the ending-truth check (W013) is the one warning it is allowed.
    assert [d.code for d in lint(load_scenario(ROOT / "tests" / "scenarios" / "tiny.yaml"))] == ["W013"]


def test_the_ending_truth_warning_names_the_ending_and_a_witness_run_and_strict_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(FIXTURES / "ending_contradicts_run.yaml")
    assert main(["validate", path]) == 0
    out = capsys.readouterr().out
    assert (
        "43:39: warning W013 good ending 'good_end' is reached at 0%, below 60% (score -5; worst -5, par 6), "
        "for example by: beg, argue"
    ) in out
    assert "45:39: warning W013 bad ending 'bad_end' is reached at 73%, above 40%" in out
    assert "for example by: accept, are_you_sure" in out
    assert main(["validate", "--strict", path]) == 1


def test_warnings_are_marked_as_warnings() -> None:
    [diagnostic] = lint(load_scenario(FIXTURES / "silent_character.yaml"))
    assert diagnostic.severity == "warning"
    assert str(diagnostic).endswith(":9:3: warning W006 character 'bo' never speaks")


def test_validate_exits_zero_on_warnings_and_one_with_strict(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "silent_character.yaml")
    assert main(["validate", path]) == 0
    out = capsys.readouterr()
    assert "9:3: warning W006 character 'bo' never speaks" in out.out
    assert "0 errors, 1 warning" in out.err
    assert main(["validate", "--strict", path]) == 1


def test_validate_strict_passes_a_clean_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", str(FIXTURES / "clean.yaml")]) == 0


def test_validate_json_lists_warnings_as_objects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(FIXTURES / "thin_feedback.yaml")]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in listed] == [
        ("W008", 17, 19, "warning"),
        ("W008", 22, 19, "warning"),
    ]
    assert set(listed[0]) == {"path", "line", "column", "severity", "code", "message"}
    assert listed[0]["path"].endswith("thin_feedback.yaml")


def test_files_with_errors_get_no_lint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    text = (FIXTURES / "silent_character.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("goto: bad_end", "goto: nowhere"), encoding="utf-8")
    assert main(["validate", "--format", "json", str(broken)]) == 1
    assert [d["code"] for d in json.loads(capsys.readouterr().out)] == ["E301"]


def documented_codes() -> dict[str, str]:
    page = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([EW]\d{3})` \| (.+?) \|", page, flags=re.MULTILINE))


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_error_code_is_documented(code: str) -> None:
    assert code in documented_codes(), f"add {code} to docs/diagnostics.md"


@pytest.mark.parametrize("code", sorted(WARNING_CODES))
def test_every_warning_code_is_documented(code: str) -> None:
    assert code in documented_codes(), f"add {code} to docs/diagnostics.md"


def test_the_diagnostics_page_lists_no_code_that_does_not_exist() -> None:
    assert set(documented_codes()) <= set(CODES) | set(WARNING_CODES)


def test_the_readme_links_the_diagnostics_page() -> None:
    assert "docs/diagnostics.md" in (ROOT / "README.md").read_text(encoding="utf-8")
