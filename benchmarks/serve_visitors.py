"""What one visitor of `trainer serve` costs: start time, memory and CPU of their app process.

Each visitor is one browser tab, and each tab is one app process (textual-serve's model), so what
a group costs is what one app process costs, times the tabs open. Measured through the real
server (trainer.serve, in this process, on a free local port) with a websocket client that reads
the screen like a browser would (pyte), against a yardstick served the same way: a one-label
Textual app, the least any Textual app costs behind textual-serve.

1. Start, per visitor (sequential): websocket open to the first screen, and (trainer) to the
   library listing every scenario; CPU seconds the app process used by then.
2. Memory, per visitor: resident (RSS) and proportional (PSS: shared pages split between the
   processes sharing them) memory of the app process once ready, and after a whole run played
   by keys to its debrief. Also the server process itself.
3. Many at once: N tabs opened together, the time until all are ready, and the PSS of all of
   them (what N visitors cost the machine).
4. CPU per choice: a whole run's CPU, divided by its choices (the work a visitor makes while playing).

Linux only (/proc). Needs the test extra (pyte). Timings are noisy on a shared machine: compare
the ratios. Run: python benchmarks/serve_visitors.py [--visitors N] [--together N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pyte
from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trainer.serve.app_process import trainer_app_command  # noqa: E402
from trainer.serve.server import ServeOptions, TrainerServer  # noqa: E402
from trainer.serve.visitors import COOKIE_NAME  # noqa: E402

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("Ready")

Minimal().run()
"""
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
COLUMNS, ROWS = 110, 32


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def memory_mib(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process in MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            values[name] = int(rest.split()[0]) / 1024
    return values["Rss"], values["Pss"]


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


class Visitor:
    """A tab without a browser: a cookie, a websocket, the screen it would show, and its app's pid."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.first_byte: float | None = None
        self.pid: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def open(self, client: aiohttp.ClientSession) -> None:
        async with client.get(self.url + "/enter", allow_redirects=False) as response:
            cookie = response.cookies[COOKIE_NAME].value
        before = children(os.getpid())
        self.opened = time.perf_counter()
        self.socket = await client.ws_connect(
            self.url.replace("http", "ws") + f"/ws?width={COLUMNS}&height={ROWS}",
            headers={"Cookie": f"{COOKIE_NAME}={cookie}"},
        )
        self.reader = asyncio.create_task(self._read())
        while self.pid is None:
            new = children(os.getpid()) - before
            if new:
                self.pid = new.pop()
            await asyncio.sleep(0.01)

    async def _read(self) -> None:
        async for message in self.socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                if self.first_byte is None:
                    self.first_byte = time.perf_counter() - self.opened
                self.stream.feed(message.data)

    async def until(self, shown: Callable[[str], bool], timeout: float = 120) -> float:
        """Seconds since the tab opened when the screen first shows what ``shown`` looks for."""
        deadline = time.perf_counter() + timeout
        while not shown(self.text):
            if time.perf_counter() > deadline:
                raise TimeoutError(self.text)
            await asyncio.sleep(0.01)
        return time.perf_counter() - self.opened

    async def press(self, keys: str) -> None:
        await self.socket.send_str(json.dumps(["stdin", keys]))

    async def play_to_debrief(self) -> int:
        """Enter on the first scenario, then the first choice and Enter until the debrief; the number of choices."""
        await self.press("\r")
        choices = 0
        while True:
            await self.until(lambda text: "1. " in text or "of par" in text)
            if "of par" in self.text:
                return choices
            await self.press("1")
            choices += 1
            await self.until(lambda text: "to continue" in text)
            await self.press("\r")
            await self.until(lambda text: "to continue" not in text)

    async def close(self) -> None:
        await self.socket.close()
        await self.reader


def library_ready(text: str) -> bool:
    return "Library" in text and "Loading" not in text and "The Phone Call" in text


async def serve(options: ServeOptions) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(TrainerServer(options).application(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"


async def measure(name: str, command: Callable[[Path], list[str]], ready: Callable[[str], bool], args) -> dict:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as data:
        runner, url = await serve(ServeOptions(Path(data), max_sessions=args.together + 1, app_command=command))
        figures: dict[str, list[float]] = {"first": [], "ready": [], "cpu": [], "rss": [], "pss": []}
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as client:
            for _ in range(args.visitors):
                visitor = Visitor(url)
                await visitor.open(client)
                figures["ready"].append(await visitor.until(ready))
                figures["first"].append(visitor.first_byte or 0.0)
                await asyncio.sleep(0.5)  # let it settle (the library's stats load just after)
                figures["cpu"].append(cpu_seconds(visitor.pid))
                rss, pss = memory_mib(visitor.pid)
                figures["rss"].append(rss)
                figures["pss"].append(pss)
                if name == "trainer":
                    before = cpu_seconds(visitor.pid)
                    steps = await visitor.play_to_debrief()
                    figures.setdefault("cpu_per_choice", []).append((cpu_seconds(visitor.pid) - before) / steps)
                    rss, pss = memory_mib(visitor.pid)
                    figures.setdefault("rss_played", []).append(rss)
                    figures.setdefault("pss_played", []).append(pss)
                await visitor.close()
            # Many at once.
            started = time.perf_counter()
            tabs = [Visitor(url) for _ in range(args.together)]
            await asyncio.gather(*(tab.open(client) for tab in tabs))
            await asyncio.gather(*(tab.until(ready, timeout=300) for tab in tabs))
            figures["together_seconds"] = [time.perf_counter() - started]
            await asyncio.sleep(0.5)
            figures["together_pss"] = [sum(memory_mib(tab.pid)[1] for tab in tabs)]
            figures["server_rss"] = [memory_mib(os.getpid())[0]]
            await asyncio.gather(*(tab.close() for tab in tabs))
        await runner.cleanup()
    return {key: statistics.median(values) for key, values in figures.items()}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=5, help="visitors measured one after another (default 5)")
    parser.add_argument("--together", type=int, default=8, help="tabs opened at once (default 8)")
    args = parser.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as minimal:
        minimal.write(MINIMAL_APP)

    def minimal_command(_folder: Path) -> list[str]:
        return [sys.executable, minimal.name]

    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; medians of {args.visitors} visitors")
    yardstick = await measure("minimal", minimal_command, lambda text: "Ready" in text, args)
    ours = await measure("trainer", trainer_app_command, library_ready, args)
    os.unlink(minimal.name)

    def row(label: str, key: str, unit: str, digits: int = 2) -> None:
        mine, base = ours[key], yardstick.get(key)
        ratio = f"{mine / base:5.1f}x" if base else "     "
        shown = f"{base:8.{digits}f}" if base is not None else " " * 8
        print(f"  {label:<44} {mine:8.{digits}f} {shown} {ratio}  {unit}")

    print(f"  {'':<44} {'trainer':>8} {'1-label':>8} {'ratio':>6}")
    row("start: first screen", "first", "s")
    row("start: ready (trainer: library listed)", "ready", "s")
    row("start: CPU of the app process", "cpu", "s")
    row("memory per visitor, ready: RSS", "rss", "MiB", 1)
    row("memory per visitor, ready: PSS", "pss", "MiB", 1)
    row("memory per visitor, after a whole run: RSS", "rss_played", "MiB", 1)
    row("memory per visitor, after a whole run: PSS", "pss_played", "MiB", 1)
    row("CPU per choice while playing", "cpu_per_choice", "s", 3)
    row(f"{args.together} tabs opened at once: all ready", "together_seconds", "s")
    row(f"{args.together} tabs opened at once: PSS of all", "together_pss", "MiB", 1)
    row("the server process itself (RSS)", "server_rss", "MiB", 1)
    per_core = 1 / ours["cpu"]
    print(
        f"\n  a core starts about {per_core:.1f} visitors a second; a visitor at rest costs no CPU; "
        f"{1 / ours['cpu_per_choice']:.0f} choices a second per core while playing"
    )


if __name__ == "__main__":
    asyncio.run(main())
