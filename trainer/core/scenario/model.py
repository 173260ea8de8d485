"""The scenario format (version 1) as the immutable structs a loaded scenario is made of.

msgspec checks a file's data against these structs: a valid file never imports pydantic, whose
import and models cost about 15 MB and 100 ms before anything is loaded. A file they reject goes to
schema.py's pydantic models, which list every problem (and give the JSON Schema editors use). The
two describe one format: tests/core/test_model_matches_schema.py holds them to the same fields, the
same accepted files and the same data.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta, field

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
KEY_PATTERN = r"^[A-Za-z_][A-Za-z0-9_-]*$"
# Names Windows reserves for devices, whatever the extension: a scenario id names its replay
# folder (and `trainer new` names the file after it), so none of them can be an id.
WINDOWS_RESERVED = ("con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10)))

# Every number and count has a range, so nothing downstream meets a number too large to turn into
# a percent or a list too long to show; the state-space caps (statespace.py) bound the rest.
METER_LIMIT = 1_000_000
POINTS_LIMIT = 1_000
MAX_SCENES = 200_000
MAX_CHOICES = 20
MAX_ENTRIES = 50  # lines in a `say`, entries in a `goto`
MAX_METERS = 20
MAX_NAMED = 100  # characters, rubric categories

Kind = Literal["mistake", "okay", "good"]
Outcome = Literal["good", "mixed", "bad"]


def reserved_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a file on every system (None when it can)."""
    if name in WINDOWS_RESERVED:
        return f"'{name}' is a name Windows reserves for a device, so no file or folder can have it: choose another"
    return None


def _whole(pattern: str) -> str:
    """``pattern`` ending at the end of the text: msgspec searches with Python's re, where ``$`` also
    matches before a final newline; pydantic's regex engine (schema.py) ends at the end only."""
    return pattern.removesuffix("$") + r"\Z"


Slug = Annotated[str, Meta(pattern=_whole(SLUG_PATTERN), max_length=64)]
Key = Annotated[str, Meta(pattern=_whole(KEY_PATTERN), max_length=64)]
Text = Annotated[str, Meta(min_length=1)]
MeterValue = Annotated[int, Meta(ge=-METER_LIMIT, le=METER_LIMIT)]
Delta = Annotated[int, Meta(ge=-2 * METER_LIMIT, le=2 * METER_LIMIT)]


class _Strict(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Unknown keys are errors: a typo must never be silently ignored."""


class Character(_Strict, kw_only=True):
    """Someone who speaks in the scenario."""

    name: Text
    description: str | None = None


class Meter(_Strict, kw_only=True):
    """A bounded whole number the story tracks; choices change it and conditions read it."""

    start: MeterValue = 0
    min: MeterValue
    max: MeterValue
    label: str | None = None

    def __post_init__(self) -> None:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")


class Category(_Strict, kw_only=True):
    """A kind of reaction the trainer scores; a scenario's rubric adds to or overrides the default one."""

    label: Text
    kind: Kind
    points: Annotated[int, Meta(ge=-POINTS_LIMIT, le=POINTS_LIMIT)]
    about: Text


class Line(_Strict, kw_only=True):
    """One spoken line, said on every run or only on runs where its condition holds."""

    who: Key
    line: Text
    if_: str | None = field(default=None, name="if")


class Part(_Strict, kw_only=True):
    """One part of a narration: shown on every run, or only on runs where its condition holds."""

    if_: str | None = field(default=None, name="if")
    text: Text


class Branch(_Strict, kw_only=True):
    """One entry of a conditional goto: taken when its condition holds (or always, if it has none)."""

    if_: str | None = field(default=None, name="if")
    goto: Key


class Choice(_Strict, kw_only=True):
    """Something the player can say or do, with the coaching it earns."""

    id: Key
    text: Text
    category: Key
    feedback: Text
    effects: dict[Key, Delta] = field(default_factory=dict)
    if_: str | None = field(default=None, name="if")
    goto: Annotated[tuple[Branch, ...], Meta(min_length=1, max_length=MAX_ENTRIES)]


class Ending(_Strict, kw_only=True):
    """How a run ends, and what it teaches."""

    title: Text
    outcome: Outcome
    debrief: Annotated[tuple[Part, ...], Meta(min_length=1)]


class Scene(_Strict, kw_only=True):
    """A moment of the story: narration and lines, then either choices or an ending."""

    text: tuple[Part, ...] = ()
    say: Annotated[tuple[Line, ...], Meta(max_length=MAX_ENTRIES)] = ()
    choices: Annotated[tuple[Choice, ...], Meta(max_length=MAX_CHOICES)] = ()
    ending: Ending | None = None
    shuffle: bool | None = None

    def __post_init__(self) -> None:
        if self.ending is None and not self.choices:
            raise ValueError("a scene needs either choices or an ending")
        if self.ending is not None and self.choices:
            raise ValueError("a scene has either choices or an ending, not both")


# What a scenario file says, checked. Loading turns it into a playable `Scenario` (loader.py).
class ScenarioFile(_Strict, kw_only=True):
    """One practice scenario: a small state machine of scenes with scored choices."""

    format: Literal[1]
    id: Slug
    title: Text
    summary: Text
    difficulty: Annotated[int, Meta(ge=1, le=5)]
    characters: Annotated[dict[Key, Character], Meta(max_length=MAX_NAMED)] = field(default_factory=dict)
    meters: Annotated[dict[Key, Meter], Meta(max_length=MAX_METERS)] = field(default_factory=dict)
    rubric: Annotated[dict[Key, Category], Meta(max_length=MAX_NAMED)] = field(default_factory=dict)
    shuffle: bool = True
    start: Key
    scenes: Annotated[dict[Key, Scene], Meta(min_length=1, max_length=MAX_SCENES)]

    def __post_init__(self) -> None:
        problem = reserved_name_problem(self.id)
        if problem is not None:
            raise ValueError(problem)


# ---------------------------------------------------------------- shorthands
# The format's shorthands, written out before the data is checked. schema.py's pydantic models run
# these same functions as before-validators, so both see the same data; each is idempotent (its
# output passes through it unchanged), so data written out once can still go to pydantic.


def text_as_parts(value: object) -> object:
    """Plain text is one part shown always; a list's plain strings are parts without a condition."""
    if value is None:  # `text:` with nothing after it: no narration, as before parts existed
        return []
    if isinstance(value, str):
        return [{"text": value}] if value else []
    if isinstance(value, list):
        return [{"text": item} if isinstance(item, str) else item for item in value]
    return value


def single_line_as_list(value: object) -> object:
    return [value] if isinstance(value, dict) else value


def scene_id_as_branch(value: object) -> object:
    return [{"goto": value}] if isinstance(value, str) else value


def write_out_shorthands(data: object) -> None:
    """Write out every scene's shorthands in ``data`` itself, where the structs' models would meet them."""
    scenes = data.get("scenes") if isinstance(data, dict) else None
    if not isinstance(scenes, dict):
        return
    for scene in scenes.values():
        if not isinstance(scene, dict):
            continue
        if "text" in scene:
            scene["text"] = text_as_parts(scene["text"])
        if "say" in scene:
            scene["say"] = single_line_as_list(scene["say"])
        ending = scene.get("ending")
        if isinstance(ending, dict) and "debrief" in ending:
            ending["debrief"] = text_as_parts(ending["debrief"])
        choices = scene.get("choices")
        if isinstance(choices, list):
            for choice in choices:
                if isinstance(choice, dict) and "goto" in choice:
                    choice["goto"] = scene_id_as_branch(choice["goto"])


def checked_file(data: object) -> ScenarioFile:
    """``data`` (its shorthands written out) as a ScenarioFile; msgspec.ValidationError on the first problem."""
    return msgspec.convert(data, ScenarioFile)
