"""A replays folder holds only regular files for us: anything else is skipped and reported once.

FIFOs, devices, sockets, symlink loops and links that leave the folder never hang or crash a
command, one bad file never stops a batch, and machine-readable output stays complete and valid.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from replay_editing import lines_of, rewrite

from tests.paths import TINY
from trainer.cli.main import main
from trainer.core.replays import reader
from trainer.core.replays.format import InvalidReplay
from trainer.core.replays.history import scenario_histories
from trainer.core.replays.reader import read_replay
from trainer.core.replays.resolver import ScenarioResolver

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and symlinks as on POSIX")


@pytest.fixture
def hostile_folder(record, tmp_path: Path) -> Iterator[tuple[Path, list[str]]]:
    """A real run beside every kind of entry that is not a regular file, each named *.jsonl."""
    good = record(["accept", "goodbye"])
    folder = good.parent
    os.mkfifo(folder / "fifo.jsonl")
    os.symlink("loop.jsonl", folder / "loop.jsonl")
    os.symlink("/dev/zero", folder / "zero.jsonl")
    outside = tmp_path / "elsewhere.jsonl"
    outside.write_bytes(good.read_bytes())
    os.symlink(outside, folder / "outside.jsonl")
    os.symlink(good, folder / "inside.jsonl")  # a link that stays in the folder is read
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.jsonl"))
    try:
        yield folder, ["fifo.jsonl", "loop.jsonl", "outside.jsonl", "socket.jsonl", "zero.jsonl"]
    finally:
        server.close()


def test_score_skips_what_is_not_a_regular_file_and_reports_each_once(hostile_folder, capsys) -> None:
    folder, skipped = hostile_folder
    code = main(["score", "--scenario", str(TINY), "--format", "json", str(folder.parent)])
    captured = capsys.readouterr()
    rows = json.loads(captured.out)  # complete and valid
    assert [row["score"] for row in rows] == [6, 6]  # the run and the link to it inside the folder
    warnings = [line for line in captured.err.splitlines() if "W302" in line]
    assert sorted(line.split(": warning")[0].rsplit("/", 1)[1] for line in warnings) == skipped
    assert "a FIFO (named pipe)" in captured.err and "a symlink loop" in captured.err
    assert "a link to a device" in captured.err and "a link that leads out of the folder" in captured.err
    assert "a socket" in captured.err
    assert code == 0


def test_csv_and_summary_are_complete_too(hostile_folder, capsys) -> None:
    folder, _ = hostile_folder
    main(["score", "--scenario", str(TINY), "--format", "csv", str(folder)])
    assert len(capsys.readouterr().out.splitlines()) == 3
    main(["score", "--scenario", str(TINY), "--summary", "--format", "json", str(folder)])
    [summary] = json.loads(capsys.readouterr().out)
    assert summary["runs"] == 2


def test_summary_problems_come_out_sorted_whatever_order_the_folder_lists(
    hostile_folder, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, skipped = hostile_folder
    listed = os.scandir

    class Backwards:
        """A file system that lists a folder's entries in reverse order (the summary reads them unsorted)."""

        def __init__(self, path: str) -> None:
            with listed(path) as entries:
                self.entries = sorted(entries, key=lambda entry: entry.name, reverse=True)

        def __iter__(self) -> Iterator[os.DirEntry[str]]:
            return iter(self.entries)

        def __enter__(self) -> Backwards:
            return self

        def __exit__(self, *_: object) -> None:
            return None

    monkeypatch.setattr(os, "scandir", Backwards)
    main(["score", "--scenario", str(TINY), "--summary", str(folder)])
    names = [line.split(": warning")[0].rsplit("/", 1)[1] for line in capsys.readouterr().err.splitlines()]
    assert names == skipped


def test_history_and_resume_are_not_stopped_by_them(hostile_folder, isolated_data_dir: Path, tiny) -> None:
    from trainer.core.replays.history import unfinished_runs

    problems = []
    histories = scenario_histories(isolated_data_dir, [tiny], on_invalid=problems.append)
    assert len(histories["tiny"].runs) == 2
    assert sorted(p.code for p in problems) == ["W302"] * 5
    assert unfinished_runs(isolated_data_dir, tiny) == []


def test_a_fifo_named_outright_is_refused_not_waited_on(record) -> None:
    fifo = record(["accept"]).parent / "named.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(InvalidReplay) as caught:
        read_replay(fifo, ScenarioResolver())
    assert caught.value.error.code == "R106" and "FIFO" in caught.value.error.message


def test_the_cli_never_waits_on_a_fifo(record, run_trainer) -> None:
    folder = record(["accept"]).parent
    os.mkfifo(folder / "fifo.jsonl")
    for args in (["score", str(folder)], ["history"], ["play", "tests/scenarios/tiny.yaml", "--plain", "--resume"]):
        done = run_trainer(*args, env={"TRAINER_DATA_DIR": str(folder.parents[1])}, timeout=60)
        assert "Traceback" not in done.stderr, done.stderr


def test_a_replay_larger_than_the_limit_is_refused(record, monkeypatch: pytest.MonkeyPatch) -> None:
    path = record(["accept", "goodbye"])
    monkeypatch.setattr(reader, "MAX_REPLAY_BYTES", path.stat().st_size - 1)
    with pytest.raises(InvalidReplay) as caught:
        read_replay(path, ScenarioResolver())
    assert caught.value.error.code == "R107" and "too large" in caught.value.error.message


def test_a_line_longer_than_the_limit_is_refused_at_its_line(record) -> None:
    path = record(["accept"])
    lines = lines_of(path)
    rewrite(path, [*lines, json.dumps({"event": "choice", "step": 2, "scene": "x" * 100_000, "choice": "c"})])
    with pytest.raises(InvalidReplay) as caught:
        read_replay(path, ScenarioResolver())
    error = caught.value.error
    assert (error.code, error.line) == ("R107", 3) and len(error.message) < 200


@pytest.mark.parametrize("started", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "yesterday"])
def test_a_start_time_out_of_range_is_a_clear_error(record, started: str, capsys, isolated_data_dir: Path) -> None:
    path = record(["accept"])
    lines = lines_of(path)
    header = json.loads(lines[0])
    header["started"] = started
    rewrite(path, [json.dumps(header), *lines[1:]])
    with pytest.raises(InvalidReplay) as caught:
        read_replay(path, ScenarioResolver())
    assert (caught.value.error.code, caught.value.error.line) == ("R104", 1)
    assert "start time" in caught.value.error.message
    assert main(["history"]) == 0
    assert "R104" in capsys.readouterr().err
