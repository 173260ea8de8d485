"""`trainer score`: one row per replay, or a summary per scenario; broken replays named on stderr."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from replay_editing import lines_of, rewrite

from tests.paths import TINY
from trainer.cli.main import main

ROOT = Path(__file__).parents[2]


def score(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["score", "--scenario", str(ROOT / "tests" / "scenarios" / "tiny.yaml"), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_table_has_one_row_per_replay_with_recomputed_score(record, capsys) -> None:
    finished = record(["accept", "goodbye"], player="Ana")
    record(["beg"])
    code, out, err = score(capsys, str(finished.parent))
    assert code == 0, err
    header, *rows, legend = out.splitlines()
    assert header.split()[:3] == ["REPLAY", "PLAYER", "SCENARIO"]
    assert header.split()[-5:] == ["SCORE", "PAR", "WORST", "%", "CATEGORIES"]
    assert legend == "(% = where a score sits between the worst possible run (0%) and par (100%))"
    assert len(rows) == 2
    done = next(row for row in rows if "Ana" in row)
    assert "finished" in done and "Gave it" in done and "     6    6    -5 100%" in done
    assert "graceful=2" in done
    started = next(row for row in rows if "unfinished" in row)
    assert "weakness=1" in started and " -3 " in started


def test_json_rows_for_machines(record, capsys) -> None:
    record(["beg", "argue"], player="Bo")
    code, out, _ = score(capsys, "--format", "json", str(record(["beg"]).parent))
    assert code == 0
    rows = sorted(json.loads(out), key=lambda row: row["steps"])
    assert [row["steps"] for row in rows] == [1, 2]
    full = rows[1]
    assert full["player"] == "Bo" and full["finished"] is True
    assert (full["ending"], full["outcome"], full["score"], full["par"], full["worst"]) == ("Lost it", "bad", -5, 6, -5)
    assert full["categories"] == {"weakness": 1, "logic": 1}


def test_csv_rows_for_spreadsheets(record, capsys) -> None:
    path = record(["accept", "goodbye"])
    code, out, _ = score(capsys, "--format", "csv", str(path))
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["scenario"] == "tiny" and row["score"] == "6" and row["percent"] == "100.0"
    assert row["categories"] == "graceful=2"
    assert row["finished"] == "true"


def test_summary_over_mixed_valid_and_broken_replays(record, capsys) -> None:
    record(["accept", "goodbye"])
    record(["beg", "argue"])
    record(["beg", "back", "accept", "argue"])
    record(["beg"])
    broken = record(["accept", "argue"])
    lines = lines_of(broken)
    rewrite(broken, [lines[0], lines[1].replace('"accept"', '"beg"'), lines[2].replace('"argue"', '"goodbye"')])
    folder = broken.parent
    (folder / "notes").mkdir()
    truncated = rewrite(folder / "notes" / "cut.jsonl", [*lines[:2], lines[2][:15]], final_newline=False)

    code, out, err = score(capsys, "--summary", "--format", "json", str(folder.parent))
    assert code == 1
    problems = [line for line in err.splitlines() if " error " in line]
    assert len(problems) == 1
    assert any("R204" in line and "step 2" in line and broken.name in line for line in problems)
    # A cut-off last line is left out with a warning: the run it ends is kept, unfinished.
    assert any("W303" in line and truncated.name in line for line in err.splitlines())
    assert "1 invalid replay not scored; 5 scored" in err

    (summary,) = json.loads(out)
    assert (summary["scenario"], summary["runs"], summary["finished"]) == ("tiny", 5, 3)
    # worst -5, par 6: accept+goodbye 6 -> 100%, beg+argue -5 -> 0%, accept+argue 1 -> 6/11
    assert summary["best_percent"] == 100.0
    assert (summary["par"], summary["worst"]) == (6, -5)
    assert summary["mean_percent"] == pytest.approx((100 + 0 + 600 / 11) / 3)
    endings = {e["scene"]: e["count"] for e in summary["endings"]}
    assert endings == {"good_end": 2, "bad_end": 1}
    opening = {c["choice"]: c["count"] for c in summary["scenes"]["opening"]}
    assert opening == {"beg": 2, "accept": 3}  # the taken-back 'beg' does not count
    assert summary["most_frequent_mistake"]["choice"] == "beg"
    assert summary["most_frequent_mistake"]["count"] == 2


def test_summary_table_names_most_frequent_mistake(record, capsys) -> None:
    record(["beg", "argue"])
    path = record(["accept", "argue"])
    code, out, _ = score(capsys, "--summary", str(path.parent))
    assert code == 0
    assert "runs 2 (2 finished, 0 unfinished)" in out
    assert "most frequent mistake: Arguing logically in 'second', chosen 2 times" in out
    assert "opening: beg 1 (50%), accept 1 (50%)" in out


def test_markup_and_escape_sequences_in_a_replay_print_literally(record, capsys) -> None:
    path = record(["accept"], player="[b]\x1b[2J")
    code, out, _ = score(capsys, str(path))
    assert code == 0
    assert "\x1b" not in out
    assert "[b]\\x1b[2J" in out


def test_missing_path_is_one_clear_error(capsys) -> None:
    code, out, err = score(capsys, "no/such/folder")
    assert code == 1 and out == ""
    assert err.strip() == "trainer: no/such/folder: no such file or folder"


@pytest.mark.parametrize("args", [["score", "--summary"], ["score"], ["history"]])
def test_score_and_history_never_import_textual(args: list[str], record, run_trainer) -> None:
    folder = record(["accept"]).parent
    paths = [str(folder), "--scenario", str(ROOT / "tests" / "scenarios" / "tiny.yaml")] if args[0] == "score" else []
    result = run_trainer(*args, *paths, probe_textual=True)
    assert result.returncode == 0, result.stderr
    assert "TEXTUAL: []" in result.stderr


def test_without_a_path_the_players_own_runs_are_scored(record, capsys) -> None:
    record(["accept", "goodbye"], player="Ana")
    code, out, err = score(capsys, "--summary")
    assert code == 0, err
    assert "tiny: Tiny" in out and "runs 1 (1 finished" in out


def test_without_a_path_and_no_runs_yet_says_so_calmly(capsys) -> None:
    code, out, err = score(capsys)
    assert code == 0 and out == ""
    assert "no replays yet" in err and "play a scenario first" in err


def test_history_and_the_summary_give_par_the_worst_possible_and_what_percent_means(
    record, capsys, isolated_data_dir
) -> None:
    (isolated_data_dir / "scenarios").mkdir()
    shutil.copy(TINY, isolated_data_dir / "scenarios" / "tiny.yaml")  # history trusts the library only
    record(["accept", "argue"])
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "finished  Score 1 of par 6 (worst possible -5): 55%  Gave it" in out
    assert out.rstrip().endswith("(% = where a score sits between the worst possible run (0%) and par (100%))")
    code, out, _ = score(capsys, "--summary")
    assert code == 0
    assert "best 55%   par 6, worst possible -5" in out
    assert out.count("% = where a score sits") == 1
