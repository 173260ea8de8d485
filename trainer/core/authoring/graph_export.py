"""The story graph as Mermaid flowchart or Graphviz DOT text.

Scenes are nodes (endings shaped apart and coloured by outcome, unreachable scenes dashed);
every goto branch of a choice is an edge labelled with the choice id and coloured by its category.
Node ids are generated (s0, s1, ...), never taken from the file, and every label is escaped for
its format: scenario text is untrusted and must come out as text, not as syntax or markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from trainer.core.authoring.analysis import reachable_scenes
from trainer.core.scenario.loader import Scenario
from trainer.core.text import visible

OUTCOME_COLOURS = {"good": "#c8e6c9", "mixed": "#fff3c4", "bad": "#ffcdd2"}
OUTCOME_STROKES = {"good": "#2e7d32", "mixed": "#b28704", "bad": "#c62828"}
CATEGORY_COLOURS = {
    "weakness": "#c62828",
    "logic": "#ef6c00",
    "love": "#ad1457",
    "reaching_out": "#6a1b9a",
    "self_blame": "#5d6d7e",
    "pushback": "#b28704",
    "graceful": "#2e7d32",
    "no_contact": "#1565c0",
    "reframe": "#00838f",
}
# A scenario's own categories are coloured by kind.
KIND_COLOURS = {"mistake": "#8e2424", "okay": "#8d8d00", "good": "#3b7d3b"}


@dataclass(frozen=True, slots=True)
class _Node:
    id: str
    label: str
    outcome: str | None
    reachable: bool


@dataclass(frozen=True, slots=True)
class _Edge:
    source: str
    target: str
    label: str
    colour: str


def _story(loaded: Scenario) -> tuple[list[_Node], list[_Edge]]:
    """Nodes and edges in file order, labels still raw (each format escapes its own way)."""
    compiled = loaded.compiled
    reached = reachable_scenes(loaded.graph)
    nodes: list[_Node] = []
    edges: list[_Edge] = []
    for index, scene_id in enumerate(compiled.scene_ids):
        scene = loaded.file.scenes[scene_id]
        ending = scene.ending
        label = f"{scene_id}: {ending.title}" if ending else scene_id
        nodes.append(_Node(f"s{index}", label, ending.outcome if ending else None, index in reached))
        for choice in scene.choices:
            category = loaded.rubric[choice.category]
            colour = CATEGORY_COLOURS.get(choice.category, KIND_COLOURS[category.kind])
            for branch in choice.goto:
                label = choice.id if branch.if_ is None else f"{choice.id} if {branch.if_}"
                target = compiled.scene_index[branch.goto]
                edges.append(_Edge(f"s{index}", f"s{target}", label, colour))
    return nodes, edges


# ---------------------------------------------------------------- Mermaid


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: no quote, pipe, markup or entity survives as syntax.

    Mermaid decodes `#name;` entities, renders labels as HTML and reads `%%{...}%%` directives
    anywhere, so `#`, `"`, `|`, `<`, `>`, `&`, backticks (Markdown strings), `%`, `{` and `}` are
    written as numeric entities.
    """
    flat = visible(text).replace("\n", " ").replace("\t", " ")
    return "".join(f"#{ord(ch)};" if ch in _MERMAID_SPECIAL else ch for ch in flat)


_MERMAID_SPECIAL = frozenset('#"|<>&`%{}')


def to_mermaid(loaded: Scenario) -> str:
    """The story as a Mermaid flowchart."""
    nodes, edges = _story(loaded)
    return "\n".join(_mermaid_lines(nodes, edges)) + "\n"


def _mermaid_lines(nodes: list[_Node], edges: list[_Edge]) -> Iterator[str]:
    yield "flowchart TD"
    for node in nodes:
        label = mermaid_text(node.label)
        yield f'    {node.id}(["{label}"])' if node.outcome else f'    {node.id}["{label}"]'
    for edge in edges:
        yield f'    {edge.source} -->|"{mermaid_text(edge.label)}"| {edge.target}'
    for outcome, fill in OUTCOME_COLOURS.items():
        yield f"    classDef outcome_{outcome} fill:{fill},stroke:{OUTCOME_STROKES[outcome]},stroke-width:2px"
    yield "    classDef unreachable stroke-dasharray:5 5,color:#888888"
    for outcome in OUTCOME_COLOURS:
        ids = [node.id for node in nodes if node.outcome == outcome]
        if ids:
            yield f"    class {','.join(ids)} outcome_{outcome}"
    unreachable = [node.id for node in nodes if not node.reachable]
    if unreachable:
        yield f"    class {','.join(unreachable)} unreachable"
    by_colour: dict[str, list[str]] = {}
    for position, edge in enumerate(edges):
        by_colour.setdefault(edge.colour, []).append(str(position))
    for colour, positions in by_colour.items():
        yield f"    linkStyle {','.join(positions)} stroke:{colour},color:{colour}"


# ---------------------------------------------------------------- DOT


def dot_text(text: str) -> str:
    """A double-quoted DOT string: backslashes (Graphviz's own escapes such as \\N) and quotes escaped."""
    flat = visible(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + flat.replace("\n", "\\n").replace("\t", " ") + '"'


def to_dot(loaded: Scenario) -> str:
    """The story as a Graphviz digraph."""
    nodes, edges = _story(loaded)
    lines = [
        "digraph story {",
        f"    label={dot_text(loaded.file.title)};",
        "    labelloc=t;",
        "    rankdir=TB;",
        '    node [shape=box, style="rounded", fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ]
    for node in nodes:
        attributes = [f"label={dot_text(node.label)}"]
        styles = ["rounded"]
        if node.outcome:
            attributes.append("shape=doubleoctagon")
            attributes.append(f'fillcolor="{OUTCOME_COLOURS[node.outcome]}"')
            attributes.append(f'color="{OUTCOME_STROKES[node.outcome]}"')
            styles = ["filled"]
        if not node.reachable:
            styles.append("dashed")
            attributes.append('fontcolor="#888888"')
        attributes.append(f'style="{",".join(styles)}"')
        lines.append(f"    {node.id} [{', '.join(attributes)}];")
    for edge in edges:
        colour = f'"{edge.colour}"'
        lines.append(
            f"    {edge.source} -> {edge.target} [label={dot_text(edge.label)}, color={colour}, fontcolor={colour}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
