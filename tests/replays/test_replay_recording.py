"""Every run is recorded as JSON Lines as it happens: a header, then one line per move."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from trainer import __version__
from trainer.core.library import replays_dir
from trainer.core.play.engine import Run
from trainer.core.replays.format import FORMAT_VERSION, new_header
from trainer.core.replays.recorder import ReplayRecorder, recorder_of, start_recorded_run


def test_header_names_the_scenario_its_hash_path_app_time_and_player(record, tiny) -> None:
    path = record(["accept"], player="Zoë")
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert header["event"] == "header"
    assert header["format"] == FORMAT_VERSION
    assert header["scenario"] == "tiny"
    assert header["sha256"] == tiny.sha256
    assert header["path"] == str(tiny.path.resolve())
    assert header["app"] == __version__
    assert header["player"] == "Zoë"
    started = datetime.fromisoformat(header["started"])
    assert started.utcoffset() is not None and started.utcoffset().total_seconds() == 0
    assert abs((datetime.now(UTC) - started).total_seconds()) < 60


def test_replay_lives_in_a_folder_per_scenario_under_the_data_dir(record, isolated_data_dir: Path) -> None:
    path = record(["accept"])
    assert path.parent == replays_dir(isolated_data_dir) / "tiny"
    assert path.suffix == ".jsonl"


def test_one_line_per_choice_take_back_and_ending(record) -> None:
    path = record(["beg", "back", "accept", "goodbye"])
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    assert events == [
        {"event": "choice", "step": 1, "scene": "opening", "choice": "beg"},
        {"event": "take_back", "step": 1, "scene": "opening", "choice": "beg"},
        {"event": "choice", "step": 1, "scene": "opening", "choice": "accept"},
        {"event": "choice", "step": 2, "scene": "second", "choice": "goodbye"},
        {"event": "ending", "step": 2, "scene": "good_end"},
    ]


def test_each_move_is_on_disk_before_the_next_one(tiny, isolated_data_dir) -> None:
    session = start_recorded_run(tiny, isolated_data_dir)
    recorder = recorder_of(session)
    assert recorder is not None
    assert not recorder.path.exists()  # opening a scenario and leaving leaves no empty run
    session.choose("accept")
    sizes = [len(recorder.path.read_bytes().splitlines())]
    session.take_back()
    sizes.append(len(recorder.path.read_bytes().splitlines()))
    assert sizes == [2, 3]


def test_runs_started_in_the_same_millisecond_get_separate_files(tmp_path: Path, tiny) -> None:
    now = datetime(2026, 1, 2, 3, 4, 5, 6000, tzinfo=UTC)
    header = new_header("tiny", tiny.sha256, str(tiny.path), "0", now)
    first = ReplayRecorder.create(tmp_path, header, now)
    second = ReplayRecorder.create(tmp_path, header, now)
    second.path = first.path  # force the clash the random part makes unlikely
    for recorder in (first, second):
        session = Run(tiny, observer=recorder)
        session.choose("accept")
    assert first.path != second.path
    assert first.path.name.startswith("20260102T030405006Z-")
    assert second.path.name.startswith("20260102T030405006Z-")
    assert len(list(tmp_path.iterdir())) == 2
    assert all(len(p.read_bytes().splitlines()) == 2 for p in tmp_path.iterdir())
