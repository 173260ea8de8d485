"""A workaround for Textual 8.2.8 laying the whole screen out twice in one frame.

Before a layout, the compositor marks its map of every widget's place stale whenever a widget
that changed is not on screen yet (a transcript block just mounted, the feedback panel's labels
filled while it was hidden): a choice always has one. The layout then builds a fresh map of the
whole screen, but leaves the mark; and a widget that asks for its size in the meantime (the
transcript's scrollbar, told the story's new length during that very layout) has the whole screen
arranged again to answer, inside the layout. That second arrangement was a fifth of a choice's
first frame, and it came back on the next lookup after the layout too.

The layout rebuilds the map anyway, so it now clears the mark as it starts: a size asked for
during it is the last frame's (or none, for a widget not placed yet), as it is for every widget
Textual does not re-arrange, and the widgets whose place changes are repainted by the layout.
"""

from __future__ import annotations

from typing import Any

from textual._compositor import Compositor


def one_arrangement_per_layout() -> bool:
    """Make `Compositor.reflow` clear the stale mark of its map as it starts; False when this Textual
    has no such mark (nothing to change) or it is done already."""
    reflow = Compositor.reflow
    if getattr(reflow, "clears_stale_map", False) or not hasattr(Compositor(), "_full_map_invalidated"):
        return False

    def reflow_once(self: Compositor, parent: Any, size: Any) -> Any:
        self._full_map_invalidated = False
        return reflow(self, parent, size)

    reflow_once.clears_stale_map = True  # type: ignore[attr-defined]
    reflow_once.__doc__ = reflow.__doc__
    Compositor.reflow = reflow_once  # type: ignore[method-assign]
    return True
