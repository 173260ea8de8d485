"""`trainer play --plain` plays from a pipe: numbers in, narration, feedback and a scorecard out."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.paths import TINY
from trainer.cli.plain_play import play_plain
from trainer.core.scenario.loader import load_scenario
from trainer.core.settings import DEFAULT_SUPPORT_LINE


def play(answers: str, path: Path = TINY, width: int = 10_000) -> tuple[int, str]:
    """A run on text streams, unwrapped unless a width is given (wrapping has tests of its own)."""
    out = io.StringIO()
    code = play_plain(load_scenario(path), io.StringIO(answers), out, width=width)
    return code, out.getvalue()


def test_a_full_run_prints_feedback_and_a_scorecard() -> None:
    code, out = play("2\n2\n")
    assert code == 0
    assert 'Ana: "I think we should stop."' in out
    assert "  1. Please, no.\n  2. I hear you.\n" in out
    assert "-> Graceful (+3): Accepting keeps your dignity." in out
    assert "== Ending: Gave it (good) ==" in out
    assert "Score 6 of par 6 (worst possible -5): 100%" in out
    assert "  Graceful: 2" in out


def test_bad_answers_re_ask_without_losing_the_run() -> None:
    code, out = play("zero\n7\n\n1\n1\n")
    assert code == 0
    assert out.count("Please type a number from 1 to 2.") == 3
    assert "-> Weakness (-3)" in out and "== Ending: Lost it (bad) ==" in out
    assert "Score -5 of par 6 (worst possible -5): 0%" in out


def test_take_back_in_plain_mode_is_u_as_in_the_app_and_b_still_works() -> None:
    _, out = play("u\n1\nu\n1\nb\n2\n2\n")
    assert "There is no choice to take back yet." in out
    assert out.count('(Taken back: "Please, no.". Back to the choice before it.)') == 2
    assert "Score 6 of par 6" in out
    assert "'u' to take back your last choice" in out


def test_the_debrief_has_the_tally_and_the_turning_points_with_the_better_option() -> None:
    _, out = play("1\n1\n")
    debrief = out[out.index("== Ending: Lost it (bad) ==") :]
    assert "Your choices:\n  Weakness: 1 (mistake, -3 each)\n  Arguing logically: 1 (mistake, -2 each)" in debrief
    assert "Turning points:\n  1. You chose: Please, no. (Weakness -3)\n     Begging hands her the power." in debrief
    assert "     Better: I hear you. (Graceful +3)" in debrief
    assert "  2. You chose: But the lease! (Arguing logically -2)" in debrief
    assert "     Nothing better was on offer here by then." in debrief


def test_a_run_without_mistakes_says_so_in_the_debrief() -> None:
    _, out = play("2\n2\n")
    assert "Turning points: none, no mistakes in this run." in out


LONG = "word " * 30 + "unbreakable-hyphenated-word " + "again " * 20


@pytest.mark.parametrize("width", [40, 80])
def test_lines_are_wrapped_at_word_boundaries_to_the_width(write_yaml, width: int) -> None:
    text = TINY.read_text().replace("Ana calls.", LONG.strip())
    out = io.StringIO()
    play_plain(load_scenario(write_yaml(text)), io.StringIO("2\n2\n"), out, width=width)
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines if not line.startswith("Your choice")) <= width
    assert " ".join(" ".join(lines).split()).count(" ".join(LONG.split())) == 1, "no word split or lost"
    assert any(line.endswith("unbreakable-hyphenated-word") or "unbreakable-hyphenated-word " in line for line in lines)


def test_wrapped_choices_hang_under_their_text() -> None:
    out = io.StringIO()
    play_plain(load_scenario(TINY), io.StringIO("2\n2\n"), out, width=12)
    assert "  1. Please,\n     no." in out.getvalue()


def test_output_that_is_not_a_terminal_wraps_at_80(write_yaml) -> None:
    text = TINY.read_text().replace("Ana calls.", LONG.strip())
    out = io.StringIO()
    play_plain(load_scenario(write_yaml(text)), io.StringIO("2\n2\n"), out)
    assert max(len(line) for line in out.getvalue().splitlines()) <= 80


def test_a_terminal_is_wrapped_at_its_width(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback=(80, 24): os.terminal_size((50, 20)))
    out = Terminal()
    play_plain(load_scenario(TINY), io.StringIO("2\n2\n"), out)
    assert "Type the number of your choice, 'u' to take back\nyour last choice, or 'q' to stop." in out.getvalue()


def test_end_of_input_mid_run_exits_non_zero_with_the_command_that_resumes() -> None:
    code, out = play("1\n")
    assert code == 3
    assert "Input ended before the story did, so this run stops here, unfinished." in out
    assert out.rstrip().endswith("continue with:\n  trainer play tiny --plain --resume")


def test_q_stops_and_says_how_to_resume_the_run_as_it_was_named(tmp_path: Path) -> None:
    out = io.StringIO()
    code = play_plain(load_scenario(TINY), io.StringIO("1\nq\n"), out, named_as="my stories/tiny.yaml", width=40)
    assert code == 0
    assert "Stopped. This run is unfinished." in out.getvalue()
    assert "\n  trainer play 'my stories/tiny.yaml' --plain --resume\n" in out.getvalue(), "a command is never wrapped"


def test_a_run_that_is_not_recorded_offers_no_resume(isolated_data_dir: Path, run_trainer) -> None:
    stopped = run_trainer("play", str(TINY), "--plain", "--no-record", stdin="1\nq\n")
    ended = run_trainer("play", str(TINY), "--plain", "--no-record", stdin="1\n")
    assert (stopped.returncode, ended.returncode) == (0, 3), stopped.stderr + ended.stderr
    for done in (stopped, ended):
        assert "It was not recorded (--no-record), so it cannot be resumed." in done.stdout
        assert "saved" not in done.stdout and "--resume" not in done.stdout


def test_escape_sequences_in_scenario_text_are_shown_not_sent(write_yaml) -> None:
    hostile = TINY.read_text().replace("Ana calls.", '"Ana \\e[31mcalls\\e[0m."')
    _, out = play("2\n2\n", write_yaml(hostile))
    assert "\x1b" not in out
    assert "Ana \\x1b[31mcalls\\x1b[0m." in out


def test_plain_play_from_a_pipe_by_bundled_id_or_path(run_trainer) -> None:
    result = run_trainer("play", str(TINY), "--plain", stdin="2\n2\n")
    assert result.returncode == 0, result.stderr
    assert "Your choice (1-2): 2\n" in result.stdout
    assert "Score 6 of par 6 (worst possible -5): 100%" in result.stdout


def test_unknown_scenario_id_is_one_clear_error(run_trainer) -> None:
    result = run_trainer("play", "no-such-thing", "--plain")
    assert result.returncode == 1
    assert result.stderr.startswith("trainer: no scenario with id 'no-such-thing'")
    assert "Traceback" not in result.stderr


def test_broken_scenario_file_reports_its_diagnostics(write_yaml, run_trainer) -> None:
    path = write_yaml(TINY.read_text().replace("goto: second", "goto: secnod", 1))
    result = run_trainer("play", str(path), "--plain")
    assert result.returncode == 1
    assert f"{path}:21:15: error E301" in result.stderr and "Traceback" not in result.stderr


NARRATION = Path(__file__).parents[1] / "scenarios" / "narration.yaml"


def test_plain_play_shows_only_the_narration_the_run_earned() -> None:
    _, out = play("1\n1\n", NARRATION)  # ring Graham, then sleep
    assert "It is nearly midnight. Graham's laugh is still in your ears. The kettle clicks off." in out
    assert 'Graham: "Glad you rang. Sleep, yeah?"' in out and "Mo:" not in out
    assert "You got through the first night. You rang Graham instead of Mo." in out


def test_plain_play_adds_the_support_line_after_self_blame_feedback_only() -> None:
    _, out = play("2\n3\n", NARRATION)  # sit with it, then "maybe I just wasn't enough"
    assert "-> Self-blame (-1, a gentle mistake): That thought is the ache of losing someone" in out
    feedback_line = next(i for i, line in enumerate(out.splitlines()) if line.startswith("-> Self-blame"))
    assert out.splitlines()[feedback_line + 1] == f"   {DEFAULT_SUPPORT_LINE}"
    assert out.count(DEFAULT_SUPPORT_LINE) == 1


def test_plain_play_uses_the_support_line_from_the_data_folders_settings(isolated_data_dir: Path, run_trainer) -> None:
    (isolated_data_dir / "settings.toml").write_text('support_line = "Ring Sam, or the number on the fridge."\n')
    done = run_trainer("play", str(NARRATION), "--plain", stdin="2\n3\n")
    assert done.returncode == 0, done.stderr
    assert "\n   Ring Sam, or the number on the fridge.\n" in done.stdout
    assert DEFAULT_SUPPORT_LINE not in done.stdout
