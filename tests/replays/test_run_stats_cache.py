"""The library's figures are kept between starts: a start re-plays only the replays that are new or changed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.paths import TINY
from trainer.core.replays import history
from trainer.core.replays.history import run_stats
from trainer.core.replays.recorder import recorder_of, start_recorded_run
from trainer.core.replays.stats_cache import cache_path, cached_run_stats
from trainer.core.scenario.loader import Scenario, load_scenario


@pytest.fixture
def counted_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The replays re-played (verified) by the library's count."""
    reads: list[str] = []
    real = history.read_replay

    def reading(path, resolver, **options):
        reads.append(str(path))
        return real(path, resolver, **options)

    monkeypatch.setattr(history, "read_replay", reading)
    return reads


def play(loaded: Scenario, data: Path, *, finish: bool) -> Path:
    run = start_recorded_run(loaded, data)
    run.choose(run.offered()[0].id)
    while finish and not run.ended:
        run.choose(run.offered()[0].id)
    recorder = recorder_of(run)
    assert recorder is not None
    return recorder.path


def stats_of(data: Path, loaded: Scenario) -> tuple[int, int | None]:
    found = run_stats(data, [loaded])[loaded.id]
    return found.runs, found.best


def test_a_second_count_re_plays_nothing_and_gives_the_same_figures(isolated_data_dir: Path, counted_reads) -> None:
    loaded = load_scenario(TINY)
    for finish in (True, False, True):
        play(loaded, isolated_data_dir, finish=finish)
    first = stats_of(isolated_data_dir, loaded)
    assert len(counted_reads) == 3
    assert stats_of(isolated_data_dir, loaded) == first
    assert len(counted_reads) == 3
    assert first[0] == 3


def test_a_replay_that_grew_is_re_played(isolated_data_dir: Path, counted_reads) -> None:
    loaded = load_scenario(TINY)
    play(loaded, isolated_data_dir, finish=True)  # unchanged from here on
    path = play(loaded, isolated_data_dir, finish=False)
    assert stats_of(isolated_data_dir, loaded)[0] == 2
    finished = play(loaded, isolated_data_dir, finish=True)
    lines = finished.read_bytes().splitlines(keepends=True)
    # The unfinished run goes on to the same ending, written after its first choice (as a resume does).
    path.write_bytes(path.read_bytes() + b"".join(lines[2:]))
    counted_reads.clear()
    assert stats_of(isolated_data_dir, loaded)[0] == 3
    assert sorted(counted_reads) == sorted([str(path), str(finished)])


def test_a_changed_scenario_file_has_its_runs_re_played(isolated_data_dir: Path, counted_reads, tmp_path: Path) -> None:
    copy = tmp_path / "tiny.yaml"
    copy.write_text(TINY.read_text())
    play(load_scenario(copy), isolated_data_dir, finish=True)
    stats_of(isolated_data_dir, load_scenario(copy))
    copy.write_text(TINY.read_text() + "\n# edited\n")
    counted_reads.clear()
    stats_of(isolated_data_dir, load_scenario(copy))
    assert len(counted_reads) == 1


@pytest.mark.parametrize(
    "cache",
    [
        b"\x00\xff not json",
        b"[]",
        b'{"version": 1, "runs": []}',
        b'{"version": 99, "runs": {}}',
        # Well-formed JSON of the wrong shape, for a replay that does not exist.
        b'{"version": 1, "runs": {"x.jsonl": [1, 2, "tiny", "sha", "yes", 50]}}',
    ],
)
def test_a_broken_cache_is_ignored_and_rewritten(isolated_data_dir: Path, cache: bytes) -> None:
    loaded = load_scenario(TINY)
    play(loaded, isolated_data_dir, finish=True)
    expected = stats_of(isolated_data_dir, loaded)
    cache_path(isolated_data_dir).write_bytes(cache)
    assert stats_of(isolated_data_dir, loaded) == expected
    assert len(json.loads(cache_path(isolated_data_dir).read_bytes())["runs"]) == 1


def test_a_data_folder_that_cannot_be_written_still_counts(isolated_data_dir: Path) -> None:
    loaded = load_scenario(TINY)
    play(loaded, isolated_data_dir, finish=True)
    (isolated_data_dir / "cache").write_text("a file where the cache folder would be")
    assert stats_of(isolated_data_dir, loaded)[0] == 1
    assert not os.path.isdir(isolated_data_dir / "cache")


def test_the_cache_alone_gives_the_figures_only_when_it_has_every_replay(
    isolated_data_dir: Path, counted_reads
) -> None:
    loaded = load_scenario(TINY)
    play(loaded, isolated_data_dir, finish=True)
    listed = {loaded.id: loaded.sha256}
    assert cached_run_stats(isolated_data_dir, listed) is None, "a replay not counted yet"
    assert counted_reads == []
    counted = run_stats(isolated_data_dir, [loaded])
    counted_reads.clear()
    assert cached_run_stats(isolated_data_dir, listed) == counted
    assert counted_reads == [], "nothing re-played"
    assert cached_run_stats(isolated_data_dir, {loaded.id: "another version of the file"}) is None
    play(loaded, isolated_data_dir, finish=False)
    assert cached_run_stats(isolated_data_dir, listed) is None
