"""A replay is re-played through the rules; each way a file can be broken is one clear error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from replay_editing import lines_of, rewrite

from tests.paths import TINY
from trainer.core.errors import Diagnostic, display_path
from trainer.core.library import bundled_scenarios_dir, user_scenarios_dir
from trainer.core.replays.format import InvalidReplay
from trainer.core.replays.reader import read_replay
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import Scenario, load_scenario


def verify(path: Path, *trusted: Scenario, base: Path | None = None):
    """Verify against the scenarios named (tiny by default), as `trainer score --scenario` does."""
    return read_replay(path, ScenarioResolver(base=base, preloaded=trusted or (load_scenario(TINY),)))


def problem(path: Path) -> Diagnostic:
    with pytest.raises(InvalidReplay) as caught:
        verify(path)
    return caught.value.error


def test_score_is_recomputed_to_what_the_engine_gave(record, tiny) -> None:
    moves = ["beg", "back", "accept", "goodbye"]
    replay = verify(record(moves))
    session = tiny.new_run()
    for move in moves:
        session.take_back() if move == "back" else session.choose(move)
    assert replay.finished and replay.ending_scene == "good_end"
    assert replay.score == session.score == 6
    assert replay.percent == tiny.bounds.percent(session.score) == 100.0
    assert [c.id for c in replay.run] == ["accept", "goodbye"]
    assert replay.take_backs == 1
    assert replay.warnings == ()


def test_unfinished_replay_is_valid_and_says_so(record) -> None:
    replay = verify(record(["beg"]))
    assert not replay.finished
    assert replay.percent is None and replay.ending is None
    assert replay.score == -3


def test_a_score_written_into_the_header_is_refused_never_trusted(record) -> None:
    """Scores are always recomputed from the choices: a file claiming one is not a replay we wrote."""
    path = record(["beg", "argue"])
    lines = lines_of(path)
    header = json.loads(lines[0])
    header["score"] = 999
    rewrite(path, [json.dumps(header), *lines[1:]])
    error = problem(path)
    assert (error.line, error.code) == (1, "R104")
    assert "score" in error.message


def test_replay_with_choice_not_offered_is_rejected_at_its_step(record) -> None:
    path = record(["beg", "argue"])
    lines = lines_of(path)
    # 'goodbye' needs calm > 0; after begging, calm is -2.
    rewrite(path, [lines[0], lines[1], lines[2].replace('"argue"', '"goodbye"')])
    error = problem(path)
    assert (error.line, error.step, error.code) == (3, 2, "R204")
    assert "choice 'goodbye' is not offered in scene 'second'" in error.message
    assert str(error).startswith(f"{display_path(path)}:3: error R204 step 2: ")


def test_unknown_choice_is_named_with_its_scene(record) -> None:
    path = record(["accept"])
    lines = lines_of(path)
    rewrite(path, [lines[0], lines[1].replace('"accept"', '"hug"')])
    error = problem(path)
    assert (error.line, error.step, error.code) == (2, 1, "R203")
    assert error.message == "scene 'opening' has no choice 'hug'"


def test_unknown_scene_is_named(record) -> None:
    path = record(["accept", "argue"])
    lines = lines_of(path)
    rewrite(path, [*lines[:2], lines[2].replace('"second"', '"nowhere"')])
    error = problem(path)
    assert (error.line, error.step, error.code) == (3, 2, "R202")
    assert "unknown scene 'nowhere'" in error.message


def test_a_choice_claimed_in_another_scene_than_the_run_is_in(record) -> None:
    path = record(["accept", "argue"])
    lines = lines_of(path)
    rewrite(path, [*lines[:2], lines[1].replace('"step":1', '"step":2')])
    error = problem(path)
    assert (error.line, error.step, error.code) == (3, 2, "R205")
    assert "the run is in scene 'second'" in error.message


def test_unknown_scenario(record) -> None:
    path = record(["accept"])
    lines = lines_of(path)
    header = json.loads(lines[0])
    header.update(scenario="no-such-story", path="/nowhere/no-such-story.yaml")
    rewrite(path, [json.dumps(header), *lines[1:]])
    error = problem(path)
    assert (error.line, error.step, error.code) == (1, None, "R201")
    assert "unknown scenario 'no-such-story'" in error.message


def test_a_cut_off_last_line_is_left_out_and_the_complete_lines_kept(record) -> None:
    path = record(["accept", "argue"])
    lines = lines_of(path)
    rewrite(path, [*lines[:2], lines[2][:20]], final_newline=False)
    replay = verify(path)
    assert [c.id for c in replay.run] == ["accept"] and not replay.finished
    [warning] = replay.warnings
    assert (warning.line, warning.code, warning.severity) == (3, "W303", "warning")
    assert "cut off" in warning.message and "2 complete lines" in warning.message
    assert replay.complete_bytes == len("\n".join(lines[:2])) + 1


def test_a_cut_off_header_leaves_nothing_to_keep(record) -> None:
    path = record(["accept"])
    rewrite(path, [lines_of(path)[0][:30]], final_newline=False)
    error = problem(path)
    assert (error.line, error.code) == (1, "R103")


def test_a_last_line_of_the_wrong_shape_is_not_taken_for_a_cut(record) -> None:
    path = record(["accept", "argue"])
    lines = lines_of(path)
    rewrite(path, [*lines[:2], '{"event": "choice"}'], final_newline=False)
    assert problem(path).code == "R104"


def test_line_that_is_not_json(record) -> None:
    path = record(["accept", "argue"])
    lines = lines_of(path)
    rewrite(path, [lines[0], "this is not json", *lines[1:]])
    error = problem(path)
    assert (error.line, error.step, error.code) == (2, 1, "R102")
    assert "not JSON" in error.message


def test_json_line_of_the_wrong_shape(record) -> None:
    path = record(["accept"])
    lines = lines_of(path)
    rewrite(path, [lines[0], '{"event":"choice","step":"one","scene":"opening","choice":"accept"}'])
    error = problem(path)
    assert (error.line, error.code) == (2, "R104")
    assert "$.step" in error.message


def test_unknown_format_version(record) -> None:
    path = record(["accept"])
    lines = lines_of(path)
    rewrite(path, [lines[0].replace('"format":1', '"format":7'), *lines[1:]])
    error = problem(path)
    assert (error.line, error.code) == (1, "R105")
    assert error.message == "unknown replay format version 7 (this trainer reads version 1)"


def test_empty_file_has_no_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    error = problem(path)
    assert (error.line, error.code) == (1, "R104")


def test_line_numbers_count_blank_lines(record) -> None:
    path = record(["accept", "argue"])
    lines = lines_of(path)
    rewrite(path, [lines[0], "", lines[1], "", lines[2].replace('"argue"', '"shout"')])
    error = problem(path)
    assert (error.line, error.step, error.code) == (5, 2, "R203")


def test_blank_lines_alone_do_not_break_a_replay(record) -> None:
    path = record(["accept", "argue"])
    lines = lines_of(path)
    assert verify(rewrite(path, [lines[0], "", *lines[1:], ""])).score == verify(path).score


def test_step_number_out_of_sequence(record) -> None:
    path = record(["accept", "argue"])
    lines = lines_of(path)
    rewrite(path, [lines[0], lines[1], lines[2].replace('"step":2', '"step":5')])
    error = problem(path)
    assert (error.line, error.step, error.code) == (3, 2, "R205")
    assert "step 5" in error.message


def test_take_back_must_name_the_last_choice_standing(record) -> None:
    path = record(["accept", "back"])
    lines = lines_of(path)
    rewrite(path, [lines[0], lines[1], lines[2].replace('"accept"', '"beg"')])
    error = problem(path)
    assert (error.line, error.code) == (3, "R205")
    assert "last choice standing is step 1, 'accept' in 'opening'" in error.message


def test_take_back_with_nothing_to_take_back(record) -> None:
    path = record(["beg"])
    rewrite(path, [lines_of(path)[0], '{"event":"take_back","step":1,"scene":"opening","choice":"beg"}'])
    error = problem(path)
    assert (error.line, error.code) == (2, "R205")


def test_ending_claimed_before_the_run_ends(record) -> None:
    path = record(["accept"])
    rewrite(path, [*lines_of(path), '{"event":"ending","step":1,"scene":"good_end"}'])
    error = problem(path)
    assert (error.line, error.step, error.code) == (3, 1, "R205")
    assert "stands in scene 'second'" in error.message


def test_run_that_reached_an_ending_is_finished_even_without_the_ending_line(record) -> None:
    path = record(["accept", "goodbye"])
    rewrite(path, lines_of(path)[:-1])  # killed between the last choice and its ending line
    assert verify(path).finished


def test_changed_scenario_at_the_same_path_scores_with_a_warning(record, tmp_path: Path) -> None:
    copy = tmp_path / "tiny.yaml"
    shutil.copy(Path(__file__).parents[1] / "scenarios" / "tiny.yaml", copy)
    path = record(["accept", "goodbye"], loaded=load_scenario(copy))
    copy.write_text(copy.read_text() + "\n# edited later\n")
    replay = verify(path, load_scenario(copy))
    assert replay.score == 6
    (warning,) = replay.warnings
    assert (warning.severity, warning.code, warning.line) == ("warning", "W301", 1)
    assert "changed since this run was recorded" in warning.message


def test_scenario_moved_away_is_found_by_id_in_the_library(record, tmp_path: Path, isolated_data_dir) -> None:
    copy = tmp_path / "elsewhere.yaml"
    shutil.copy(Path(__file__).parents[1] / "scenarios" / "tiny.yaml", copy)
    path = record(["accept", "goodbye"], loaded=load_scenario(copy))
    user_scenarios_dir(isolated_data_dir).mkdir(parents=True)
    copy.rename(user_scenarios_dir(isolated_data_dir) / "tiny.yaml")
    replay = read_replay(path, ScenarioResolver(base=isolated_data_dir))
    assert replay.score == 6 and replay.warnings == ()


def test_a_scenario_file_brought_by_the_replay_is_never_used(record, tmp_path: Path, isolated_data_dir) -> None:
    """A forged folder: its own copy of a bundled scenario where every choice scores +3, and its runs."""
    bundled = load_scenario(bundled_scenarios_dir() / "phone-call.yaml")
    forged = tmp_path / "forged" / "phone-call.yaml"
    forged.parent.mkdir()
    generous = "".join(
        f"  {name}: {{label: {name}, kind: good, points: 3, about: Always right.}}\n" for name in bundled.rubric
    )
    forged.write_text(bundled.path.read_text() + "rubric:\n" + generous)
    forged_loaded = load_scenario(forged)
    run = forged_loaded.file.scenes[forged_loaded.file.start].choices
    path = record([min(run, key=lambda c: bundled.rubric[c.category].points).id], loaded=forged_loaded)
    replay = read_replay(path, ScenarioResolver(base=isolated_data_dir))
    assert replay.loaded.sha256 == bundled.sha256 != forged_loaded.sha256  # scored against the real one
    assert replay.score < 0 and [w.code for w in replay.warnings] == ["W301"]
    forged.write_text(forged.read_text().replace("id: phone-call", "id: forged"))  # at the recorded path
    lines = lines_of(path)
    rewrite(path, [lines[0].replace('"phone-call"', '"forged"'), *lines[1:]])
    with pytest.raises(InvalidReplay) as caught:  # not in the library: its recorded path is never used
        read_replay(path, ScenarioResolver(base=isolated_data_dir))
    assert caught.value.error.code == "R201" and "never taken from the replay's own path" in caught.value.error.message
