"""Find the scenario a replay was played on, among the scenarios the user trusts.

Trusted: the scenarios the caller names (a file given on the command line, the one being
resumed, the app's library) and the user's library (their own scenarios, then the bundled ones).
Never the file at the path a replay's header names: a replay folder could bring its own scenario
with a bundled id and all-positive points, and be scored as a perfect run of the real one.
Each scenario file is loaded once per batch, however many replays name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trainer.core.errors import ScenarioError
from trainer.core.replays.format import Header
from trainer.core.replays.step_cache import StepCache
from trainer.core.scenario.loader import Scenario, load_scenario
from trainer.core.text import quoted


@dataclass(frozen=True, slots=True)
class Resolved:
    """The scenario a header resolves to, its step cache, and why it may not be the recorded file."""

    loaded: Scenario
    steps: StepCache
    changed: str | None  # a warning when the file's hash differs from the recorded one


class UnknownScenario(LookupError):
    """No usable scenario file for a header; the message says where it looked."""


@dataclass
class ScenarioResolver:
    """Resolves headers to trusted scenarios, caching by (hash, id) and by file."""

    base: Path | None = None  # the data dir whose library is searched by id; None: bundled only
    preloaded: tuple[Scenario, ...] = ()
    _by_header: dict[tuple[str, str], Resolved | UnknownScenario] = field(default_factory=dict)
    _by_file: dict[Path, Scenario | None] = field(default_factory=dict)
    _steps: dict[int, StepCache] = field(default_factory=dict)
    _library: dict[str, list[Scenario]] | None = None

    def resolve(self, header: Header) -> Resolved:
        key = (header.sha256, header.scenario)
        found = self._by_header.get(key)
        if found is None:
            try:
                found = self._find(header)
            except UnknownScenario as exc:
                found = exc
            self._by_header[key] = found
        if isinstance(found, UnknownScenario):
            raise found
        return found

    def steps_for(self, loaded: Scenario) -> StepCache:
        cache = self._steps.get(id(loaded))
        if cache is None or cache.graph is not loaded.graph:
            cache = StepCache(loaded)
            self._steps[id(loaded)] = cache
        return cache

    def _find(self, header: Header) -> Resolved:
        # The caller's scenarios first, then the library; within them the very version played
        # (same hash) wins, else the first (a named file, or the user's version of a bundled one).
        candidates = [loaded for loaded in self.preloaded if loaded.id == header.scenario]
        candidates += self._library_by_id(header.scenario)
        if not candidates:
            where = "not in your library" if self.base is not None else "not among the bundled scenarios"
            raise UnknownScenario(
                f"unknown scenario {quoted(header.scenario)}: {where}; a scenario file is never taken from "
                "the replay's own path (name it with --scenario FILE)"
            )
        same = [loaded for loaded in candidates if loaded.sha256 == header.sha256]
        return self._resolved(header, same[0] if same else candidates[0])

    def _resolved(self, header: Header, loaded: Scenario) -> Resolved:
        changed = None
        if loaded.sha256 != header.sha256:
            changed = (
                f"scenario '{header.scenario}' changed since this run was recorded (its sha256 differs); "
                f"scored against the current file {loaded.shown_path}"
            )
        return Resolved(loaded, self.steps_for(loaded), changed)

    def _load(self, path: Path) -> Scenario | None:
        if path not in self._by_file:
            try:
                self._by_file[path] = load_scenario(path) if path.is_file() else None
            except (ScenarioError, OSError):
                self._by_file[path] = None
        return self._by_file[path]

    def _library_by_id(self, scenario_id: str) -> list[Scenario]:
        if self._library is None:
            # Imported here: the library module pulls in every scenario folder, needed only on a miss.
            from trainer.core.library import bundled_scenarios_dir, scenario_files, user_scenarios_dir

            folders = [bundled_scenarios_dir()]
            if self.base is not None:
                folders.insert(0, user_scenarios_dir(self.base))
            self._library = {}
            for folder in folders:
                for path in scenario_files(folder):
                    loaded = self._load(path)
                    if loaded is not None:
                        self._library.setdefault(loaded.id, []).append(loaded)
        return self._library.get(scenario_id, [])
