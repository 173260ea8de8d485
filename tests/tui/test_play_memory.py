"""Memory over a long session: choices and take-backs must not leave objects behind (the footer's leak)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import ClassVar

import pytest
from textual._compositor import Compositor
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Label

import trainer.core.collector
import trainer.tui.app
from trainer.core.collector import FULL_COLLECTION_DUE
from trainer.core.scenario.loader import load_scenario
from trainer.tui.app import HOLD_LIMIT_SECONDS, IDLE_SECONDS, make_app
from trainer.tui.screens.play import PlayScreen
from trainer.tui.widgets.steady_footer import SteadyFooter

pytestmark = pytest.mark.asyncio

KITCHEN = Path(__file__).parents[1] / "scenarios" / "tui_library" / "kitchen-table.yaml"
CYCLES = 20


def widgets_alive() -> int:
    """Widgets still in memory, on screen or not. (All objects would also count Textual's bounded
    render caches, which fill for the first hundred or so cycles and then stay flat.)"""
    gc.collect()
    return sum(isinstance(thing, Widget) for thing in gc.get_objects())


async def test_choices_and_take_backs_leave_no_objects_behind(isolated_data_dir: Path) -> None:
    app = make_app(isolated_data_dir, start_scenario=load_scenario(KITCHEN), record=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        async def choose_and_take_back() -> None:
            await pilot.press("1")
            await pilot.pause()
            await pilot.press("u")
            await pilot.pause()

        for _ in range(5):  # warm up: caches, the first notices
            await choose_and_take_back()
        before = widgets_alive()
        for _ in range(CYCLES):
            await choose_and_take_back()
        grown = widgets_alive() - before
    # A leaking footer kept every key widget it ever built: about 10 more per cycle.
    assert grown <= 3, f"{grown} more widgets alive after {CYCLES} choices and take-backs"


async def test_no_gone_widget_keeps_its_drawn_lines(isolated_data_dir: Path) -> None:
    """Textual's `get_inner_outer` cache kept the styles cache, and every line drawn, of the last 1,024
    widgets it saw, dead or alive: each choice and take-back left about 17 behind."""
    app = make_app(isolated_data_dir, start_scenario=load_scenario(KITCHEN), record=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(CYCLES):
            await pilot.press("1")
            await pilot.pause()
            await pilot.press("u")
            await pilot.pause()
        gc.collect()
        alive = gc.get_objects()
        owned = {id(thing._styles_cache) for thing in alive if isinstance(thing, Widget)}
        orphans = [thing for thing in alive if isinstance(thing, StylesCache) and id(thing) not in owned]
    assert len(orphans) <= 3, f"{len(orphans)} styles caches of gone widgets alive after {CYCLES} cycles"


async def test_a_choice_arranges_the_screen_once_per_layout(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every arrangement of the whole screen comes from a layout: none from a widget asking for its
    size while the map is marked stale (Textual arranged the screen again inside the layout)."""
    app = make_app(isolated_data_dir, start_scenario=load_scenario(KITCHEN), record=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        layouts: list[int] = []
        arrangements: list[int] = []
        reflow, reflow_visible, arrange_root = Compositor.reflow, Compositor.reflow_visible, Compositor._arrange_root
        monkeypatch.setattr(Compositor, "reflow", lambda *args: layouts.append(1) or reflow(*args))
        monkeypatch.setattr(Compositor, "reflow_visible", lambda *args: layouts.append(1) or reflow_visible(*args))
        monkeypatch.setattr(
            Compositor, "_arrange_root", lambda *args, **kwargs: arrangements.append(1) or arrange_root(*args, **kwargs)
        )
        for key in ("1", "enter", "1", "u"):
            await pilot.press(key)
            await pilot.pause()
        assert layouts and len(arrangements) == len(layouts)


class Toggling(App[None]):
    """The smallest app whose footer changes: a key that switches another key on and off."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("t", "toggle", "Toggle"), Binding("x", "nothing", "Shown when on")]
    on = True

    def compose(self) -> ComposeResult:
        yield Label("Hello")
        yield SteadyFooter()

    def action_toggle(self) -> None:
        self.on = not self.on
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.on if action == "nothing" else True


def keys_shown(app: App[None]) -> list[str]:
    return [str(key.description) for key in app.screen.query("FooterKey")]


async def test_the_footer_shows_a_key_change_and_keeps_no_watchers_of_removed_keys() -> None:
    app = Toggling()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Shown when on" in keys_shown(app)
        for _ in range(10):
            await pilot.press("t")
            await pilot.pause()
        footer = app.screen.query_one(SteadyFooter)
        watched_by = [node for node, _ in getattr(footer, "__watchers", {}).get("compact", [])]
        assert all(node.is_attached for node in watched_by)
        await pilot.press("t")
        await pilot.pause()
        assert "Shown when on" not in keys_shown(app)


async def test_a_choice_relabels_the_footer_keys_instead_of_building_new_ones(isolated_data_dir: Path) -> None:
    """Choose and Continue trade places on every choice: the same key widgets show them in turn."""
    app = make_app(isolated_data_dir, start_scenario=load_scenario(KITCHEN), record=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = list(app.screen.query("FooterKey"))
        assert "Choose" in keys_shown(app) and "Continue" not in keys_shown(app)
        await pilot.press("1")
        await pilot.pause()
        assert list(app.screen.query("FooterKey")) == keys
        assert "Continue" in keys_shown(app) and "Choose" not in keys_shown(app)
        continue_key = next(key for key in keys if str(key.description) == "Continue")
        assert continue_key.key == "enter" and continue_key.action == "continue"
        await pilot.press("u")
        await pilot.pause()
        assert list(app.screen.query("FooterKey")) == keys
        assert "Choose" in keys_shown(app)


async def test_full_collections_wait_until_the_player_is_idle(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full collection walks the whole heap (about 100 ms in a long run): the app runs it while the
    player reads, never on the key of a choice."""
    thresholds = gc.get_threshold()
    now = [0.0]  # the app's clock, moved by hand: a loaded machine must not make the player look idle
    monkeypatch.setattr(trainer.tui.app, "monotonic", lambda: now[0])
    # Only the idle rule here: keys that never pause get a full collection once far overdue.
    monkeypatch.setattr(trainer.core.collector, "FULL_COLLECTION_OVERDUE", 10**6)
    full: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            full.append(1)

    app = make_app(isolated_data_dir, start_scenario=load_scenario(KITCHEN), record=False)
    gc.callbacks.append(note)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for _ in range(FULL_COLLECTION_DUE):  # what makes the collector's own full collection due
                gc.collect(1)
            for _ in range(3):  # keys keep coming: nothing full runs, however due
                gc.collect(1)
                now[0] += IDLE_SECONDS / 2
                await pilot.press("1")
                await pilot.pause()
                now[0] += IDLE_SECONDS / 2
                await pilot.press("u")
                await pilot.pause()
            await pilot.pause(IDLE_SECONDS)
            assert not full
            now[0] += IDLE_SECONDS  # the player reads
            await pilot.pause(IDLE_SECONDS)
            assert full
    finally:
        gc.callbacks.remove(note)
    assert gc.get_threshold() == thresholds  # the collector works as before once the app is done


async def test_no_collection_between_a_choice_and_its_feedback_drawn(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A choice makes thousands of short-lived objects: the collector waits until the feedback is drawn."""
    enabled_while_choosing: list[bool] = []
    original_choose = PlayScreen.choose

    def choose(screen: PlayScreen, index: int) -> object:
        enabled_while_choosing.append(gc.isenabled())
        return original_choose(screen, index)

    monkeypatch.setattr(PlayScreen, "choose", choose)
    app = make_app(isolated_data_dir, start_scenario=load_scenario(KITCHEN), record=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the library's load, under its own pause of the collector
        await pilot.press("1")
        await pilot.pause()
        assert enabled_while_choosing == [False]
        assert gc.isenabled()  # given back once the frame is drawn
        await pilot.press("u", "2")
        await pilot.pause()
        assert enabled_while_choosing == [False, False]
        assert gc.isenabled()


async def test_a_held_collector_is_given_back_even_if_no_frame_comes(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [0.0]
    monkeypatch.setattr(trainer.tui.app, "monotonic", lambda: now[0])
    app = make_app(isolated_data_dir, start_scenario=load_scenario(KITCHEN), record=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        monkeypatch.setattr(app, "call_after_refresh", lambda *args, **kwargs: True)  # the frame never comes
        await pilot.press("m")
        await pilot.pause(IDLE_SECONDS / 2)
        assert not gc.isenabled()
        now[0] += HOLD_LIMIT_SECONDS * 2
        await pilot.pause(IDLE_SECONDS / 2)
        assert gc.isenabled()
