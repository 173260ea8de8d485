"""TUI test setup: stable terminals, the small fixture library instead of the bundled one, helpers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from trainer.core import library
from trainer.tui.app import TrainerApp, make_app

FIXTURES = Path(__file__).parents[1] / "scenarios"
LIBRARY_FIXTURES = FIXTURES / "tui_library"


@pytest.fixture(autouse=True)
def stable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colours and theme must not depend on the machine running the tests."""
    for name in ("NO_COLOR", "TEXTUAL_THEME", "FORCE_COLOR", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fixture_library(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Replace the bundled scenarios with small fixtures, so tests do not follow content edits."""
    monkeypatch.setattr(library, "bundled_scenarios_dir", lambda: LIBRARY_FIXTURES)
    return LIBRARY_FIXTURES


@pytest.fixture
def new_app(isolated_data_dir: Path, fixture_library: Path) -> Callable[..., TrainerApp]:
    """Build the app the way the CLI does, over the fixture library and a fresh data folder."""

    def build(**options: object) -> TrainerApp:
        return make_app(isolated_data_dir, **options)  # type: ignore[arg-type]

    return build
