"""Warnings about a scenario that loads but will not teach well: loose ends and weak coaching.

A warning never stops play; `validate --strict` treats them as errors. Each has a stable code
and points at the line and column of the YAML that causes it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from trainer.core.authoring.analysis import best_run_endings, reachable_scenes
from trainer.core.authoring.endings import BAD_CEILING, GOOD_FLOOR, crosses, ending_report, witness_run
from trainer.core.authoring.fields_in_text import fields_in_text
from trainer.core.errors import Diagnostic, sorted_diagnostics
from trainer.core.scenario.conditions import meter_refs, parse_condition
from trainer.core.scenario.loader import Scenario

# Stable warning codes: tests and users refer to them, so never renumber.
WARNING_CODES: dict[str, str] = {
    "W001": "a scene no run can reach",
    "W002": "an ending no run can reach",
    "W003": "a choice whose `if:` is never true in any reachable state",
    "W004": "a meter that no condition reads (of choices, gotos or narration)",
    "W005": "a meter that no effect changes",
    "W006": "a character who never speaks",
    "W007": "a scene with a single choice",
    "W008": "a choice whose feedback is empty or one word",
    "W009": "a best-scoring run ends in an ending whose outcome is not good",
    "W010": "a scene where every choice is a mistake",
    "W011": "a narration part or line whose `if:` is false whenever a run is at its scene",
    "W012": "a narration part or line whose `if:` is true whenever a run is at its scene",
    "W013": "an ending that contradicts a run reaching it: good below 60%, or bad above 40%",
    "W014": "a line inside a block of text (`>` or `|`) that reads as a field of the mapping around it",
}


def lint(loaded: Scenario) -> list[Diagnostic]:
    """Every warning for a scenario that loaded cleanly, in file order."""
    linter = _Linter(loaded)
    linter.reachability()
    linter.meters()
    linter.characters()
    linter.scenes()
    linter.best_run()
    linter.narration()
    linter.ending_truth()
    linter.found.extend(fields_in_text(loaded))
    return sorted_diagnostics(linter.found)


class _Linter:
    def __init__(self, loaded: Scenario) -> None:
        self.loaded = loaded
        self.file = loaded.file
        self.compiled = loaded.compiled
        self.found: list[Diagnostic] = []
        self.tree = loaded.source_tree()  # composed on the first warning: a clean scenario never needs it

    def warn(self, path: Sequence[object], code: str, message: str, *, key: bool = False) -> None:
        line: int | None = None
        column: int | None = None
        if self.tree is not None:
            line, column = self.tree.at(path, key=key)
        self.found.append(Diagnostic(self.loaded.shown_path, line, column, code, message, "warning"))

    def reachability(self) -> None:
        graph = self.loaded.graph
        reached = reachable_scenes(graph)
        offered = {(graph.states[s][0], choice.index) for s, out in enumerate(graph.edges) for choice, _ in out}
        for index, scene_id in enumerate(self.compiled.scene_ids):
            scene = self.file.scenes[scene_id]
            if index not in reached:
                if scene.ending is None:
                    self.warn(["scenes", scene_id], "W001", f"no run can reach scene '{scene_id}'", key=True)
                else:
                    self.warn(["scenes", scene_id], "W002", f"no run can reach ending '{scene_id}'", key=True)
                continue
            for i, choice in enumerate(scene.choices):
                if choice.if_ is not None and (index, i) not in offered:
                    self.warn(
                        ["scenes", scene_id, "choices", i, "if"],
                        "W003",
                        f"choice '{choice.id}' is never offered: '{choice.if_}' is false whenever a run is here",
                    )

    def meters(self) -> None:
        read: set[str] = set()
        changed: set[str] = set()
        for scene in self.file.scenes.values():
            for choice in scene.choices:
                conditions = [choice.if_, *(branch.if_ for branch in choice.goto)]
                for source in conditions:
                    if source is not None:
                        read.update(ref.name for ref in meter_refs(parse_condition(source)))
                changed.update(name for name, delta in choice.effects.items() if delta)
            narration = (*scene.text, *scene.say, *(scene.ending.debrief if scene.ending else ()))
            for part in narration:
                if part.if_ is not None:
                    read.update(ref.name for ref in meter_refs(parse_condition(part.if_)))
        for name in self.file.meters:
            if name not in read:
                self.warn(["meters", name], "W004", f"meter '{name}' is never read by any `if:`", key=True)
            if name not in changed:
                self.warn(["meters", name], "W005", f"meter '{name}' is never changed by any effect", key=True)

    def characters(self) -> None:
        speaking = {line.who for scene in self.file.scenes.values() for line in scene.say}
        for name in self.file.characters:
            if name not in speaking:
                self.warn(["characters", name], "W006", f"character '{name}' never speaks", key=True)

    def scenes(self) -> None:
        rubric = self.loaded.rubric
        for scene_id, scene in self.file.scenes.items():
            choices = scene.choices
            if len(choices) == 1:
                self.warn(
                    ["scenes", scene_id, "choices"],
                    "W007",
                    f"scene '{scene_id}' offers a single choice: the player has nothing to decide",
                    key=True,
                )
            if choices and all(rubric[choice.category].kind == "mistake" for choice in choices):
                self.warn(
                    ["scenes", scene_id, "choices"],
                    "W010",
                    f"every choice in scene '{scene_id}' is a mistake: offer one good or okay move to learn from",
                    key=True,
                )
            for i, choice in enumerate(choices):
                words = len(choice.feedback.split())
                if words <= 1:
                    what = "empty" if words == 0 else "one word"
                    self.warn(
                        ["scenes", scene_id, "choices", i, "feedback"],
                        "W008",
                        f"the feedback of choice '{choice.id}' is {what}: say why it helps or hurts",
                    )

    def best_run(self) -> None:
        par = self.loaded.bounds.par
        for index in sorted(best_run_endings(self.loaded.graph)):
            scene_id = self.compiled.scene_ids[index]
            ending = self.file.scenes[scene_id].ending
            if ending is not None and ending.outcome != "good":
                self.warn(
                    ["scenes", scene_id, "ending", "outcome"],
                    "W009",
                    f"a best-scoring run (par {par}) ends in '{scene_id}', whose outcome is {ending.outcome}: "
                    "the best play should end well",
                )

    def narration(self) -> None:
        """Conditional parts that every run, or no run, at their scene would see."""
        meters_at: defaultdict[int, list[tuple[int, ...]]] = defaultdict(list)
        for scene, meters in self.loaded.graph.states:
            meters_at[scene].append(meters)
        conditions = self.compiled.conditions
        for index, scene_id in enumerate(self.compiled.scene_ids):
            runs_here = meters_at.get(index)
            if not runs_here:
                continue  # W001/W002 already say no run gets here
            scene = self.file.scenes[scene_id]
            base: list[object] = ["scenes", scene_id]
            conditional: list[tuple[list[object], str, str]] = [
                ([*base, "text", k], part.if_, f"part {k + 1} of the text of scene '{scene_id}'")
                for k, part in enumerate(scene.text)
                if part.if_ is not None
            ]
            conditional += [
                ([*base, "say", k], line.if_, f"line {k + 1} of scene '{scene_id}'")
                for k, line in enumerate(scene.say)
                if line.if_ is not None
            ]
            if scene.ending is not None:
                conditional += [
                    ([*base, "ending", "debrief", k], part.if_, f"part {k + 1} of the debrief of '{scene_id}'")
                    for k, part in enumerate(scene.ending.debrief)
                    if part.if_ is not None
                ]
            for path, source, what in conditional:
                test = conditions[source]
                shown = sum(1 for meters in runs_here if test(meters))
                if shown == 0:
                    self.warn(
                        [*path, "if"],
                        "W011",
                        f"{what} never shows: '{source}' is false whenever a run is here",
                    )
                elif shown == len(runs_here):
                    self.warn(
                        [*path, "if"],
                        "W012",
                        f"{what} always shows: '{source}' is true whenever a run is here, so the `if` says nothing",
                    )

    def ending_truth(self) -> None:
        """A good ending some run reaches at a low percent, or a bad one reached at a high percent."""
        bounds = self.loaded.bounds
        for fact in ending_report(self.loaded).endings:
            side = crosses(fact, bounds)
            if side is None:
                continue
            lowest = side == "low"
            score = fact.worst if lowest else fact.best
            exact = fact.worst_percent if lowest else fact.best_percent
            assert score is not None and exact is not None
            percent = math.floor(exact) if lowest else math.ceil(exact)  # never rounded back across the line
            line = f"below {GOOD_FLOOR}%" if lowest else f"above {BAD_CEILING}%"
            run = ", ".join(witness_run(self.loaded, fact.scene_id, lowest=lowest)) or "(no choices)"
            self.warn(
                ["scenes", fact.scene_id, "ending", "outcome"],
                "W013",
                f"{fact.outcome} ending '{fact.scene_id}' is reached at {percent}%, {line} "
                f"(score {score}; worst {bounds.worst}, par {bounds.par}), for example by: {run}",
            )
