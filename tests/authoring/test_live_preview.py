"""`trainer play FILE --watch`: edits on disk reach the running app, which says what it did."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from trainer.cli.main import main
from trainer.core.replays.history import unfinished_runs
from trainer.core.replays.reader import read_replay
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import load_scenario
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.screens.play import PlayScreen
from trainer.tui.screens.scenario_errors import ScenarioErrorsScreen
from trainer.tui.watch import plan_continuation

COUNTED = Path(__file__).parent / "fixtures" / "counted_runs.yaml"


def live_copy(folder: Path) -> tuple[Path, str]:
    """A copy of the counted-runs fixture to edit under the running app, and its original text."""
    path = folder / "live.yaml"
    original = COUNTED.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    return path, original


def start_watching(path: Path, data_dir: Path, *, load: bool = True) -> tuple[TrainerApp, list[str]]:
    """The app as `trainer play FILE --watch` builds it (given the file unloaded when it is broken),
    with every notification recorded."""
    app = make_app(data_dir, start_scenario=load_scenario(path) if load else path, watch=True)
    notes: list[str] = []
    original = app.notify

    def recording(message: str, **options: object) -> None:
        notes.append(message)
        original(message, **options)  # type: ignore[arg-type]

    app.notify = recording  # type: ignore[method-assign]
    return app, notes


def replay_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "replays" / "counted-runs").glob("*.jsonl"))


def shown_text(app: TrainerApp) -> str:
    """Every text on the current screen, as shown."""
    return "\n".join(str(static.content) for static in app.screen.query(Static))


async def edit_until(pilot, path: Path, text: str, done: Callable[[], bool]) -> None:
    """Write ``text`` to ``path`` until the app reacts: the watcher may not be watching yet at first."""
    for _ in range(40):
        path.write_text(text, encoding="utf-8")
        for _ in range(10):
            await pilot.pause(0.05)
            if done():
                return
    pytest.fail("the app never reacted to the edit")


@pytest.mark.asyncio
async def test_an_edit_reloads_and_the_run_continues_at_the_same_scene(tmp_path: Path, isolated_data_dir: Path) -> None:
    path, original = live_copy(tmp_path)
    app, notes = start_watching(path, isolated_data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        await pilot.press("1", "enter")  # x1, then on to scene b
        assert screen.session is not None and screen.session.scene_id == "b"
        before = screen.loaded
        edited = original.replace("text: Y1,", "text: Walk away now,")
        await edit_until(pilot, path, edited, lambda: screen.loaded is not before)
        await pilot.pause()
        assert screen.session.scene_id == "b"
        assert [step.choice.id for step in screen.session.history] == ["x1"]
        assert [choice.text for choice in screen.session.offered()] == ["Walk away now", "Y2"]
        assert any("continuing at scene 'b'" in note for note in notes), notes
        await pilot.press("2", "enter")
        await pilot.pause()
    # One run, one replay file, holding the choices made before and after the reload.
    (only,) = replay_files(isolated_data_dir)
    replay = read_replay(only, ScenarioResolver(preloaded=(screen.loaded,)))
    assert [choice.id for choice in replay.run] == ["x1", "y2"]
    assert [run.path for run in unfinished_runs(isolated_data_dir, screen.loaded)] == [only]


@pytest.mark.asyncio
async def test_when_the_scene_is_gone_the_run_restarts_and_says_so(tmp_path: Path, isolated_data_dir: Path) -> None:
    path, original = live_copy(tmp_path)
    app, notes = start_watching(path, isolated_data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        await pilot.press("1", "enter")
        before = screen.loaded
        renamed = original.replace("goto: b}", "goto: middle}").replace("\n  b:\n", "\n  middle:\n")
        await edit_until(pilot, path, renamed, lambda: screen.loaded is not before)
        await pilot.pause()
        assert screen.session is not None and screen.session.scene_id == "a"
        assert screen.session.history == []
        assert any("scene 'b' is gone, so the run restarts" in note for note in notes), notes
        await pilot.press("1", "enter")
        await pilot.pause()
    # The old run is closed as abandoned; the new one is the only run to resume.
    old, new = sorted(replay_files(isolated_data_dir), key=lambda p: p.read_bytes().count(b"abandoned"), reverse=True)
    assert old.read_text().splitlines()[-1] == '{"event":"abandoned","step":1}'
    assert b"abandoned" not in new.read_bytes()
    assert [run.path for run in unfinished_runs(isolated_data_dir, screen.loaded)] == [new]


@pytest.mark.asyncio
async def test_a_broken_edit_shows_its_errors_and_the_previous_version_keeps_playing(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    path, original = live_copy(tmp_path)
    app, notes = start_watching(path, isolated_data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        before = screen.loaded
        broken = original.replace("goto: mixed}", "goto: nowhere}")
        await edit_until(pilot, path, broken, lambda: any("E301" in note for note in notes))
        error = next(note for note in notes if "E301" in note)
        assert "live.yaml:39:100: error E301" in error
        assert "goto names a scene 'nowhere'" in error
        assert "Still playing the previous version." in error
        assert screen.loaded is before
        await pilot.press("3", "enter")  # x3 still leads to scene c in the previous version
        assert screen.session is not None and screen.session.scene_id == "c"


def test_replaying_choices_that_now_lead_elsewhere_restarts() -> None:
    loaded = load_scenario(COUNTED)
    kept = plan_continuation(loaded, "b", ["x1"], seed=7).run
    assert kept is not None and (kept.scene_id, kept.seed, [s.choice.id for s in kept.history]) == ("b", 7, ["x1"])
    assert plan_continuation(loaded, "c", ["x1"]).run is None
    assert "no longer lead" in plan_continuation(loaded, "c", ["x1", "y9"]).message
    assert "now lead elsewhere" in plan_continuation(loaded, "c", ["x1"]).message


@pytest.mark.asyncio
async def test_a_file_broken_at_start_shows_its_errors_and_plays_after_the_save_that_fixes_it(
    tmp_path: Path, isolated_data_dir: Path
) -> None:
    path, original = live_copy(tmp_path)
    path.write_text(original.replace("goto: mixed}", "goto: nowhere}"), encoding="utf-8")
    app, notes = start_watching(path, isolated_data_dir, load=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScenarioErrorsScreen)
        shown = shown_text(app)
        assert "error E301" in shown and "'nowhere'" in shown and "Waiting for a save" in shown
        still_broken = original.replace("goto: mixed}", "goto: elsewhere}")
        await edit_until(pilot, path, still_broken, lambda: "'elsewhere'" in shown_text(app))
        assert isinstance(app.screen, ScenarioErrorsScreen)
        await edit_until(pilot, path, original, lambda: isinstance(app.screen, PlayScreen))
        await pilot.pause()
        await pilot.press("1", "enter")
        assert app.screen.session is not None and app.screen.session.scene_id == "b"
        assert any("loads now" in note for note in notes), notes


def test_play_watch_on_a_broken_file_opens_the_app_instead_of_exiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trainer.cli.app

    path, original = live_copy(tmp_path)
    path.write_text(original.replace("goto: mixed}", "goto: nowhere}"), encoding="utf-8")
    started: list[object] = []
    monkeypatch.setattr(trainer.cli.app, "run", lambda args, start_scenario: started.append(start_scenario) or 0)
    assert main(["play", str(path), "--watch"]) == 0
    assert started == [path]


def test_watch_needs_a_scenario_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--watch"]) == 1
    assert "--watch needs a scenario file" in capsys.readouterr().err


@pytest.mark.asyncio
async def test_a_reload_keeps_the_runs_shuffled_order(tmp_path: Path, isolated_data_dir: Path) -> None:
    shuffled = Path(__file__).parents[1] / "scenarios" / "shuffled.yaml"
    path = tmp_path / "live.yaml"
    original = shuffled.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    app, _notes = start_watching(path, isolated_data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        seed = screen.session.seed
        shown = [choice.id for choice in screen.session.offered()]
        before = screen.loaded
        await edit_until(
            pilot, path, original.replace('"I hear you."', '"I hear you, Ana."'), lambda: screen.loaded is not before
        )
        await pilot.pause()
        assert screen.session.seed == seed
        assert [choice.id for choice in screen.session.offered()] == shown
        assert "I hear you, Ana." in [choice.text for choice in screen.session.offered()]
