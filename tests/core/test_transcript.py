"""The transcript model: a run, or a replay's moves, as entries and lines of text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from trainer.cli.plain_play import play_plain
from trainer.core.play.transcript import (
    EndingEntry,
    ReplyEntry,
    SceneEntry,
    TakeBackEntry,
    replay_transcript,
    run_transcript,
    text_lines,
)
from trainer.core.replays.reader import read_replay
from trainer.core.replays.recorder import recorder_of, start_recorded_run
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import Scenario, load_scenario

FIXTURES = Path(__file__).parents[1] / "scenarios"

TINY_BAD_RUN = [
    "",
    "Ana calls.",
    'Ana: "I think we should stop."',
    "You: Please, no.",
    "-> Weakness (-3): Begging hands her the power.",
    "",
    'Ana: "Are you okay?"',
    "You: But the lease!",
    "-> Arguing logically (-2): Reasons cannot argue attraction back.",
    "",
    "== Ending: Lost it (bad) ==",
    "You lost your footing.",
]


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(FIXTURES / "tiny.yaml")


def test_a_run_reads_as_scenes_replies_feedback_and_ending(tiny: Scenario) -> None:
    run = tiny.new_run()
    run.choose("beg")
    run.choose("argue")
    entries = run_transcript(run)
    assert [type(entry) for entry in entries] == [
        SceneEntry,
        ReplyEntry,
        SceneEntry,
        ReplyEntry,
        SceneEntry,
        EndingEntry,
    ]
    assert list(text_lines(entries)) == TINY_BAD_RUN


def test_an_unfinished_run_ends_with_the_scene_it_stands_in(tiny: Scenario) -> None:
    run = tiny.new_run()
    run.choose("accept")
    assert list(text_lines(run_transcript(run)))[-1] == 'Ana: "Are you okay?"'


def test_a_replay_reads_as_it_was_played_take_backs_included(tiny: Scenario, tmp_path: Path) -> None:
    run = start_recorded_run(tiny, tmp_path)
    run.choose("accept")
    run.take_back()
    run.choose("beg")
    run.choose("argue")
    recorder = recorder_of(run)
    assert recorder is not None
    replay = read_replay(recorder.path, ScenarioResolver(preloaded=(tiny,)), keep_moves=True)
    entries = replay_transcript(replay)
    assert TakeBackEntry(1, "I hear you.") in entries
    lines = list(text_lines(entries))
    assert lines[3:6] == [
        "You: I hear you.",
        "-> Graceful (+3): Accepting keeps your dignity.",
        '(Taken back: "I hear you.". Back to the choice before it.)',
    ]
    assert lines[6:] == TINY_BAD_RUN  # after the take-back, the story as the run tells it
    assert list(text_lines(run_transcript(run))) == TINY_BAD_RUN


def test_plain_play_prints_the_transcripts_lines(tiny: Scenario) -> None:
    out = io.StringIO()
    play_plain(tiny, io.StringIO("1\n1\n"), out)
    printed = [line for line in out.getvalue().splitlines() if not line.startswith(("  ", "Your choice"))]
    at = printed.index("Ana calls.") - 1
    assert printed[at : at + len(TINY_BAD_RUN)] == TINY_BAD_RUN


def test_the_support_line_follows_feedback_that_calls_for_care(write_yaml) -> None:
    text = (FIXTURES / "tiny.yaml").read_text().replace("category: weakness", "category: self_blame")
    loaded = load_scenario(write_yaml(text))
    run = loaded.new_run()
    run.choose("beg")
    lines = list(text_lines(run_transcript(run), support_line="Talk to someone you trust."))
    assert lines[lines.index("You: Please, no.") + 2] == "   Talk to someone you trust."
    assert "   Talk to someone you trust." not in text_lines(run_transcript(run))  # no line given, none shown
