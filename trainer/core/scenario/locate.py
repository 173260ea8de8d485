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
