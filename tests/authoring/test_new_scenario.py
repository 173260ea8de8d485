"""`trainer new ID`: a starter that validates strictly, analyzes, plays, and never overwrites."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.core.authoring.analysis import analyze
from trainer.core.authoring.lint import lint
from trainer.core.authoring.starter import schema_file, starter_text
from trainer.core.scenario.loader import Scenario, load_scenario

ROOT = Path(__file__).parents[2]


def load_scenario_text(text: str) -> Scenario:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "starter.yaml"
        path.write_text(text, encoding="utf-8")
        return load_scenario(path)


def test_new_then_validate_strict_analyze_and_play_plain(tmp_path: Path, run_trainer) -> None:
    trainer = run_trainer
    made = trainer("new", "first-try", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "first-try.yaml").is_file()
    checked = trainer("validate", "--strict", "first-try.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 errors, 0 warnings" in checked.stderr
    analyzed = trainer("analyze", "first-try.yaml", "--random", "50", "--seed", "1", cwd=tmp_path)
    assert analyzed.returncode == 0, analyzed.stderr
    assert "scenes visited    " in analyzed.stdout
    # Choices are shuffled per run: a fixed seed, and the numbers that seed gives the best run's choices.
    run = load_scenario(tmp_path / "first-try.yaml").new_run(7)
    numbers = []
    for choice_id in ("accept", "leave_well"):
        numbers.append(1 + [choice.id for choice in run.offered()].index(choice_id))
        run.choose(choice_id)
    typed = "".join(f"{number}\n" for number in numbers)
    played = trainer("play", "first-try.yaml", "--plain", "--seed", "7", cwd=tmp_path, stdin=typed)
    assert played.returncode == 0, played.stderr
    assert "Ending: A clean break (good)" in played.stdout
    assert "Traceback" not in played.stderr


def test_starter_reaches_every_scene_and_ending_and_its_best_run_ends_well() -> None:
    loaded = load_scenario_text(starter_text("demo", "schema.json"))
    facts = analyze(loaded)
    assert facts.reachable_scenes == facts.scenes
    assert all(ending.reachable for ending in facts.ending_facts)
    assert lint(loaded) == []
    assert loaded.bounds.par == max(e.best for e in facts.ending_facts if e.outcome == "good")


def test_first_line_points_editors_at_the_committed_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "demo", "--output", str(tmp_path / "demo.yaml")]) == 0
    first = (tmp_path / "demo.yaml").read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    schema = Path(first.removeprefix(prefix))
    assert schema == schema_file()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "Breakup trainer scenario (format 1)"


def test_new_refuses_to_overwrite_and_leaves_the_file_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("my precious work\n", encoding="utf-8")
    assert main(["new", "mine", "--output", str(target)]) == 1
    assert "already exists: not overwriting it" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "my precious work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml"]  # no temporary file left behind


def test_new_refuses_a_dangling_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")
    assert main(["new", "x", "--output", str(link)]) == 1
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_new_rejects_an_id_that_is_not_a_slug(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Not A Slug", "--output", str(tmp_path / "x.yaml")]) == 1
    assert "is not a valid scenario id" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()


def test_new_into_a_missing_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "x", "--output", str(tmp_path / "nope" / "x.yaml")]) == 1
    assert "no such folder" in capsys.readouterr().err


@pytest.mark.parametrize("scenario_id", ["123", "no", "null", "1e3", "on"])
def test_ids_yaml_would_read_as_numbers_or_booleans_stay_text(scenario_id: str) -> None:
    assert load_scenario_text(starter_text(scenario_id, "schema.json")).id == scenario_id


@pytest.mark.parametrize("args", [["new", "headless"], ["analyze", "headless.yaml"], ["graph", "headless.yaml"]])
def test_authoring_commands_never_import_textual(args: list[str], tmp_path: Path, run_trainer) -> None:
    (tmp_path / "headless.yaml").write_text(starter_text("headless", "schema.json"), encoding="utf-8")
    if args[0] == "new":
        (tmp_path / "headless.yaml").unlink()
    result = run_trainer(*args, cwd=tmp_path, probe_textual=True)
    assert result.returncode == 0, result.stderr
    assert "TEXTUAL: []" in result.stderr


def test_output_may_name_a_folder_to_write_id_yaml_into(tmp_path: Path) -> None:
    assert main(["new", "in-folder", "--output", str(tmp_path)]) == 0
    assert load_scenario(tmp_path / "in-folder.yaml").file.id == "in-folder"
