"""Any id that validates, plays: every name `transitions` reserves or generates, as a choice and a scene.

The names are taken from the library itself (every attribute of its Machine, State, Event,
EventData and Transition classes) and from the patterns it generates for models and machines
(``to_<scene>``, ``is_<scene>``, ``may_<trigger>``, ``on_enter_<scene>``, ``on_exit_<scene>``), so
a new release that adds a name is tested too. One scenario holds them all, a scene per name, and
one run goes through every choice (issue 11 item 3).
"""

from __future__ import annotations

import re

import transitions
from transitions.core import Event, EventData, Transition

from trainer.core.authoring.analysis import analyze
from trainer.core.scenario.loader import load_scenario_bytes

CHOICE_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
SCENE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
CLASSES = (transitions.Machine, transitions.State, Event, EventData, Transition)
GENERATED = ("to_{}", "is_{}", "may_{}", "may_to_{}", "on_enter_{}", "on_exit_{}", "trigger_{}")


def reserved_names() -> list[str]:
    names = {name for cls in CLASSES for name in dir(cls)}
    names |= {"state", "trigger", "model", "machine", "initial", "run", "meters", "after"}
    names |= {pattern.format(name) for pattern in GENERATED for name in ("state", "trigger", "s0", "end")}
    return sorted(name for name in names if CHOICE_ID.match(name) and len(name) <= 64)


def scenario_of(names: list[str]) -> bytes:
    """Scene i offers one choice named names[i] that goes on to the next scene, itself a reserved name
    where scene ids allow it."""
    scenes = [name if SCENE_ID.match(name) else f"s{i}" for i, name in enumerate(names)]
    lines = [
        "format: 1\nid: every-reserved-name\ntitle: Every reserved name\nsummary: S.\ndifficulty: 1\n",
        f"start: {scenes[0]}\nscenes:\n",
    ]
    for i, (scene, name) in enumerate(zip(scenes, names, strict=True)):
        after = scenes[i + 1] if i + 1 < len(scenes) else "end"
        lines.append(
            f"  {scene}:\n    text: Scene {i}.\n    choices:\n"
            f"      - {{id: {name}, text: Go on, category: graceful, feedback: Fine here., goto: {after}}}\n"
        )
    lines.append("  end:\n    ending: {title: Done, outcome: good, debrief: Every name played.}\n")
    return "".join(lines).encode()


def test_every_name_the_machine_library_reserves_or_generates_plays() -> None:
    names = reserved_names()
    assert {"state", "trigger", "to_state", "may_trigger", "is_state", "add_transition", "__init__"} <= set(names)
    loaded = load_scenario_bytes(scenario_of(names), "every-reserved-name.yaml")
    run = loaded.new_run(seed=1)
    for name in names:
        assert [choice.id for choice in run.offered()] == [name]
        run.choose(name)
    assert run.ended and run.ending is not None and run.ending.title == "Done"
    assert loaded.bounds.par == 3 * len(names)
    analyze(loaded)
    for _ in names:
        run.take_back()
    assert not run.history and run.scene_id == loaded.file.start
