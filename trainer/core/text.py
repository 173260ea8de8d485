"""Untrusted text (scenario and replay strings, file names) made safe to show on a terminal.

Everything a file can put in front of the user passes through here, in text output and in the
TUI: control characters would be obeyed by the terminal (an OSC sequence retitles it, a CSI
clears it), and bidirectional overrides such as U+202E reorder what is shown, so a name could
read as something it is not. Both are replaced by visible escapes.
"""

from __future__ import annotations

import re

# C0 and C1 control characters and DEL, and the Unicode characters that reorder or break text
# on screen: the bidi marks, embeddings, overrides and isolates, and the line and paragraph
# separators. Newline and tab are kept, because narration is written in lines.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_UNSAFE}]")
# For text that must stay on one line (a diagnostic, a title, a file name): newline and tab too.
_CONTROL_ONE_LINE = re.compile(f"[{_UNSAFE}\n\t]")

# Messages quote values from files; a 50 MB scalar must not come back as a 50 MB message.
SHORT = 60


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str) -> str:
    """Replace control and bidi characters with a visible escape such as ``\\x1b`` or ``\\u202e``."""
    return _CONTROL.sub(_escape, text)


def is_visible(text: str) -> bool:
    """Whether ``visible(text)`` is ``text`` itself: one search over many joined strings is cheaper
    than a substitution on each (the rows of `trainer score`).

    ``str.isprintable()`` answers first, in a third of the time of the search: it is false for every
    character escaped here (and for a few kept, such as a newline), so only its no needs the search.
    """
    return text.isprintable() or _CONTROL.search(text) is None


def one_line(text: str) -> str:
    """Like ``visible``, and newlines and tabs escaped too, so the text stays on one line."""
    return _CONTROL_ONE_LINE.sub(_escape, text)


def shortened(text: str, limit: int = SHORT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis and the count left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def quoted(value: object, limit: int = SHORT) -> str:
    """A value from a file as a message quotes it: in single quotes, shortened, on one line."""
    return f"'{one_line(shortened(str(value), limit))}'"
