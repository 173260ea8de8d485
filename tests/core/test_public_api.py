"""The small public API the README documents: trainer.load, scenario.new_run, the Run, trainer.read_replay."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import trainer
from tests.paths import TINY

README = Path(__file__).parents[2] / "README.md"


def test_a_scenario_is_loaded_and_played_through_the_api() -> None:
    scenario = trainer.load(str(TINY))
    assert isinstance(scenario, trainer.Scenario) and scenario.id == "tiny"
    run = scenario.new_run(seed=5)
    assert isinstance(run, trainer.Run) and run.seed == 5
    assert [choice.id for choice in run.offered()] == ["beg", "accept"]
    feedback = run.choose("accept")
    assert isinstance(feedback, trainer.Feedback)
    assert (feedback.label, feedback.points) == ("Graceful", 3)
    run.choose("goodbye")
    assert run.ended and run.ending is not None and run.ending.title == "Gave it"
    assert run.score == 6
    run.take_back()
    assert not run.ended and run.ending is None and run.score == 3


def test_load_reports_problems_as_a_scenario_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(TINY.read_text().replace("goto: second", "goto: nowhere", 1))
    with pytest.raises(trainer.ScenarioError) as caught:
        trainer.load(broken)
    assert [(d.code, d.line) for d in caught.value.diagnostics] == [("E301", 21)]


def test_read_replay_re_plays_a_recorded_run(tmp_path: Path) -> None:
    from trainer.core.replays.recorder import recorder_of, start_recorded_run

    scenario = trainer.load(TINY)
    run = start_recorded_run(scenario, tmp_path, seed=9)
    run.choose("beg")
    run.choose("argue")
    recorder = recorder_of(run)
    assert recorder is not None
    replay = trainer.read_replay(recorder.path, scenario=scenario)
    assert isinstance(replay, trainer.VerifiedReplay)
    assert replay.header.seed == 9
    assert [choice.id for choice in replay.run] == ["beg", "argue"]
    assert (replay.finished, replay.score, replay.ending_scene) == (True, -5, "bad_end")
    with pytest.raises(trainer.InvalidReplay) as caught:  # never by the path in its header: not trusted
        trainer.read_replay(recorder.path)
    assert caught.value.error.code == "R201"


def test_a_broken_replay_raises_invalid_replay(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text("not json\n")
    with pytest.raises(trainer.InvalidReplay) as caught:
        trainer.read_replay(path)
    assert caught.value.error.code == "R102"


def test_importing_trainer_imports_nothing_else() -> None:
    probe = "import sys, trainer; print(sorted(m for m in sys.modules if m.startswith('trainer') or m in WATCH))"
    code = f"WATCH = {{'typing', 'pydantic', 'yaml', 'transitions', 'textual', 'rich', 'msgspec'}}; {probe}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['trainer']"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Session'"):
        trainer.Session  # noqa: B018


def test_the_readme_example_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from trainer.core.replays.recorder import recorder_of, start_recorded_run

    section = README.read_text(encoding="utf-8").split("### The Python API", 1)[1]
    example = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert example is not None
    shutil.copy(TINY, tmp_path / "my-scenario.yaml")
    recorded = start_recorded_run(trainer.load(tmp_path / "my-scenario.yaml"), tmp_path / "data", seed=3)
    recorded.choose("accept")
    recorded.choose("goodbye")
    recorder = recorder_of(recorded)
    assert recorder is not None
    shutil.copy(recorder.path, tmp_path / "run.jsonl")
    monkeypatch.chdir(tmp_path)
    exec(compile(example.group(1), "README.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == [
        "Weakness -3",  # the first choice offered in tiny is 'beg' (weakness)
        "Lost it -5",  # beg, then argue with calm below 0
        "True 6 ['accept', 'goodbye']",
    ]
