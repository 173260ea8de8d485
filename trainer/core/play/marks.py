"""How a choice's category is marked wherever a run is shown: feedback, tally, replay, --plain.

The one place that decides the mark and the words, so the play screen, the debrief, the replay
viewer and `--plain` say it alike. Self-blame costs a point like a mistake, but the player voicing
it may be hurting (domain.md: "a gentle mistake", its feedback comforts): it gets a softer mark and
its own words instead of the mistake's cross.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.core.scenario.rubric import CARE_CATEGORIES

KIND_MARKS = {"mistake": "✗", "okay": "~", "good": "✓"}
OTHER_MARK = "•"  # a scenario's own kind, should one ever be added


@dataclass(frozen=True, slots=True)
class Marking:
    """A category as shown: ``mark`` (so the meaning does not rest on colour alone) and ``kind`` in words."""

    mark: str
    kind: str
    note: str = ""  # said beside the points where the kind alone would read harsher than meant


CARE_MARKING = Marking(mark="◦", kind="gentle mistake", note="a gentle mistake")


def marking(category: str, kind: str) -> Marking:
    """The mark and kind words for a choice of ``category`` (whose rubric kind is ``kind``)."""
    if category in CARE_CATEGORIES:
        return CARE_MARKING
    return Marking(KIND_MARKS.get(kind, OTHER_MARK), kind)


def points_text(points: int) -> str:
    """Points with their sign and unit: `+3 points`, `-1 point`, `+0 points`."""
    return f"{points:+d} point" if abs(points) == 1 else f"{points:+d} points"


def points_words(category: str, kind: str, points: int, *, unit: bool = True) -> str:
    """The points as feedback states them, `-3 points` (or `-3` without ``unit``); self-blame's add
    `, a gentle mistake`."""
    said = points_text(points) if unit else f"{points:+d}"
    note = marking(category, kind).note
    return f"{said}, {note}" if note else said
