"""Find replay files under the paths a user names, streaming (a folder may hold 100,000 runs)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from trainer.core.errors import TrainerError
from trainer.core.replay_format import SUFFIX


def replay_files(paths: Iterable[Path], *, ordered: bool = True) -> Iterator[Path]:
    """Each named file, and every ``*.jsonl`` under each named folder, recursively.

    ``ordered`` sorts each folder's entries so output is stable; aggregation can skip it.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path, ordered)
        elif path.is_file():
            yield path
        else:
            raise TrainerError(f"{path}: no such file or folder")


def _walk(folder: Path, ordered: bool) -> Iterator[Path]:
    try:
        entries = os.scandir(folder)
    except OSError:
        return
    with entries:
        if ordered:
            found: Iterable[tuple[str, bool]] = sorted((e.name, e.is_dir(follow_symlinks=False)) for e in entries)
        else:
            # Unordered: never hold a whole folder's names at once (memory flat in the number of runs).
            found = ((e.name, e.is_dir(follow_symlinks=False)) for e in entries)
        subfolders: list[str] = []
        for name, is_dir in found:
            if is_dir:
                subfolders.append(name)
            elif name.endswith(SUFFIX):
                yield folder / name
    for name in subfolders:
        yield from _walk(folder / name, ordered)


def count_replay_files(paths: Iterable[Path]) -> int:
    """How many replays ``replay_files`` will yield (for a progress bar)."""
    return sum(1 for _ in replay_files(paths, ordered=False))
