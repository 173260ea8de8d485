"""What the library shows of each replay, kept between starts so a start re-plays only new or changed runs.

The library lists runs and best percent per scenario. Re-playing every replay for that at each
start grows with the player's history (10,000 runs: about 0.3 s before the list shows). So the
figures of each replay are kept in ``<data dir>/cache/run-stats.json``, keyed by the replay's size
and modification time and by the SHA-256 of the scenario file it was re-played on: a replay that
grew (a resumed run) or a scenario that changed is re-played. The cache is our own computation,
written atomically; one that cannot be read or does not have the expected shape is ignored and
rewritten. It only feeds the library's figures: `trainer score` and the history screen re-verify
every replay, whatever the cache says. When every replay is in the cache, the library's first
frame shows its figures without loading any scenario (`cached_run_stats`).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from trainer.core.library import replays_dir
from trainer.core.replays.files import replay_files

VERSION = 1


class RunFacts(NamedTuple):
    """One replay's contribution to the library's figures."""

    scenario_id: str
    scored_against: str  # SHA-256 of the scenario file it was re-played on
    finished: bool
    percent: float | None


class CachedRun(NamedTuple):
    size: int
    mtime_ns: int
    facts: RunFacts


def cache_path(base: Path) -> Path:
    return base / "cache" / "run-stats.json"


def read_cache(base: Path) -> dict[str, CachedRun]:
    """The cached runs by replay path (relative to the replays folder); empty when unreadable or malformed."""
    try:
        data = json.loads(cache_path(base).read_bytes())
    except (OSError, ValueError):
        return {}
    runs = data.get("runs") if isinstance(data, dict) and data.get("version") == VERSION else None
    if not isinstance(runs, dict):
        return {}
    cached: dict[str, CachedRun] = {}
    for path, row in runs.items():
        if _well_formed(row):
            size, mtime_ns, scenario_id, scored_against, finished, percent = row
            cached[path] = CachedRun(size, mtime_ns, RunFacts(scenario_id, scored_against, finished, percent))
    return cached


def _well_formed(row: object) -> bool:
    if not isinstance(row, list) or len(row) != 6:
        return False
    size, mtime_ns, scenario_id, scored_against, finished, percent = row
    return (
        type(size) is int
        and type(mtime_ns) is int
        and isinstance(scenario_id, str)
        and isinstance(scored_against, str)
        and type(finished) is bool
        and (percent is None or type(percent) in (int, float))
    )


def write_cache(base: Path, runs: dict[str, CachedRun]) -> None:
    """Replace the cache atomically; a data folder that cannot be written only means no cache."""
    folder = cache_path(base).parent
    rows = {path: [run.size, run.mtime_ns, *run.facts] for path, run in runs.items()}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".run-stats-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": VERSION, "runs": rows}, out, separators=(",", ":"))
        os.replace(temporary, cache_path(base))
    except OSError:
        Path(temporary).unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class RunStats:
    """What the library shows per scenario: how many runs, and the best percent of a finished one."""

    runs: int
    best: int | None


def count_runs(
    base: Path, listed: Mapping[str, str], replayed: Callable[[str], RunFacts | None] | None
) -> dict[str, RunStats] | None:
    """Runs and best percent (rounded) per scenario id: of each replay, its cached facts while the replay
    and the scenario file (``listed``: id to SHA-256) are unchanged, else ``replayed(path)`` (None: not a
    valid replay). Without ``replayed``, None as soon as one replay is not in the cache."""
    folder = replays_dir(base)
    prefix = os.path.join(folder, "")
    cached = read_cache(base)
    kept: dict[str, CachedRun] = {}
    counts: dict[str, list[int]] = {}
    best: dict[str, float] = {}
    for path in replay_files([folder]) if folder.is_dir() else ():
        try:
            status = os.stat(path)
        except OSError:
            continue
        name = path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, folder)
        known = cached.get(name)
        if (
            known is not None
            and (known.size, known.mtime_ns) == (status.st_size, status.st_mtime_ns)
            and (listed.get(known.facts.scenario_id) == known.facts.scored_against)
        ):
            facts: RunFacts | None = known.facts
        elif replayed is None:
            return None
        else:
            facts = replayed(path)
        if facts is None:
            continue
        if listed.get(facts.scenario_id) == facts.scored_against:  # only what the library's own file verified
            kept[name] = CachedRun(status.st_size, status.st_mtime_ns, facts)
        version = listed.get(facts.scenario_id)
        if version is not None and facts.scored_against != version:
            continue
        counts.setdefault(facts.scenario_id, [0])[0] += 1
        if facts.finished and facts.percent is not None:
            best[facts.scenario_id] = max(best.get(facts.scenario_id, facts.percent), facts.percent)
    if replayed is not None and kept != cached:
        write_cache(base, kept)
    return {
        scenario_id: RunStats(runs, None if scenario_id not in best else round(best[scenario_id]))
        for scenario_id, (runs,) in counts.items()
    }


def cached_run_stats(base: Path, listed: Mapping[str, str]) -> dict[str, RunStats] | None:
    """`count_runs` from the cache alone (no scenario loaded): None unless every replay is in it, unchanged."""
    return count_runs(base, listed, None)
