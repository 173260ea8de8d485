"""`trainer play --plain --resume` continues the newest unfinished run, in the same replay file."""

from __future__ import annotations

import io
import json

import pytest
from replay_editing import lines_of

from tests.paths import TINY
from trainer.cli.main import main
from trainer.core.errors import TrainerError
from trainer.core.replays.history import unfinished_runs
from trainer.core.replays.reader import read_replay
from trainer.core.replays.recorder import resume_recorded_run
from trainer.core.replays.resolver import ScenarioResolver


def play(monkeypatch, capsys, answers: str, *extra: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code = main(["play", str(TINY), "--plain", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_resume_continues_the_last_unfinished_run_in_the_same_file(record, tiny, monkeypatch, capsys) -> None:
    record(["beg"])
    last = record(["accept"])
    record(["accept", "goodbye"])  # finished runs are never resumed
    before = lines_of(last)

    code, out, _ = play(monkeypatch, capsys, "2\n", "--resume")
    assert code == 0
    assert "1 choice made so far" in out and "  1. I hear you." in out
    assert "Score 6 of par 6 (worst possible -5): 100%" in out
    after = lines_of(last)
    assert after[: len(before)] == before
    assert [json.loads(line)["event"] for line in after] == ["header", "choice", "choice", "ending"]
    assert read_replay(last, ScenarioResolver(preloaded=(tiny,))).score == 6


def test_resume_with_nothing_to_resume_is_a_clear_error(monkeypatch, capsys) -> None:
    code, _, err = play(monkeypatch, capsys, "", "--resume")
    assert code == 1
    assert err.strip() == "trainer: no unfinished run of 'tiny' to resume; start one with: trainer play tiny"


def test_unfinished_runs_lists_newest_first_and_skips_finished(record, tiny, isolated_data_dir) -> None:
    older = record(["beg"])
    record(["beg", "argue"])
    newer = record(["accept"])
    assert [run.path for run in unfinished_runs(isolated_data_dir, tiny)] == [newer, older]


def test_resumed_session_keeps_recording_take_backs(record, tiny) -> None:
    path = record(["beg"])
    session = resume_recorded_run(tiny, path)
    assert [step.choice.id for step in session.history] == ["beg"]
    session.take_back()
    session.choose("accept")
    replay = read_replay(path, ScenarioResolver(preloaded=(tiny,)))
    assert [c.id for c in replay.run] == ["accept"] and replay.take_backs == 1


def test_a_finished_run_cannot_be_resumed(record, tiny) -> None:
    with pytest.raises(TrainerError, match="finished run"):
        resume_recorded_run(tiny, record(["accept", "goodbye"]))
