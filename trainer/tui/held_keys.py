"""Keys pressed before a screen's list has loaded are kept, then replayed once it shows, in order.

The library and history fill their tables from a worker. A player who knows the way (down, Enter)
types faster than the replays are re-verified; without this those keys would move an empty table
and be lost.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class HoldsKeysUntilReady(Screen):
    """A screen that holds key presses until ``release_keys()`` says its content is there."""

    def __init__(self) -> None:
        super().__init__()
        self.ready = False
        self._held: list[events.Key] = []

    def on_key(self, event: events.Key) -> None:
        """Before the content is ready, keep the key (stopped here, so no binding or widget acts on it)."""
        if self.ready:
            return
        self._held.append(event)
        event.stop()
        event.prevent_default()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """This screen's keys wait too (shown dimmed), even one bound with priority, which skips ``on_key``."""
        return True if self.ready else None

    def hold_keys(self) -> None:
        """Hold keys again, until the next ``release_keys()`` (the content is being replaced)."""
        if self.ready:
            self.ready = False
            self.refresh_bindings()

    def release_keys(self) -> None:
        """The content is shown: replay the held keys, each once the one before has had its effect."""
        if self.ready:
            return
        self.ready = True
        self.refresh_bindings()
        held, self._held = self._held, []

        def replay_next() -> None:
            # Run by the app, so the key is made in the app's context and travels as if typed (one made
            # in this screen's handler would count the screen as its sender and stop bubbling at it,
            # before the app's bindings). The next waits for a refresh, so that one key's effects (a
            # row selected, a screen opened) are there before the next key arrives.
            if held:
                key = held.pop(0)
                self.app.post_message(events.Key(key.key, key.character))
                self.app.call_after_refresh(replay_next)

        self.app.call_later(replay_next)
