"""One writer per run, what is complete is recovered, and a data folder that cannot be written is said first."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from replay_editing import lines_of, rewrite

from tests.paths import TINY
from trainer.cli.main import main
from trainer.core.replays.lock import RunInUse
from trainer.core.replays.reader import read_replay
from trainer.core.replays.recorder import recorder_of, resume_recorded_run, start_recorded_run
from trainer.core.replays.resolver import ScenarioResolver


def play(monkeypatch, capsys, answers: str, *extra: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    code = main(["play", str(TINY), "--plain", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_second_process_resuming_a_run_in_play_says_so_and_stops(tiny, isolated_data_dir: Path, run_trainer) -> None:
    session = start_recorded_run(tiny, isolated_data_dir)
    session.choose("accept")
    path = recorder_of(session).path
    before = path.read_bytes()
    done = run_trainer(
        "play", str(TINY), "--plain", "--resume", stdin="1\n", env={"TRAINER_DATA_DIR": str(isolated_data_dir)}
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "is open in another trainer right now" in done.stderr
    assert path.read_bytes() == before  # nothing written by the second process
    session.choose("goodbye")  # the first goes on, and its run stays whole
    replay = read_replay(path, ScenarioResolver(preloaded=(tiny,)))
    assert replay.finished and replay.score == 6 and not replay.warnings


def test_a_run_left_in_this_process_can_be_resumed_in_it(tiny, isolated_data_dir: Path) -> None:
    first = start_recorded_run(tiny, isolated_data_dir)
    first.choose("accept")
    path = recorder_of(first).path
    again = resume_recorded_run(tiny, path)  # the same app: its own earlier screen does not block it
    again.choose("goodbye")
    assert read_replay(path, ScenarioResolver(preloaded=(tiny,))).finished


def test_a_lock_held_elsewhere_is_refused_before_reading(record, tiny, monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.core.replays import lock

    path = record(["accept"])

    def held(path: Path) -> lock.ReplayLock:
        raise RunInUse(f"this run ({path.name}) is open in another trainer right now")

    monkeypatch.setattr(lock.ReplayLock, "acquire", staticmethod(held))
    with pytest.raises(RunInUse):
        resume_recorded_run(tiny, path)


def test_a_cut_off_last_line_is_resumed_from_its_complete_lines(record, tiny, monkeypatch, capsys) -> None:
    path = record(["beg", "back", "accept"])
    lines = lines_of(path)
    rewrite(path, [*lines, '{"event":"choice","step":2,"sce'], final_newline=False)  # the disk filled up

    code, out, _ = play(monkeypatch, capsys, "2\n", "--resume")
    assert code == 0, out
    assert "1 choice made so far" in out and "Its last line had been cut off" in out
    assert "Score 6 of par 6 (worst possible -5): 100%" in out
    after = lines_of(path)
    assert after[: len(lines)] == lines and all(json.loads(line) for line in after)
    replay = read_replay(path, ScenarioResolver(preloaded=(tiny,)))
    assert replay.finished and replay.score == 6 and not replay.warnings


@pytest.mark.asyncio
async def test_the_tui_resumes_a_cut_off_run_from_its_complete_lines_and_says_so(
    record, tiny, isolated_data_dir, settle
) -> None:
    from trainer.tui.app import make_app
    from trainer.tui.screens.play import PlayScreen

    path = record(["beg"])
    lines = lines_of(path)
    rewrite(path, [*lines, '{"event":"choice","step":2,"sce'], final_newline=False)  # the disk filled up
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_run(tiny, path)
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen) and len(app.screen.session.history) == 1
        [notice] = list(app._notifications)
        assert "last line had been cut off" in notice.message and notice.severity == "warning"
        await pilot.press("1")  # argue: the run ends, written after the complete lines
        await settle(pilot)
    assert lines_of(path)[: len(lines)] == lines
    replay = read_replay(path, ScenarioResolver(preloaded=(tiny,)))
    assert replay.finished and replay.score == -5 and not replay.warnings


@pytest.fixture
def unwritable_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder that cannot be made: its parent is a file (root ignores read-only permissions)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    data = blocker / "data"
    monkeypatch.setenv("TRAINER_DATA_DIR", str(data))
    return data


def test_plain_play_says_before_the_first_choice_that_runs_cannot_be_saved(
    unwritable_data_dir: Path, monkeypatch, capsys
) -> None:
    code, out, err = play(monkeypatch, capsys, "2\n2\n")
    assert code == 1 and "Traceback" not in err
    assert "your runs cannot be saved in" in err and "--no-record" in err
    assert "Your choice" not in out  # said before play starts

    code, out, err = play(monkeypatch, capsys, "2\n2\n", "--no-record")
    assert code == 0 and "Score 6 of par 6 (worst possible -5): 100%" in out


def test_plain_play_on_a_terminal_offers_to_play_without_recording(
    unwritable_data_dir: Path, monkeypatch, capsys
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("y\n2\n2\n"))
    assert main(["play", str(TINY), "--plain"]) == 0
    out = capsys.readouterr().out
    assert "Play without recording this run? [y/N]" in out and "Score 6 of par 6 (worst possible -5): 100%" in out


@pytest.mark.asyncio
async def test_the_tui_offers_to_play_without_recording(unwritable_data_dir: Path, tiny) -> None:
    from trainer.tui.app import make_app
    from trainer.tui.screens.library import LibraryScreen
    from trainer.tui.screens.play import PlayScreen
    from trainer.tui.widgets.confirm import ConfirmModal

    app = make_app(unwritable_data_dir, start_scenario=tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "Your runs cannot be saved" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        app.open_run(tiny)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("2")  # the first choice: no crash, nothing written
        await pilot.pause()
        assert app.screen.session is not None and len(app.screen.session.history) == 1
    assert not unwritable_data_dir.exists()


def refuse_every_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.core.replays import lock

    def held(path: Path) -> lock.ReplayLock:
        raise RunInUse(f"this run ({path.name}) is open in another trainer right now")

    monkeypatch.setattr(lock.ReplayLock, "acquire", staticmethod(held))


def test_resuming_in_the_tui_a_run_open_elsewhere_is_refused_before_the_app_opens(record, monkeypatch, capsys) -> None:
    record(["accept"])
    refuse_every_lock(monkeypatch)
    assert main(["play", str(TINY), "--resume"]) == 1
    assert "is open in another trainer right now" in capsys.readouterr().err


@pytest.mark.asyncio
async def test_c_in_the_library_on_a_run_open_elsewhere_says_so(
    record, tiny, isolated_data_dir, monkeypatch, settle
) -> None:
    from trainer.tui.app import make_app
    from trainer.tui.screens.library import LibraryScreen

    path = record(["accept"])
    refuse_every_lock(monkeypatch)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_run(tiny, path)
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen), app.screen
        [notice] = list(app._notifications)
        assert "open in another trainer" in notice.message
