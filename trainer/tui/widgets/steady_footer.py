"""The key footer, rebuilt only when the keys it shows change, and without Textual 8.2.8's leak.

Textual's `Footer` rebuilds all its key widgets on every bindings refresh (each focus change, each
choice), and each key it builds is data-bound to the footer's `compact` reactive: the footer
keeps a watcher on every key it ever built, long after the key is gone. Over a run that was about
1 MiB per choice and take-back, and full garbage collections that grew with it (the play screen's
slow answers). This footer skips rebuilds that would show the same keys, and after each rebuild
lets go of the watchers of the keys it removed. And when the new keys line up one for one with the
shown ones (the play screen's Choose and Continue trade places on every choice), it writes them
onto the key widgets it has instead of building new ones.
"""

from __future__ import annotations

from typing import Any

from textual.compose import compose
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


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
        if self.is_attached and self.relabel_keys():
            return
        await super().recompose()
        # Textual keeps a footer's watchers in its "__watchers" dict (reactive.py), and prunes those of
        # closed widgets only when the watched reactive changes; `compact` never does. Prune them here:
        # notifying every key instead (mutate_reactive) restyled the whole footer at each rebuild.
        for watchers in getattr(self, "__watchers", {}).values():
            watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]

    def relabel_keys(self) -> bool:
        """Show the keys of a fresh compose on the key widgets already shown, when they line up one for
        one (same count, plain keys in the same places); False, changing nothing, when they do not.

        Building and mounting six key widgets (each styled, with its two component styles) on each
        choice and take-back was most of the frames after a choice, and the old keys became garbage
        for the collector; relabelling changes a few attributes and repaints the keys that changed.
        """
        shown = list(self.children)
        fresh = compose(self)
        if len(fresh) != len(shown) or not all(
            type(old) is FooterKey and type(new) is FooterKey and lined_up(old, new)
            for old, new in zip(shown, fresh, strict=True)
        ):
            return False
        for old, new in zip(shown, fresh, strict=True):
            assert isinstance(old, FooterKey) and isinstance(new, FooterKey)
            if key_face(old) == key_face(new):
                continue
            old.key, old.key_display, old.description, old.action = (
                new.key,
                new.key_display,
                new.description,
                new.action,
            )
            old._disabled = new._disabled
            old.set_class(new._disabled, "-disabled")
            old.tooltip = new.tooltip
            old.refresh(layout=True)
        return True


def key_face(key: FooterKey) -> tuple[Any, ...]:
    """What a key widget shows and does."""
    return (key.key, key.key_display, key.description, key.action, key._disabled, key.tooltip)


def lined_up(old: FooterKey, new: FooterKey) -> bool:
    """Whether ``new`` can be shown on ``old``: the same kind of key (the palette's, a grouped one or a plain one)."""
    ignored = {"-disabled", "-compact"}
    return old.classes - ignored == new.classes - ignored
