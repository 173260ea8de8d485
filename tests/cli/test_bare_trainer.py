"""A bare `trainer` (the library) starts without argparse, and its first frame needs only the library's code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT
from trainer.cli.arguments import build_parser
from trainer.cli.main import library_arguments
from trainer.core.library import load_library

# Command lines the fast path takes, and ones it leaves to argparse (help, errors, abbreviations, commands).
TAKEN = [
    [],
    ["--data-dir", "d"],
    ["--data-dir=d"],
    ["--data-dir="],
    ["--theme", "nord"],
    ["--theme=textual-light", "--data-dir", "~/x y"],
    ["--data-dir", "d", "--theme", "nord"],
]
LEFT = [
    ["--help"],
    ["-h"],
    ["--version"],
    ["--data", "d"],
    ["--data-dir"],
    ["--data-dir", "-d"],
    ["--data-dir", "--theme"],
    ["--data-dir", "a", "--data-dir", "b"],
    ["--theme", "nord", "--theme=other"],
    ["play"],
    ["--data-dir", "d", "history"],
    ["d"],
    ["--"],
    ["--nope"],
]


@pytest.mark.parametrize("argv", TAKEN)
def test_the_fast_path_reads_a_bare_command_line_as_argparse_does(argv: list[str]) -> None:
    fast = library_arguments(argv)
    assert fast is not None
    assert vars(fast) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", LEFT)
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    assert library_arguments(argv) is None


# Runs `main()` on a bare command line in a fresh interpreter, the app headless until the library is
# listed; prints the modules imported by the time its first frame was drawn (when the full load starts).
PROBE = """
import json, sys
from trainer.tui.app import TrainerApp
from trainer.tui.screens.library import LibraryScreen

first_frame = []
load = LibraryScreen.load

def load_after_first_frame(self, **options):
    first_frame.extend(first_frame or sys.modules)
    return load(self, **options)

async def until_listed(pilot):
    while not pilot.app.screen.ready:
        await pilot.pause(0.02)
    pilot.app.exit()

LibraryScreen.load = load_after_first_frame
run = TrainerApp.run
TrainerApp.run = lambda self: run(self, headless=True, auto_pilot=until_listed)
from trainer.cli.main import main
code = main(sys.argv[1:])
print(json.dumps(sorted(first_frame)))
raise SystemExit(code)
"""


def test_the_first_frame_of_a_bare_trainer_imports_only_what_the_library_shows(isolated_data_dir: Path) -> None:
    load_library(isolated_data_dir)  # the index, as every start after the first finds it
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--data-dir", str(isolated_data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    imported = set(json.loads(result.stdout.splitlines()[-1]))
    assert "trainer.tui.screens.library" in imported  # the probe saw the library's first frame
    assert {"argparse", "trainer.cli.arguments"}.isdisjoint(imported)
    assert {m for m in imported if m.startswith("trainer.cli.")} == {"trainer.cli.main", "trainer.cli.app"}
    assert {m for m in imported if m.startswith("trainer.tui.screens.")} == {"trainer.tui.screens.library"}
    assert {"pydantic", "yaml", "transitions", "trainer.core.scenario.loader"}.isdisjoint(imported)
    # Nor what the list does not use: the replay reader (msgspec), importlib.resources (zipfile and
    # three compressors), a TOML parser with no settings file, Rich's emoji table (a markup label).
    assert {"msgspec", "importlib.resources", "tomllib", "rich._emoji_codes"}.isdisjoint(imported)
