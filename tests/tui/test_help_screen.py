"""The help is written from the bindings, so it lists every key of every screen as its binding says."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Static

import trainer.tui.screens
from trainer.tui.app import TrainerApp
from trainer.tui.screens.debrief import DebriefScreen
from trainer.tui.screens.help import HelpScreen, key_text
from trainer.tui.screens.history import HistoryScreen
from trainer.tui.screens.library import LibraryScreen
from trainer.tui.screens.play import PlayScreen
from trainer.tui.screens.replay_viewer import ReplayViewerScreen
from trainer.tui.screens.scenario_errors import ScenarioErrorsScreen
from trainer.tui.widgets.confirm import ConfirmModal
from trainer.tui.widgets.scenario_table import ScenarioTable


def keyed_in_screens() -> list[type]:
    """Every screen or widget of `trainer.tui.screens` that declares keys of its own, the help aside,
    and the widgets of `trainer.tui.widgets` that a screen's help lists (the library's table)."""
    found = []
    modules = [f"trainer.tui.screens.{module.name}" for module in pkgutil.iter_modules(trainer.tui.screens.__path__)]
    for name in (*modules, "trainer.tui.widgets.scenario_table"):
        loaded = importlib.import_module(name)
        for value in vars(loaded).values():
            if (
                isinstance(value, type)
                and issubclass(value, DOMNode)
                and value.__module__ == loaded.__name__
                and "BINDINGS" in vars(value)
                and value is not HelpScreen
            ):
                found.append(value)
    return found


KEYED = (*keyed_in_screens(), TrainerApp)


def bindings_of(owner: type) -> list[Binding]:
    return [binding for binding in owner.BINDINGS if isinstance(binding, Binding)]


def help_lines(app: TrainerApp) -> list[str]:
    """Every line of the help's key list, scrolled into view or not: a title, or "  keys  what they do"."""
    assert isinstance(app.screen, HelpScreen)
    lines = []
    for part in app.screen.query_one("#help-keys").children:
        if part.has_class("help-title"):
            lines.append(str(part.render()))
        else:
            keys, what = (str(cell.render()) for cell in part.query(Static))
            lines.append(f"  {keys:<16}{what}")
    return lines


def test_every_keyed_screen_is_found() -> None:
    """The help test below covers new screens by itself: the search finds the ones there are today."""
    screens = (ScenarioTable, LibraryScreen, PlayScreen, DebriefScreen, HistoryScreen, ReplayViewerScreen)
    assert set(KEYED) == {*screens, ScenarioErrorsScreen, TrainerApp}


def test_every_binding_has_its_own_stable_id() -> None:
    ids = [binding.id for owner in (*KEYED, HelpScreen, ConfirmModal) for binding in bindings_of(owner)]
    assert None not in ids
    assert len(ids) == len(set(ids))


def test_key_names_read_as_on_the_keyboard() -> None:
    assert [key_text(k) for k in ("escape", "ctrl+q", "question_mark", "u", "f1", "backspace", "left")] == [
        "Esc",
        "Ctrl+Q",
        "?",
        "u",
        "F1",
        "Backspace",
        "←",
    ]


@pytest.mark.asyncio
async def test_the_help_has_a_line_for_every_key_of_every_screen(new_app: Callable[..., TrainerApp], settle) -> None:
    app = new_app()
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        lines = help_lines(app)
    for owner in KEYED:
        for binding in bindings_of(owner):
            if not binding.description:
                continue  # hidden helpers, such as Enter selecting a row that cannot be played
            what = binding.tooltip or binding.description
            shown = [line[: -len(what)] for line in lines if line.endswith(what) and line.startswith("  ")]
            wanted = ["1-9"] if binding.key_display == "1-9" else [key_text(key) for key in binding.key.split(",")]
            assert any(all(key in keys for key in wanted) for keys in shown), (owner.__name__, binding.key, shown)
    # What the hand-written help had left out: the library's c and h, and every history and viewer key.
    text = "\n".join(lines)
    assert "continue your last unfinished run of this scenario" in text and "your past runs" in text
    assert "History" in text and "continue the highlighted unfinished run" in text
    assert "Replay" in text and "the next move" in text and "the last move" in text


@pytest.mark.asyncio
async def test_the_help_starts_with_the_keys_of_the_screen_it_was_opened_from(
    new_app: Callable[..., TrainerApp], settle, read_screen
) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("f1")
        await settle(pilot)
        sections = [line for line in help_lines(app) if line and not line.startswith(" ")]
        assert sections[:2] == ["Play", "Anywhere"]
        text = read_screen(app)
        assert "take your last choice back" in text and "Ctrl+Q" in text  # both in view at 80x24


@pytest.mark.asyncio
async def test_the_footer_keys_say_what_they_do_on_hover(new_app: Callable[..., TrainerApp], settle) -> None:
    """The footer shows each key's tooltip, the words the help lists for it."""
    app = new_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        tips = {str(key.tooltip) for key in app.screen.query("FooterKey")}
    wanted = [binding.tooltip for binding in bindings_of(LibraryScreen) if binding.show]
    assert wanted and set(wanted) <= tips
