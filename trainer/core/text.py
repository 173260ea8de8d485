"""Untrusted text (scenario and replay strings) made safe to show on a terminal."""

from __future__ import annotations

import re

# C0 and C1 control characters and DEL, except newline and tab: an ESC from a scenario file
# must never reach the terminal as an escape sequence.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Replace control characters with a visible escape such as ``\\x1b``."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
