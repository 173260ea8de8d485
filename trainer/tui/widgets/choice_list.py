"""The list of choices: an OptionList whose automatic height never hides a wrapped line."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.widgets import OptionList


class ChoiceList(OptionList):
    """Sized as if its scrollbar were showing, so a prompt that only just fits is never cut off.

    Textual measures an auto-height OptionList at its full width, but while its options are being
    replaced a scrollbar can appear and narrow it; a prompt that only just fitted then wraps onto
    one more line than the height allows, the scrollbar stays, and the last line is hidden.
    Measuring at the narrower width costs at most one blank line in that rare case.

    It may take most of the height (the transcript above keeps its newest lines): at 60x20 with
    the meters open, three long choices need twelve lines, and a list that scrolls hides one.
    """

    DEFAULT_CSS = """
    ChoiceList, ChoiceList:focus {
        height: auto;
        max-height: 80%;
        border: round $primary;
        border-title-align: left;
        padding: 0 1;
    }
    """

    _restyle_when_shown = False

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle for the focus change, unless hidden: then when next shown.

        The list loses focus on every choice, as it is hidden for the feedback, and restyling an
        OptionList (its option styles too) was a tenth of that choice's frame for a widget no one
        sees. It is focused again before it shows, which restyles it anyway.
        """
        if self.display or has_focus:
            self._restyle_when_shown = False
            super().watch_has_focus(has_focus)
        else:
            self._restyle_when_shown = True

    def _on_show(self, event: events.Show) -> None:
        super()._on_show(event)
        if self._restyle_when_shown:
            self._restyle_when_shown = False
            self.update_node_styles()

    def watch_show_vertical_scrollbar(self) -> None:
        """Wrap the options again when the scrollbar comes or goes: it changes their width.

        OptionList counts each option's lines once, at the width it has then, and only a resize
        counts them again; a scrollbar appearing is no resize, so an option that needs one more
        line at the narrower width lost its last line (its last words were never shown).
        """
        self._clear_caches()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        narrower = max(1, width - self.styles.scrollbar_size_vertical)
        return super().get_content_height(container, viewport, narrower)
