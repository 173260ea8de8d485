"""No giveaways: a player who picks by surface wording, without reading the scene, does no better than
one who picks at random.

Each cue is a wording habit that used to give answers away ("please" and "!" in mistakes, grief words
in good moves, the inner-thought marker). For every cue, a player who always prefers choices with it,
and one who always avoids them, is played over every choice point of the library (among the choices
a scene offers, picking at random between the preferred ones). Neither may find a choice that is not
a mistake noticeably more often than a player who picks at random: over the whole library, and in
each scenario on its own, where a cue can leak even when the library's average hides it. Position
tells only where a scene keeps its written order (`shuffle: false`), so those scenes are checked for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.library.conftest import FILES
from tests.library.pending import expect_pending
from trainer.core.scenario.loader import Scenario, load_scenario

MARGIN = 0.06  # a surface picker may beat random play by at most six points in a hundred
# One scenario has a dozen choice points, so one choice more or less moves a rate by a few points:
# within a scenario a cue may beat random play by at most ten.
SCENARIO_MARGIN = 0.10

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


def _choice_points(library: list[Scenario], *, written_order_only: bool = False) -> list[Point]:
    """Every scene with choices: (choice text, is it not a mistake) for each choice it has.

    With ``written_order_only``, only the scenes a run shows in the order written.
    """
    return [
        [(c.text, s.rubric[c.category].kind != "mistake") for c in scene.choices]
        for s in library
        for scene in s.file.scenes.values()
        if scene.choices and (not written_order_only or not _shuffled(s, scene.shuffle))
    ]


def _shuffled(scenario: Scenario, scene_shuffle: bool | None) -> bool:
    return scenario.file.shuffle if scene_shuffle is None else scene_shuffle


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


def _leaks(points: list[Point], margin: float) -> list[str]:
    """The cues, lengths and positions by which a picker beats random play by more than ``margin``."""
    chance = _hit_rate(points, None)
    leaks = []
    for cue, has in CUES.items():
        for prefer in (True, False):
            picker = has if prefer else (lambda text, has=has: not has(text))
            rate = _hit_rate(points, picker)
            if rate > chance + margin:
                leaks.append(f"{'preferring' if prefer else 'avoiding'} {cue}: {rate:.0%} against {chance:.0%}")
    for name, extreme in (("shortest", min), ("longest", max)):
        rate = _rate(points, lambda point, extreme=extreme: _by_length(point, extreme))
        if rate > chance + margin:
            leaks.append(f"the {name} choice: {rate:.0%} against {chance:.0%}")
    return leaks


def _by_length(point: Point, extreme: Callable[..., int]) -> list[bool]:
    length = extreme(len(text) for text, _ in point)
    return [ok for text, ok in point if len(text) == length]


def _position_leaks(points: list[Point], margin: float) -> list[str]:
    if not points:
        return []
    chance = _hit_rate(points, None)
    leaks = []
    for name, index in (("first", 0), ("last", -1)):
        rate = sum(point[index][1] for point in points) / len(points)
        if rate > chance + margin:
            leaks.append(f"the {name} choice where the order is written: {rate:.0%} against {chance:.0%}")
    return leaks


@pytest.fixture(params=FILES, ids=[p.stem for p in FILES])
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


def test_no_wording_cue_points_at_the_answer_in_one_scenario(
    request: pytest.FixtureRequest, scenario: Scenario
) -> None:
    expect_pending(request, "cues", scenario.id)
    assert not _leaks(_choice_points([scenario]), SCENARIO_MARGIN)


def test_where_the_order_is_written_position_does_not_point_at_the_answer(scenario: Scenario) -> None:
    assert not _position_leaks(_choice_points([scenario], written_order_only=True), SCENARIO_MARGIN)


def test_the_check_catches_one_scenario_that_leaks() -> None:
    leaky = [[("Please stay!", False), ("Okay.", True), ("It hurts, and that's loss.", True)]] * 4
    leaky += [[("I'll fix it.", False), ("It aches. Loss.", True), ("Never go!", False)]] * 4
    assert any("loss or grief" in leak for leak in _leaks(leaky, SCENARIO_MARGIN))
    assert _position_leaks([[("Take care.", True), ("Please!", False), ("Stay!", False)]] * 3, SCENARIO_MARGIN)


def test_the_check_catches_a_library_that_gives_answers_away() -> None:
    telling = [[("Please, please stay!", False), ("I hear you.", True), ("Never leave me!", False)]] * 10
    chance = _hit_rate(telling, None)
    assert _hit_rate(telling, lambda text: not CUES["exclamation mark"](text)) > chance + MARGIN
