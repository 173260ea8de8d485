"""Reports on verified replays: one row per run, and a summary per scenario for reviewers.

Both are built while streaming: a row is produced and forgotten, and the summary keeps only
counters, so memory stays flat however many replays a batch holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from trainer.core.errors import Diagnostic, display_path
from trainer.core.replays.files import replay_files
from trainer.core.replays.format import InvalidReplay
from trainer.core.replays.reader import VerifiedReplay, read_replay
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import Scenario


def verified_replays(
    paths: Iterable[Path],
    resolver: ScenarioResolver,
    on_problem: Callable[[Diagnostic], None],
    *,
    ordered: bool = True,
    on_file: Callable[[], None] | None = None,
) -> Iterator[VerifiedReplay]:
    """Every replay under ``paths`` that verifies; each invalid one and each warning goes to ``on_problem``."""
    for path in replay_files(paths, ordered=ordered, on_skip=on_problem):
        try:
            replay = read_replay(path, resolver)
        except InvalidReplay as exc:
            on_problem(exc.error)
            continue
        finally:
            if on_file is not None:
                on_file()
        for warning in replay.warnings:
            on_problem(warning)
        yield replay


# ---------------------------------------------------------------- one row per replay


class ReplayRow(NamedTuple):
    """One run as a reviewer's table shows it; every number recomputed by re-playing.

    A named tuple: made once per replay in a batch, and a frozen dataclass of 16 fields cost more
    to make than scoring the run.
    """

    path: str
    player: str | None
    scenario: str
    started: str
    finished: bool
    ending: str | None
    outcome: str | None
    score: int
    par: int
    worst: int
    percent: float | None
    steps: int
    take_backs: int
    categories: dict[str, int]
    sha256: str = ""  # the version of the scenario the run was played on, as its replay recorded
    abandoned: bool = False  # left for good before its ending (a live preview restarted it)

    def as_dict(self) -> dict[str, object]:
        return self._asdict()


def replay_row(replay: VerifiedReplay, shown: Callable[[Path | str], str] = display_path) -> ReplayRow:
    """The row of one run; ``shown`` displays its path (a batch passes one `PathDisplay` for all its rows).

    Built from what verification found (the score, the final state): only the tally is counted here.
    Made once per replay of a batch, so the fields are given in order rather than by name (a
    keyword each cost a tenth of the row).
    """
    header, loaded, score = replay.header, replay.loaded, replay.score
    bounds = loaded.bounds
    if replay.finished:
        ending = loaded.file.scenes[loaded.compiled.scene_ids[replay.final_state[0]]].ending
        title, outcome, percent = ending.title, ending.outcome, bounds.percent(score)
    else:
        title = outcome = percent = None
    return ReplayRow(
        shown(replay.file),  # path: the text, not `replay.path` (a Path per row costs a parse)
        header.player,
        header.scenario,
        header.started,
        replay.finished,
        title,  # ending
        outcome,
        score,
        bounds.par,
        bounds.worst,
        percent,
        len(replay.run),  # steps
        replay.take_backs,
        replay.tally(),  # categories
        header.sha256,
        replay.abandoned,
    )


# ---------------------------------------------------------------- summary per scenario


@dataclass(frozen=True, slots=True)
class ChoiceCount:
    """How often one choice of one scene stands in the runs."""

    scene: str
    choice: str
    text: str
    category: str
    label: str
    kind: str
    count: int


@dataclass(frozen=True, slots=True)
class EndingCount:
    scene: str
    title: str
    outcome: str
    count: int


@dataclass(frozen=True, slots=True)
class ScenarioSummary:
    """What a reviewer wants to know about many runs of one scenario."""

    scenario: str
    title: str
    runs: int
    finished: int
    par: int
    worst: int
    mean_percent: float | None
    best_percent: float | None
    endings: tuple[EndingCount, ...]
    scenes: tuple[tuple[str, tuple[ChoiceCount, ...]], ...]  # every scene with choices, each choice's count
    most_frequent_mistake: ChoiceCount | None
    # The version the runs were played on (the sha256 their replays recorded), the file they were
    # scored against, and whether that file is still that version.
    version: str = ""
    scored_against: str = ""
    current: bool = True

    def as_dict(self) -> dict[str, object]:
        return {
            "scenario": self.scenario,
            "sha256": self.version,
            "scored_against": self.scored_against,
            "current": self.current,
            "title": self.title,
            "runs": self.runs,
            "finished": self.finished,
            "par": self.par,
            "worst": self.worst,
            "mean_percent": self.mean_percent,
            "best_percent": self.best_percent,
            "endings": [_fields(e) for e in self.endings],
            "scenes": {scene: [_fields(c) for c in choices] for scene, choices in self.scenes},
            "most_frequent_mistake": None
            if self.most_frequent_mistake is None
            else _fields(self.most_frequent_mistake),
        }


def _fields(value: object) -> dict[str, object]:
    return {name: getattr(value, name) for name in value.__slots__}  # type: ignore[attr-defined]


@dataclass
class _Variant:
    """Counters for one loaded version of a scenario (a scenario edited mid-batch has two)."""

    loaded: Scenario
    choices: Counter[int] = field(default_factory=Counter)
    endings: Counter[int] = field(default_factory=Counter)


@dataclass
class _Totals:
    runs: int = 0
    finished: int = 0
    percent_sum: float = 0.0
    best: float | None = None
    variants: dict[int, _Variant] = field(default_factory=dict)


class SummaryBuilder:
    """Adds verified replays one at a time; ``summaries()`` turns the counters into reports.

    Runs of different versions of one scenario (the sha256 each replay recorded) are reported
    apart: a forged or edited copy of a scenario never merges into the statistics of the real one.
    """

    def __init__(self) -> None:
        self._totals: dict[tuple[str, str], _Totals] = {}

    def add(self, replay: VerifiedReplay) -> None:
        key = (replay.header.scenario, replay.header.sha256)
        totals = self._totals.get(key)
        if totals is None:
            totals = self._totals[key] = _Totals()
        variant = totals.variants.get(id(replay.loaded))
        if variant is None:
            variant = totals.variants[id(replay.loaded)] = _Variant(replay.loaded)
        totals.runs += 1
        variant.choices.update(replay.run_keys)
        if replay.finished:
            percent = replay.loaded.bounds.percent(replay.score)
            totals.finished += 1
            totals.percent_sum += percent
            if totals.best is None or percent > totals.best:
                totals.best = percent
            variant.endings[replay.final_state[0]] += 1

    def summaries(self) -> list[ScenarioSummary]:
        """One per scenario and version: by id, the version of the current file first."""
        made = [self._summary(scenario_id, version, totals) for (scenario_id, version), totals in self._totals.items()]
        return sorted(made, key=lambda s: (s.scenario, not s.current, s.version))

    def _summary(self, scenario_id: str, version: str, totals: _Totals) -> ScenarioSummary:
        variants = sorted(totals.variants.values(), key=lambda v: -v.choices.total())
        main = variants[0].loaded
        choice_counts: Counter[tuple[str, str]] = Counter()
        ending_counts: Counter[str] = Counter()
        described: dict[tuple[str, str], ChoiceCount] = {}
        endings: dict[str, EndingCount] = {}
        for variant in reversed(variants):  # the main variant last, so its texts win
            loaded = variant.loaded
            compiled = loaded.compiled
            for key, count in variant.choices.items():
                choice = compiled.all_choices[key]
                choice_counts[compiled.scene_ids[choice.scene], choice.id] += count
            for scene, count in variant.endings.items():
                ending_counts[compiled.scene_ids[scene]] += count
            for scene_id, scene in loaded.file.scenes.items():
                for choice in scene.choices:
                    category = loaded.rubric[choice.category]
                    described[scene_id, choice.id] = ChoiceCount(
                        scene_id, choice.id, choice.text, choice.category, category.label, category.kind, 0
                    )
                if scene.ending is not None:
                    endings[scene_id] = EndingCount(scene_id, scene.ending.title, scene.ending.outcome, 0)
        # The main version's authored order first, then what only an older version had.
        order = [(scene_id, c.id) for scene_id, scene in main.file.scenes.items() for c in scene.choices]
        authored = set(order)
        order += [key for key in described if key not in authored]
        scenes: dict[str, list[ChoiceCount]] = {}
        for key in order:
            counted = _with_count(described[key], choice_counts[key])
            scenes.setdefault(key[0], []).append(counted)
        mistakes = [c for choices in scenes.values() for c in choices if c.kind == "mistake" and c.count]
        worst = max(mistakes, key=lambda c: c.count, default=None)  # max keeps the first of equal counts
        return ScenarioSummary(
            scenario=scenario_id,
            title=main.file.title,
            runs=totals.runs,
            finished=totals.finished,
            par=main.bounds.par,
            worst=main.bounds.worst,
            mean_percent=totals.percent_sum / totals.finished if totals.finished else None,
            best_percent=totals.best,
            endings=tuple(_ending_with_count(endings[s], ending_counts[s]) for s in endings),
            scenes=tuple((scene, tuple(choices)) for scene, choices in scenes.items()),
            most_frequent_mistake=worst,
            version=version,
            scored_against=main.shown_path,
            current=main.sha256 == version,
        )


def _with_count(choice: ChoiceCount, count: int) -> ChoiceCount:
    return ChoiceCount(choice.scene, choice.choice, choice.text, choice.category, choice.label, choice.kind, count)


def _ending_with_count(ending: EndingCount, count: int) -> EndingCount:
    return EndingCount(ending.scene, ending.title, ending.outcome, count)
