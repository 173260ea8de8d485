"""Fields that YAML swallowed into a block of text: the `W014` warning.

Under a `feedback: >-` block, a line such as `effects: {trust: 1}` indented with the text is
text, not a field: the effect is silently lost. A line of a `>` or `|` block that starts with the
name of a field its mapping accepts but does not have is almost always that mistake.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from trainer.core.errors import Diagnostic
from trainer.core.scenario.loader import Scenario, allowed_keys

_FIELD_AT_LINE_START = re.compile(r"^([ \t]*)([A-Za-z_][\w-]*):(?:[ \t]|$)")


def fields_in_text(loaded: Scenario) -> list[Diagnostic]:
    """A warning at every line of a block of text that reads as a missing field of the mapping around it."""
    lines = _source_lines(loaded)
    if lines is None or loaded.root is None:
        return []
    found = []
    for path, mapping in _mappings(loaded.root, []):
        present = {key.value for key, _ in mapping.value if isinstance(key, ScalarNode)}
        missing = set(allowed_keys(path)) - present
        for key, value in mapping.value:
            if not (isinstance(value, ScalarNode) and value.style in ("|", ">")):
                continue
            # The block's text is on the lines after its indicator (`>-`), before the node's end
            # (where the next key starts), and indented deeper than the block's own key.
            last = value.end_mark.line + (1 if value.end_mark.column > 0 else 0)
            for number in range(value.start_mark.line + 1, min(last, len(lines))):
                field = _FIELD_AT_LINE_START.match(lines[number])
                if field is None or field.group(2) not in missing or len(field.group(1)) <= key.start_mark.column:
                    continue
                name = field.group(2)
                message = (
                    f"'{name}:' is inside the text of '{key.value}' (indented with it), so it is text, not "
                    f"a field: indent it like '{key.value}:' if it is meant as one"
                )
                column = len(field.group(1)) + 1
                found.append(Diagnostic(loaded.shown_path, number + 1, column, "W014", message, "warning"))
    return found


def _source_lines(loaded: Scenario) -> list[str] | None:
    """The file's lines as they were loaded; None if it is gone or has changed since."""
    try:
        raw = loaded.path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(raw).hexdigest() != loaded.sha256:
        return None
    return raw.decode("utf-8-sig", errors="replace").splitlines()


def _mappings(node: Node, path: list[object]) -> Iterator[tuple[list[object], MappingNode]]:
    """Every mapping of the tree with its path of keys and indexes (as validation errors give them)."""
    if isinstance(node, MappingNode):
        yield path, node
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield from _mappings(value, [*path, key.value])
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _mappings(item, [*path, index])
