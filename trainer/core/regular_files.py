"""Read a file that may come from anywhere: a regular file only, and never more than a limit.

`open()` on a FIFO waits for a writer for ever, a link to /dev/zero never ends, and a symlink
loop raises: each is refused here with a reason a user can act on, before anything is read.
"""

from __future__ import annotations

import errno
import os
import stat

# O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer (then fstat refuses it).
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 16


class UnreadableFile(OSError):
    """A path that is not a regular file, or one larger than allowed; the message says which."""


class TooLarge(UnreadableFile):
    """A regular file larger than the limit its reader allows."""


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def reason_of(error: OSError) -> str:
    """An OSError in words, naming a symlink loop as such."""
    if isinstance(error, UnreadableFile):
        return str(error)
    if error.errno == errno.ELOOP:
        return "a symlink loop"
    if error.errno == errno.ENXIO:
        return "a socket or device, not a regular file"
    return error.strerror or str(error)


def read_regular_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes; UnreadableFile or OSError otherwise."""
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise UnreadableFile(f"{kind}, not a regular file")
        if info.st_size > limit:
            raise TooLarge(f"{info.st_size:,} bytes: larger than the {limit:,} allowed")
        # One read of the size fstat gave, plus one byte: a short read of a regular file is its end
        # (batch scoring opens 100,000 files, so system calls count). A file that grew since is
        # read on, never past the limit.
        wanted = min(info.st_size, limit) + 1
        data = os.read(fd, wanted)
        while len(data) == wanted:
            if len(data) > limit:
                raise TooLarge(f"larger than the {limit:,} bytes allowed")
            more = os.read(fd, min(_CHUNK, limit + 1 - len(data)))
            if not more:
                break
            data += more
            wanted = len(data)
        if len(data) > limit:
            raise TooLarge(f"larger than the {limit:,} bytes allowed")
        return data
    finally:
        os.close(fd)
