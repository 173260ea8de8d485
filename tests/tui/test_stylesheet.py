"""The app's one stylesheet scopes every rule, so nothing one screen needs can leak into another."""

from __future__ import annotations

import importlib
import pkgutil

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


def test_every_rule_of_the_app_stylesheet_is_scoped() -> None:
    assert unscoped_rules(TrainerApp.CSS_PATH.read_text(encoding="utf-8")) == []


def test_a_rule_for_any_screen_is_found() -> None:
    """A rule for a class alone (`.narration`) would style that class on every screen, as one leaked before."""
    css = "DebriefScreen .narration { margin: 1 0; }\n.narration { margin: 1 0; }\nStatic { color: red; }\n"
    assert unscoped_rules(css) == [".narration", "Static"]
