"""The footer of every screen, tightened at narrow widths so its keys are never cut off."""

from __future__ import annotations

from textual import events

from trainer.tui.widgets.steady_footer import SteadyFooter

# Below this width the keys are packed closer; below the second, Ctrl+P (which still works) is
# left out of the footer so the screen's own keys and F1 Help fit.
COMPACT_BELOW = 100
PALETTE_FROM = 70


class TrainerFooter(SteadyFooter):
    """The steady footer (no leak, no needless rebuilds), compact when the terminal is narrow, without the palette key when very narrow."""

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        palette = event.size.width >= PALETTE_FROM
        if palette != self.show_command_palette:
            self.show_command_palette = palette
            self.refresh(recompose=True)  # the footer's keys are composed once: compose them again
