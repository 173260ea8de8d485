"""A player's past runs, from the replays in their data folder: scores over time, best, unfinished.

Every figure is recomputed from the replays (never read from them), like `trainer score` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from trainer.core.errors import Diagnostic
from trainer.core.library import replays_dir
from trainer.core.replays.files import replay_files
from trainer.core.replays.format import InvalidReplay
from trainer.core.replays.reader import VerifiedReplay, read_replay
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.replays.stats_cache import RunFacts, RunStats, count_runs
from trainer.core.scenario.loader import Scenario


@dataclass(frozen=True, slots=True)
class PastRun:
    """One recorded run as the history shows it."""

    path: Path
    scenario_id: str
    title: str
    player: str | None
    started: datetime
    finished: bool
    steps: int
    score: int
    par: int
    worst: int
    percent: float | None
    ending: str | None
    scored_against: str = ""  # sha256 of the scenario file it was re-played on (a user's copy is not the bundled one)
    abandoned: bool = False  # left for good before its ending: never offered for resuming

    @property
    def status(self) -> str:
        return "finished" if self.finished else "abandoned" if self.abandoned else "unfinished"

    @classmethod
    def of(cls, replay: VerifiedReplay) -> PastRun:
        ending = replay.ending
        return cls(
            path=replay.path,
            scenario_id=replay.header.scenario,
            title=replay.loaded.file.title,
            player=replay.header.player,
            started=started_at(replay),
            finished=replay.finished,
            steps=len(replay.run),
            score=replay.score,
            par=replay.loaded.bounds.par,
            worst=replay.loaded.bounds.worst,
            percent=replay.percent,
            ending=None if ending is None else ending.title,
            scored_against=replay.loaded.sha256,
            abandoned=replay.abandoned,
        )


def started_at(replay: VerifiedReplay) -> datetime:
    """The header's start time; the file's time if someone wrote it badly (history stays usable)."""
    try:
        started = datetime.fromisoformat(replay.header.started)
    except ValueError:
        started = datetime.fromtimestamp(replay.path.stat().st_mtime, UTC)
    return started if started.tzinfo else started.replace(tzinfo=UTC)


TREND_BARS = "▁▂▃▄▅▆▇█"


def trend_line(percents: Iterable[float]) -> str:
    """One block character per run, its height the run's percent on the fixed 0-100 scale.

    Never rescaled to the runs shown: a lone run at 21% must not stand as tall as par.
    """
    top = len(TREND_BARS) - 1
    return "".join(TREND_BARS[round(max(0.0, min(100.0, p)) / 100 * top)] for p in percents)


@dataclass
class ScenarioHistory:
    """The runs of one scenario, oldest first."""

    scenario_id: str
    title: str
    runs: list[PastRun] = field(default_factory=list)

    @property
    def finished(self) -> list[PastRun]:
        return [run for run in self.runs if run.finished]

    @property
    def best_percent(self) -> float | None:
        return max((run.percent for run in self.finished if run.percent is not None), default=None)

    @property
    def trend(self) -> list[float]:
        """Percent of each finished run, in the order they were played."""
        return [run.percent for run in self.finished if run.percent is not None]

    @property
    def unfinished(self) -> list[PastRun]:
        return [run for run in self.runs if not run.finished and not run.abandoned]


def past_runs(
    base: Path,
    scenarios: Iterable[Scenario] = (),
    on_invalid: Callable[[Diagnostic], None] | None = None,
) -> list[PastRun]:
    """Every valid replay in the data folder, oldest first; invalid ones go to ``on_invalid``."""
    resolver = ScenarioResolver(base=base, preloaded=tuple(scenarios))
    runs: list[PastRun] = []
    for path in replay_files([replays_dir(base)], on_skip=on_invalid) if replays_dir(base).is_dir() else ():
        try:
            runs.append(PastRun.of(read_replay(path, resolver)))
        except InvalidReplay as exc:
            if on_invalid is not None:
                on_invalid(exc.error)
    runs.sort(key=lambda run: (run.started, run.path.name))
    return runs


def scenario_histories(
    base: Path,
    scenarios: Iterable[Scenario] = (),
    on_invalid: Callable[[Diagnostic], None] | None = None,
) -> dict[str, ScenarioHistory]:
    """Past runs grouped by scenario id, scenarios in the order first played."""
    histories: dict[str, ScenarioHistory] = {}
    for run in past_runs(base, scenarios, on_invalid):
        history = histories.setdefault(run.scenario_id, ScenarioHistory(run.scenario_id, run.title))
        history.runs.append(run)
    return histories


def unfinished_runs(base: Path, loaded: Scenario) -> list[PastRun]:
    """The unfinished runs of one scenario that can be resumed (they verify against it), newest first."""
    folder = replays_dir(base) / loaded.id
    resolver = ScenarioResolver(base=base, preloaded=(loaded,))
    runs: list[PastRun] = []
    for path in replay_files([folder]) if folder.is_dir() else ():
        try:
            replay = read_replay(path, resolver)
        except InvalidReplay:
            continue
        if not replay.finished and not replay.abandoned and replay.loaded is loaded:
            runs.append(PastRun.of(replay))
    runs.sort(key=lambda run: (run.started, run.path.name), reverse=True)
    return runs


def run_stats(base: Path, scenarios: Iterable[Scenario] = ()) -> dict[str, RunStats]:
    """Runs and best percent (rounded) per scenario id, from the replays in the data folder.

    Given the library's scenarios, only the runs re-played on that very file count for its id:
    the runs of a bundled scenario are not shown as those of the user's version of it. A replay
    unchanged since the last count, of a scenario file unchanged since, is not re-played again
    (`stats_cache`).
    """
    scenarios = tuple(scenarios)
    resolver: ScenarioResolver | None = None

    def replayed(path: str) -> RunFacts | None:
        nonlocal resolver
        resolver = resolver or ScenarioResolver(base=base, preloaded=scenarios)
        try:
            replay = read_replay(path, resolver)
        except InvalidReplay:
            return None
        return RunFacts(replay.header.scenario, replay.loaded.sha256, replay.finished, replay.percent)

    counted = count_runs(base, {scenario.id: scenario.sha256 for scenario in scenarios}, replayed)
    assert counted is not None  # every replay not in the cache was re-played
    return counted
