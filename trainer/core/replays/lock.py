"""One writer per run: an exclusive lock on a replay file, held while a recorder may write to it.

Two processes resuming the same unfinished run would interleave their lines and ruin it, so the
second one is told the run is open elsewhere and stops before it reads or writes anything. The
lock is the operating system's (``flock``): it goes with the process, so a crash never leaves a
run locked. Where ``flock`` does not exist (Windows) runs are not locked.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from trainer.core.errors import TrainerError, display_path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class RunInUse(TrainerError):
    """Another process holds the lock of this replay: it is playing the run right now."""


class ReplayLock:
    """Held for as long as this object lives; the same process asking again gets the same lock.

    (A run left and resumed in one app must not be refused by the lock of its own earlier screen.)
    """

    def __init__(self, fd: int | None) -> None:
        self._fd = fd
        if fd is not None:
            weakref.finalize(self, os.close, fd)

    @classmethod
    def acquire(cls, path: Path) -> ReplayLock:
        """Lock ``path`` (which must exist) for this process; RunInUse if another process has it."""
        key = os.path.realpath(path)
        held = _HELD.get(key)
        if held is not None:
            return held
        if fcntl is None:  # pragma: no cover - Windows
            lock = cls(None)
        else:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise RunInUse(
                    f"this run ({display_path(path)}) is open in another trainer right now: "
                    "finish or leave it there, then resume it here"
                ) from None
            except OSError:
                os.close(fd)
                raise
            lock = cls(fd)
        _HELD[key] = lock
        return lock


# The locks this process holds, by real path; an entry goes when its lock is no longer referenced.
_HELD: weakref.WeakValueDictionary[str, ReplayLock] = weakref.WeakValueDictionary()
