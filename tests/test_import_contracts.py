"""The architecture's rules are import-linter contracts (pyproject.toml): they hold, and a breach breaks them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]

# One import that breaks each contract, written into a copy of the package.
BREACHES = {
    "trainer/core/text.py": "import textual.widgets",
    "trainer/core/library.py": "import trainer.tui.untrusted",
    "trainer/cli/validate.py": "import trainer.tui.screens.library",
    "trainer/tui/screens/debrief.py": "import trainer.tui.screens.history",
    "trainer/tui/screens/help.py": "import trainer.tui.app",
}


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` run in ``folder``: its package and its pyproject.toml, never a cache."""
    command = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", command, "--no-cache"], cwd=folder, capture_output=True, text=True, timeout=300
    )


def test_the_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_each_contract_breaks_when_its_rule_is_broken(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "trainer", tmp_path / "trainer", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for file, line in BREACHES.items():
        with (tmp_path / file).open("a", encoding="utf-8") as source:
            source.write(f"\n{line}\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "0 kept, 4 broken" in result.stdout
    assert "trainer.core.text -> textual" in result.stdout
    assert "trainer.core.library -> trainer.tui.untrusted" in result.stdout
    assert "trainer.cli.validate -> trainer.tui.screens.library" in result.stdout
    assert "trainer.tui.screens.debrief -> trainer.tui.screens.history" in result.stdout
    assert "trainer.tui.screens.help -> trainer.tui.app" in result.stdout
