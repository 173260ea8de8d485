"""A scenario's errors as lines of text for a notice or a screen, made safe to show."""

from __future__ import annotations

from trainer.core.errors import ScenarioError
from trainer.core.text import visible

MAX_ERRORS_SHOWN = 5


def errors_text(error: ScenarioError, limit: int | None = MAX_ERRORS_SHOWN) -> str:
    """The diagnostics one a line, made safe to show: the first ``limit`` and a count of the rest."""
    shown = error.diagnostics if limit is None else error.diagnostics[:limit]
    lines = [visible(str(d)) for d in shown]
    more = len(error.diagnostics) - len(shown)
    if more > 0:
        lines.append(f"... and {more} more")
    return "\n".join(lines)
