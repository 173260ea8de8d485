"""Command palette entries "Play: <title>" for every playable scenario in the library."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from trainer.core.text import one_line

if TYPE_CHECKING:
    from trainer.tui.app import TrainerApp


def _highlighted(matcher: Matcher, name: str) -> Content:
    """``name`` as literal Content with the matched letters marked.

    Matcher.highlight parses its candidate as markup, so it must not see a scenario title.
    """
    content = Content(name)
    score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    if score:
        for offset in offsets:
            if not name[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ScenarioCommands(Provider):
    """Play any scenario by name."""

    def _entries(self) -> list[tuple[str, object, str]]:
        app: TrainerApp = self.app  # type: ignore[assignment]
        entries = []
        for entry in app.library:
            if entry.loaded is None:
                continue
            scenario = entry.loaded.file
            name = f"Play: {one_line(scenario.title)}"
            # Help text is parsed as markup by the palette, so it holds only our own words.
            help_text = f"Difficulty {scenario.difficulty} of 5"
            entries.append((name, partial(app.open_run, entry.loaded), help_text))
        return entries

    async def discover(self) -> Hits:
        for name, command, help_text in self._entries():
            yield DiscoveryHit(Content(name), command, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlighted(matcher, name), command, text=name, help=help_text)
