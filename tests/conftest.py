"""Shared fixtures: every test gets its own data folder, never the real home."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
FIXTURES = TESTS / "scenarios"
ROOT = TESTS.parent

# Runs the CLI like `python -m trainer`, then reports on stderr every textual module it imported.
_TEXTUAL_PROBE = (
    "import sys; from trainer.cli.main import main; code = main(sys.argv[1:]);"
    "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual');"
    "print('TEXTUAL:', loaded, file=sys.stderr); raise SystemExit(code)"
)

RunTrainer = Callable[..., "subprocess.CompletedProcess[str]"]


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
