"""Keep the garbage collector off bulk work that builds many small objects, during it and after it.

Pausing alone only defers the work: every object made during the pause is still young when the
collector comes back, so the next collections walk them all, then again as they age (at 10,000
scenes about half of `validate`'s time was that deferred walk). So a pause ends with
``gc.freeze()``, which moves everything alive into the permanent generation that no collection
walks.

Why that is safe for our data: a frozen object is still freed the moment its last reference goes
(reference counting does not care), only a frozen reference *cycle* is never collected. What the
loader and the analysis build points down, never back up (dicts, lists, tuples, frozen
dataclasses and models, condition closures): a test loads, analyses and drops every bundled
scenario and finds no cyclic garbage. Work that builds cycles (the `transitions` machine, whose
events point back at it) pauses with ``freeze=False``.

``gc.freeze()`` freezes every object alive, not only the pause's own: a run's machine or a
screen alive during a later load would stay frozen, and leak, once dropped. So freezing is off
unless the process says it is safe. A command that runs and exits turns it on
(``freeze_after_pauses(True)`` in the CLI's entry point); a long-lived one (the TUI, a script or
server using the API) keeps it off, and the TUI freezes once, on purpose, when its long-lived
heap is built (``freeze_long_lived_heap()``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freeze_after_pause = False


def freeze_after_pauses(enabled: bool) -> bool:
    """Whether pauses end by freezing: on for a command that runs and exits, off (the default) otherwise.

    Returns the previous setting, so a caller that is itself called in a longer-lived process (the
    CLI's ``main`` from a script or a test) can put it back when it returns.
    """
    global _freeze_after_pause
    previous, _freeze_after_pause = _freeze_after_pause, enabled
    return previous


@contextmanager
def gc_paused(*, freeze: bool = True) -> Iterator[None]:
    """Collect nothing during the block, then freeze everything alive if the process allows it and ``freeze``."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze and _freeze_after_pause:
            gc.freeze()
        if was_enabled:
            gc.enable()


def freeze_long_lived_heap() -> None:
    """Freeze what is alive now, once the objects that live as long as the process are built.

    Later full collections then walk only what was made since: in the TUI, a choice's objects,
    not the app's widgets and the loaded library. Whatever cyclic garbage exists at this moment
    stays (start-up leaves little), so call it once, not repeatedly.
    """
    gc.freeze()


def unfreeze_heap() -> None:
    """Give the frozen objects back to the collector, when what they belonged to is done."""
    gc.unfreeze()


# A full collection walks every object not frozen: in the app, about 100 ms once a run's screens,
# caches and history exist. Left to the collector it lands on whatever key comes next (the slow
# answers to a choice); an interactive process can instead run it when the player is idle.
FULL_COLLECTION_DUE = 10  # the collector's own default: after 10 collections of the middle generation
# Keys that never pause (a player holding one down) still get a full collection, half as often:
# cyclic garbage old enough for the last generation would otherwise pile up.
FULL_COLLECTION_OVERDUE = 2 * FULL_COLLECTION_DUE


def defer_full_collections() -> tuple[int, int, int]:
    """Stop the collector from starting full collections by itself (the young generations go on as
    before); returns the thresholds to give back to `gc.set_threshold` when done."""
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], 2**30)
    return thresholds


def collect_if_due(due: int = FULL_COLLECTION_DUE) -> bool:
    """Run the full collection the collector would have run by now (see `defer_full_collections`), or
    only once it is ``due`` collections of the middle generation late."""
    if gc.isenabled() and gc.get_count()[2] >= due:
        gc.collect()
        return True
    return False
