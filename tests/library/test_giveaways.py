"""No giveaways: a player who picks by surface wording, without reading the scene, does no better than
one who picks at random.

Each cue is a wording habit that used to give answers away ("please" and "!" in mistakes, grief words
in good moves, the inner-thought marker). For every cue, a player who always prefers choices with it,
and one who always avoids them, is played over every choice point of the library (among the choices
a scene offers, picking at random between the preferred ones). Neither may find a choice that is not
a mistake noticeably more often than a player who picks at random.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from trainer.core.scenario.loader import Scenario

MARGIN = 0.06  # a surface picker may beat random play by at most six points in a hundred

Cue = Callable[[str], bool]
Point = list[tuple[str, bool]]


def _words(*words: str) -> Cue:
    pattern = re.compile(r"\b(" + "|".join(words) + r")\b", re.I)
    return lambda text: bool(pattern.search(text.replace("\u2019", "'")))


CUES: dict[str, Cue] = {
    "exclamation mark": lambda text: "!" in text,
    "question mark": lambda text: "?" in text,
    "please": _words("please"),
    "just": _words("just"),
    "never or always": _words("never", "always", "forever", "ever"),
    "loss or grief": _words("loss", "lose", "losing", "lost", "grief", "grieve", "grieving", "mourn\\w*"),
    "hurt or pain": _words("hurts?", "hurting", "pain", "ache", "aches"),
    "love": _words("love", "loved", "loving"),
    "a thought to yourself": _words("to yourself", "tell yourself", "notice", "name it"),
    "quoted speech": lambda text: '"' in text or "\u201c" in text,
}


def _choice_points(library: list[Scenario]) -> list[Point]:
    """Every scene with choices: (choice text, is it not a mistake) for each choice it has."""
    return [
        [(c.text, s.rubric[c.category].kind != "mistake") for c in scene.choices]
        for s in library
        for scene in s.file.scenes.values()
        if scene.choices
    ]


def _hit_rate(points: list[Point], pick: Callable[[str], bool] | None) -> float:
    """How often a picker finds a choice that is not a mistake, averaged over choice points."""
    return _rate(points, lambda point: [ok for text, ok in point if pick is None or pick(text)])


def _rate(points: list[Point], preferred: Callable[[Point], list[bool]]) -> float:
    total = 0.0
    for point in points:
        chosen = preferred(point) or [ok for _, ok in point]
        total += sum(chosen) / len(chosen)
    return total / len(points)


@pytest.fixture(scope="module")
def points(library: list[Scenario]) -> list[Point]:
    return _choice_points(library)


@pytest.mark.parametrize("cue", sorted(CUES))
@pytest.mark.parametrize("prefer", [True, False], ids=["preferring", "avoiding"])
def test_a_wording_cue_does_not_point_at_the_answer(points: list[Point], cue: str, prefer: bool) -> None:
    has = CUES[cue]
    picker = has if prefer else (lambda text: not has(text))
    chance = _hit_rate(points, None)
    assert _hit_rate(points, picker) <= chance + MARGIN, f"random {chance:.0%}"


@pytest.mark.parametrize("extreme", [min, max], ids=["shortest", "longest"])
def test_the_length_of_a_choice_does_not_point_at_the_answer(points: list[Point], extreme: Callable[..., int]) -> None:
    def by_length(point: Point) -> list[bool]:
        length = extreme(len(text) for text, _ in point)
        return [ok for text, ok in point if len(text) == length]

    chance = _hit_rate(points, None)
    assert _rate(points, by_length) <= chance + MARGIN, f"random {chance:.0%}"


def test_the_check_catches_a_library_that_gives_answers_away() -> None:
    telling = [[("Please, please stay!", False), ("I hear you.", True), ("Never leave me!", False)]] * 10
    chance = _hit_rate(telling, None)
    assert _hit_rate(telling, lambda text: not CUES["exclamation mark"](text)) > chance + MARGIN
