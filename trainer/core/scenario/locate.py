"""Map a path of keys and indexes (as validation errors give them) back to a YAML line and column."""

from __future__ import annotations

from collections.abc import Sequence

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


def find_node(root: Node, path: Sequence[object], *, key: bool = False) -> Node:
    """The deepest node along ``path``; with ``key``, the key node of the last mapping entry.

    Steps that do not exist in the file (a validator's own labels, index 0 of a single `say`
    written as a mapping) are skipped, so an error always lands on the nearest real node.
    """
    node = root
    last = len(path) - 1
    for position, step in enumerate(path):
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                    if key and position == last:
                        return key_node
                    node = value_node
                    break
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
    return node


def line_column(node: Node) -> tuple[int, int]:
    """1-based line and column of a node's start."""
    return node.start_mark.line + 1, node.start_mark.column + 1
