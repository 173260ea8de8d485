"""How a rubric category looks: each default category has its own theme colour, others their kind's."""

from __future__ import annotations

from trainer.core.scenario.rubric import DEFAULT_RUBRIC

KIND_MARKS = {"mistake": "✗", "okay": "~", "good": "✓"}


def category_classes(category: str, kind: str) -> str:
    """CSS classes for a category label or bar; app.tcss maps them to theme colours."""
    classes = f"kind-{kind}"
    if category in DEFAULT_RUBRIC:
        classes += f" category-{category.replace('_', '-')}"
    return classes


def kind_mark(kind: str) -> str:
    """A symbol for the kind, so the meaning does not rest on colour alone."""
    return KIND_MARKS.get(kind, "•")
