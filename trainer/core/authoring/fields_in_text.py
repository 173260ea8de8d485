"""Fields that YAML swallowed into a block of text: the `W014` warning.

Under a `feedback: >-` block, a line such as `effects: {trust: 1}` indented with the text is
text, not a field: the effect is silently lost. A line of a `>` or `|` block that starts with the
name of a field its mapping accepts but does not have is almost always that mistake.
"""

from __future__ import annotations

import re

from trainer.core.errors import Diagnostic
from trainer.core.scenario.loader import Scenario, allowed_keys

_FIELD_AT_LINE_START = re.compile(r"^([ \t]*)([A-Za-z_][\w-]*):(?:[ \t]|$)")


def fields_in_text(loaded: Scenario) -> list[Diagnostic]:
    """A warning at every line of a block of text that reads as a missing field of the mapping around it."""
    if not loaded.blocks:
        return []
    lines = loaded.text.splitlines()
    found = []
    for block in loaded.blocks:
        missing = set(allowed_keys(block.mapping)) - block.keys
        # The block's text is on the lines after its indicator (`>-`), before the node's end
        # (where the next key starts), and indented deeper than the block's own key.
        last = block.end_line + (1 if block.end_column > 0 else 0)
        for number in range(block.first_line + 1, min(last, len(lines))):
            field = _FIELD_AT_LINE_START.match(lines[number])
            if field is None or field.group(2) not in missing or len(field.group(1)) <= block.key_column:
                continue
            name = field.group(2)
            message = (
                f"'{name}:' is inside the text of '{block.key}' (indented with it), so it is text, not "
                f"a field: indent it like '{block.key}:' if it is meant as one"
            )
            column = len(field.group(1)) + 1
            found.append(Diagnostic(loaded.shown_path, number + 1, column, "W014", message, "warning"))
    return found
