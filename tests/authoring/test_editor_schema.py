"""The JSON Schema editors use: documented field by field, and as strict as the loader's structure checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, ValidationError

from tests.paths import TINY
from trainer.core.errors import ScenarioError
from trainer.core.scenario.loader import load_scenario_bytes
from trainer.core.scenario.schema import json_schema
from trainer.core.scenario.yamlsource import parse_yaml

ROOT = Path(__file__).parents[2]
SCHEMA = json_schema()
VALIDATOR = Draft202012Validator(SCHEMA)
GOOD_FILES = [
    *sorted((ROOT / "scenarios").glob("*.yaml")),
    TINY,
    *sorted((Path(__file__).parent / "fixtures").glob("*.yaml")),
]


def documented_fields() -> list[tuple[str, dict]]:
    """Every field of every object in the schema, as (where, its schema)."""
    fields = [(f"Scenario.{name}", spec) for name, spec in SCHEMA["properties"].items()]
    for model, definition in SCHEMA["$defs"].items():
        fields += [(f"{model}.{name}", spec) for name, spec in definition.get("properties", {}).items()]
    return fields


def test_the_committed_schema_is_the_generated_one() -> None:
    committed = json.loads((ROOT / "schema" / "scenario-v1.schema.json").read_text(encoding="utf-8"))
    assert committed == SCHEMA, "run: trainer schema > schema/scenario-v1.schema.json"


def test_the_schema_is_itself_valid() -> None:
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(("where", "spec"), documented_fields(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_field_has_a_title_and_a_description(where: str, spec: dict) -> None:
    assert spec.get("title"), f"{where} has no title (editors show it on hover)"
    assert spec.get("description"), f"{where} has no description (editors show it on hover)"


@pytest.mark.parametrize("model", sorted(SCHEMA["$defs"]))
def test_every_model_has_a_title_and_a_description(model: str) -> None:
    assert SCHEMA["$defs"][model].get("title")
    assert SCHEMA["$defs"][model].get("description")


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.name)
def test_every_good_scenario_passes_the_schema(path: Path) -> None:
    data = parse_yaml(path.read_bytes(), path.name).data
    assert [error.message for error in VALIDATOR.iter_errors(data)] == []


# (name, change to tiny.yaml, loader's code and words, schema keyword, path of the schema error)
BROKEN = [
    ("unknown key", ("title: Tiny", "titel: Tiny\ntitle: Tiny"), "E201", "'titel'", "additionalProperties", []),
    ("missing start", ("start: opening\n", ""), "E202", "'start'", "required", []),
    ("difficulty out of range", ("difficulty: 1", "difficulty: 9"), "E204", "difficulty", "maximum", ["difficulty"]),
    ("category not text", ("category: logic", "category: 7"), "E203", "category", "type", ["scenes", "second", "choices", 0, "category"]),
    ("empty goto list", ("goto: second\n      - id: accept", "goto: []\n      - id: accept"), "E203", "goto", "minItems", ["scenes", "opening", "choices", 0, "goto"]),
    ("unknown outcome", ("outcome: bad", "outcome: awful"), "E203", "outcome", "enum", ["scenes", "bad_end", "ending", "outcome"]),
    ("bad scenario id", ("id: tiny", "id: Tiny Scenario"), "E203", "id", "pattern", ["id"]),
    ("meter bound not a number", ("min: -2", "min: low"), "E203", "min", "type", ["meters", "calm", "min"]),
    ("effect on a key that is not an id", ("effects: {calm: 1}", "effects: {1calm: 1}"), "E203", "not a valid id", "additionalProperties", ["scenes", "opening", "choices", 1, "effects"]),
    ("scene with neither choices nor ending", ("  bad_end:\n    ending: {title: Lost it, outcome: bad, debrief: You lost your footing.}", "  bad_end:\n    text: Nothing here."), "E203", "either choices or an ending", "oneOf", ["scenes", "bad_end"]),
    ("scene with choices and an ending", ("    text: Ana calls.", "    text: Ana calls.\n    ending: {title: T, outcome: good, debrief: D.}"), "E203", "not both", "oneOf", ["scenes", "opening"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "change", "code", "words", "keyword", "where"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_files_fail_the_schema_for_the_loaders_reason(
    name: str, change: tuple[str, str], code: str, words: str, keyword: str, where: list[object]
) -> None:
    original = TINY.read_text(encoding="utf-8")
    assert change[0] in original
    raw = original.replace(change[0], change[1], 1).encode()
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(raw, "broken.yaml")
    assert [(d.code, words in d.message) for d in caught.value.diagnostics] == [(code, True)]
    [error] = VALIDATOR.iter_errors(parse_yaml(raw, "broken.yaml").data)
    # An `anyOf` (a goto is a scene id or a list) wraps the reason: it is among the alternatives' errors.
    reasons = {(e.validator, tuple(e.absolute_path)) for e in flatten(error)}
    assert (keyword, tuple(where)) in reasons


def flatten(error: ValidationError) -> list[ValidationError]:
    return [error, *(inner for sub in error.context or [] for inner in flatten(sub))]
