"""A user scenario with a bundled scenario's id replaces it: listed once, as the user's version, and said so.

Which one wins never depends on file names: the copy below is deliberately named to sort after
and away from the bundled file's name.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.core import library
from trainer.core.library import find_scenario, load_library
from trainer.core.replays.history import run_stats
from trainer.core.replays.recorder import start_recorded_run
from trainer.core.scenario.loader import load_scenario

BUNDLED = Path(__file__).parents[1] / "scenarios" / "tui_library"


@pytest.fixture
def your_copy(monkeypatch: pytest.MonkeyPatch, isolated_data_dir: Path) -> Path:
    """The bundled library is two fixtures; the user's copy of day-three, retitled, is zz-my-edit.yaml."""
    monkeypatch.setattr(library, "bundled_scenarios_dir", lambda: BUNDLED)
    folder = isolated_data_dir / "scenarios"
    folder.mkdir()
    copy = folder / "zz-my-edit.yaml"
    copy.write_text((BUNDLED / "day-three.yaml").read_text().replace("title: Day Three", "title: Day Three, my way"))
    return copy


def test_the_library_lists_your_version_once_in_place_of_the_bundled_one(your_copy: Path, isolated_data_dir) -> None:
    entries = [entry for entry in load_library(isolated_data_dir) if entry.loaded and entry.loaded.id == "day-three"]
    [entry] = entries
    assert entry.path == your_copy and not entry.bundled
    assert entry.overrides == BUNDLED / "day-three.yaml"
    assert entry.loaded.file.title == "Day Three, my way"


def test_two_of_your_files_with_one_id_the_first_by_path_is_the_one(your_copy: Path, isolated_data_dir) -> None:
    (your_copy.parent / "aa-other.yaml").write_text(your_copy.read_text().replace("my way", "other way"))
    entries = load_library(isolated_data_dir)
    [playable] = [e for e in entries if e.loaded and e.loaded.id == "day-three"]
    assert playable.path.name == "aa-other.yaml"
    [broken] = [e for e in entries if e.path == your_copy]
    [error] = broken.error.diagnostics
    assert (error.code, error.line) == ("E501", 3) and "aa-other.yaml already has the id 'day-three'" in error.message
    assert find_scenario("day-three", isolated_data_dir).name == "aa-other.yaml"


def test_play_by_id_plays_your_version_and_says_so(your_copy: Path, monkeypatch, capsys) -> None:
    assert find_scenario("day-three", your_copy.parents[1]) == your_copy
    monkeypatch.setattr("sys.stdin", io.StringIO("2\n"))
    assert main(["play", "day-three", "--plain", "--no-record"]) == 0
    captured = capsys.readouterr()
    assert "== Day Three, my way ==" in captured.out
    assert "trainer: playing your version of the bundled scenario 'day-three'" in captured.err


def test_validate_says_the_file_replaces_a_bundled_scenario(your_copy: Path, capsys) -> None:
    main(["validate", str(your_copy)])
    [line] = [line for line in capsys.readouterr().out.splitlines() if "W101" in line]
    assert line.startswith(f"{your_copy}:3:5: warning W101 the id 'day-three' is a bundled scenario's too")
    main(["validate", str(BUNDLED / "day-three.yaml")])
    assert "W101" not in capsys.readouterr().out  # the bundled file itself replaces nothing


def test_analyze_says_so_in_text_and_json(your_copy: Path, capsys) -> None:
    main(["analyze", "day-three"])
    assert "your version of the bundled scenario 'day-three'" in capsys.readouterr().out
    main(["analyze", "day-three", "--format", "json"])
    assert json.loads(capsys.readouterr().out)["replaces_bundled"].endswith("day-three.yaml")


def test_the_library_counts_only_the_runs_of_your_version(your_copy: Path, isolated_data_dir) -> None:
    bundled = load_scenario(BUNDLED / "day-three.yaml")
    yours = load_scenario(your_copy)
    for scenario, choice in ((bundled, "send"), (bundled, "send"), (yours, "delete")):
        start_recorded_run(scenario, isolated_data_dir).choose(choice)
    listed = [entry.loaded for entry in load_library(isolated_data_dir) if entry.loaded is not None]
    stats = run_stats(isolated_data_dir, listed)["day-three"]
    assert (stats.runs, stats.best) == (1, 100)


def test_score_reports_runs_of_different_versions_apart(your_copy: Path, isolated_data_dir, capsys) -> None:
    bundled = load_scenario(BUNDLED / "day-three.yaml")
    yours = load_scenario(your_copy)
    for scenario, choice in ((bundled, "send"), (bundled, "send"), (yours, "delete")):
        start_recorded_run(scenario, isolated_data_dir).choose(choice)
    assert main(["score", "--summary", "--format", "json"]) == 0
    summaries = json.loads(capsys.readouterr().out)
    assert sorted((s["scenario"], s["sha256"], s["runs"]) for s in summaries) == sorted(
        [("day-three", yours.sha256, 1), ("day-three", bundled.sha256, 2)]
    )
    assert main(["score", "--summary"]) == 0
    out = capsys.readouterr().out
    assert f"day-three: Day Three, my way (version {yours.sha256[:12]}, the current file)" in out
    assert f"day-three: Day Three (version {bundled.sha256[:12]}, the current file)" in out


def test_runs_of_an_earlier_version_are_reported_apart_and_say_so(your_copy: Path, isolated_data_dir, capsys) -> None:
    start_recorded_run(load_scenario(your_copy), isolated_data_dir).choose("delete")
    your_copy.write_text(your_copy.read_text() + "# edited since\n")
    start_recorded_run(load_scenario(your_copy), isolated_data_dir).choose("send")
    assert main(["score", "--summary"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("day-three: Day Three, my way") == 2
    assert "(version " in captured.out and "which has changed since)" in captured.out
    assert "W301" in captured.err
