"""A loaded scenario keeps its text, not its YAML node tree (about 19 bytes per YAML byte), and
warnings and errors are still placed at their line and column from that text."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import yaml
import yaml.resolver
from yaml.nodes import Node

from trainer.core.authoring.lint import lint
from trainer.core.library import bundled_scenarios_dir
from trainer.core.scenario.loader import load_scenario, load_scenario_bytes
from trainer.core.scenario.locate import find_node, line_column
from trainer.core.scenario.yamlsource import SourceTree, parse_yaml

SWALLOWED = b"""\
format: 1
id: demo
title: Demo
summary: A short demo.
difficulty: 2
characters:
  kai: {name: Kai}
start: opening
scenes:
  opening:
    text: Kai calls.
    say: {who: kai, line: Hello.}
    choices:
      - id: plead
        text: Please don't.
        category: weakness
        feedback: >-
          Pleading hands Kai the power.
          effects: {}
        goto: ending
      - id: accept
        text: I hear you.
        category: graceful
        feedback: Accepting with dignity.
        goto: ending
  ending:
    ending: {title: Done, outcome: good, debrief: It ended.}
"""


def nodes_alive() -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, Node))


def test_loading_leaves_no_yaml_node_alive() -> None:
    before = nodes_alive()
    loaded = load_scenario(bundled_scenarios_dir() / "phone-call.yaml")
    assert nodes_alive() == before
    assert loaded.text == (bundled_scenarios_dir() / "phone-call.yaml").read_text(encoding="utf-8")


def test_a_parsed_document_composes_its_tree_only_when_asked() -> None:
    before = nodes_alive()
    document = parse_yaml(b"id: demo\ntitle: Demo\n", "demo.yaml")
    assert nodes_alive() == before
    assert document.tree.at(["title"]) == (2, 8)
    assert document.tree.at(["title"], key=True) == (2, 1)
    assert nodes_alive() == before + 3  # the title's entry alone (a mapping, its key, its value), on demand
    assert document.tree.at([]) == (1, 1)  # a path in no entry: the whole tree
    assert nodes_alive() == before + 3 + 5


def test_a_swallowed_field_is_warned_at_its_line_without_the_file(tmp_path) -> None:
    """The lint reads the text kept with the scenario: the file may be gone, or never have existed."""
    path = tmp_path / "demo.yaml"
    path.write_bytes(SWALLOWED)
    loaded = load_scenario(path)
    path.unlink()
    for scenario in (loaded, load_scenario_bytes(SWALLOWED, "demo.yaml")):
        found = [(d.code, d.line, d.column) for d in lint(scenario)]
        assert ("W014", 19, 11) in found


def test_a_warning_is_placed_from_the_kept_text() -> None:
    text = SWALLOWED.replace(b"  kai: {name: Kai}\n", b"  kai: {name: Kai}\n  sam: {name: Sam}\n")
    found = [(d.code, d.line, d.column) for d in lint(load_scenario_bytes(text, "demo.yaml"))]
    assert ("W006", 8, 3) in found


def test_the_root_is_still_there_when_asked_for() -> None:
    loaded = load_scenario_bytes(SWALLOWED, "demo.yaml")
    assert loaded.root is not None and loaded.root.value[1][0].value == "id"
    assert loaded.root is not loaded.root  # composed on each use, kept by no one


def _nodes(node: Node) -> list[Node]:
    found = [node]
    for child in node.value if isinstance(node.value, list) else []:
        for part in child if isinstance(child, tuple) else (child,):
            found += _nodes(part)
    return found


def _placed(nodes: list[Node]) -> list[tuple[object, ...]]:
    return [
        (type(n), n.value if isinstance(n.value, str) else None, n.start_mark.index, n.end_mark.index) for n in nodes
    ]


def test_the_tree_that_places_problems_is_composed_without_resolving_tags(monkeypatch) -> None:
    """Placing needs kinds, text and marks: resolving each scalar's tag (Python) was a third of composing."""

    calls: list[object] = []
    for path in sorted(bundled_scenarios_dir().glob("*.yaml"))[:4]:
        loaded = load_scenario(path)
        resolved = _nodes(yaml.compose(loaded.text, Loader=yaml.CSafeLoader))
        with monkeypatch.context() as patched:
            patched.setattr(yaml.resolver.BaseResolver, "resolve", lambda *args: calls.append(args))
            placing = _nodes(loaded.source_tree().root)
        assert calls == []
        assert _placed(placing) == _placed(resolved)
        assert [getattr(n, "style", None) for n in placing] == [getattr(n, "style", None) for n in resolved]


def _paths(node: Node, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path of keys and indexes in a node tree, as validation errors and warnings give them."""
    found = [here]
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            found += _paths(value_node, (*here, key_node.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found += _paths(item, (*here, index))
    return found


# Entries written in ways a slice of lines could get wrong: flow style, CRLF, comments, an explicit
# `? key`, a scene on one line, a block scalar ending a scene, quoted keys.
ODD = [
    "format: 1\r\nid: crlf\r\nscenes:\r\n  a:\r\n    text: One\r\n    choices:\r\n      - {id: x, goto: b}\r\n"
    "  b:  # a comment\r\n    ending: {title: T}\r\n",
    "format: 1\nid: flow\nscenes: {a: {text: One, choices: [{id: x, goto: b}]}, b: {ending: {title: T}}}\n",
    "format: 1\nscenes:\n  ? a\n  : text: One\n  b: {ending: {title: T}}\n  c:\n    text: |+\n      kept\n\n\n  d: {}\n",
    "format: 1\n\n# between\nid: x\nscenes:\n  a: {text: One}\n  'b': {text: Two}\n  \"c\" : {}\n",
]


@pytest.mark.parametrize("source", [*sorted(bundled_scenarios_dir().glob("*.yaml"))[:5], *ODD])
def test_a_path_is_placed_from_its_entry_alone_as_from_the_whole_tree(source: Path | str) -> None:
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    document = parse_yaml(text.encode(), "demo.yaml")
    whole = yaml.compose(text, Loader=yaml.CSafeLoader)
    by_entry: dict[tuple[object, ...], list[tuple[object, ...]]] = {}
    for path in _paths(whole):
        by_entry.setdefault(path[: 2 if path[:1] == ("scenes",) else 1], []).append(path)
    shared = SourceTree(text, spans=document.spans)  # past MAX_PARTS entries, it composes the whole tree
    for paths in by_entry.values():
        alone = SourceTree(text, spans=document.spans)  # one entry composed alone
        for path in paths:
            for key in (False, True):
                expected = line_column(find_node(whole, path, key=key))
                assert alone.at(path, key=key) == expected, (path, key)
                assert shared.at(path, key=key) == expected, (path, key)


def test_a_warning_in_one_scene_composes_that_scene_alone() -> None:
    scenes = "".join(
        f"  s{i}:\n    text: Scene {i}.\n    choices:\n      - {{id: c, goto: s{i + 1}}}\n" for i in range(300)
    )
    text = f"format: 1\nid: big\nscenes:\n{scenes}  s300:\n    ending: {{title: End}}\n"
    document = parse_yaml(text.encode(), "big.yaml")
    before = nodes_alive()
    placed = document.tree.at(["scenes", "s150", "choices", 0, "goto"])
    assert nodes_alive() - before < 20  # the whole tree has over 3,000 nodes
    assert (
        placed
        == (3 + 4 * 150 + 4, 23)
        == line_column(find_node(yaml.compose(text), ["scenes", "s150", "choices", 0, "goto"]))
    )
