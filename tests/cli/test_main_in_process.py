"""`main()` called in-process (a script, a test) leaves the process as it found it."""

from __future__ import annotations

import gc
import weakref

import pytest

from tests.paths import TINY
from trainer.cli.main import main
from trainer.core.scenario.loader import load_scenario


def test_a_command_run_in_process_does_not_freeze_later_loads(capsys: pytest.CaptureFixture[str]) -> None:
    # A command freezes what it loaded when it ends; the caller's later objects must stay collectable.
    assert main(["validate", str(TINY)]) == 0
    capsys.readouterr()
    loaded = load_scenario(TINY)
    run = loaded.new_run()
    run.choose("beg")  # the machine and its runs point at each other: only a collection frees them
    machine = weakref.ref(loaded.machine)
    load_scenario(TINY)  # a second load: its pause must not freeze the first one's machine
    del loaded, run
    gc.collect()
    assert machine() is None
