"""The bundled library, loaded once for the library-wide rule tests, and the words of its choices."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from trainer.core.library import bundled_scenarios_dir, scenario_files
from trainer.core.scenario.loader import Scenario, load_scenario
from trainer.core.scenario.model import Choice

FILES = scenario_files(bundled_scenarios_dir())


def plain(narration: object) -> str:
    """Narration as one string: plain text as it is, a list of parts joined (every part, shown or not)."""
    if narration is None:
        return ""
    if isinstance(narration, str):
        return narration
    return " ".join(getattr(part, "text", str(part)) for part in narration)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Placed:
    """A choice with the scenario and scene it belongs to, for messages that say where to look."""

    scenario: Scenario
    scene_id: str
    choice: Choice

    @property
    def kind(self) -> str:
        return self.scenario.rubric[self.choice.category].kind

    def __str__(self) -> str:
        c = self.choice
        return f"{self.scenario.id}/{self.scene_id}/{c.id} [{c.category}]: {c.text}"


def choices_of(scenario: Scenario) -> Iterator[Placed]:
    for scene_id, scene in scenario.file.scenes.items():
        for choice in scene.choices:
            yield Placed(scenario, scene_id, choice)


@pytest.fixture(scope="session")
def library() -> list[Scenario]:
    return [load_scenario(path) for path in FILES]


@pytest.fixture(scope="session")
def library_root() -> Path:
    return bundled_scenarios_dir()
