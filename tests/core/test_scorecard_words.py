"""The scorecard in words: score, par, the worst possible, and what the percent means."""

from __future__ import annotations

import pytest

from trainer.core.play.scoring import PERCENT_LEGEND, percent_meaning, score_line
from trainer.core.scenario.statespace import ScoreBounds


@pytest.mark.parametrize(
    ("score", "words"),
    [
        (24, "par: the best any run can score"),
        (-25, "the worst any run can score"),
        (22, "close to par"),
        (14, "about three quarters of the way from the worst possible run to par"),
        (0, "about halfway between the worst possible run and par"),
        (-12, "about a quarter of the way from the worst possible run to par"),
        (-22, "close to the worst possible run"),
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
