"""Where scenarios and user data live, and how a scenario named on the command line is found."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.errors import ScenarioError, TrainerError
from trainer.core.text import quoted
from trainer.core.wording import did_you_mean

# The loader (pydantic, YAML) is imported where scenarios are loaded, not here: the TUI asks for
# data_dir() before its first frame and should not pay for the loader until after it.
if TYPE_CHECKING:
    from trainer.core.scenario.loader import Scenario

APP_NAME = "breakup-trainer"
DATA_DIR_VARIABLE = "TRAINER_DATA_DIR"


def bundled_scenarios_dir() -> Path:
    """The scenarios shipped with the app: inside the installed package, or at the top of a checkout."""
    packaged = Path(str(files("trainer"))) / "scenarios"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "scenarios"


def data_dir(override: Path | str | None = None) -> Path:
    """The user's data folder: ``--data-dir``, else $TRAINER_DATA_DIR, else the platform's place."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_VARIABLE)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_scenarios_dir(base: Path) -> Path:
    return base / "scenarios"


def replays_dir(base: Path) -> Path:
    return base / "replays"


def scenario_files(folder: Path) -> list[Path]:
    """The scenario files of a folder and its subfolders, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """A scenario file as the library lists it: loaded, or with the errors that stop it loading."""

    path: Path
    bundled: bool
    loaded: Scenario | None
    error: ScenarioError | None

    @property
    def sort_key(self) -> tuple[int, int, str]:
        if self.loaded is None:
            return (1, 9, self.path.name)
        return (0, self.loaded.file.difficulty, self.loaded.file.title.casefold())


def load_library(base: Path) -> list[LibraryEntry]:
    """Every bundled and user scenario, ordered by difficulty; broken files are kept with their errors."""
    from trainer.core.scenario.loader import load_scenario

    entries: list[LibraryEntry] = []
    for folder, bundled in ((bundled_scenarios_dir(), True), (user_scenarios_dir(base), False)):
        for path in scenario_files(folder):
            try:
                entries.append(LibraryEntry(path, bundled, load_scenario(path), None))
            except ScenarioError as error:
                entries.append(LibraryEntry(path, bundled, None, error))
    return sorted(entries, key=lambda entry: entry.sort_key)


def find_scenario(reference: str, base: Path) -> Path:
    """A scenario file by path, or by id among the user's and the bundled scenarios."""
    from trainer.core.scenario.loader import load_scenario

    as_path = Path(reference).expanduser()
    if as_path.suffix in (".yaml", ".yml") or os.sep in reference or "/" in reference:
        if not as_path.is_file():
            raise TrainerError(f"{reference}: no such scenario file")
        return as_path
    for folder in (user_scenarios_dir(base), bundled_scenarios_dir()):
        for path in scenario_files(folder):
            if path.stem == reference:
                return path
    for folder in (user_scenarios_dir(base), bundled_scenarios_dir()):
        for path in scenario_files(folder):
            try:
                if load_scenario(path).id == reference:
                    return path
            except ScenarioError:
                continue
    known = sorted(p.stem for p in scenario_files(bundled_scenarios_dir()))
    yours = sorted(p.stem for p in scenario_files(user_scenarios_dir(base)))
    hint = did_you_mean(reference, [*known, *yours])
    raise TrainerError(f"no scenario with id {quoted(reference)}{hint} (bundled: {', '.join(known) or 'none'})")
