"""One error type for everything a user can get wrong, carrying its place."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from trainer.core.text import one_line, shortened

Severity = Literal["error", "warning"]

MAX_MESSAGE = 500


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem in a file: where it is (1-based line and column), a stable code, and what to do.

    Replays have no useful column but a step (the run's choice number), so ``step`` may stand in.
    Printed, it is always one line with control and bidi characters made visible: its path and
    message quote files, which must never reach the terminal raw.
    """

    path: str
    line: int | None
    column: int | None
    code: str
    message: str
    severity: Severity = "error"
    step: int | None = None

    def __post_init__(self) -> None:
        # A safety net behind the messages' own quoting: no message may grow with the file.
        if len(self.message) > MAX_MESSAGE:
            object.__setattr__(self, "message", shortened(self.message, MAX_MESSAGE))

    @property
    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        """File, place, then code and message: the same order on every run, whatever found it first."""
        return (self.path, self.line or 0, self.column or 0, self.step or 0, self.code, self.message)

    def __str__(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        at_step = "" if self.step is None else f"step {self.step}: "
        return one_line(f"{place}: {self.severity} {self.code} {at_step}{self.message}")

    def as_dict(self) -> dict[str, object]:
        where: dict[str, object] = {"path": self.path, "line": self.line}
        where.update({"step": self.step} if self.step is not None else {"column": self.column})
        return {**where, "severity": self.severity, "code": self.code, "message": self.message}


class ScenarioError(Exception):
    """Raised when a scenario cannot be used; carries every diagnostic found, not just the first."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted_diagnostics(diagnostics)
        super().__init__(len(self.diagnostics))

    def __str__(self) -> str:
        return "\n".join(map(str, self.diagnostics))


class TrainerError(Exception):
    """A user-facing failure outside a scenario file (bad argument, unknown id, unreadable path)."""


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Each diagnostic once, by file and position (deterministic: never in the order they were found)."""
    return sorted(set(diagnostics), key=lambda d: d.sort_key)


def display_path(path: Path | str) -> str:
    """Show paths relative to the working directory when they live under it: shorter and clickable."""
    return PathDisplay()(path)


class ListedFile(str):
    """A path a folder's listing gave as a regular file (its entry's type, read with no system call).

    Not a symbolic link, so `PathDisplay` shows it from its folder's resolved path alone, without
    the system call per file that asking whether it is a link would cost. Any other path (a plain
    string, a `Path`) is checked as before.
    """

    __slots__ = ()


class PathDisplay:
    """`display_path` for a batch of paths: the working directory is resolved once, and each folder once.

    Resolving walks every component of a path with a system call; scoring 10,000 replays spent
    about 40% of its time resolving the same working directory and the same folders again.
    A file that is itself a symbolic link is still resolved in full, so the result is the same;
    a `ListedFile` is known not to be one, so it costs no system call: its folder's text is
    worked out once and each file's name added to it.
    """

    def __init__(self) -> None:
        try:
            cwd = os.path.realpath(os.getcwd())
        except OSError:  # the working directory was removed: nothing is below it
            cwd = None
        self._prefix = None if cwd is None else cwd if cwd.endswith(os.sep) else cwd + os.sep
        self._cwd = cwd
        self._folders: dict[str, str] = {}
        self._given: dict[str, str] = {}
        self._listed: dict[str, str] = {}  # a listed file's folder, as in its path -> what is shown before its name

    def __call__(self, path: Path | str) -> str:
        if type(path) is ListedFile:
            folder, _, name = path.rpartition(os.sep)
            shown = self._listed.get(folder)
            if shown is not None:
                return shown + name
            if name not in ("", os.curdir, os.pardir):
                # Every file listed in this folder is shown as this one is, with its own name at the end.
                whole = self._shown(path, link=False)
                if whole.endswith(name):
                    self._listed[folder] = whole[: len(whole) - len(name)]
                return whole
        return self._shown(path)

    def _shown(self, path: Path | str, *, link: bool | None = None) -> str:
        """``link``: whether the path is a symbolic link, when known (None: ask the file system)."""
        if self._cwd is not None and self._prefix is not None:
            try:
                real = self._resolved(os.fspath(path), link)
            except (OSError, RuntimeError, ValueError):  # a symlink loop, a bad name
                real = ""
            if real == self._cwd:
                return "."
            if real.startswith(self._prefix):
                return real[len(self._prefix) :]
        return self._as_given(path)

    def _as_given(self, path: Path | str) -> str:
        """``str(Path(path))``, with each folder's text worked out once: parsing a path costs more
        than scoring a run, and a batch's files share a few folders."""
        if isinstance(path, Path):  # already parsed
            return str(path)
        folder, name = os.path.split(path)
        if not name or name in (os.curdir, os.pardir):
            return str(Path(path))
        shown = self._given.get(folder)
        if shown is None:
            shown = self._given[folder] = str(Path(folder)) if folder else os.curdir
        return name if shown == os.curdir else os.path.join(shown, name)

    def _resolved(self, path: str, link: bool | None) -> str:
        folder, name = os.path.split(path)
        if not name or name in (os.curdir, os.pardir) or (os.path.islink(path) if link is None else link):
            return _real(path)
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = _real(folder)
        return os.path.join(real_folder, name)


def _real(path: str) -> str:
    """``Path.resolve()``: the real path, and a symbolic link loop is an error (RuntimeError, as pathlib says it)."""
    real = os.path.realpath(path)
    try:
        os.stat(real)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RuntimeError(f"symlink loop at {path}") from None
    return real


# Stable diagnostic codes: tests and users refer to them, so never renumber.
CODES: dict[str, str] = {
    "E100": "the file cannot be read or is not UTF-8 text",
    "E101": "YAML syntax error",
    "E102": "a key appears twice in the same mapping",
    "E103": "YAML aliases and anchors are not allowed",
    "E104": "a YAML tag or scalar value that is not allowed",
    "E105": "nesting deeper than the limit",
    "E106": "the file is empty or its top level is not a mapping",
    "E201": "unknown key",
    "E202": "missing required field",
    "E203": "wrong type or value",
    "E204": "a number or a count outside its allowed range",
    "E301": "goto names a scene that does not exist",
    "E302": "unknown category",
    "E303": "unknown meter",
    "E304": "two choices in one scene share an id",
    "E305": "start names a scene that does not exist",
    "E306": "syntax error in a condition",
    "E307": "say names a character that does not exist",
    "E308": "a meter's start lies outside its min and max",
    "E401": "a loop: a state can be reached again with the same meter values",
    "E402": "a trap: a scene that is not an ending offers no choice in a reachable state",
    "E403": "the state space is too large to check",
    "E501": "two of your scenarios have the same id",
    "W101": "your scenario has a bundled scenario's id: it replaces that scenario in your library",
}
