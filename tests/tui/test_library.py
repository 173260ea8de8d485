"""The library screen: every scenario listed, broken files shown with their error, stats, palette."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual import events
from textual.widgets import Button, DataTable, Static

from trainer.core import library
from trainer.core.library import load_library  # the real one, also where a test holds the app's back
from trainer.tui.app import TrainerApp
from trainer.tui.screens.library import LibraryScreen
from trainer.tui.screens.play import PlayScreen

pytestmark = pytest.mark.asyncio


def rows(app: TrainerApp) -> list[list[str]]:
    table = app.screen.query_one("#scenarios", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def preview(app: TrainerApp) -> str:
    return str(app.screen.query_one("#preview-text", Static).render())


async def test_library_lists_every_scenario_by_difficulty(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert rows(app) == [["Day Three", "●○○○○", "", ""], ["The Kitchen Table", "●●○○○", "", ""]]
        assert "Three days into no contact" in preview(app)
        await pilot.press("down")
        assert "Robin sits you down after dinner" in preview(app)


async def test_broken_user_scenario_is_listed_with_its_first_error(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path, fixture_library: Path, read_screen, settle
) -> None:
    scenarios = isolated_data_dir / "scenarios"
    scenarios.mkdir()
    text = (fixture_library / "day-three.yaml").read_text()
    (scenarios / "broken.yaml").write_text(text.replace("category: no_contact", "category: no_contcat"))
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(app)[-1] == ["⚠ broken.yaml", "broken", "", ""]
        await pilot.press("down", "down")
        shown = preview(app)
        assert "This file does not load" in shown
        assert "broken.yaml:19:19: E302 unknown category 'no_contcat'" in shown
        footer = read_screen(app).splitlines()[-1]
        assert not app.screen.query_one("#play", Button).display, "no Play button for a file that does not load"
        assert "Play" not in footer and "Resume" not in footer and "Reload" in footer
        await pilot.press("up")
        assert app.screen.query_one("#play", Button).display
        assert "Play" in read_screen(app).splitlines()[-1]
        await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)  # not playable, and no crash


async def test_runs_and_best_score_come_from_the_stats_given(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app(stats={"kitchen-table": SimpleNamespace(runs=3, best=5)})
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(app)[1] == ["The Kitchen Table", "●●○○○", "3", "5"]
        assert rows(app)[0][2:] == ["", ""]


async def test_empty_library_says_where_scenarios_go(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settle
) -> None:
    from trainer.core import library
    from trainer.tui.app import make_app

    monkeypatch.setattr(library, "bundled_scenarios_dir", lambda: tmp_path / "none")
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, LibraryScreen)
        assert "No scenarios yet." in preview(app)


async def test_reload_picks_up_a_new_user_scenario(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path, fixture_library: Path, settle
) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(rows(app)) == 2
        scenarios = isolated_data_dir / "scenarios"
        scenarios.mkdir()
        text = (fixture_library / "day-three.yaml").read_text().replace("id: day-three", "id: my-own")
        (scenarios / "mine.yaml").write_text(text.replace("title: Day Three", "title: My Own"))
        await pilot.press("r")
        await settle(pilot)
        assert [row[0] for row in rows(app)] == ["Day Three", "My Own", "The Kitchen Table"]


async def test_command_palette_plays_a_scenario_by_name(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Play: Kitchen")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.loaded.id == "kitchen-table"


@pytest.fixture
def gated_loading(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold the library's loading until the test sets the event, and record the threads it ran on."""
    gate = threading.Event()
    real = library.load_library

    def load_when_open(base: Path) -> list:
        assert gate.wait(timeout=30)
        return real(base)

    monkeypatch.setattr(library, "load_library", load_when_open)
    yield gate
    gate.set()


async def test_the_library_loads_in_a_worker_thread_that_posts_its_result(
    new_app: Callable[..., TrainerApp], monkeypatch: pytest.MonkeyPatch, settle
) -> None:
    from trainer.core.replays import history

    threads: list[threading.Thread] = []
    real_stats = history.run_stats

    def recorded_stats(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        return real_stats(*args, **kwargs)

    monkeypatch.setattr(history, "run_stats", recorded_stats)
    posted: list[LibraryScreen.Loaded] = []
    app = new_app()
    hook = lambda message: posted.append(message) if isinstance(message, LibraryScreen.Loaded) else None  # noqa: E731
    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        await settle(pilot)
        assert [entry.loaded.id for entry in posted[-1].entries if entry.loaded] == ["day-three", "kitchen-table"]
        assert posted[-1].stats == {}
        await pilot.press("down", "enter", "2", "enter", "2", "enter", "l")  # a clean run, back to the library
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert posted[-1].stats["kitchen-table"].runs == 1  # recounted when the library showed again
        assert rows(app)[1] == ["The Kitchen Table", "●●○○○", "1", "100"]
    assert len(threads) >= 2 and threading.main_thread() not in threads


@pytest.mark.parametrize(
    "enter",
    [
        "enter",
        # A terminal not yet in raw mode turns Enter into a newline (icrnl), which Textual reads as Ctrl+J.
        pytest.param("ctrl+j", id="enter-typed-before-raw-mode"),
    ],
)
async def test_keys_pressed_before_the_list_appears_act_on_it(
    new_app: Callable[..., TrainerApp], gated_loading: threading.Event, settle, enter: str
) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", enter)  # typed ahead, while the scenarios are still loading
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and rows(app) == []
        gated_loading.set()
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.loaded.id == "kitchen-table"


@pytest.fixture
def warm_index(isolated_data_dir: Path, fixture_library: Path) -> Path:
    """The library index written by an earlier start (its full load), as after any first start."""
    load_library(isolated_data_dir)
    return isolated_data_dir


async def test_the_first_frame_lists_the_library_from_its_index_before_any_scenario_loads(
    new_app: Callable[..., TrainerApp], warm_index: Path, gated_loading: threading.Event, read_screen, settle
) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and screen.ready and not screen.fully_loaded
        assert rows(app) == [["Day Three", "●○○○○", "", ""], ["The Kitchen Table", "●●○○○", "", ""]]
        assert "Three days into no contact" in preview(app)
        assert "Play" in read_screen(app).splitlines()[-1]
        await pilot.press("down")  # keys act at once on the listed rows
        assert "Robin sits you down after dinner" in preview(app)
        gated_loading.set()
        await settle(pilot)
        assert screen.fully_loaded and rows(app)[1] == ["The Kitchen Table", "●●○○○", "", ""]
        assert screen.table.cursor_row == 1, "the full load keeps the row the player is on"


async def test_enter_on_a_row_listed_from_the_index_plays_it_once_loaded_and_keeps_the_keys_after_it(
    new_app: Callable[..., TrainerApp], warm_index: Path, gated_loading: threading.Event, settle
) -> None:
    app = new_app(seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter", "1")  # Enter before the scenario has loaded, then a choice
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and not app.screen.ready, "waiting, keys held"
        gated_loading.set()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen) and screen.loaded.id == "kitchen-table"
        assert screen.session is not None and len(screen.session.history) == 1, "the '1' typed ahead chose"


async def test_ctrl_j_on_a_row_listed_from_the_index_plays_it_once_loaded(
    new_app: Callable[..., TrainerApp], warm_index: Path, gated_loading: threading.Event, settle
) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and app.screen.ready, "listed from the index"
        await pilot.press("ctrl+j")  # Enter typed before raw mode, on the first row
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and not app.screen.ready, "waiting for the load, keys held"
        gated_loading.set()
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen) and app.screen.loaded.id == "day-three"


async def test_the_first_frame_shows_the_counted_runs_and_waits_for_runs_not_counted_yet(
    new_app: Callable[..., TrainerApp],
    warm_index: Path,
    fixture_library: Path,
    gated_loading: threading.Event,
    settle,
) -> None:
    from trainer.core.replays.history import run_stats
    from trainer.core.replays.recorder import start_recorded_run
    from trainer.core.scenario.loader import load_scenario

    kitchen = load_scenario(fixture_library / "kitchen-table.yaml")
    run = start_recorded_run(kitchen, warm_index, "me")
    while not run.ended:
        run.choose(run.offered()[0].id)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert rows(app) == [] and not app.screen.ready, "a run not counted yet: the list waits for the count"
        gated_loading.set()
        await settle(pilot)
        counted = rows(app)[1]
    assert counted[:3] == ["The Kitchen Table", "●●○○○", "1"]
    assert run_stats(warm_index, [kitchen])["kitchen-table"].runs == 1
    gated_loading.clear()
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert rows(app)[1] == counted, "counted at the last start: in the first frame"
        gated_loading.set()
        await settle(pilot)


async def test_a_broken_file_listed_from_the_index_shows_the_same_error(
    new_app: Callable[..., TrainerApp],
    isolated_data_dir: Path,
    fixture_library: Path,
    gated_loading: threading.Event,
    settle,
) -> None:
    scenarios = isolated_data_dir / "scenarios"
    scenarios.mkdir()
    text = (fixture_library / "day-three.yaml").read_text()
    (scenarios / "broken.yaml").write_text(text.replace("category: no_contact", "category: no_contcat"))
    load_library(isolated_data_dir)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.fully_loaded
        assert rows(app)[-1] == ["⚠ broken.yaml", "broken", "", ""]
        await pilot.press("down", "down")
        assert "broken.yaml:19:19: E302 unknown category 'no_contcat'" in preview(app)
        assert not app.screen.query_one("#play", Button).display
        gated_loading.set()
        await settle(pilot)


async def test_keys_arriving_in_one_burst_act_in_order(new_app: Callable[..., TrainerApp], settle) -> None:
    """A terminal delivers keys typed fast (or pasted) together: Enter must play the row the arrows reached."""
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("down", "enter"):
            app.post_message(events.Key(key, None))
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.loaded.id == "kitchen-table"


LONG_TITLE = "A Very Long Title About Everything That Happened At The Wedding Reception In June"


def add_long_title(folder: Path, fixture_library: Path) -> None:
    scenarios = folder / "scenarios"
    scenarios.mkdir(exist_ok=True)
    text = (fixture_library / "kitchen-table.yaml").read_text()
    text = text.replace("title: The Kitchen Table", f"title: {LONG_TITLE}").replace("id: kitchen-table", "id: long")
    (scenarios / "long.yaml").write_text(text)


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (60, 10)], ids=["80x24", "60x20", "60x10 (scrolls)"])
async def test_a_long_title_ends_in_an_ellipsis_and_never_pushes_the_columns_away(
    new_app: Callable[..., TrainerApp],
    isolated_data_dir: Path,
    fixture_library: Path,
    read_screen,
    settle,
    size: tuple[int, int],
) -> None:
    add_long_title(isolated_data_dir, fixture_library)
    if size[1] < 20:  # more scenarios than rows: the list's scrollbar narrows it
        for number in range(8):
            text = (isolated_data_dir / "scenarios" / "long.yaml").read_text()
            (isolated_data_dir / "scenarios" / f"long{number}.yaml").write_text(
                text.replace("id: long", f"id: long{number}")
            )
    app = new_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = read_screen(app)
        assert app.screen.query_one("#scenarios").show_vertical_scrollbar == (size[1] < 20)
        assert "Level" in text and "Runs" in text and "Best %" in text, text
        assert "A Very Lon" in text and "…" in text and LONG_TITLE not in text
        table = app.screen.query_one("#scenarios", DataTable)
        assert table.max_scroll_x == 0, "no sideways scrolling"


async def test_home_and_end_jump_to_the_first_and_the_last_scenario(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path, fixture_library: Path
) -> None:
    add_long_title(isolated_data_dir, fixture_library)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#scenarios", DataTable)
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1 == 2
        await pilot.press("home")
        assert table.cursor_row == 0


@pytest.mark.parametrize("size", [(120, 40), (200, 50)])
async def test_a_wide_library_uses_its_width(
    new_app: Callable[..., TrainerApp],
    isolated_data_dir: Path,
    fixture_library: Path,
    read_screen,
    size: tuple[int, int],
) -> None:
    add_long_title(isolated_data_dir, fixture_library)
    app = new_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#scenarios", DataTable)
        preview = app.screen.query_one("#preview")
        assert preview.region.width > 40, "the detail pane widens"
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert used >= table.scrollable_content_region.width - 2, "the columns fill the list"
        if size[0] >= 200:
            assert LONG_TITLE in read_screen(app)


async def test_the_first_frame_draws_the_titles_at_their_width_and_lays_the_table_out_once(
    new_app: Callable[..., TrainerApp],
    warm_index: Path,
    gated_loading: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual draws a widget right after sizing it, before its Resize event: a table fitted only on
    # Resize is first drawn with the narrowest title column ("Day Three" cut), then drawn again.
    from trainer.tui.widgets.scenario_table import ScenarioTable

    drawn: list[int] = []
    fills: list[int] = []
    render_lines, fill = ScenarioTable.render_lines, ScenarioTable.lay_out

    def first_drawing(table: ScenarioTable, crop):  # type: ignore[no-untyped-def]
        if not drawn:
            drawn.append(next(iter(table.columns.values())).width if table.columns else 0)
        return render_lines(table, crop)

    def counted(table: ScenarioTable) -> None:
        fills.append(table.size.width)
        fill(table)

    monkeypatch.setattr(ScenarioTable, "render_lines", first_drawing)
    monkeypatch.setattr(ScenarioTable, "lay_out", counted)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#scenarios", ScenarioTable)
        assert drawn == [table.column_widths()[0]] and drawn[0] > len("The Kitchen Table")
        assert [width for width in fills if width] == [table.size.width], "filled once it has a size, once"
        gated_loading.set()


async def test_the_play_button_follows_the_first_frame_and_the_keys_do_not_wait_for_it(
    new_app: Callable[..., TrainerApp], warm_index: Path, monkeypatch: pytest.MonkeyPatch, settle
) -> None:
    # The first frame has the list, the preview and the keys; the mouse's Play button (Button's
    # stylesheet is Textual's largest) is mounted just after it, as the footer's keys are.
    from trainer.tui.widgets.scenario_table import ScenarioTable

    mounted_at_first_frame: list[bool] = []
    render_lines = ScenarioTable.render_lines

    def first_drawing(table: ScenarioTable, crop):  # type: ignore[no-untyped-def]
        if not mounted_at_first_frame:
            mounted_at_first_frame.append(table.screen.play_button.is_mounted)
        return render_lines(table, crop)

    monkeypatch.setattr(ScenarioTable, "render_lines", first_drawing)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert mounted_at_first_frame == [False]
        play = app.screen.query_one("#preview #play", Button)
        assert play.display and not play.disabled and play is app.screen.play_button
