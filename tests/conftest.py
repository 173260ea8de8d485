"""Shared fixtures: every test gets its own data folder, never the real home."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.paths import FIXTURES, ROOT, TINY

# Also importable from here, as some modules do; tests/paths.py is where they live.
__all__ = ["FIXTURES", "ROOT", "TINY"]

# Runs the CLI like `python -m trainer`, then reports on stderr every textual module it imported.
_TEXTUAL_PROBE = (
    "import sys; from trainer.cli.main import main; code = main(sys.argv[1:]);"
    "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual');"
    "print('TEXTUAL:', loaded, file=sys.stderr); raise SystemExit(code)"
)

RunTrainer = Callable[..., "subprocess.CompletedProcess[str]"]

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot


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


@pytest.fixture
def run_trainer() -> RunTrainer:
    """Run `python -m trainer ARGS` in a fresh process (the source tree importable from any folder).

    With ``probe_textual=True`` stderr ends with ``TEXTUAL: [...]``, the textual modules it imported.
    """

    def run(
        *args: str,
        stdin: str = "",
        cwd: Path = ROOT,
        env: dict[str, str] | None = None,
        probe_textual: bool = False,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        entry = ["-c", _TEXTUAL_PROBE] if probe_textual else ["-m", "trainer"]
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        return subprocess.run(
            [sys.executable, *entry, *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": path, **(env or {})},
            timeout=timeout,
        )

    return run


def record_notices(app: App) -> list[str]:
    """The messages ``app`` notifies from now on, collected instead of shown (toasts vanish by themselves)."""
    notices: list[str] = []
    app.notify = lambda message, **options: notices.append(message)  # type: ignore[method-assign]
    return notices


# One text element of an SVG screenshot (Rich's export_svg): its x, its width, its line, its text.
_SVG_TEXT = re.compile(
    r'<text [^>]*?x="([\d.]+)"[^>]*?textLength="([\d.]+)"[^>]*?clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>(.*?)</text>'
)


def screen_text(app: App) -> str:
    """The characters on the terminal right now, as the player would read them (from the app's screenshot)."""
    from rich.cells import cell_len

    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, length, line, raw in _SVG_TEXT.findall(app.export_screenshot()):
        text = html.unescape(raw).replace("\xa0", " ")  # Rich writes spaces as &#160;
        column = round(float(x) / (float(length) / len(text)))
        for char in text:
            rows[int(line)][column] = char
            for covered in range(1, cell_len(char)):  # a wide character covers the next cell too
                rows[int(line)][column + covered] = ""
            column += cell_len(char)
    return "\n".join("".join(row) for row in rows)


@pytest.fixture
def read_screen() -> Callable[[App], str]:
    return screen_text


async def settle(pilot: Pilot) -> None:
    """Let the app finish what it started: its workers done (the file watcher aside), their messages
    handled, and the screen's content there (a screen that loads it says so with ``ready``)."""
    quiet = 0
    while quiet < 2:
        await pilot.pause()
        busy = [worker for worker in pilot.app.workers if not worker.is_finished and worker.group != "watch"]
        if busy:
            quiet = 0
            await pilot.app.workers.wait_for_complete(busy)
        elif not getattr(pilot.app.screen, "ready", True) or not getattr(pilot.app.screen, "fully_loaded", True):
            quiet = 0  # its worker has not even started yet (the library may be listed from its index before)
            await pilot.pause(0.01)
        else:
            quiet += 1


@pytest.fixture(name="settle")
def settle_fixture() -> Callable[[Pilot], Awaitable[None]]:
    """``await settle(pilot)``: the library and history load in workers, so a pause alone may come too soon."""
    return settle
