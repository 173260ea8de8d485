"""The key footer, rebuilt only when the keys it shows change, and without Textual 8.2.8's leak.

Textual's `Footer` rebuilds all its key widgets on every bindings refresh (each focus change, each
choice), and each key it builds is data-bound to the footer's `compact` reactive: the footer
keeps a watcher on every key it ever built, long after the key is gone. Over a run that was about
1 MiB per choice and take-back, and full garbage collections that grew with it (the play screen's
slow answers). This footer skips rebuilds that would show the same keys, and after each rebuild
lets go of the watchers of the keys it removed.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen) -> tuple[tuple[Any, ...], ...]:
    """What the footer would draw for ``screen``'s bindings: each key, its action and words, and whether it is on."""
    return tuple(
        (key, binding.action, binding.description, binding.show, binding.key_display, binding.group, enabled, tooltip)
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
    )


class SteadyFooter(Footer):
    """A `Footer` that rebuilds only when its keys change, and keeps no watchers of the keys it removed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._composed_for: tuple[tuple[Any, ...], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = shown_keys(screen)
        if self._bindings_ready and shown == self._composed_for:
            return
        super().bindings_changed(screen)
        # Remember only a rebuild that was really asked for (the footer skips it while the app is unfocused).
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._composed_for = shown

    async def recompose(self) -> None:
        await super().recompose()
        # Textual keeps a footer's watchers in its "__watchers" dict (reactive.py), and prunes those of
        # closed widgets only when the watched reactive changes; `compact` never does. Prune them here:
        # notifying every key instead (mutate_reactive) restyled the whole footer at each rebuild.
        for watchers in getattr(self, "__watchers", {}).values():
            watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]
