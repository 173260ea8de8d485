"""Map a path of keys and indexes (as validation errors give them) back to a YAML line and column.

Each mapping's keys are indexed the first time a path goes through it, so locating a problem
costs the same in a mapping of 5 keys as in one of 50,000: a file with thousands of errors is
located in linear time, never quadratic.
"""

from __future__ import annotations

from collections.abc import Sequence
from weakref import WeakKeyDictionary

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# mapping node -> {key text: (key node, value node)}, the first of duplicate keys kept (as the
# loader keeps it). Weak, so an index goes with its node tree.
_KEYS: WeakKeyDictionary[MappingNode, dict[str, tuple[Node, Node]]] = WeakKeyDictionary()


def _keys_of(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    index = _KEYS.get(node)
    if index is None:
        index = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                index.setdefault(key_node.value, (key_node, value_node))
        _KEYS[node] = index
    return index


def find_node(root: Node, path: Sequence[object], *, key: bool = False) -> Node:
    """The deepest node along ``path``; with ``key``, the key node of the last mapping entry.

    Steps that do not exist in the file (a validator's own labels, index 0 of a single `say`
    written as a mapping) are skipped, so an error always lands on the nearest real node.
    """
    node = root
    last = len(path) - 1
    for position, step in enumerate(path):
        if isinstance(node, MappingNode):
            entry = _keys_of(node).get(str(step))
            if entry is not None:
                if key and position == last:
                    return entry[0]
                node = entry[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
    return node


def line_column(node: Node) -> tuple[int, int]:
    """1-based line and column of a node's start."""
    return node.start_mark.line + 1, node.start_mark.column + 1


# YAML 1.1 line breaks, as the parser counts lines: CR LF, CR, LF, NEL, LS and PS.
_BREAKS = "\r\n\x85\u2028\u2029"
_SIMPLE_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", " ": " ", "\t": "\t", "_": "\u00a0", "N": "\x85", "L": "\u2028"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def place_in_scalar(text: str, node: Node, offset: int) -> tuple[int, int]:
    """1-based line and column in the file of the character at ``offset`` in a scalar's value.

    The value is not the source: quotes open it, escapes (``''``, ``\\t``, ``\\u006d``) are longer
    than what they stand for, folded lines join with a space, and a block scalar (``|``, ``>-``)
    starts on the line after its indicator. Folding only ever changes whitespace, so the value's
    other characters are matched, in order, to the source characters that produce them.
    """
    if not text or not isinstance(node, ScalarNode):
        return line_column(node)
    units = _source_units(text, node)
    value = node.value
    seen = sum(1 for character in value[:offset] if not character.isspace())
    solid = [(produced, start, end) for produced, start, end in units if not produced.isspace()]
    if solid and offset < len(value) and not value[offset].isspace() and seen < len(solid):
        index = solid[seen][1]
    elif solid and seen:
        index = solid[min(seen, len(solid)) - 1][2]  # just after the last character before it
    else:
        index = units[0][1] if units else node.start_mark.index
    return _line_and_column(text, node, index)


def _source_units(text: str, node: ScalarNode) -> list[tuple[str, int, int]]:
    """(what it stands for, start, end in ``text``) for each piece of the scalar's source."""
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style
    units: list[tuple[str, int, int]] = []
    i = start
    if style in ("|", ">"):
        while i < end and text[i] not in _BREAKS:  # the indicator line, with any comment on it
            i += 1
    elif style in ("'", '"'):
        i += 1
        end -= 1  # the closing quote
    while i < end:
        character = text[i]
        if style == "'" and text.startswith("''", i):
            units.append(("'", i, i + 2))
            i += 2
        elif style == '"' and character == "\\" and i + 1 < end:
            kind = text[i + 1]
            if kind in _BREAKS:  # an escaped line break joins the lines: it stands for nothing
                i += 2
            elif kind in _HEX_ESCAPES:
                width = 2 + _HEX_ESCAPES[kind]
                try:
                    produced = chr(int(text[i + 2 : i + width], 16))
                except ValueError:
                    produced = "?"
                units.append((produced, i, i + width))
                i += width
            else:
                units.append((_SIMPLE_ESCAPES.get(kind, kind), i, i + 2))
                i += 2
        else:
            units.append((character, i, i + 1))
            i += 1
    return units


def _line_and_column(text: str, node: Node, index: int) -> tuple[int, int]:
    line, column = node.start_mark.line, node.start_mark.column
    i = node.start_mark.index
    while i < index:
        if text[i] in _BREAKS:
            if text.startswith("\r\n", i):
                i += 1
            line, column = line + 1, 0
        else:
            column += 1
        i += 1
    return line + 1, column + 1
