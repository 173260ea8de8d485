"""The collector pause: what it freezes, and the reason freezing is safe (our loaded data has no cycles)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import FIXTURES
from trainer.core.authoring.analysis import analyze
from trainer.core.collector import freeze_after_pauses, gc_paused
from trainer.core.library import bundled_scenarios_dir, scenario_files
from trainer.core.scenario.loader import load_scenario

SCENARIOS = [*scenario_files(bundled_scenarios_dir()), FIXTURES / "meters_branching.yaml", FIXTURES / "narration.yaml"]


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """Leave the collector as the test found it: enabled, not freezing after pauses, nothing frozen by us."""
    yield
    freeze_after_pauses(False)
    gc.unfreeze()
    gc.enable()


def cyclic_garbage_after(action: object) -> int:
    """How many objects only the cycle collector could free, once ``action``'s results are dropped."""
    gc.collect()
    gc.disable()
    action()  # type: ignore[operator]
    return gc.collect()


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: Path(p).stem)
def test_loading_and_analysing_a_scenario_leaves_no_cyclic_garbage(path: Path, collector_restored: None) -> None:
    """The reason gc_paused may freeze: dropped, everything the loader built is freed by reference counts."""
    load_scenario(path)  # module-level caches (imports, the rubric) are made once, outside the count
    assert cyclic_garbage_after(lambda: load_scenario(path)) == 0
    assert cyclic_garbage_after(lambda: analyze(load_scenario(path))) == 0


def test_a_pause_in_a_command_freezes_what_is_alive_and_restores_the_collector(collector_restored: None) -> None:
    gc.unfreeze()
    freeze_after_pauses(True)
    with gc_paused():
        assert not gc.isenabled()
        built = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(built)


def test_a_pause_inside_a_pause_leaves_the_collector_off(collector_restored: None) -> None:
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_that_builds_cycles_or_in_a_long_lived_process_freezes_nothing(collector_restored: None) -> None:
    gc.unfreeze()
    freeze_after_pauses(True)
    with gc_paused(freeze=False):
        [[n] for n in range(1000)]
    assert gc.get_freeze_count() == 0
    freeze_after_pauses(False)
    with gc_paused():
        [[n] for n in range(1000)]
    assert gc.get_freeze_count() == 0


def test_a_command_freezes_after_pauses_and_the_app_does_not(
    collector_restored: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import trainer.core.collector as collector
    import trainer.tui.app
    from trainer.cli.main import main

    freezes: list[bool] = []
    monkeypatch.setattr(collector.gc, "freeze", lambda: freezes.append(True))
    assert main(["validate", str(FIXTURES / "tiny.yaml")]) == 0
    assert freezes  # the command froze what it loaded...
    assert not collector._freeze_after_pause  # ...and, called in-process, put the setting back

    class NoApp:
        return_code = 0

        def run(self) -> None:
            policy.append(collector._freeze_after_pause)

    policy: list[bool] = []
    monkeypatch.setattr(trainer.tui.app, "make_app", lambda *args, **kwargs: NoApp())
    assert main([]) == 0
    assert policy == [False]
