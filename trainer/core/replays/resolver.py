"""Find the scenario a replay was played on: by the path in its header, else by id in the library.

Each scenario file is loaded once per batch, however many replays name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from trainer.core.errors import ScenarioError
from trainer.core.replays.format import Header
from trainer.core.replays.step_cache import StepCache
from trainer.core.scenario.loader import Scenario, load_scenario


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
    """Resolves headers to loaded scenarios, caching by (path, hash, id) and by file."""

    base: Path | None = None  # the data dir whose library is searched by id; None: bundled only
    preloaded: tuple[Scenario, ...] = ()
    _by_header: dict[tuple[str, str, str], Resolved | UnknownScenario] = field(default_factory=dict)
    _by_file: dict[Path, Scenario | None] = field(default_factory=dict)
    _steps: dict[int, StepCache] = field(default_factory=dict)
    _library: dict[str, list[Scenario]] | None = None

    def resolve(self, header: Header) -> Resolved:
        key = (header.path, header.sha256, header.scenario)
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
        if cache is None or cache.compiled is not loaded.compiled:
            cache = StepCache(loaded.compiled)
            self._steps[id(loaded)] = cache
        return cache

    def _find(self, header: Header) -> Resolved:
        # A scenario the caller already holds (the TUI's, the one being resumed) wins for its id.
        preloaded = [loaded for loaded in self.preloaded if loaded.id == header.scenario]
        if preloaded:
            same = [loaded for loaded in preloaded if loaded.sha256 == header.sha256]
            return self._resolved(header, (same or preloaded)[0])
        at_path = self._load(Path(header.path)) if header.path else None
        if at_path is not None and at_path.id == header.scenario:
            return self._resolved(header, at_path)
        candidates = self._library_by_id(header.scenario)
        if not candidates:
            raise UnknownScenario(
                f"unknown scenario '{header.scenario}': not at its recorded path {header.path!r} and not in the library"
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
