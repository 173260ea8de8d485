"""Find replay files under the paths a user names, streaming (a folder may hold 100,000 runs)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from trainer.core.errors import TrainerError
from trainer.core.replays.format import SUFFIX


def replay_files(paths: Iterable[Path], *, ordered: bool = True) -> Iterator[str]:
    """Each named file, and every ``*.jsonl`` under each named folder, recursively.

    ``ordered`` sorts each folder's entries so output is stable; aggregation can skip it.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(str(path), ordered)
        elif path.is_file():
            yield str(path)
        else:
            raise TrainerError(f"{path}: no such file or folder")


def _walk(folder: str, ordered: bool) -> Iterator[str]:
    """Paths as plain strings: 100,000 Path objects would cost more than reading the files."""
    try:
        entries = os.scandir(folder)
    except OSError:
        return
    with entries:
        subfolders: list[str] = []
        if ordered:
            for name, is_dir in sorted((e.name, e.is_dir(follow_symlinks=False)) for e in entries):
                if is_dir:
                    subfolders.append(os.path.join(folder, name))
                elif name.endswith(SUFFIX):
                    yield os.path.join(folder, name)
        else:
            # Unordered: never hold a whole folder's names at once (memory flat in the number of runs).
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry.path)
                elif entry.name.endswith(SUFFIX):
                    yield entry.path
    for subfolder in subfolders:
        yield from _walk(subfolder, ordered)


def count_replay_files(paths: Iterable[Path]) -> int:
    """How many replays ``replay_files`` will yield (for a progress bar)."""
    return sum(1 for _ in replay_files(paths, ordered=False))
