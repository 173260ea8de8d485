"""`trainer graph`: Mermaid and DOT that their real parsers accept, with untrusted labels kept as text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pydot
import pytest

from trainer.cli.main import main
from trainer.core.authoring.graph_export import CATEGORY_COLOURS, OUTCOME_COLOURS, to_dot, to_mermaid
from trainer.core.scenario.loader import load_scenario
from trainer.core.text import visible

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
FIXTURES = HERE / "fixtures"
MERMAID_CHECK = HERE / "mermaid"
SCENARIOS = [
    *sorted((ROOT / "scenarios").glob("*.yaml")),
    ROOT / "tests" / "scenarios" / "tiny.yaml",
    FIXTURES / "counted_runs.yaml",
    FIXTURES / "unreachable_scene.yaml",
]
NASTY = 'Say "goodbye" -->|x| end]); %%{init: {"theme": "dark"}}%% <b>bold</b> #quot; & `code` [red]x[/] \\N \x1b[31m'


def missing_tool(reason: str) -> None:
    """Skip without the tool, unless CI says it installed it (then its absence is a failure)."""
    if os.environ.get("TRAINER_REQUIRE_GRAPH_TOOLS"):
        pytest.fail(f"{reason}, but TRAINER_REQUIRE_GRAPH_TOOLS is set")
    pytest.skip(reason)


def mermaid_parse_all(texts: list[str]) -> list[dict]:
    """Mermaid's own parser (npm package, run headless under jsdom): vertex and edge texts, decoded."""
    node = shutil.which("node")
    if node is None or not (MERMAID_CHECK / "node_modules" / "mermaid").is_dir():
        missing_tool("the Mermaid parser is not installed: npm ci --prefix tests/authoring/mermaid")
    result = subprocess.run(
        [node, str(MERMAID_CHECK / "parse.mjs")], input=json.dumps(texts), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def mermaid_parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every graph of this module parsed in one run of node: starting Mermaid takes seconds."""
    paths = {path.name: path for path in SCENARIOS}
    paths["nasty"] = nasty_scenario(tmp_path_factory.mktemp("nasty"))
    texts = {name: to_mermaid(load_scenario(path)) for name, path in paths.items()}
    return dict(zip(texts, mermaid_parse_all(list(texts.values())), strict=True))


def parsed_ok(mermaid_parsed: dict[str, dict], name: str) -> dict:
    parsed = mermaid_parsed[name]
    assert "error" not in parsed, f"Mermaid rejected the graph of {name}: {parsed.get('error')}"
    return parsed


def dot_render_texts(text: str) -> list[str]:
    """Render with Graphviz's `dot` and return every text drawn in the SVG."""
    dot = shutil.which("dot")
    if dot is None:
        missing_tool("Graphviz is not installed (apt-get install graphviz)")
    result = subprocess.run([dot, "-Tsvg"], input=text, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"dot rejected the graph: {result.stderr}"
    assert "Warning" not in result.stderr, result.stderr
    svg = ElementTree.fromstring(result.stdout)
    return [element.text or "" for element in svg.iter("{http://www.w3.org/2000/svg}text")]


def nasty_scenario(tmp_path: Path) -> Path:
    text = (FIXTURES / "counted_runs.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Counted runs", f"title: {json.dumps(NASTY)}")
    text = text.replace("ending: {title: Bad,", f"ending: {{title: {json.dumps(NASTY)},")
    path = tmp_path / "nasty.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_mermaid_output_parses_with_every_scene_and_branch(path: Path, mermaid_parsed: dict[str, dict]) -> None:
    loaded = load_scenario(path)
    parsed = parsed_ok(mermaid_parsed, path.name)
    assert parsed["type"] == "flowchart-v2"
    assert len(parsed["vertices"]) == len(loaded.file.scenes)
    branches = sum(len(c.goto) for scene in loaded.file.scenes.values() for c in scene.choices)
    assert len(parsed["edges"]) == branches


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydot's own use of pyparsing
@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_dot_output_parses_with_every_scene_and_branch(path: Path) -> None:
    loaded = load_scenario(path)
    text = to_dot(loaded)
    [graph] = pydot.graph_from_dot_data(text)
    assert len([n for n in graph.get_nodes() if n.get_name() not in ("node", "edge", "graph")]) == len(
        loaded.file.scenes
    )
    branches = sum(len(c.goto) for scene in loaded.file.scenes.values() for c in scene.choices)
    assert len(graph.get_edges()) == branches
    dot_render_texts(text)


def test_mermaid_labels_are_text_not_syntax(mermaid_parsed: dict[str, dict]) -> None:
    parsed = parsed_ok(mermaid_parsed, "nasty")
    assert f"bad: {visible(NASTY)}" in parsed["vertices"].values()
    assert len(parsed["vertices"]) == 6  # nothing in the title opened a node or an edge


def test_dot_labels_are_text_not_syntax(tmp_path: Path) -> None:
    texts = dot_render_texts(to_dot(load_scenario(nasty_scenario(tmp_path))))
    assert f"bad: {visible(NASTY)}" in texts
    assert visible(NASTY) in texts  # the graph's own label, the scenario title


def test_no_control_character_reaches_the_output(tmp_path: Path) -> None:
    loaded = load_scenario(nasty_scenario(tmp_path))
    for text in (to_mermaid(loaded), to_dot(loaded)):
        assert "\x1b" not in text
        assert "\\x1b" in text


def test_endings_are_shaped_and_coloured_by_outcome() -> None:
    text = to_mermaid(load_scenario(FIXTURES / "counted_runs.yaml"))
    assert '    s3(["good: Good"])' in text
    assert '    s0["a"]' in text
    assert f"classDef outcome_good fill:{OUTCOME_COLOURS['good']}" in text
    assert "    class s3 outcome_good" in text
    assert "    class s5 outcome_mixed" in text
    dot = to_dot(load_scenario(FIXTURES / "counted_runs.yaml"))
    assert f's4 [label="bad: Bad", shape=doubleoctagon, fillcolor="{OUTCOME_COLOURS["bad"]}"' in dot


def test_edges_are_labelled_by_choice_and_coloured_by_category() -> None:
    loaded = load_scenario(FIXTURES / "counted_runs.yaml")
    lines = to_mermaid(loaded).splitlines()
    edges = [line.strip() for line in lines if "-->" in line]
    assert edges[0] == 's0 -->|"x1"| s1'
    assert 's2 -->|"z3 if trust #62;= 1"| s5' not in edges  # z3's `if:` gates the choice, not a branch
    assert 's2 -->|"z3"| s5' in edges
    graceful = [str(i) for i, edge in enumerate(edges) if edge.startswith(('s0 -->|"x1"', 's2 -->|"z3"'))]
    assert f"linkStyle {','.join(graceful)} stroke:{CATEGORY_COLOURS['graceful']}" in "\n".join(lines)
    dot = to_dot(loaded)
    assert f's0 -> s1 [label="x1", color="{CATEGORY_COLOURS["graceful"]}"' in dot


def test_conditional_branches_carry_their_condition() -> None:
    text = to_mermaid(load_scenario(ROOT / "tests" / "scenarios" / "tiny.yaml"))
    assert 's1 -->|"argue if calm #62;= 0"| s2' in text
    assert 's1 -->|"argue"| s3' in text


def test_unreachable_scenes_are_drawn_dashed() -> None:
    loaded = load_scenario(FIXTURES / "unreachable_scene.yaml")
    assert "    class s1 unreachable" in to_mermaid(loaded)
    assert '    s1 [label="lost", fontcolor="#888888", style="rounded,dashed"];' in to_dot(loaded)


def test_graph_command_prints_mermaid_or_dot(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "counted_runs.yaml")
    assert main(["graph", path]) == 0
    assert capsys.readouterr().out.startswith("flowchart TD\n")
    assert main(["graph", path, "--format", "dot"]) == 0
    assert capsys.readouterr().out.startswith("digraph story {\n")


def test_the_mermaid_check_rejects_broken_text() -> None:
    [result] = mermaid_parse_all(['flowchart TD\n    s0["a" -->|"x"| s1\n'])
    assert "Parse error" in result["error"]
