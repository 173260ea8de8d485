"""The scenario format (version 1) as pydantic models: the JSON Schema editors use, and the full
list of problems in a file the loader's quick check (model.py) rejected.

Loading a valid file never imports this module: model.py's msgspec structs check it in a fraction of
the time and memory. The two describe one format; tests/core/test_model_matches_schema.py holds them
to the same fields, the same accepted files and the same data.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from trainer.core.scenario.model import (
    KEY_PATTERN,
    MAX_CHOICES,
    MAX_ENTRIES,
    MAX_METERS,
    MAX_NAMED,
    MAX_SCENES,
    METER_LIMIT,
    POINTS_LIMIT,
    SLUG_PATTERN,
    WINDOWS_RESERVED,
    Kind,
    Outcome,
    reserved_name_problem,
    scene_id_as_branch,
    single_line_as_list,
    text_as_parts,
)


def _not_reserved(name: str) -> str:
    problem = reserved_name_problem(name)
    if problem is not None:
        raise ValueError(problem)
    return name


Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        max_length=64,
        description="Lower-case letters, digits, '-' and '_'; starts with a letter or digit.",
    ),
]
Key = Annotated[
    str,
    Field(
        pattern=KEY_PATTERN,
        max_length=64,
        description="An identifier: letters, digits, '_' and '-', not starting with a digit.",
    ),
]
Text = Annotated[str, Field(min_length=1)]

MeterValue = Annotated[int, Field(ge=-METER_LIMIT, le=METER_LIMIT)]
Delta = Annotated[int, Field(ge=-2 * METER_LIMIT, le=2 * METER_LIMIT)]


def _condition(description: str) -> str | None:
    """The optional `if:` of a line, part, branch or choice (`if` is a Python keyword, hence `if_`)."""
    return Field(None, alias="if", title="If", description=description)


class _Strict(BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)


class Character(_Strict):
    """Someone who speaks in the scenario."""

    name: Text = Field(title="Name", description="The name shown before this character's lines.")
    description: str | None = Field(None, title="Description", description="A note for authors; not shown in play.")


class Meter(_Strict):
    """A bounded whole number the story tracks; choices change it and conditions read it."""

    start: MeterValue = Field(0, title="Start", description="The value at the start of a run.")
    min: MeterValue = Field(title="Minimum", description="Effects never take the meter below this.")
    max: MeterValue = Field(title="Maximum", description="Effects never take the meter above this.")
    label: str | None = Field(None, title="Label", description="A readable name shown in the author's view.")

    @model_validator(mode="after")
    def _ordered(self) -> Meter:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class Category(_Strict):
    """A kind of reaction the trainer scores; a scenario's rubric adds to or overrides the default one."""

    label: Text = Field(title="Label", description="The name the player sees in the feedback panel.")
    kind: Kind = Field(title="Kind", description="mistake, okay or good.")
    points: int = Field(
        ge=-POINTS_LIMIT,
        le=POINTS_LIMIT,
        title="Points",
        description="Added to the score when a choice of this category is made.",
    )
    about: Text = Field(title="About", description="One or two sentences on why this reaction helps or hurts.")


class Line(_Strict):
    """One spoken line, said on every run or only on runs where its condition holds."""

    who: Key = Field(title="Who", description="A character id from `characters`.")
    line: Text = Field(title="Line", description="What they say.")
    if_: str | None = _condition(
        "Say this line only when the condition holds on arrival at the scene, e.g. `called >= 1`."
    )


class Part(_Strict):
    """One part of a narration: shown on every run, or only on runs where its condition holds."""

    if_: str | None = _condition("Show this part only when the condition holds, e.g. `called >= 1`.")
    text: Text = Field(title="Text", description="The words of this part.")


_Parts = Annotated[list[Text | Part], Field(min_length=1)]
Narration = Annotated[
    tuple[Part, ...],
    BeforeValidator(text_as_parts, json_schema_input_type=Text | _Parts),
    Field(strict=False),
]
"""Text, or a list of parts (each text or `{if, text}`); the parts that show are joined with a space."""
SceneText = Annotated[
    tuple[Part, ...],
    BeforeValidator(text_as_parts, json_schema_input_type=str | _Parts | None),
    Field(strict=False),
]
"""Narration that may be left out (empty or nothing); otherwise as Narration."""


class Branch(_Strict):
    """One entry of a conditional goto: taken when its condition holds (or always, if it has none)."""

    if_: str | None = _condition(
        "A condition over meters, e.g. `trust >= 2 and not anger > 3`. The last entry has none."
    )
    goto: Key = Field(title="Go to", description="The scene to go to.")


class Choice(_Strict):
    """Something the player can say or do, with the coaching it earns."""

    id: Key = Field(title="Id", description="Stable within the scene: replays refer to it.")
    text: Text = Field(title="Text", description="What the player says or does.")
    category: Key = Field(
        title="Category",
        description="A rubric category id: one of the defaults (weakness, logic, love, reaching_out, self_blame, pushback, graceful, no_contact, reframe) or one the scenario's rubric adds.",
    )
    feedback: Text = Field(
        title="Feedback", description="Why this helps or hurts right now; for a mistake, the better move."
    )
    effects: dict[Key, Delta] = Field(
        default_factory=dict,
        title="Effects",
        description="Meter changes, e.g. `{trust: -1}`; results are clamped to the meter's min and max.",
    )
    if_: str | None = _condition("Offer this choice only when the condition holds, e.g. `trust >= 2`.")
    goto: Annotated[
        tuple[Branch, ...],
        BeforeValidator(
            scene_id_as_branch,
            json_schema_input_type=Key | Annotated[list[Branch], Field(min_length=1, max_length=MAX_ENTRIES)],
        ),
        Field(min_length=1, max_length=MAX_ENTRIES, strict=False),
    ] = Field(
        title="Go to",
        description="A scene id, or a list of `{if, goto}` tried in order after the effects apply.",
    )


class Ending(_Strict):
    """How a run ends, and what it teaches."""

    title: Text = Field(title="Title", description="The ending's name, shown in the debrief.")
    outcome: Outcome = Field(title="Outcome", description="good, mixed or bad.")
    debrief: Narration = Field(
        min_length=1,
        title="Debrief",
        description=(
            "What this ending says about the run, tied to the coaching model: text, or a list of parts "
            "(text or `{if, text}`) so it claims only what the run did."
        ),
    )


class Scene(_Strict):
    """A moment of the story: narration and lines, then either choices or an ending."""

    # What the validator below checks, said in the schema so editors flag it too.
    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["ending"], "properties": {"ending": {"type": "object"}, "choices": {"maxItems": 0}}},
                {"required": ["choices"], "properties": {"choices": {"minItems": 1}, "ending": {"type": "null"}}},
            ]
        }
    )

    text: SceneText = Field(
        None,  # type: ignore[arg-type]  # the validator turns nothing into no parts
        validate_default=True,
        title="Text",
        description="Narration shown when the scene begins: text, or a list of parts (text or `{if, text}`).",
    )
    say: Annotated[
        tuple[Line, ...],
        BeforeValidator(single_line_as_list, json_schema_input_type=Line | list[Line]),
    ] = Field(
        (),
        strict=False,
        max_length=MAX_ENTRIES,
        title="Say",
        description="One `{who, line}` or a list of them; each may take `if`.",
    )
    choices: tuple[Choice, ...] = Field(
        (), strict=False, max_length=MAX_CHOICES, title="Choices", description="What the player can do here."
    )
    ending: Ending | None = Field(None, title="Ending", description="Makes this scene an ending.")
    shuffle: bool | None = Field(
        None,
        title="Shuffle",
        description="`false` shows this scene's choices in the order written (a sequence that must read in order); "
        "unset follows the scenario.",
    )

    @model_validator(mode="after")
    def _choices_or_ending(self) -> Scene:
        if self.ending is None and not self.choices:
            raise ValueError("a scene needs either choices or an ending")
        if self.ending is not None and self.choices:
            raise ValueError("a scene has either choices or an ending, not both")
        return self


# What a scenario file says, validated. Loading turns it into a playable `Scenario` (loader.py).
# The docstring below is the JSON Schema's description, shown to authors in their editor.
class ScenarioFile(_Strict):
    """One practice scenario: a small state machine of scenes with scored choices."""

    model_config = ConfigDict(
        title="Breakup trainer scenario (format 1)",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    format: Literal[1] = Field(title="Format", description="The scenario format version; always 1.")
    id: Annotated[Slug, AfterValidator(_not_reserved)] = Field(
        title="Id",
        description="Unique in the library; replays refer to it. Not a name Windows reserves (con, nul, com1...).",
        json_schema_extra={"not": {"enum": list(WINDOWS_RESERVED)}},
    )
    title: Text = Field(title="Title", description="Shown in the library.")
    summary: Text = Field(title="Summary", description="One or two sentences shown in the library's preview.")
    difficulty: int = Field(ge=1, le=5, title="Difficulty", description="1 (gentle) to 5 (hardest).")
    characters: dict[Key, Character] = Field(
        default_factory=dict, max_length=MAX_NAMED, title="Characters", description="Who speaks, by id."
    )
    meters: dict[Key, Meter] = Field(
        default_factory=dict,
        max_length=MAX_METERS,
        title="Meters",
        description="Bounded numbers the story tracks, by id.",
    )
    rubric: dict[Key, Category] = Field(
        default_factory=dict,
        max_length=MAX_NAMED,
        title="Rubric",
        description="Categories added to the default rubric; a default id here replaces that category.",
    )
    shuffle: bool = Field(
        True,
        title="Shuffle",
        description="Each run shows a scene's choices in its own order; `false` keeps the order written everywhere.",
    )
    start: Key = Field(title="Start", description="The id of the first scene.")
    scenes: dict[Key, Scene] = Field(
        min_length=1, max_length=MAX_SCENES, title="Scenes", description="The scenes, by id."
    )


def json_schema() -> dict[str, object]:
    """The JSON Schema of the format, generated from the models above."""
    schema = ScenarioFile.model_json_schema(by_alias=True)
    _no_other_keys(schema)
    return schema


def _no_other_keys(node: object) -> None:
    """A mapping keyed by ids (scenes, meters, effects...) accepts no key that is not an id, as the loader."""
    if isinstance(node, dict):
        if "patternProperties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _no_other_keys(value)
    elif isinstance(node, list):
        for value in node:
            _no_other_keys(value)
