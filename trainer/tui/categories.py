"""How a rubric category looks: each default category has its own theme colour, others their kind's."""

from __future__ import annotations

from trainer.core.play.marks import marking
from trainer.core.scenario.rubric import DEFAULT_RUBRIC


def category_classes(category: str, kind: str) -> str:
    """CSS classes for a category label or bar; app.tcss maps them to theme colours."""
    classes = f"kind-{kind}"
    if category in DEFAULT_RUBRIC:
        classes += f" category-{category.replace('_', '-')}"
    return classes


def kind_mark(category: str, kind: str) -> str:
    """A symbol for the category's kind, so the meaning does not rest on colour alone (core decides it)."""
    return marking(category, kind).mark
