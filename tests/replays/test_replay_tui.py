"""The TUI side of replays: every run recorded, runs and best in the library, resume, viewer, history."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import DataTable, Static

from trainer.core.replays.reader import read_replay
from trainer.core.replays.resolver import ScenarioResolver
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.screens.debrief import DebriefScreen
from trainer.tui.screens.history import HistoryScreen
from trainer.tui.screens.library import LibraryScreen
from trainer.tui.screens.play import PlayScreen
from trainer.tui.screens.replay_viewer import ReplayViewerScreen

ROOT = Path(__file__).parents[2]


def table_rows(app: App, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def viewer_app(path: Path, data: Path) -> TrainerApp:
    """The app as `trainer replay FILE` opens it."""
    return make_app(data, replay=read_replay(path, ScenarioResolver(data), keep_moves=True))


@pytest.mark.asyncio
async def test_a_run_played_in_the_tui_is_recorded_and_scores_as_the_debrief_showed(
    replay_library: Path, isolated_data_dir: Path, settle
) -> None:
    app = make_app(isolated_data_dir, player="Kim")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("down")  # tiny comes after the hostile fixture (both difficulty 1, by title)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen) and app.screen.loaded.id == "tiny"
        await pilot.press("1", "enter", "1", "enter")  # beg, then argue (the only choice left)
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        shown_score = app.screen.session.score
    (replay,) = (isolated_data_dir / "replays" / "tiny").iterdir()
    verified = read_replay(replay, ScenarioResolver(isolated_data_dir))
    assert verified.finished and verified.header.player == "Kim"
    assert verified.score == shown_score == -5  # beg (-3) then argue (-2): 'goodbye' is not offered


@pytest.mark.asyncio
async def test_library_shows_runs_and_best_percent_from_the_replays(
    replay_library: Path, isolated_data_dir: Path, write_replay, settle
) -> None:
    write_replay(replay_library / "tiny.yaml", ["accept", "argue"], minutes=0)  # 1 -> 55%
    write_replay(replay_library / "tiny.yaml", ["accept", "goodbye"], minutes=1)  # 6 -> 100%
    write_replay(replay_library / "tiny.yaml", ["beg"], minutes=2)  # unfinished
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rows = {row[0]: row[2:] for row in table_rows(app, "#scenarios")}
        assert rows["Tiny"] == ["3", "100"]
        assert rows["[@click=app.quit]x[/] title"] == ["", ""]


@pytest.mark.asyncio
async def test_c_in_the_library_resumes_the_last_unfinished_run_in_its_file(
    replay_library: Path, isolated_data_dir: Path, write_replay, settle
) -> None:
    path = write_replay(replay_library / "tiny.yaml", ["accept"], minutes=5)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "c")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert [step.choice.id for step in app.screen.session.history] == ["accept"]
        await pilot.press("2", "enter")  # goodbye: offered, since accepting raised calm
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
    events = [json.loads(line)["event"] for line in path.read_text().splitlines()]
    assert events == ["header", "choice", "choice", "ending"]
    assert len(list(path.parent.iterdir())) == 1


@pytest.mark.asyncio
async def test_viewer_steps_through_the_replay_with_arrow_keys(
    replay_library: Path, isolated_data_dir: Path, write_replay, settle, read_screen
) -> None:
    path = write_replay(replay_library / "tiny.yaml", ["beg", "back", "accept", "goodbye"], player="Ana")
    app = viewer_app(path, isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = read_screen(app)
        assert "Move 1 of 5 · choice 1 " in text
        assert "line 2" not in text and "scene opening" not in text  # the file's internals are not news to a player
        assert "You chose  1. Please, no." in text and "Begging hands her the power." in text
        assert "Other choices offered here:" in text and "2. ✓ I hear you.  (Graceful +3)" in text
        await pilot.press("right")
        text = read_screen(app)
        assert "Move 2 of 5 · take-back" in text and "Taken back  Please, no." in text
        await pilot.press("right", "right")
        text = read_screen(app)
        assert "Move 4 of 5 · choice 2" in text and "You chose  2. I wish you well." in text
        assert "1. ✗ But the lease!  (Arguing logically -2)" in text
        await pilot.press("end")
        text = read_screen(app)
        assert "Move 5 of 5 · the ending" in text
        assert "Ending  Gave it (good)" in text and "Score 6 of par 6 (worst possible -5): 100%" in text
        await pilot.press("right")  # already at the last move: stays
        assert "Move 5 of 5" in read_screen(app)
        await pilot.press("home")
        assert "Move 1 of 5" in read_screen(app)
        await pilot.press("escape")
        await settle(pilot)
    assert not app.is_running


@pytest.mark.asyncio
async def test_viewer_wraps_an_other_choice_under_its_own_text(
    replay_library: Path, isolated_data_dir: Path, write_replay, settle, read_screen
) -> None:
    path = write_replay(replay_library / "tiny.yaml", ["accept", "goodbye"])
    app = viewer_app(path, isolated_data_dir)
    async with app.run_test(size=(32, 30)) as pilot:
        await settle(pilot)
        lines = read_screen(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "Please, no." in line)
        text_column = lines[first].index("Please")
        continued = lines[first + 1]
        assert "(Weakness" in continued or "-3)" in continued, lines[first : first + 2]
        assert continued[:text_column].strip(" │▎▌") == "", "the wrapped line starts under the text"
        assert continued[text_column] != " "


@pytest.mark.asyncio
async def test_viewer_shows_markup_and_escape_sequences_literally(
    replay_library: Path, isolated_data_dir: Path, write_replay, settle, read_screen
) -> None:
    path = write_replay(replay_library / "hostile_markup.yaml", ["shout"], player="[b]Eve[/b]")
    app = viewer_app(path, isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = read_screen(app)
        assert "[@click=app.quit]x[/] title" in text and "[b]Eve[/b]" in text
        assert "[@click=app.quit]x[/] narration \\x1b[31mred\\x1b[0m" in text
        assert "[$accent @click=app.quit]x[/] choice" in text
        assert "[/] feedback [link=file:///etc/passwd]x[/link]" in text
        await pilot.press("end")
        assert "[link=file:///etc/passwd]x[/link] debrief \\x1b]0;owned\\x07" in read_screen(app)
        assert app.is_running  # no click action ran


@pytest.mark.asyncio
async def test_history_lists_runs_per_scenario_with_a_trend_line(
    replay_library: Path, isolated_data_dir: Path, write_replay, settle, read_screen
) -> None:
    write_replay(replay_library / "tiny.yaml", ["beg", "argue"], minutes=0)  # 0%
    write_replay(replay_library / "tiny.yaml", ["accept", "argue"], minutes=1)  # 55%
    write_replay(replay_library / "tiny.yaml", ["accept", "goodbye"], minutes=2, player="Ana")  # 100%
    write_replay(replay_library / "tiny.yaml", ["beg"], minutes=3)  # unfinished
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert table_rows(app, "#history-scenarios") == [["Tiny", "4", "3", "100%"]]
        assert str(app.screen.query_one("#trend", Static).render()) == "▁▁ ▅▅ ██"  # 0%, 55%, 100%
        runs = table_rows(app, "#history-runs")
        assert [row[:3] for row in runs] == [
            ["2026-03-01 20:03", "unfinished after 1 choice", "-"],
            ["2026-03-01 20:02", "finished", "100%"],
            ["2026-03-01 20:01", "finished", "55%"],
            ["2026-03-01 20:00", "finished", "0%"],
        ]
        await pilot.press("enter", "down", "enter")  # into the runs, then open the second newest
        await settle(pilot)
        assert isinstance(app.screen, ReplayViewerScreen)
        assert "Ana" in read_screen(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("up", "c")  # the unfinished run
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert [step.choice.id for step in app.screen.session.history] == ["beg"]


@pytest.mark.asyncio
async def test_history_trend_keeps_the_0_to_100_scale_for_a_lone_run(
    replay_library: Path, isolated_data_dir: Path, write_replay, settle, read_screen
) -> None:
    """One run at 55% is a bar half way up, not a full one: the label promises 0% is the worst, 100% par."""
    write_replay(replay_library / "tiny.yaml", ["accept", "argue"], minutes=0)  # 55%
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        lines = read_screen(app).splitlines()
    label = next(i for i, line in enumerate(lines) if "0% is the worst possible run" in line)
    assert lines[label + 1].strip() == "▅▅"
    assert "█" not in "".join(lines)


@pytest.mark.asyncio
async def test_history_with_no_runs_says_so(replay_library: Path, isolated_data_dir: Path, settle, read_screen) -> None:
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert "No runs yet. Play a scenario from the library" in read_screen(app)


def test_replay_command_reports_a_broken_replay_without_opening_the_app(
    write_replay, tmp_path: Path, run_trainer
) -> None:
    path = write_replay(ROOT / "tests" / "scenarios" / "tiny.yaml", ["accept"])
    path.write_text(path.read_text().replace('"accept"', '"hug"'))
    result = run_trainer(
        "replay", str(path), "--scenario", str(ROOT / "tests" / "scenarios" / "tiny.yaml"), probe_textual=True
    )
    assert result.returncode == 1
    assert ":2: error R203 step 1: scene 'opening' has no choice 'hug'" in result.stderr
    assert "TEXTUAL: []" in result.stderr


def test_replay_command_on_a_folder_says_it_opens_one_file_and_how_to_score_a_folder(
    tmp_path: Path, run_trainer
) -> None:
    result = run_trainer("replay", str(tmp_path))
    assert result.returncode == 1
    assert "is a folder: trainer replay opens one replay file (.jsonl) in it" in result.stderr
    assert f"trainer score {tmp_path}" in result.stderr


class TestReplaySnapshots:
    """80x24, the size the product promises to be usable at."""

    def test_viewer_on_a_choice(self, snap_compare, replay_library: Path, isolated_data_dir: Path, write_replay):
        path = write_replay(replay_library / "tiny.yaml", ["beg", "back", "accept", "goodbye"], player="Ana")
        assert snap_compare(viewer_app(path, isolated_data_dir), terminal_size=(80, 24))

    def test_viewer_at_the_ending(self, snap_compare, replay_library: Path, isolated_data_dir: Path, write_replay):
        path = write_replay(replay_library / "tiny.yaml", ["accept", "goodbye"])
        assert snap_compare(viewer_app(path, isolated_data_dir), press=["end"], terminal_size=(80, 24))

    def test_history(self, snap_compare, settle, replay_library: Path, isolated_data_dir: Path, write_replay):
        for minutes, moves in enumerate((["beg", "argue"], ["accept", "argue"], ["accept", "goodbye"], ["beg"])):
            write_replay(replay_library / "tiny.yaml", moves, minutes=minutes)

        async def open_history(pilot) -> None:
            await pilot.press("h")
            await settle(pilot)

        assert snap_compare(make_app(isolated_data_dir), run_before=open_history, terminal_size=(80, 24))


@pytest.mark.asyncio
async def test_play_resume_opens_the_app_on_the_unfinished_run(
    replay_library: Path, isolated_data_dir: Path, write_replay, settle, read_screen
) -> None:
    from trainer.core.scenario.loader import load_scenario

    path = write_replay(replay_library / "tiny.yaml", ["beg"])
    loaded = load_scenario(replay_library / "tiny.yaml")
    app = make_app(isolated_data_dir, start_scenario=loaded, resume=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert [step.choice.id for step in app.screen.session.history] == ["beg"]
        assert "Please, no." in read_screen(app)


@pytest.mark.asyncio
async def test_history_reads_the_replays_in_a_worker_and_keeps_keys_typed_ahead(
    replay_library: Path, isolated_data_dir: Path, write_replay, settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.tui.screens import history

    write_replay(replay_library / "tiny.yaml", ["accept", "goodbye"], minutes=0, player="Ana")
    gate = threading.Event()
    threads: list[threading.Thread] = []
    real = history.scenario_histories

    def gated(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        assert gate.wait(timeout=30)
        return real(*args, **kwargs)

    monkeypatch.setattr(history, "scenario_histories", gated)
    posted: list[HistoryScreen.Loaded] = []
    app = make_app(isolated_data_dir)
    hook = lambda message: posted.append(message) if isinstance(message, HistoryScreen.Loaded) else None  # noqa: E731
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and posted == []
        await pilot.press("enter", "enter")  # into the runs, then open the newest: typed before they show
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, ReplayViewerScreen)
        assert app.screen.replay.header.player == "Ana"
    assert [h.scenario_id for h in posted[0].histories] == ["tiny"]
    assert threads and threading.main_thread() not in threads


def test_the_viewer_marks_self_blame_gently_and_a_mistake_with_its_cross() -> None:
    # The viewer showed "✗ Self-blame  -1" like any mistake, although its feedback comforts.
    from trainer.core.play.engine import Feedback
    from trainer.core.play.transcript import ReplyEntry
    from trainer.tui.screens.replay_viewer import ReplayViewerScreen

    def shown(category: str, label: str, points: int) -> str:
        feedback = Feedback("s", "c", category, label, "mistake", points, "Why.", care=category == "self_blame")
        return str(ReplayViewerScreen.feedback_text(ReplyEntry(1, "Said.", feedback)))

    assert shown("self_blame", "Self-blame", -1).startswith("◦ Self-blame  -1, a gentle mistake\n")
    assert shown("weakness", "Weakness", -3).startswith("✗ Weakness  -3\n")
