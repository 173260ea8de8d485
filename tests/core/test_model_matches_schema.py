"""The loader's quick check (model.py, msgspec) and the format's pydantic models (schema.py) agree.

A valid file is checked by the structs alone; pydantic sees only files they reject, to list every
problem. So the structs must never accept a file pydantic rejects, and must make the same data of
one both accept: checked here field by field, on corner cases, and on many edits of a full file.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.fuzz.fuzz_settings import scaled
from trainer.core.scenario import model, schema
from trainer.core.scenario.loader import load_scenario

FULL: dict[str, object] = {
    "format": 1,
    "id": "full-demo",
    "title": "Full",
    "summary": "Every field of the format.",
    "difficulty": 3,
    "characters": {"kai": {"name": "Kai", "description": "The ex."}},
    "meters": {"trust": {"start": 0, "min": -3, "max": 3, "label": "Trust"}},
    "rubric": {"sulk": {"label": "Sulking", "kind": "mistake", "points": -1, "about": "Silence as a weapon."}},
    "shuffle": False,
    "start": "opening",
    "scenes": {
        "opening": {
            "text": ["Kai calls.", {"if": "trust > 0", "text": "Warmly."}],
            "say": [{"who": "kai", "line": "We need to talk."}, {"who": "kai", "line": "Really.", "if": "trust < 0"}],
            "shuffle": True,
            "choices": [
                {
                    "id": "plead",
                    "text": "Please don't.",
                    "category": "weakness",
                    "feedback": "Pleading hands Kai the power.",
                    "effects": {"trust": -1},
                    "goto": "ending",
                },
                {
                    "id": "accept",
                    "text": "I hear you.",
                    "category": "sulk",
                    "feedback": "Accepting with dignity.",
                    "if": "trust >= 0",
                    "goto": [{"if": "trust > 0", "goto": "ending"}, {"goto": "quiet"}],
                },
            ],
        },
        "quiet": {
            "text": "",
            "say": {"who": "kai", "line": "Bye."},
            "ending": {"title": "Q", "outcome": "mixed", "debrief": "Fine."},
        },
        "ending": {
            "ending": {
                "title": "Done",
                "outcome": "good",
                "debrief": ["It ended.", {"if": "trust > 1", "text": "Well."}],
            }
        },
    },
}

PAIRS = [
    (getattr(model, name), getattr(schema, name))
    for name in (
        "Character",
        "Meter",
        "Category",
        "Line",
        "Part",
        "Branch",
        "Choice",
        "Ending",
        "Scene",
        "ScenarioFile",
    )
]


def both(data: object) -> tuple[object, object, object]:
    """What each side makes of ``data`` (its data as JSON-like values, or None when it rejects it), and
    what the loader makes of it: the structs' data, or pydantic's made into structs when only it accepts."""
    data = copy.deepcopy(data)
    model.write_out_shorthands(data)  # as the loader does, before either side sees the data
    quick = loaded = full = None
    with contextlib.suppress(msgspec.ValidationError):
        quick = loaded = model.checked_file(data)
    try:
        accepted = schema.ScenarioFile.model_validate(data)
        full = json.loads(accepted.model_dump_json(by_alias=True))
        if loaded is None:
            loaded = msgspec.convert(accepted, model.ScenarioFile, from_attributes=True)
    except ValidationError:
        pass
    return as_json(quick), as_json(loaded), full


def as_json(made: object) -> object:
    return None if made is None else json.loads(msgspec.json.encode(made))


def has_key(data: object, key: str) -> bool:
    if isinstance(data, dict):
        return key in data or any(has_key(value, key) for value in data.values())
    if isinstance(data, list):
        return any(has_key(value, key) for value in data)
    return False


def assert_agree(data: object) -> None:
    quick, loaded, full = both(data)
    assert loaded == full  # the loader accepts exactly what pydantic accepts, with the same data
    if quick is None and full is not None:
        # The corners the structs leave to pydantic (a valid file, so rare): a field's Python name as a
        # key (populate_by_name), and a format that only equals 1 (true, 1.0: pydantic's Literal).
        assert has_key(data, "if_") or data["format"] in (True, 1.0), data  # type: ignore[index]


@pytest.mark.parametrize(("quick", "full"), PAIRS, ids=lambda pair: getattr(pair, "__name__", ""))
def test_each_struct_has_its_models_keys_in_order_and_defaults(quick: type, full: type) -> None:
    fields = msgspec.structs.fields(quick)
    assert [f.encode_name for f in fields] == [f.alias or name for name, f in full.model_fields.items()]
    assert [f.name for f in fields] == list(full.model_fields)
    for f in fields:
        pydantic_field = full.model_fields[f.name]
        assert f.required == pydantic_field.is_required(), f.name
        if not f.required:
            default = f.default_factory() if f.default is msgspec.NODEFAULT else f.default
            expected = pydantic_field.get_default(call_default_factory=True)
            assert default == (() if expected is None and f.name == "text" else expected), f.name


def test_the_full_file_is_accepted_by_both_with_the_same_data() -> None:
    quick, loaded, full = both(FULL)
    assert quick is not None
    assert quick == loaded == full


def at(data: dict, path: list[object], value: object) -> dict:
    edited = copy.deepcopy(data)
    holder = edited
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return edited


CORNERS = [
    (["format"], True),
    (["format"], 1.0),
    (["format"], "1"),
    (["difficulty"], 3.0),
    (["difficulty"], True),
    (["difficulty"], 6),
    (["id"], "con"),
    (["id"], "full-demo\n"),
    (["id"], "Full"),
    (["start"], "opening\n"),
    (["title"], ""),
    (["title"], datetime.date(2024, 1, 1)),
    (["title"], 5),
    (["shuffle"], 1),
    (["meters", "trust", "min"], 4),
    (["meters", "trust", "min"], -1_000_001),
    (["meters", "trust", "start"], False),
    (["rubric", "sulk", "points"], 1_001),
    (["rubric", "sulk", "kind"], "bad"),
    (["scenes", "opening", "text"], None),
    (["scenes", "opening", "text"], [""]),
    (["scenes", "opening", "text"], [5]),
    (["scenes", "opening", "text"], {"text": "a mapping"}),
    (["scenes", "opening", "say"], []),
    (["scenes", "opening", "say"], "Kai: hi"),
    (["scenes", "opening", "choices"], []),
    (["scenes", "opening", "ending"], {"title": "T", "outcome": "good", "debrief": "D"}),
    (["scenes", "opening", "choices", 0, "goto"], []),
    (["scenes", "opening", "choices", 0, "goto"], ["ending"]),
    (["scenes", "opening", "choices", 0, "goto"], 5),
    (["scenes", "opening", "choices", 0, "effects"], {"trust\n": 1}),
    (["scenes", "opening", "choices", 0, "effects"], {1: 1}),
    (["scenes", "opening", "choices", 0, "effects"], {"trust": True}),
    (["scenes", "opening", "choices", 0, "if"], None),
    (["scenes", "ending", "ending", "debrief"], ""),
    (["scenes", "ending", "ending", "debrief"], None),
    (["scenes", "ending", "ending", "debrief"], []),
    (["scenes", "ending", "ending", "outcome"], "great"),
    (["scenes", "quiet", "shuffle"], None),
    (["characters"], {}),
    (["characters"], None),
    (["scenes"], {}),
    (["scenes", 7], {"ending": {"title": "T", "outcome": "good", "debrief": "D"}}),
    (["scenes", None], {"ending": {"title": "T", "outcome": "good", "debrief": "D"}}),
    (["extra"], 1),
    (["scenes", "opening", "choices", 1, "goto", 0, "if_"], "trust > 2"),
]


@pytest.mark.parametrize(("path", "value"), CORNERS, ids=[f"{'.'.join(map(str, p))}={v!r}" for p, v in CORNERS])
def test_a_corner_case_gets_the_same_answer(path: list[object], value: object) -> None:
    assert_agree(at(FULL, path, value))


def paths(data: object, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [here] if here else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*here, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*here, index))
    return found


PATHS = paths(FULL)
SCALARS = [None, "", "x", "X", "a b", "ending", "trust", "con", "id\n", 0, 1, -1, 5, 2_000_001, True, False, 1.5, 3.0]
EDITS = [*SCALARS, [], ["x"], [{}], {}, {"text": "t"}, {"goto": "ending"}, datetime.date(2024, 1, 1)]
VALUES = st.sampled_from(EDITS)


def test_every_single_edit_gets_the_same_answer() -> None:
    """Each value of every field replaced by each awkward value, and each key taken out."""
    disagreeing = []
    for path in PATHS:
        edits = [at(FULL, list(path), value) for value in EDITS]
        without = copy.deepcopy(FULL)
        holder: object = without
        for step in path[:-1]:
            holder = holder[step]  # type: ignore[index]
        del holder[path[-1]]  # type: ignore[index,attr-defined]
        for edited in [*edits, without]:
            try:
                assert_agree(edited)
            except AssertionError:
                disagreeing.append(edited)
    assert disagreeing == []


@st.composite
def edited_files(draw: st.DrawFn) -> dict:
    data = copy.deepcopy(FULL)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        holder: object = data
        try:
            for step in path[:-1]:
                holder = holder[step]  # type: ignore[index]
            action = draw(st.sampled_from(["replace", "delete", "rename", "add"]))
            if action == "replace":
                holder[path[-1]] = draw(VALUES)  # type: ignore[index]
            elif isinstance(holder, dict) and action == "delete":
                del holder[path[-1]]
            elif isinstance(holder, dict) and action == "rename":
                holder[draw(st.sampled_from(["if", "if_", "text", "goto", "who", "x", 1]))] = holder.pop(path[-1])
            elif isinstance(holder, dict):
                holder[draw(st.sampled_from(["if", "text", "ending", "choices", "label", "zz"]))] = draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit took this path away
    return data


@scaled(300)
@given(edited_files())
def test_an_edited_file_gets_the_same_answer(data: dict) -> None:
    assert_agree(data)


def test_loading_a_valid_file_imports_no_pydantic() -> None:
    bundled = Path(__file__).parents[2] / "scenarios" / "phone-call.yaml"
    code = (
        "import sys; from pathlib import Path; from trainer.core.scenario.loader import load_scenario\n"
        f"print(load_scenario(Path({str(bundled)!r})).id, 'pydantic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["phone-call", "False"]


def test_a_key_named_by_its_python_name_still_loads_through_pydantic(tmp_path: Path) -> None:
    plain, python_name = tmp_path / "plain.yaml", tmp_path / "python-name.yaml"
    plain.write_text(yaml.safe_dump(FULL, sort_keys=False), encoding="utf-8")
    renamed = at(FULL, ["scenes", "opening", "choices", 1, "if_"], "trust >= 0")
    del renamed["scenes"]["opening"]["choices"][1]["if"]
    python_name.write_text(yaml.safe_dump(renamed, sort_keys=False), encoding="utf-8")
    assert both(renamed)[0] is None  # the structs leave it to pydantic
    assert load_scenario(python_name).file == load_scenario(plain).file
