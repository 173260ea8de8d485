"""Load a scenario file: YAML, then structure, then references, then the state space.

Every problem becomes a Diagnostic with file, line and column; all of a stage's problems are
collected before giving up, so an author fixes a file in one pass.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from yaml.nodes import Node

from trainer.core.collector import gc_paused
from trainer.core.errors import Diagnostic, ScenarioError, display_path
from trainer.core.scenario.compiled import CompiledScenario, compile_scenario
from trainer.core.scenario.conditions import ConditionSyntaxError, meter_refs, parse_condition
from trainer.core.scenario.locate import find_node, place_in_scalar
from trainer.core.scenario.model import (
    Branch,
    Category,
    Character,
    Choice,
    Ending,
    Line,
    Meter,
    Part,
    ScenarioFile,
    Scene,
    checked_file,
    write_out_shorthands,
)
from trainer.core.scenario.rubric import effective_rubric
from trainer.core.scenario.statespace import (
    LoopError,
    ScoreBounds,
    StateGraph,
    TooManyStatesError,
    explore,
    score_bounds,
)
from trainer.core.scenario.yamlsource import BlockText, SourceTree, Spans, YamlDocument, parse_yaml
from trainer.core.text import quoted, shortened
from trainer.core.wording import did_you_mean

# "Did you mean" hints compare a name with every known one (up to 0.2 ms each): a file full of
# typos among thousands of scenes stops getting hints after this many comparisons, and stays quick.
SUGGESTION_BUDGET = 5_000

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails  # pydantic's own error type, for hints only: pydantic pins it

    from trainer.core.play.engine import Run, ScenarioMachine


@dataclass(frozen=True, slots=True)
class Scenario:
    """A scenario ready to play: its file's contents, rubric, compiled rules, state graph and score bounds."""

    path: Path
    shown_path: str
    sha256: str
    file: ScenarioFile
    rubric: dict[str, Category]
    compiled: CompiledScenario
    graph: StateGraph
    bounds: ScoreBounds
    # The decoded source, so later checks (the lint) can point at a line and column: see `source_tree`.
    text: str = ""
    # The file's blocks of text (`>`, `|`) as mapping values, for the W014 check.
    blocks: tuple[BlockText, ...] = ()
    # Where each top-level field and scene is in the text: a warning composes only its own entry.
    spans: Spans = field(default_factory=dict, repr=False, compare=False)
    # The `transitions` machine that plays it, built on the first run and dropped with the scenario.
    _machine: ScenarioMachine | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.file.id

    def new_run(self, seed: int | None = None) -> Run:
        """A new run from the start scene; ``seed`` (drawn at random when None) is kept with it."""
        from trainer.core.play.engine import Run  # imports transitions: only when something is played

        return Run(self, seed)

    def source_tree(self) -> SourceTree | None:
        """The file's YAML node tree, composed from the kept text (not kept: ~19 bytes per YAML byte)."""
        return SourceTree(self.text, spans=self.spans) if self.text else None

    @property
    def root(self) -> Node | None:
        """The file's YAML node tree, composed again on every use: for more than one position, `source_tree()`."""
        tree = self.source_tree()
        return tree.root if tree is not None else None

    @property
    def machine(self) -> ScenarioMachine:
        """The machine shared by every run of this scenario, built on first use."""
        if self._machine is None:
            from trainer.core.play.engine import ScenarioMachine

            object.__setattr__(self, "_machine", ScenarioMachine(self.compiled, self.rubric))
        return self._machine  # type: ignore[return-value]


def load_scenario(path: Path, shown: str | None = None) -> Scenario:
    """Load and check ``path``; raise ScenarioError with every problem found."""
    shown = shown or display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ScenarioError([Diagnostic(shown, None, None, "E100", f"cannot read file: {reason}")]) from None
    return load_scenario_bytes(raw, shown, path)


def load_scenario_bytes(raw: bytes, shown: str, path: Path | None = None) -> Scenario:
    """Load a scenario from the bytes of a file named ``shown``."""
    with gc_paused():
        document = parse_yaml(raw, shown)
        scenario = _validate_structure(document)
        rubric = effective_rubric(scenario.rubric)
        _check_references(document, scenario, rubric)
        compiled = compile_scenario(scenario, rubric)
        graph = _explore(document, compiled)
    return Scenario(
        path=path or Path(shown),
        shown_path=shown,
        sha256=hashlib.sha256(raw).hexdigest(),
        file=scenario,
        rubric=rubric,
        compiled=compiled,
        graph=graph,
        bounds=score_bounds(graph),
        text=document.text,
        blocks=document.blocks,
        spans=document.spans,
    )


def _at(document: YamlDocument, path: Sequence[object], code: str, message: str, *, key: bool = False) -> Diagnostic:
    line, column = document.tree.at(path, key=key)
    return Diagnostic(document.path, line, column, code, message)


# ---------------------------------------------------------------- structure


def _validate_structure(document: YamlDocument) -> ScenarioFile:
    """The file's data as structs (msgspec, quick); on a problem, every problem (pydantic, imported then)."""
    write_out_shorthands(document.data)
    try:
        return checked_file(document.data)
    except msgspec.ValidationError:
        pass
    from pydantic import ValidationError

    from trainer.core.scenario import schema

    try:
        accepted = schema.ScenarioFile.model_validate(document.data)
    except ValidationError as exc:
        suggest = _Suggestions()
        problems = [_structure_problem(document, error, suggest) for error in exc.errors(include_url=False)]
        raise ScenarioError(problems) from None
    # Valid after all, in a corner the quick check leaves to pydantic (an `if_` key: pydantic takes a
    # field's Python name too; `format: true` or `1.0`, equal to 1): the structs are made from its models.
    return msgspec.convert(accepted, ScenarioFile, from_attributes=True)


class _Suggestions:
    """'Did you mean' within the per-file budget: 50,000 unknown keys must not cost 50,000 searches."""

    def __init__(self) -> None:
        self.budget = SUGGESTION_BUDGET

    def __call__(self, word: str, known: Collection[str]) -> str:
        if len(known) > self.budget:
            return ""
        self.budget -= len(known)
        return did_you_mean(word, known)


def _field_name(loc: Sequence[object]) -> str:
    named = [str(step) for step in loc if isinstance(step, str) and not step.startswith(("function-", "json-"))]
    return named[-1] if named else "scenario"


def _structure_problem(document: YamlDocument, error: ErrorDetails, suggest: _Suggestions) -> Diagnostic:
    loc = error["loc"]
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = allowed_keys(loc[:-1])
        hint = f" (expected one of: {', '.join(allowed)})" if allowed else ""
        suggestion = suggest(str(loc[-1]), allowed)
        return _at(document, loc, "E201", f"unknown key {quoted(loc[-1])}{suggestion}{hint}", key=True)
    if kind == "missing":
        parent = "the scenario" if len(loc) == 1 else f"'{_field_name(loc[:-1])}'"
        if _narration_place(loc[:-1]) == "part":
            parent = f"a part of {parent}"
        return _at(document, loc[:-1], "E202", f"missing required field '{loc[-1]}' in {parent}")
    if loc and loc[-1] == "[key]":  # a mapping key that is not a valid id
        key = loc[-2] if len(loc) >= 2 else "?"
        message = f"{quoted(key)} is not a valid id: use letters, digits, '_' and '-', starting with a letter or '_'"
        return _at(document, loc[:-1], "E203", message, key=True)
    field = _field_name(loc)
    if kind in _OUT_OF_RANGE:
        return _at(document, loc, "E204", f"{field}: {_out_of_range(error)}")
    return _at(document, loc, "E203", f"{field}: {_expected(field, error, _narration_place(loc))}")


_OUT_OF_RANGE = {"greater_than_equal", "less_than_equal", "too_long"}


def _out_of_range(error: ErrorDetails) -> str:
    limits = error.get("ctx", {})
    found = error["input"]
    if error["type"] == "too_long":
        return f"at most {limits['max_length']:,} entries, found {len(found):,}"  # type: ignore[arg-type]
    shown = shortened(str(found), 12)
    if error["type"] == "greater_than_equal":
        return f"{shown} is too small: the least allowed is {limits['ge']:,}"
    return f"{shown} is too large: the most allowed is {limits['le']:,}"


def _narration_place(loc: Sequence[object]) -> str | None:
    """'whole' for a scene's text or an ending's debrief itself, 'part' for one of its parts, else None."""
    named = [step for step in loc if not (isinstance(step, str) and step.startswith(("function-", "json-")))]
    for end in range(len(named)):
        head = tuple(named[: end + 1])
        is_text = len(head) == 3 and head[0] == "scenes" and head[2] == "text"
        is_debrief = len(head) == 4 and head[0] == "scenes" and head[2:] == ("ending", "debrief")
        if is_text or is_debrief:
            rest = named[end + 1 :]
            if not rest:
                return "whole"
            return "part" if len(rest) == 1 and isinstance(rest[0], int) else None
    return None


def _expected(field: str, error: ErrorDetails, narration: str | None = None) -> str:
    kind, message = error["type"], error["msg"]
    found = type(error["input"]).__name__ if kind.endswith("_type") else None
    special = {
        "goto": "expected a scene id or a list of {if, goto} entries",
        "say": "expected one {who, line} or a list of them",
    }
    if narration == "part" and kind == "model_type":
        message = "expected a part: text or {if, text}"
    elif narration == "whole" and kind == "too_short":
        message = "expected text or a list of at least one part"
    elif narration == "whole" and kind in ("tuple_type", "list_type", "model_type"):
        message = "expected text or a list of parts (each text or {if, text})"
    elif field in special and kind in ("tuple_type", "list_type", "string_type", "model_type"):
        message = special[field]
    elif kind in ("tuple_type", "list_type"):
        message = "expected a list"
    elif kind in ("dict_type", "model_type"):
        message = "expected a mapping"
    elif kind == "string_type":
        message = "expected text (put quotes around it if it looks like a number, date or yes/no)"
    elif kind == "int_type":
        message = "expected a whole number"
    elif kind == "value_error":
        message = message.removeprefix("Value error, ")
    elif kind == "string_pattern_mismatch":
        message = "expected an id: letters, digits, '_' and '-' (scenario ids: lower case, e.g. phone-call)"
    if found and kind not in ("value_error",):
        message += f", found {_yaml_type(found)}"
    return message


def _yaml_type(python_type: str) -> str:
    return {
        "str": "text",
        "int": "a number",
        "float": "a number",
        "bool": "true/false",
        "NoneType": "nothing",
        "list": "a list",
        "dict": "a mapping",
    }.get(python_type, python_type)


def allowed_keys(loc: Sequence[object]) -> list[str]:
    """The keys the model at ``loc`` accepts, for the hint of an unknown-key error."""
    holder: type[msgspec.Struct] = ScenarioFile
    pending: type[msgspec.Struct] | None = None
    for step in loc:
        if pending is not None:  # this step is the key or index inside a mapping or list
            holder, pending = pending, None
            continue
        child = _CHILDREN.get((holder, step))
        if child is not None:
            model_type, one = child
            if one:
                holder = model_type
            else:
                pending = model_type
    return list(_keys_of_model(holder))


@cache
def _keys_of_model(model: type[msgspec.Struct]) -> tuple[str, ...]:
    return tuple(field.encode_name for field in msgspec.structs.fields(model))


# (model, field) -> (model of the value, whether the value is the model itself or a mapping/list of it)
_CHILDREN: dict[tuple[type[msgspec.Struct], object], tuple[type[msgspec.Struct], bool]] = {
    (ScenarioFile, "characters"): (Character, False),
    (ScenarioFile, "meters"): (Meter, False),
    (ScenarioFile, "rubric"): (Category, False),
    (ScenarioFile, "scenes"): (Scene, False),
    (Scene, "text"): (Part, False),
    (Scene, "say"): (Line, False),
    (Ending, "debrief"): (Part, False),
    (Scene, "choices"): (Choice, False),
    (Scene, "ending"): (Ending, True),
    (Choice, "goto"): (Branch, False),
}


# ---------------------------------------------------------------- references


def _check_references(document: YamlDocument, scenario: ScenarioFile, rubric: dict[str, Category]) -> None:
    problems: list[Diagnostic] = []
    scenes, meters = scenario.scenes, scenario.meters
    suggest = _Suggestions()

    if scenario.start not in scenes:
        problems.append(
            _at(
                document,
                ["start"],
                "E305",
                f"start names a scene '{scenario.start}' that does not exist{suggest(scenario.start, scenes)}",
            )
        )
    for name, meter in meters.items():
        if not meter.min <= meter.start <= meter.max:
            problems.append(
                _at(
                    document,
                    ["meters", name, "start"],
                    "E308",
                    f"meter '{name}' starts at {meter.start}, outside {meter.min}..{meter.max}",
                )
            )

    def condition(source: str | None, path: list[object]) -> None:
        if source is None:
            return

        # Located only on a problem: find_node scans the scenes mapping, so doing it for every
        # condition made loading quadratic in the number of scenes (10,000 scenes: 20 s).
        def node() -> Node:
            return find_node(document.tree.root, path)

        try:
            expr = parse_condition(source)
        except ConditionSyntaxError as exc:
            line, column = place_in_scalar(document.text, node(), exc.offset)
            problems.append(Diagnostic(document.path, line, column, "E306", f"condition {quoted(source)}: {exc}"))
            return
        for ref in meter_refs(expr):
            if ref.name not in meters:
                line, column = place_in_scalar(document.text, node(), ref.offset)
                problems.append(
                    Diagnostic(
                        document.path,
                        line,
                        column,
                        "E303",
                        f"unknown meter {quoted(ref.name)}{suggest(ref.name, meters)} {_known(meters)}",
                    )
                )

    for scene_id, scene in scenes.items():
        base: list[object] = ["scenes", scene_id]
        for k, part in enumerate(scene.text):
            condition(part.if_, [*base, "text", k, "if"])
        if scene.ending is not None:
            for k, part in enumerate(scene.ending.debrief):
                condition(part.if_, [*base, "ending", "debrief", k, "if"])
        for k, line in enumerate(scene.say):
            condition(line.if_, [*base, "say", k, "if"])
            if line.who not in scenario.characters:
                problems.append(
                    _at(
                        document,
                        [*base, "say", k, "who"],
                        "E307",
                        f"say names a character '{line.who}' not in characters"
                        f"{suggest(line.who, scenario.characters)} {_known(scenario.characters)}",
                    )
                )
        seen: set[str] = set()
        for i, choice in enumerate(scene.choices):
            here: list[object] = [*base, "choices", i]
            if choice.id in seen:
                problems.append(
                    _at(document, [*here, "id"], "E304", f"scene '{scene_id}' already has a choice '{choice.id}'")
                )
            seen.add(choice.id)
            if choice.category not in rubric:
                problems.append(
                    _at(
                        document,
                        [*here, "category"],
                        "E302",
                        f"unknown category '{choice.category}'{suggest(choice.category, rubric)}"
                        f" (expected one of: {', '.join(rubric)})",
                    )
                )
            for name in choice.effects:
                if name not in meters:
                    problems.append(
                        _at(
                            document,
                            [*here, "effects", name],
                            "E303",
                            f"unknown meter '{name}'{suggest(name, meters)} {_known(meters)}",
                            key=True,
                        )
                    )
            condition(choice.if_, [*here, "if"])
            for j, branch in enumerate(choice.goto):
                branch_path: list[object] = [*here, "goto", j]
                if branch.goto not in scenes:
                    problems.append(
                        _at(
                            document,
                            [*branch_path, "goto"],
                            "E301",
                            f"goto names a scene '{branch.goto}' that does not exist{suggest(branch.goto, scenes)}",
                        )
                    )
                condition(branch.if_, [*branch_path, "if"])
            if choice.goto[-1].if_ is not None:
                problems.append(
                    _at(
                        document,
                        [*here, "goto", len(choice.goto) - 1],
                        "E203",
                        "the last goto entry must have no 'if', so some branch is always taken",
                    )
                )
    if problems:
        raise ScenarioError(problems)


def _known(names: object) -> str:
    listed = ", ".join(names) if names else ""  # type: ignore[call-overload]
    return f"(declared: {listed})" if listed else "(none declared)"


# ---------------------------------------------------------------- state space


def _loop_problem(document: YamlDocument, loop: LoopError) -> Diagnostic:
    """The loop, at the goto of the choice that closes it: the line an author changes to break it."""
    path = " -> ".join(loop.scenes)
    same = ", ".join(f"{name}={value}" for name, value in loop.meters.items())
    state = f"with the same meter values ({same})" if same else "with the same meter values"
    if loop.choice is None:
        message = f"a loop with no progress: {path} returns to the same state {state}"
        return _at(document, ["scenes", loop.scenes[0]], "E401", message, key=True)
    scene = loop.scenes[-2]
    message = (
        f"a loop with no progress: choice {quoted(loop.choice.id)} in scene {quoted(scene)} leads back to "
        f"{quoted(loop.scenes[-1])} {state}, so a run could go round forever ({path})"
    )
    return _at(document, ["scenes", scene, "choices", loop.choice.index, "goto"], "E401", message)


def _explore(document: YamlDocument, compiled: CompiledScenario) -> StateGraph:
    try:
        graph = explore(compiled)
    except LoopError as exc:
        raise ScenarioError([_loop_problem(document, exc)]) from None
    except TooManyStatesError as exc:
        message = f"the state space is too large to check ({exc}): narrow the meters' ranges"
        where: list[object] = ["meters"] if exc.scene is None else ["scenes", exc.scene]
        raise ScenarioError([_at(document, where, "E403", message, key=True)]) from None
    if graph.traps:
        problems = []
        for trap in graph.traps:
            meters = ", ".join(f"{k}={v}" for k, v in trap.meters.items())
            when = f" when {meters}" if meters else ""
            message = f"a trap: scene '{trap.scene}' is not an ending and offers no choice{when}"
            problems.append(_at(document, ["scenes", trap.scene], "E402", message, key=True))
        raise ScenarioError(problems)
    return graph
