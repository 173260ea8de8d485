"""Despair is met gently: where a scene voices a thought about the player's worth, the player can
follow it (self_blame, a gentle mistake) or answer it, and its feedback comforts, never shames."""

from __future__ import annotations

import re

from tests.library.conftest import choices_of, plain
from tests.library.test_one_act_one_label import ACTS
from trainer.core.scenario.loader import Scenario

DESPAIR = next(act for act in ACTS if act.name.startswith("a despairing thought"))
# Narration puts the same thought in the second person ("maybe there's something wrong with you").
DESPAIR_IN_NARRATION = (
    r"\bwrong with you\b",
    r"\b(isn't|is not|aren't|are not|weren't|wasn't) worth (staying|keeping|loving|choosing)\b",
    r"\byou (weren't|were not|aren't|are not) enough\b",
    r"\bnobody (else )?(is going to|will|would) (ever )?(love|want) you\b",
)

SHAMING = re.compile(
    r"\b(should have known|should know better|weak|pathetic|silly|stupid|self-pity|get over it|"
    r"don't be (so )?(dramatic|ridiculous)|snap out|your own fault)\b",
    re.I,
)


def _voices_despair(text: str) -> bool:
    folded = text.casefold().replace("\u2019", "'")
    return DESPAIR.done_by(text) or any(re.search(p, folded) for p in DESPAIR_IN_NARRATION)


def test_a_scene_that_voices_despair_offers_the_self_blame_thought(library: list[Scenario]) -> None:
    missing = []
    for scenario in library:
        for scene_id, scene in scenario.file.scenes.items():
            if not scene.choices:
                continue
            spoken = [plain(scene.text), *(plain(line.line) for line in scene.say)]
            if any(map(_voices_despair, spoken)) and not any(c.category == "self_blame" for c in scene.choices):
                missing.append(f"{scenario.id}/{scene_id}")
    assert not missing, f"despair voiced with no self_blame choice to name it: {missing}"


def test_self_blame_is_a_gentle_mistake_everywhere(library: list[Scenario]) -> None:
    for scenario in library:
        category = scenario.rubric["self_blame"]
        assert (category.kind, category.points) == ("mistake", -1), scenario.id


def _shames(feedback: str) -> bool:
    """A shaming word said of the player; "not silly", "nothing to be ashamed of" comfort instead."""
    return any(
        not re.search(r"\b(not|n't|never|nothing|no one|nobody)\b[^.;:]*$", feedback[: m.start()].casefold())
        for m in SHAMING.finditer(feedback)
    )


def test_self_blame_feedback_comforts_and_never_shames(library: list[Scenario]) -> None:
    harsh = [
        str(p)
        for s in library
        for p in choices_of(s)
        if p.choice.category == "self_blame" and _shames(p.choice.feedback)
    ]
    assert not harsh, harsh


def test_the_shame_check_tells_comfort_from_shame() -> None:
    assert _shames("Honestly, that's a bit pathetic. Pull yourself together.")
    assert not _shames("That makes you human, not silly.")


def test_the_library_rehearses_the_inner_voice_in_several_scenarios(library: list[Scenario]) -> None:
    with_self_blame = [s.id for s in library if any(p.choice.category == "self_blame" for p in choices_of(s))]
    assert len(with_self_blame) >= 0.4 * len(library), with_self_blame


def test_the_despair_check_sees_narration_in_the_second_person() -> None:
    assert _voices_despair("A thought arrives: maybe there's something wrong with you.")
    assert _voices_despair("(To yourself) I wasn't enough for him.")
    assert not _voices_despair("The kettle clicks off. Rain on the skylight.")
