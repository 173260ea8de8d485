"""TUI test setup: stable terminals, the small fixture library instead of the bundled one, helpers."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App

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


def screen_text(app: App) -> str:
    """The characters on the terminal right now, as the player would read them."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


@pytest.fixture
def read_screen() -> Callable[[App], str]:
    return screen_text
