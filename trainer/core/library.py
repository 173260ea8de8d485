"""Where scenarios and user data live, and how a scenario named on the command line is found."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.errors import Diagnostic, ScenarioError, TrainerError, display_path
from trainer.core.library_index import IndexRow, Listing, digest, read_index, rows_for, write_index
from trainer.core.text import quoted
from trainer.core.wording import did_you_mean

# The loader (YAML, msgspec) is imported where scenarios are loaded, not here: the TUI asks for
# data_dir() before its first frame and should not pay for the loader until after it.
if TYPE_CHECKING:
    from trainer.core.scenario.loader import Scenario

APP_NAME = "breakup-trainer"
DATA_DIR_VARIABLE = "TRAINER_DATA_DIR"


def bundled_scenarios_dir() -> Path:
    """The scenarios shipped with the app: inside the installed package, or at the top of a checkout.

    Found from this file's place, not with importlib.resources, which imports zipfile, tempfile and
    three compressors (about 5 ms) before the library's first frame."""
    packaged = Path(__file__).parents[1] / "scenarios"
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
    """A scenario file as the library lists it: loaded, or with the errors that stop it loading, or (from
    the library index, before the full load) listed with what the index kept of it."""

    path: Path
    bundled: bool
    # What the library shows of a file that loads; None for one that does not.
    listing: Listing | None
    # The scenario, once loaded; None for a file that does not load, and for an entry from the index.
    loaded: Scenario | None = None
    error: ScenarioError | None = None
    # The bundled file this user scenario replaces: it has the same id, so it is the user's version.
    overrides: Path | None = None
    # How many errors the file has, when the index gave only the first of them.
    indexed_errors: int | None = None
    # SHA-256 of the file's bytes as loaded or indexed (its runs count for it only when verified on these).
    sha256: str | None = None

    @property
    def playable(self) -> bool:
        return self.error is None and self.listing is not None

    @property
    def error_count(self) -> int:
        if self.indexed_errors is not None:
            return self.indexed_errors
        return 0 if self.error is None else len(self.error.diagnostics)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        if self.listing is None or self.error is not None:
            return (1, 9, self.path.name)
        return (0, self.listing.difficulty, self.listing.title.casefold())


def load_library(base: Path) -> list[LibraryEntry]:
    """Every bundled and user scenario, ordered by difficulty; broken files are kept with their errors.

    A user scenario with a bundled scenario's id replaces it (it is listed once, as the user's
    version); of two user files with one id, the first by path is the one, the other an error.
    The winner never depends on file names, only on ids and the order of paths.
    The library index is brought up to date with what was loaded (`library_index`).
    """
    bundled = [_loaded_entry(path, bundled=True) for path in scenario_files(bundled_scenarios_dir())]
    yours = [_loaded_entry(path, bundled=False) for path in scenario_files(user_scenarios_dir(base))]
    rows = {str(entry.path): row for entry, row in [*bundled, *yours] if row is not None}
    if rows != read_index(base):
        write_index(base, rows)
    return _assembled([entry for entry, _ in bundled], [entry for entry, _ in yours])


def indexed_library(base: Path) -> list[LibraryEntry] | None:
    """The library as `load_library` would list it, from the library index, loading no scenario; None
    unless the index has every file with the very bytes it has now. Its entries have no ``loaded``."""
    bundled_paths = scenario_files(bundled_scenarios_dir())
    your_paths = scenario_files(user_scenarios_dir(base))
    found = rows_for([*bundled_paths, *your_paths], read_index(base))
    if found is None:
        return None
    bundled = [_indexed_entry(path, found[path], bundled=True) for path in bundled_paths]
    yours = [_indexed_entry(path, found[path], bundled=False) for path in your_paths]
    return _assembled(bundled, yours)


def _assembled(bundled: list[LibraryEntry], yours: list[LibraryEntry]) -> list[LibraryEntry]:
    """The library from each file's entry: user versions in place of bundled ones, duplicate ids as errors."""
    bundled_by_id = {entry.listing.id: entry.path for entry in bundled if entry.listing is not None}
    your_ids: dict[str, Path] = {}
    entries: list[LibraryEntry] = []
    for entry in yours:
        if entry.listing is not None:
            first = your_ids.setdefault(entry.listing.id, entry.path)
            if first != entry.path:
                entry = LibraryEntry(entry.path, False, None, error=_same_id(entry.path, entry.listing, first))
            else:
                entry = replace(entry, overrides=bundled_by_id.get(entry.listing.id))
        entries.append(entry)
    entries += [entry for entry in bundled if entry.listing is None or entry.listing.id not in your_ids]
    return sorted(entries, key=lambda entry: entry.sort_key)


def _loaded_entry(path: Path, *, bundled: bool) -> tuple[LibraryEntry, IndexRow | None]:
    """The file loaded, and its row for the index (None when it cannot be read)."""
    from trainer.core.scenario.loader import load_scenario

    try:
        status = path.stat()
    except OSError:
        status = None
    try:
        loaded = load_scenario(path)
    except ScenarioError as error:
        entry = LibraryEntry(path, bundled, None, error=error)
        try:
            sha256 = digest(path.read_bytes())
        except OSError:
            return entry, None
        first = error.diagnostics[0] if error.diagnostics else None
        errors = max(1, len(error.diagnostics))
        return entry, None if status is None else IndexRow(
            status.st_size, status.st_mtime_ns, sha256, None, first, errors
        )
    listing = listing_of(loaded, bundled=bundled)
    entry = LibraryEntry(path, bundled, listing, loaded=loaded, sha256=loaded.sha256)
    return entry, None if status is None else IndexRow(
        status.st_size, status.st_mtime_ns, loaded.sha256, listing, None, 0
    )


def _indexed_entry(path: Path, row: IndexRow, *, bundled: bool) -> LibraryEntry:
    if row.listing is not None:
        return LibraryEntry(path, bundled, row.listing, sha256=row.sha256)
    error = ScenarioError([] if row.first_error is None else [row.first_error])
    return LibraryEntry(path, bundled, None, error=error, indexed_errors=row.errors)


def listing_of(loaded: Scenario, *, bundled: bool) -> Listing:
    """What the library shows of a loaded scenario. Where its id is written matters only for a user's
    file (two of them may share an id); finding it composes the YAML tree again, so a bundled one has none."""
    tree = None if bundled else loaded.source_tree()
    line, column = tree.at(["id"]) if tree is not None else (None, None)
    file = loaded.file
    return Listing(file.id, file.title, file.difficulty, file.summary, len(file.scenes), line, column)


def _same_id(path: Path, listing: Listing, first: Path) -> ScenarioError:
    message = (
        f"your scenario {display_path(first)} already has the id {quoted(listing.id)}: "
        "give one of them another id (the first by path is the one played)"
    )
    return ScenarioError([Diagnostic(display_path(path), listing.id_line, listing.id_column, "E501", message)])


def bundled_twin(scenario: Scenario) -> Path | None:
    """The bundled scenario that ``scenario`` replaces: a bundled file of its id that is not itself.

    Bundled files are named by their ids (a library test keeps them so), so no file is loaded.
    """
    for path in scenario_files(bundled_scenarios_dir()):
        if path.stem == scenario.id:
            return None if _same_file(path, scenario.path) else path
    return None


def your_version_note(scenario: Scenario) -> str | None:
    """What `play` and `analyze` say when ``scenario`` is the user's version of a bundled one."""
    twin = bundled_twin(scenario)
    if twin is None:
        return None
    return (
        f"your version of the bundled scenario {quoted(scenario.id)} ({display_path(scenario.path)}); "
        f"it replaces {display_path(twin)}"
    )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def find_scenario(reference: str, base: Path) -> Path:
    """A scenario file by path, or by id: the user's scenario of that id first, then the bundled one.

    By id means by the id in the file, not its name: a user's copy of a bundled scenario named
    anything replaces it, and of two user files with one id the first by path wins, as in the library.
    """
    from trainer.core.scenario.loader import load_scenario

    as_path = Path(reference).expanduser()
    if as_path.suffix in (".yaml", ".yml") or os.sep in reference or "/" in reference:
        if not as_path.is_file():
            raise TrainerError(f"{reference}: no such scenario file")
        return as_path
    needle = reference.encode()
    for path in scenario_files(user_scenarios_dir(base)):
        try:
            raw = path.read_bytes()
            # A file whose text never spells the id cannot have it (unless escaped): skip loading it.
            if (needle in raw or b"\\" in raw) and load_scenario(path).id == reference:
                return path
        except (ScenarioError, OSError):
            continue
    bundled = scenario_files(bundled_scenarios_dir())
    for path in bundled:
        if path.stem == reference:
            return path
    for path in bundled:
        try:
            if load_scenario(path).id == reference:
                return path
        except ScenarioError:
            continue
    known = sorted(p.stem for p in scenario_files(bundled_scenarios_dir()))
    yours = sorted(p.stem for p in scenario_files(user_scenarios_dir(base)))
    hint = did_you_mean(reference, [*known, *yours])
    raise TrainerError(f"no scenario with id {quoted(reference)}{hint} (bundled: {', '.join(known) or 'none'})")
