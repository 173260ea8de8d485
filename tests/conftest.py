"""Shared fixtures: every test gets its own data folder, never the real home."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
FIXTURES = TESTS / "scenarios"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point $TRAINER_DATA_DIR at a fresh folder so no test reads or writes the user's data."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("TRAINER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to a file in tmp_path and return its path."""

    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write
