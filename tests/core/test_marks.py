"""Self-blame is marked and worded as the gentle mistake it is, everywhere a run is shown."""

from __future__ import annotations

from pathlib import Path

from trainer.core.play.debrief_lines import tally_lines
from trainer.core.play.engine import Feedback
from trainer.core.play.marks import marking, points_text, points_words
from trainer.core.play.scoring import scorecard
from trainer.core.play.transcript import ReplyEntry, entry_lines
from trainer.core.scenario.loader import load_scenario

NARRATION = Path(__file__).parents[1] / "scenarios" / "narration.yaml"


def test_self_blame_has_its_own_gentler_mark_and_words_not_the_mistakes_cross() -> None:
    # It was shown as "✗ Self-blame -1 points", like begging, although its feedback comforts.
    self_blame = marking("self_blame", "mistake")
    assert self_blame.mark != marking("weakness", "mistake").mark == "✗"
    assert self_blame.mark not in {"✗", "~", "✓"}
    assert self_blame.kind == "gentle mistake"
    assert points_words("self_blame", "mistake", -1) == "-1 point, a gentle mistake"
    assert points_words("weakness", "mistake", -3) == "-3 points"
    assert points_words("self_blame", "mistake", -1, unit=False) == "-1, a gentle mistake"


def test_the_other_kinds_keep_their_marks() -> None:
    assert [marking(c, k).mark for c, k in [("graceful", "good"), ("pushback", "okay"), ("jab", "mistake")]] == [
        "✓",
        "~",
        "✗",
    ]
    assert marking("custom", "odd").mark == "•"


def test_points_are_singular_for_one() -> None:
    assert [points_text(p) for p in (-1, 1, 0, -3, 3)] == [
        "-1 point",
        "+1 point",
        "+0 points",
        "-3 points",
        "+3 points",
    ]


def test_plain_feedback_and_tally_word_self_blame_gently() -> None:
    scenario = load_scenario(NARRATION)
    feedback = Feedback("s", "c", "self_blame", "Self-blame", "mistake", -1, "It is the ache talking.", care=True)
    assert entry_lines(ReplyEntry(2, "Maybe I wasn't enough.", feedback))[1] == (
        "-> Self-blame (-1, a gentle mistake): It is the ache talking."
    )
    card = scorecard(["self_blame", "graceful"], scenario.rubric, scenario.bounds)
    lines = tally_lines(scenario, card)
    assert "  Self-blame: 1 (gentle mistake, -1 each)" in lines
    assert "  Graceful: 1 (good, +3 each)" in lines
