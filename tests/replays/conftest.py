"""Replays for tests are recorded by really playing (the recorder), then edited where a test needs damage."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from tests.paths import TINY
from trainer.core.replays.recorder import recorder_of, start_recorded_run
from trainer.core.scenario.loader import Scenario, load_scenario

FIXTURES = Path(__file__).parents[1] / "scenarios"

# Each move is a choice id, or "back" for a take-back.
Record = Callable[..., Path]


@pytest.fixture
def tiny() -> Scenario:
    return load_scenario(TINY)


@pytest.fixture
def record(isolated_data_dir: Path) -> Record:
    """Play ``moves`` on a scenario with the recorder attached; return the replay file."""

    def play(moves: Sequence[str], loaded: Scenario | None = None, player: str | None = None) -> Path:
        session = start_recorded_run(loaded or load_scenario(TINY), isolated_data_dir, player)
        for move in moves:
            if move == "back":
                session.take_back()
            else:
                session.choose(move)
        recorder = recorder_of(session)
        assert recorder is not None
        return recorder.path

    return play


@pytest.fixture
def replay_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app's bundled library replaced by tiny and the hostile-markup fixture, and clocks shown in UTC."""
    import shutil
    import time

    from trainer.core import library

    folder = tmp_path / "bundled"
    folder.mkdir()
    for name in ("tiny.yaml", "hostile_markup.yaml"):
        shutil.copy(FIXTURES / name, folder / name)
    monkeypatch.setattr(library, "bundled_scenarios_dir", lambda: folder)
    for name in ("NO_COLOR", "TEXTUAL_THEME", "FORCE_COLOR", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield folder
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def write_replay(isolated_data_dir: Path) -> Callable[..., Path]:
    """A replay with a fixed start time and file name (for snapshots), its moves played through a Run."""
    from datetime import UTC, datetime, timedelta

    from trainer.core.play.engine import Run
    from trainer.core.replays.format import encode, new_header
    from trainer.core.replays.recorder import ReplayRecorder, scenario_replays_dir

    def write(
        scenario: Path, moves: Sequence[str], *, minutes: int = 0, player: str | None = None, name: str = ""
    ) -> Path:
        loaded = load_scenario(scenario)
        started = datetime(2026, 3, 1, 20, 0, tzinfo=UTC) + timedelta(minutes=minutes)
        header = new_header(loaded.id, loaded.sha256, str(scenario.resolve()), "0.1.0", started, player)
        folder = scenario_replays_dir(isolated_data_dir, loaded.id)
        path = folder / (name or f"{started:%Y%m%dT%H%M%S}000Z-{minutes:06x}.jsonl")
        recorder = ReplayRecorder(path, encode(header))
        session = Run(loaded, observer=recorder)
        for move in moves:
            session.take_back() if move == "back" else session.choose(move)
        return recorder.path

    return write
