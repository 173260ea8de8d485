"""Fuzzing: the bundled scenarios, mutated at random, give our own diagnostics or load and play.

Whatever the mutation (a value of the wrong type or out of range, a key removed or misspelt, a
reserved id, bytes cut, doubled or replaced by control characters), `load` either returns a
scenario that lints, analyses, exports and plays, or raises ScenarioError whose diagnostics are
ours: a known code, one line, no raw control character. Any other exception fails the test.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from fuzz_settings import FUZZ, scaled
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.authoring.analysis import analyze
from trainer.core.authoring.graph_export import to_dot, to_mermaid
from trainer.core.authoring.lint import WARNING_CODES, lint
from trainer.core.errors import CODES, Diagnostic, ScenarioError
from trainer.core.library import bundled_scenarios_dir, scenario_files
from trainer.core.scenario.compiled import StepError
from trainer.core.scenario.loader import Scenario, load_scenario_bytes

FIXTURES = Path(__file__).parents[1] / "scenarios"
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@cache
def sources() -> tuple[tuple[str, bytes], ...]:
    files = [*scenario_files(bundled_scenarios_dir()), FIXTURES / "tiny.yaml", FIXTURES / "meters_branching.yaml"]
    return tuple((path.name, path.read_bytes()) for path in files)


def assert_ours(diagnostic: Diagnostic, codes: dict[str, str]) -> None:
    """A diagnostic as the project prints it: a known code, one line, nothing the terminal obeys."""
    shown = str(diagnostic)
    assert diagnostic.code in codes, diagnostic
    assert not RAW.search(shown), repr(shown)
    assert len(shown) < 1_000


def check(name: str, raw: bytes) -> None:
    """Load ``raw``: our diagnostics only, and whatever loads must also lint, analyse, export and play."""
    try:
        scenario = load_scenario_bytes(raw, name)
    except ScenarioError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert_ours(diagnostic, CODES)
        return
    for warning in lint(scenario):
        assert_ours(warning, {**CODES, **WARNING_CODES})
    analyze(scenario)
    to_mermaid(scenario)
    to_dot(scenario)
    play_every_first_and_last_choice(scenario)


def play_every_first_and_last_choice(scenario: Scenario) -> None:
    """Two runs through the engine: always the first choice offered, then always the last."""
    for pick in (0, -1):
        run = scenario.new_run(seed=7)
        for _ in range(500):
            if run.ended:
                break
            offered = run.offered()
            assert offered, "the loader lets no trap through"
            run.choose(offered[pick].id)
        if run.history:
            run.take_back()
        with pytest.raises(StepError):
            run.choose("no such choice")


# ---------------------------------------------------------------- mutations of the data

# Values a hostile or careless author writes: wrong types, huge and negative numbers, ids that
# libraries reserve, markup, escape sequences, bidi overrides, dates, empty things.
NASTY = st.one_of(
    st.integers(min_value=-(10**400), max_value=10**400),
    st.sampled_from([0, -1, 1, 10**6, 10**6 + 1, 2**63, -(2**63) - 1, 10**320]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            "state",
            "trigger",
            "to_end",
            "may_go",
            "is_done",
            "machine",
            "model",
            "__init__",
            "on_enter_end",
            "con",
            "nul",
            "com1",
            "",
            " ",
            "a\nb",
            "\x1b]0;owned\x07",
            "\u202eevil",
            "[b]x[/b]",
            "[@click=app.quit]",
            "2026-01-01",
            "yes",
            "~",
            "*alias",
            "&anchor",
            "x" * 70,
            "ünïcödé",
            "😀",
        ]
    ),
    st.text(max_size=30),
    st.lists(st.integers(min_value=-3, max_value=3), max_size=3),
    st.dictionaries(st.sampled_from(["if", "goto", "text", "who", "line", "x"]), st.text(max_size=8), max_size=2),
)


# Keys: anything a mapping can be keyed by in YAML.
KEYS = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-5, max_value=5),
    st.booleans(),
    st.none(),
    st.sampled_from(["state", "trigger", "con", "a\nb", "\x1b[2J", "\u202ex", "if", "goto", "id"]),
)


@st.composite
def mutated_data(draw: st.DrawFn) -> tuple[str, bytes]:
    name, raw = draw(st.sampled_from(sources()))
    data = yaml.load(raw, Loader=yaml.CSafeLoader)  # the parser the loader uses
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        mutate(draw, data)
    return name, yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False).encode()


def mutate(draw: st.DrawFn, data: object) -> None:
    """Walk a random way into the data, then change what is there."""
    node = data
    while True:
        children = list(node) if isinstance(node, dict) else list(range(len(node))) if isinstance(node, list) else []
        if not children:
            return
        step = draw(st.sampled_from(children))
        child = node[step]
        if isinstance(child, (dict, list)) and child and draw(st.integers(0, 3)):
            node = child
            continue
        action = draw(st.sampled_from(["replace", "delete", "add", "rename", "duplicate"]))
        if action == "replace":
            node[step] = draw(NASTY)
        elif action == "delete":
            del node[step]
        elif action == "add" and isinstance(node, dict):
            node[draw(st.sampled_from(["if", "goto", "shuffle", "effects", "x", "id", "ending"]))] = draw(NASTY)
        elif action == "rename" and isinstance(node, dict):
            node[draw(KEYS) if draw(st.booleans()) else f"{step}_"] = node.pop(step)
        elif isinstance(node, list):
            node.append(child)
        return


@FUZZ
@given(mutated_data())
def test_mutated_scenarios_give_our_diagnostics_or_load_and_play(case: tuple[str, bytes]) -> None:
    check(*case)


# ---------------------------------------------------------------- mutations of the bytes

HOSTILE_BYTES = [
    b"\x00",
    b"\x1b[2J",
    b"\x07",
    b"\t",
    b"\r",
    b"\n",
    b"\xff",
    b"\xc3",
    "\u202e".encode(),
    b":",
    b": ",
    b"- ",
    b"'",
    b'"',
    b"{",
    b"}",
    b"[",
    b"]",
    b"&a",
    b"*a",
    b"!!int ",
    b"!x ",
    b"%YAML 1.1\n",
    b"---\n",
    b"...\n",
    b"<<: ",
    b"#",
    b"|",
    b">-",
    b"9" * 400,
    b"  ",
    b"\xef\xbb\xbf",
]


@st.composite
def mutated_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    name, raw = draw(st.sampled_from(sources()))
    data = bytearray(raw)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        where = draw(st.integers(min_value=0, max_value=len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "double_line", "cut"]))
        if action == "insert":
            data[where:where] = draw(st.sampled_from(HOSTILE_BYTES))
        elif action == "delete":
            del data[where : where + draw(st.integers(min_value=1, max_value=40))]
        elif action == "replace" and where < len(data):
            data[where] = draw(st.integers(min_value=0, max_value=255))
        elif action == "double_line":
            start = data.rfind(b"\n", 0, where) + 1
            end = data.find(b"\n", where)
            line = bytes(data[start : (len(data) if end < 0 else end + 1)])
            data[start:start] = line
        elif action == "cut":
            del data[where:]
    return name, bytes(data)


@scaled(60)
@given(mutated_bytes())
def test_scenarios_with_damaged_bytes_give_our_diagnostics_or_load_and_play(case: tuple[str, bytes]) -> None:
    check(*case)
