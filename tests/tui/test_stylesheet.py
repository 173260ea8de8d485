"""The app's stylesheets scope every rule, so nothing one screen needs can leak into another; the
library's first frame parses only the library's rules, the first other screen adds the rest."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.css.model import SelectorType
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

import trainer.tui.screens
from trainer.tui.app import TrainerApp


def screen_names() -> set[str]:
    """The type names of the screens of `trainer.tui.screens`."""
    names = set()
    for module in pkgutil.iter_modules(trainer.tui.screens.__path__):
        loaded = importlib.import_module(f"trainer.tui.screens.{module.name}")
        names |= {
            value.__name__
            for value in vars(loaded).values()
            if isinstance(value, type) and issubclass(value, Screen) and value.__module__ == loaded.__name__
        }
    return names


def unscoped_rules(css: str) -> list[str]:
    """The selectors that start with neither one of our screens' types nor a category class."""
    stylesheet = Stylesheet(variables=App().get_css_variables())
    stylesheet.add_source(css, read_from=("app.tcss", ""))
    stylesheet.parse()
    screens = screen_names()
    found = []
    for rule in stylesheet.rules:
        for selectors in rule.selector_set:
            first = selectors.selectors[0]
            by_screen = first.type == SelectorType.TYPE and first.name in screens
            by_category = first.type == SelectorType.CLASS and first.name.startswith("category-")
            if not (by_screen or by_category):
                found.append(selectors.css)
    return found


@pytest.mark.parametrize("path", [TrainerApp.CSS_PATH, TrainerApp.SCREENS_CSS_PATH], ids=lambda path: path.name)
def test_every_rule_of_the_app_stylesheets_is_scoped(path: Path) -> None:
    assert unscoped_rules(path.read_text(encoding="utf-8")) == []


def test_the_library_stylesheet_has_only_the_library_rules() -> None:
    stylesheet = Stylesheet(variables=App().get_css_variables())
    stylesheet.add_source(TrainerApp.CSS_PATH.read_text(encoding="utf-8"), read_from=("library.tcss", ""))
    stylesheet.parse()
    assert {selectors.selectors[0].name for rule in stylesheet.rules for selectors in rule.selector_set} == {
        "LibraryScreen"
    }


def stylesheets(app: TrainerApp) -> set[str]:
    return {Path(path).name for path, _ in app.stylesheet.source if path.endswith(".tcss")}


@pytest.mark.asyncio
async def test_the_other_screens_rules_are_parsed_when_the_first_of_them_opens(
    new_app: Callable[..., TrainerApp], settle
) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert stylesheets(app) == {"library.tcss"}
        await pilot.press("enter")
        await settle(pilot)
        assert stylesheets(app) == {"library.tcss", "app.tcss"}
        assert app.screen.query_one("#story").styles.max_width.value == 100, "PlayScreen #story, from app.tcss"


def test_a_rule_for_any_screen_is_found() -> None:
    """A rule for a class alone (`.narration`) would style that class on every screen, as one leaked before."""
    css = "DebriefScreen .narration { margin: 1 0; }\n.narration { margin: 1 0; }\nStatic { color: red; }\n"
    assert unscoped_rules(css) == [".narration", "Static"]
