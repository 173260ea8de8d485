"""The list of choices: an OptionList whose automatic height never hides a wrapped line."""

from __future__ import annotations

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
