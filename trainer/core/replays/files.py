"""Find replay files under the paths a user names, streaming (a folder may hold 100,000 runs).

A replays folder holds only regular files for us. Anything else named ``*.jsonl`` (a FIFO, a
device, a socket, a symlink loop, a link that leaves the folder) is skipped and reported once,
never opened: opening a FIFO waits for ever, and a link to /dev/zero never ends.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from trainer.core.errors import Diagnostic, ListedFile, TrainerError, display_path
from trainer.core.regular_files import kind_of, reason_of

# A replay file's name ends so. Here, not in format.py, which imports msgspec: the library's first
# frame lists replay files for its figures without reading one.
SUFFIX = ".jsonl"

OnSkip = Callable[[Diagnostic], None]


def replay_files(paths: Iterable[Path], *, ordered: bool = True, on_skip: OnSkip | None = None) -> Iterator[str]:
    """Each named file, and every regular ``*.jsonl`` under each named folder, recursively.

    ``ordered`` sorts each folder's entries so output is stable; aggregation can skip it. A regular
    file found in a folder comes as a `ListedFile` (its listing said it is no symbolic link).
    Entries of a folder that are not regular files go to ``on_skip`` (a warning W302 each). A
    path named outright is yielded whatever it is: reading it says why it is not a replay.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(str(path), os.path.realpath(path), ordered, on_skip)
        elif os.path.lexists(path):
            yield str(path)
        else:
            raise TrainerError(f"{display_path(path)}: no such file or folder")


def _walk(folder: str, root: str, ordered: bool, on_skip: OnSkip | None) -> Iterator[str]:
    """Paths as plain strings: 100,000 Path objects would cost more than reading the files."""
    try:
        entries = os.scandir(folder)
    except OSError:
        return
    with entries:
        subfolders: list[str] = []
        listing: Iterable[os.DirEntry[str]] = sorted(entries, key=lambda e: e.name) if ordered else entries
        # Unordered: never hold a whole folder's entries at once (memory flat in the number of runs).
        for entry in listing:
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(entry.path)
            elif entry.name.endswith(SUFFIX):
                # is_file(follow_symlinks=False) reads the directory entry's type: no system call.
                # Marked as such, so that showing its path asks no system call either.
                if entry.is_file(follow_symlinks=False):
                    yield ListedFile(entry.path)
                elif _is_link_to_file_within(entry.path, root):
                    yield entry.path
                else:
                    _skip(on_skip, entry.path, _what_is(entry.path, root))
    for subfolder in subfolders:
        yield from _walk(subfolder, root, ordered, on_skip)


def _is_link_to_file_within(path: str, root: str) -> bool:
    """A symlink to a regular file inside the folder being read (its own runs, moved about)."""
    if not os.path.islink(path):
        return False
    try:
        target = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(target.st_mode) and _within(os.path.realpath(path), root)


def _within(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


def _what_is(path: str, root: str) -> str:
    """Why ``path`` is not read, in words."""
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            target = os.stat(path).st_mode
            return f"a link to {kind_of(target)}" if kind_of(target) else "a link that leads out of the folder"
    except OSError as exc:
        return "a broken link" if exc.errno == errno.ENOENT else reason_of(exc)
    return kind_of(mode) or "not a regular file"


def _skip(on_skip: OnSkip | None, path: str, why: str) -> None:
    if on_skip is not None:
        message = f"skipped: {why}, not a replay file"
        on_skip(Diagnostic(display_path(path), None, None, "W302", message, "warning"))


def count_replay_files(paths: Iterable[Path]) -> int:
    """How many replays ``replay_files`` will yield (for a progress bar)."""
    return sum(1 for _ in replay_files(paths, ordered=False))
