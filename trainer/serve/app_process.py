"""One visitor's app: the trainer started as its own process, talking to the browser through textual-serve.

textual-serve's AppService speaks Textual's web driver protocol (keys in, screen updates out) and
would start its command through a shell; here the process is started from an argument list, so
nothing reaches a shell, and its data folder is the visitor's own.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from textual_serve.app_service import AppService

from trainer.core.library import DATA_DIR_VARIABLE

# A browser may ask for any size; a screen of a million cells would cost the app real memory.
MIN_COLUMNS, MAX_COLUMNS = 20, 400
MIN_ROWS, MAX_ROWS = 8, 200
# How long an app gets to quit by itself (it saves nothing at exit: every move is on disk already).
QUIT_GRACE_SECONDS = 5.0

AppCommand = Callable[[Path], Sequence[str]]


def trainer_app_command(data_dir: Path) -> list[str]:
    """The trainer's library, on a visitor's data folder, in this same Python."""
    return [sys.executable, "-m", "trainer", "--data-dir", str(data_dir)]


def clamped_size(columns: int, rows: int) -> tuple[int, int]:
    return min(max(columns, MIN_COLUMNS), MAX_COLUMNS), min(max(rows, MIN_ROWS), MAX_ROWS)


class VisitorApp(AppService):
    """The app process of one browser tab, for one visitor."""

    def __init__(self, visitor: str, argv: Sequence[str], **channels: object) -> None:
        # textual-serve's `command` is a shell line; it is never used here (see _open_app_process).
        super().__init__(" ".join(argv), **channels)  # type: ignore[arg-type]
        self.visitor = visitor
        self.argv = list(argv)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        width, height = clamped_size(width, height)
        environment = self._build_environment(width=width, height=height)
        # The folder is given on the command line; the server's own would be the operator's.
        environment.pop(DATA_DIR_VARIABLE, None)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamped_size(width, height))

    async def stop(self) -> None:
        """Ask the app to quit, and end it if it does not within a few seconds; the process is always reaped."""
        process = self._process
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(super().stop(), QUIT_GRACE_SECONDS)
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), QUIT_GRACE_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()
