"""The scorecard in words: score, par, the worst possible, and what the percent means."""

from __future__ import annotations

import pytest

from trainer.core.play.scoring import LOW_SCORE_NOTE, PERCENT_LEGEND, percent_meaning, score_line
from trainer.core.scenario.statespace import ScoreBounds


@pytest.mark.parametrize(
    ("score", "words"),
    [
        (24, "par: the best any run can score"),
        (-25, f"the lowest any run can score. {LOW_SCORE_NOTE}"),
        (22, "close to par"),
        (14, "about three quarters of the way from the worst possible run to par"),
        (0, "about halfway between the worst possible run and par"),
        (-12, "about a quarter of the way from the worst possible run to par"),
        (-22, f"close to the lowest any run can score. {LOW_SCORE_NOTE}"),
    ],
)
def test_a_percent_is_said_in_words_a_person_reads_at_once(score: int, words: str) -> None:
    bounds = ScoreBounds(par=24, worst=-25)
    assert percent_meaning(score, 24, -25, bounds.percent(score)) == words


def test_the_score_line_gives_score_par_worst_and_percent_and_explains_it_when_asked() -> None:
    percent = ScoreBounds(par=24, worst=-23).percent(0)
    assert score_line(0, 24, -23, percent) == "Score 0 of par 24 (worst possible -23): 49%"
    assert score_line(0, 24, -23, percent, explain=True) == (
        "Score 0 of par 24 (worst possible -23): 49%, about halfway between the worst possible run and par"
    )


def test_the_legend_says_what_0_and_100_percent_are() -> None:
    assert "worst possible run (0%)" in PERCENT_LEGEND and "par (100%)" in PERCENT_LEGEND


@pytest.mark.parametrize("score", [-25, -22])
def test_a_low_score_is_said_kindly_and_forward_looking_with_its_number_kept(score: int) -> None:
    # A bad run's debrief ended "0%, the worst any run can score" / "close to the worst possible run":
    # a player who may be hurting read the run as a verdict on them. The number stays; the words
    # speak of the run's choices and of the next run.
    percent = ScoreBounds(par=24, worst=-25).percent(score)
    line = score_line(score, 24, -25, percent, explain=True)
    assert line.startswith(f"Score {score} of par 24 (worst possible -25): {percent:.0f}%, ")
    words = percent_meaning(score, 24, -25, percent)
    assert "worst" not in words
    assert "not you" in words and "next time" in words
