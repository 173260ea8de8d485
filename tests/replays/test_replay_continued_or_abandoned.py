"""A run goes on in the same replay on a reloaded scenario, or its replay is closed as abandoned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.paths import TINY
from trainer.core.errors import TrainerError
from trainer.core.replays.format import InvalidReplay
from trainer.core.replays.history import unfinished_runs
from trainer.core.replays.reader import read_replay
from trainer.core.replays.recorder import (
    abandon_run,
    continue_run,
    recorder_of,
    resume_recorded_run,
    start_recorded_run,
)
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.compiled import StepError
from trainer.core.scenario.loader import Scenario, load_scenario


def events(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()[1:]]


def edited(tmp_path: Path, old: str, new: str) -> Scenario:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY.read_text().replace(old, new))
    return load_scenario(path)


def test_a_continued_run_records_on_in_the_same_file(tiny: Scenario, tmp_path: Path, isolated_data_dir) -> None:
    run = start_recorded_run(tiny, isolated_data_dir, seed=4)
    run.choose("accept")
    reloaded = edited(tmp_path, "I wish you well.", "Take care of yourself.")
    again = continue_run(run, reloaded)
    assert (again.scene_id, again.meters, again.seed) == ("second", {"calm": 1}, 4)
    assert [choice.text for choice in again.offered()] == ["But the lease!", "Take care of yourself."]
    again.choose("goodbye")
    run.choose("argue")  # the old run is no longer recorded
    recorder = recorder_of(again)
    assert recorder is not None and recorder_of(run) is None
    assert [e["event"] for e in events(recorder.path)] == ["choice", "choice", "ending"]
    assert len(list(recorder.path.parent.iterdir())) == 1
    replay = read_replay(recorder.path, ScenarioResolver(preloaded=(reloaded,)))
    assert [c.id for c in replay.run] == ["accept", "goodbye"] and replay.finished


def test_a_run_continued_before_its_first_move_names_the_new_version(
    tiny: Scenario, tmp_path: Path, isolated_data_dir
) -> None:
    reloaded = edited(tmp_path, "I wish you well.", "Take care of yourself.")
    again = continue_run(start_recorded_run(tiny, isolated_data_dir), reloaded)
    again.choose("accept")
    recorder = recorder_of(again)
    assert recorder is not None
    assert json.loads(recorder.path.read_text().splitlines()[0])["sha256"] == reloaded.sha256 != tiny.sha256


def test_choices_that_no_longer_apply_cannot_continue(tiny: Scenario, tmp_path: Path, isolated_data_dir) -> None:
    run = start_recorded_run(tiny, isolated_data_dir)
    run.choose("accept")
    with pytest.raises(StepError):
        continue_run(run, edited(tmp_path, "id: accept", "id: agree"))
    assert recorder_of(run) is not None  # left as it was


def test_an_abandoned_run_is_closed_and_never_offered_for_resuming(tiny: Scenario, isolated_data_dir) -> None:
    run = start_recorded_run(tiny, isolated_data_dir)
    run.choose("beg")
    path = recorder_of(run).path  # type: ignore[union-attr]
    abandon_run(run)
    assert events(path)[-1] == {"event": "abandoned", "step": 1}
    replay = read_replay(path, ScenarioResolver(preloaded=(tiny,)))
    assert replay.abandoned and not replay.finished and [c.id for c in replay.run] == ["beg"]
    assert unfinished_runs(isolated_data_dir, tiny) == []
    with pytest.raises(TrainerError, match="abandoned run"):
        resume_recorded_run(tiny, path)


def test_abandoning_a_finished_or_unstarted_run_writes_nothing(tiny: Scenario, isolated_data_dir) -> None:
    finished = start_recorded_run(tiny, isolated_data_dir)
    finished.choose("accept")
    finished.choose("goodbye")
    path = recorder_of(finished).path  # type: ignore[union-attr]
    abandon_run(finished)
    assert events(path)[-1]["event"] == "ending"
    unstarted = start_recorded_run(tiny, isolated_data_dir)
    abandon_run(unstarted)
    assert len(list(path.parent.iterdir())) == 1


def test_nothing_may_follow_the_abandoned_line(tiny: Scenario, isolated_data_dir) -> None:
    run = start_recorded_run(tiny, isolated_data_dir)
    run.choose("beg")
    path = recorder_of(run).path  # type: ignore[union-attr]
    abandon_run(run)
    with path.open("a") as replay:
        replay.write('{"event":"choice","step":2,"scene":"second","choice":"argue"}\n')
    with pytest.raises(InvalidReplay) as caught:
        read_replay(path, ScenarioResolver(preloaded=(tiny,)))
    assert (caught.value.error.code, caught.value.error.line) == ("R205", 4)


def test_an_abandoned_line_must_match_the_run(tiny: Scenario, isolated_data_dir) -> None:
    run = start_recorded_run(tiny, isolated_data_dir)
    run.choose("beg")
    path = recorder_of(run).path  # type: ignore[union-attr]
    with path.open("a") as replay:
        replay.write('{"event":"abandoned","step":3}\n')
    with pytest.raises(InvalidReplay, match="abandoned after 3 choices"):
        read_replay(path, ScenarioResolver(preloaded=(tiny,)))


def test_score_names_an_abandoned_run_as_such(tiny: Scenario, isolated_data_dir, capsys) -> None:
    from trainer.cli.main import main

    left = start_recorded_run(tiny, isolated_data_dir)
    left.choose("beg")
    abandon_run(left)
    open_run = start_recorded_run(tiny, isolated_data_dir)
    open_run.choose("accept")
    folder = recorder_of(open_run).path.parent  # type: ignore[union-attr]
    assert main(["score", "--scenario", str(TINY), str(folder)]) == 0
    rows = capsys.readouterr().out.splitlines()[1:-1]
    assert sorted(row.split()[5] for row in rows) == ["abandoned", "unfinished"]  # after the start's date and time
    assert main(["score", "--scenario", str(TINY), "--format", "json", str(folder)]) == 0
    assert {row["score"]: row["abandoned"] for row in json.loads(capsys.readouterr().out)} == {-3: True, 3: False}


def test_the_replay_viewer_names_an_abandoned_run_as_such(tiny: Scenario, isolated_data_dir) -> None:
    from trainer.tui.screens.replay_viewer import run_summary

    run = start_recorded_run(tiny, isolated_data_dir)
    run.choose("beg")
    path = recorder_of(run).path  # type: ignore[union-attr]
    abandon_run(run)
    assert "abandoned after 1 choice," in str(run_summary(read_replay(path, ScenarioResolver(preloaded=(tiny,)))))
