"""The footer of every screen, tightened at narrow widths so its keys are never cut off."""

from __future__ import annotations

from textual import events

from trainer.tui.widgets.steady_footer import SteadyFooter

# Below this width the keys are packed closer; below the second, Ctrl+P (which still works) is
# left out of the footer so the screen's own keys and F1 Help fit.
COMPACT_BELOW = 100
PALETTE_FROM = 70


class TrainerFooter(SteadyFooter):
    """The steady footer (no leak, no needless rebuilds), compact when the terminal is narrow,
    without the palette key when very narrow."""

    def __init__(self) -> None:
        # Compact to begin with: most terminals are narrow, and a footer that starts as it should
        # look is painted with the screen, not a frame later.
        super().__init__(compact=True)

    def on_mount(self) -> None:
        # Fitted to the terminal before the first paint, so a narrow one never shows a footer that changes.
        self.fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.width)

    def fit(self, width: int) -> None:
        self.compact = width < COMPACT_BELOW
        palette = width >= PALETTE_FROM
        if palette != self.show_command_palette:
            self.show_command_palette = palette
            self.refresh(recompose=True)  # the footer's keys are composed once: compose them again
