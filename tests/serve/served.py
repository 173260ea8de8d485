"""Helpers for the serve tests: a real `trainer serve` process, and the screen a browser would show.

The screen is rebuilt from the very bytes the app sends over the websocket, by a terminal emulator
(pyte), so tests read it as a person would: which choices are offered under which number, the
score on the debrief. Choices may be shuffled per run, so tests find a choice by its text.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import aiohttp
import pyte

from trainer.serve.visitors import COOKIE_NAME as COOKIE

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30
URL_LINE = re.compile(r"open (http://\S+)")
CHOICE_LINE = re.compile(r"^│ (\d)\. (.*?)\s*│$")
SCORE = re.compile(r"Score (-?\d+) of par (-?\d+)")


@dataclass
class Served:
    """A running `trainer serve` and the data folder it keeps visitors in."""

    url: str
    data: Path
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def visitors(self) -> Path:
        return self.data / "visitors"

    def app_processes(self) -> list[int]:
        """The server's child processes: one trainer app per open tab."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid and fields[0] != "Z":
                children.append(int(stat.parent.name))
        return children

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


def start_server(data: Path, *options: str) -> Served:
    """`trainer serve --port 0` (a free port) in a process of its own; returns once it listens."""
    log = data.with_name(data.name + "-serve.log")
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
    }
    environment.pop("TRAINER_DATA_DIR", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "trainer", "serve", "--port", "0", "--data-dir", str(data), *options],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=environment,
            cwd=ROOT,
        )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        found = URL_LINE.search(log.read_text(errors="replace"))
        if found:
            return Served(found.group(1), data, process, log)
        if process.poll() is not None:
            raise AssertionError(f"trainer serve exited with {process.returncode}:\n{log.read_text()}")
        time.sleep(0.05)
    process.kill()
    raise AssertionError(f"trainer serve did not start listening:\n{log.read_text()}")


class Terminal:
    """What the page shows, from the bytes the app sent (and the size the page asked for)."""

    def __init__(self, columns: int = 80, rows: int = 24) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def resize(self, columns: int, rows: int) -> None:
        self.screen.resize(rows, columns)

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)


def choices_on_screen(text: str) -> dict[int, str]:
    """The numbered choices in the choice box: number to the first line of its text."""
    found = {}
    for line in text.splitlines():
        match = CHOICE_LINE.match(line.strip())
        if match:
            found[int(match.group(1))] = match.group(2)
    return found


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def number_of(choice_text: str, on_screen: dict[int, str]) -> int | None:
    """The number a choice is shown under, found by its text (the screen wraps long ones)."""
    wanted = _squeezed(choice_text)
    for number, first_line in on_screen.items():
        if first_line and wanted.startswith(_squeezed(first_line)):
            return number
    return None


def numbers_of(choice_texts: list[str], text: str) -> list[int] | None:
    """Each choice's number on this screen, or None while the screen does not show exactly these choices."""
    on_screen = choices_on_screen(text)
    if len(on_screen) != len(choice_texts):
        return None
    numbers = [number_of(choice, on_screen) for choice in choice_texts]
    if None in numbers or len(set(numbers)) != len(numbers):
        return None
    return numbers  # type: ignore[return-value]


def debrief_score(text: str) -> int | None:
    found = SCORE.search(text)
    return int(found.group(1)) if found else None


class Tab:
    """One browser tab as the server sees it, without a browser: its cookie, its websocket, its screen."""

    def __init__(self, served: Served, cookie: str | None, columns: int = 110, rows: int = 32) -> None:
        self.served = served
        self.cookie = cookie
        self.terminal = Terminal(columns, rows)
        self.columns, self.rows = columns, rows
        self.close_code: int | None = None
        self._client: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None

    @classmethod
    async def new_visitor(cls, served: Served) -> Tab:
        """A browser on its first visit: /enter gives it an identity."""
        return cls(served, await fresh_cookie(served))

    async def open(self, origin: str | None = None) -> None:
        self._client = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())
        headers = {"Cookie": f"{COOKIE}={self.cookie}"} if self.cookie else {}
        if origin:
            headers["Origin"] = origin
        url = self.served.url.replace("http://", "ws://") + f"/ws?width={self.columns}&height={self.rows}"
        self._socket = await self._client.ws_connect(url, headers=headers)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self._socket is not None
        async for message in self._socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.terminal.feed(message.data)
        self.close_code = self._socket.close_code

    @property
    def closed(self) -> bool:
        return self._reader is not None and self._reader.done()

    async def press(self, keys: str) -> None:
        assert self._socket is not None
        await self._socket.send_str(json.dumps(["stdin", keys]))

    async def wait_for(self, found: Callable[[str], T | bool | None], what: str, timeout: float = 40) -> T:
        """Wait until ``found(screen text)`` is neither None nor False (a score may be 0), and return it."""
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            result = found(self.terminal.text)
            if result is not None and result is not False:
                return result  # type: ignore[return-value]
            if self.closed:
                break
            await asyncio.sleep(0.05)
        raise AssertionError(f"the tab never showed {what}; it shows:\n{self.terminal.text}")

    async def wait_closed(self, timeout: float = 30) -> int | None:
        assert self._reader is not None
        await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        return self.close_code

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._reader, 10)
        if self._client is not None:
            await self._client.close()


async def fresh_cookie(served: Served) -> str:
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as client,
        client.get(served.url + "/enter", allow_redirects=False) as response,
    ):
        assert response.status == 303
        return response.cookies[COOKIE].value
