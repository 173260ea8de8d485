"""Replays for tests are recorded by really playing (the recorder), then edited where a test needs damage."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from trainer.core.loader import LoadedScenario, load_scenario
from trainer.core.recorder import recorder_of, start_recorded_run

FIXTURES = Path(__file__).parents[1] / "scenarios"
TINY = FIXTURES / "tiny.yaml"

# Each move is a choice id, or "back" for a take-back.
Record = Callable[..., Path]


@pytest.fixture
def tiny() -> LoadedScenario:
    return load_scenario(TINY)


@pytest.fixture
def record(isolated_data_dir: Path) -> Record:
    """Play ``moves`` on a scenario with the recorder attached; return the replay file."""

    def play(moves: Sequence[str], loaded: LoadedScenario | None = None, player: str | None = None) -> Path:
        session = start_recorded_run(loaded or load_scenario(TINY), isolated_data_dir, player)
        for move in moves:
            if move == "back":
                session.take_back()
            else:
                session.choose(move)
        session.close()
        recorder = recorder_of(session)
        assert recorder is not None
        return recorder.path

    return play
