"""Scenario and replay strings as display objects that can never be read as markup or escape codes.

Most Textual widgets parse a plain ``str`` as markup (which can carry click actions), and
``escape()`` lets some tags through, so untrusted text only ever reaches a widget through here.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from trainer.core.text import visible


def as_content(text: str, style: str = "") -> Content:
    """Untrusted text as literal Content, control characters made visible."""
    content = Content(visible(text))
    return content.stylize(style) if style else content


def as_rich_text(text: str, style: str = "") -> Text:
    """Untrusted text as a literal Rich Text (for DataTable cells)."""
    return Text(visible(text), style=style, end="")
