"""How fast the TUI starts and answers a choice, in a real pseudo-terminal, against a one-label Textual app.

Every app here is a whole process on the slave side of a pty (80x24, TERM=xterm-256color), exactly
as a player's terminal runs it; the benchmark reads the master side and notes when the text it waits
for arrives. Escape sequences are stripped before searching, so a frame counts once it is written.

1. Start-up: from spawning the process to
   - the yardstick: a one-label Textual app's "Hello" written;
   - `trainer --data-dir TMP`: the library listed and accepting keys (the preview's "Press Enter to
     play", written in the same frame as the filled table, after the held keys are released), as
     every start after the first lists it: from the library index the last start wrote;
   - the same, first start: no library index, so every scenario is loaded before the list shows;
   runs interleaved, so a busy moment of the shared machine hurts both alike. Median, p95, ratio.
   Our sources are compiled to bytecode first, as an installed package's are (pip compiles at
   install) and as Textual's already are: with PYTHONDONTWRITEBYTECODE set, as in our sessions,
   every trainer start would compile its modules from source while the yardstick's come compiled.
   With ``--replays N`` the data folder first gets N recorded runs (the library's figures read them).
2. Choice to feedback: `trainer play phone-call --no-record`, played forward as a player does: the
   key "1" is written to the terminal and timed until the feedback panel's points ("+3 points",
   "-1 point") are written; the player reads them (``--reading``, 1.5 s), Enter continues, the player reads the
   scene, and so on; at the debrief "p" plays again. (The app runs its full garbage collections
   while the player reads: ``--reading 0`` shows what a player pressing keys without a pause gets.) Median, p95 and max over
   ``--samples`` choices (at least 30). Yardstick, in the same run: the one-label app answering a
   key that updates its label.
3. Memory: the process's resident memory after 20 choice/take-back cycles and after ``--cycles``
   more (``--cycles 500`` for the issue's long session).

Run: python benchmarks/tui_startup.py [--runs N] [--samples N] [--replays N] [--cycles N] [--only PART]
Targets (issue 15): start-up within 1.5x the yardstick; choice to feedback p95 under 50 ms; memory
within 10 MiB over 500 cycles.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS, LINES = 80, 24
# The feedback panel's points, "+3 points" or "-1 point" (narration may say "point" too, never after a number).
POINTS = re.compile(rb"[+-]\d+ points?\b")
ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_=>()][0-9A-Za-z]?)"
)

MINIMAL = """
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("Hello", id="hello")

    def on_key(self, event):
        self.query_one("#hello", Label).update(f"Pressed {event.key} {self.presses}")
        self.presses += 1

    presses = 0

Minimal().run()
"""


class Terminal:
    """A process on a pty of 80x24, and what it has written so far (escape sequences stripped)."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.master = master
        self.text = b""

    def wait_for(self, wanted: bytes | re.Pattern[bytes], timeout: float = 60.0) -> float:
        """Read until ``wanted`` is written after the last `mark`; the moment (perf_counter) it arrived."""
        deadline = time.perf_counter() + timeout
        raw = b""
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{wanted!r} never appeared; last output: {self.text[-600:]!r}")
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the process ended
                raise TimeoutError(f"the process ended before {wanted!r}; output: {self.text[-600:]!r}") from None
            arrived = time.perf_counter()
            raw += chunk
            self.text = ESCAPES.sub(b"", raw)
            if wanted.search(self.text) if isinstance(wanted, re.Pattern) else wanted in self.text:
                return arrived

    def wait_for_any(self, *wanted: bytes, timeout: float = 60.0) -> bytes:
        """Read until one of ``wanted`` is written after the last call; which one."""
        deadline = time.perf_counter() + timeout
        raw = b""
        while time.perf_counter() < deadline:
            if not select.select([self.master], [], [], deadline - time.perf_counter())[0]:
                continue
            try:
                raw += os.read(self.master, 65536)
            except OSError:
                break
            self.text = ESCAPES.sub(b"", raw)
            for one in wanted:
                if one in self.text:
                    return one
        raise TimeoutError(f"none of {wanted!r} appeared; last output: {self.text[-600:]!r}")

    def drain(self, quiet: float = 0.05) -> None:
        """Read until the app has written nothing for ``quiet`` seconds."""
        while select.select([self.master], [], [], quiet)[0]:
            try:
                os.read(self.master, 65536)
            except OSError:
                return

    def press(self, keys: bytes) -> float:
        os.write(self.master, keys)
        return time.perf_counter()

    def cpu_seconds(self) -> float:
        """CPU time the process has used so far, all its threads (schedstat: nanoseconds, not 10 ms ticks)."""
        total = 0
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            with contextlib.suppress(OSError):
                total += int((task / "schedstat").read_text().split()[0])
        return total / 1e9

    def rss_mib(self) -> float:
        with open(f"/proc/{self.process.pid}/status") as status:
            kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
        return kib / 1024

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            while select.select([self.master], [], [], 0.2)[0] and os.read(self.master, 65536):
                pass
        except OSError:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.master)


def environment() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": str(COLUMNS)}
    env["LINES"] = str(LINES)
    for name in ("NO_COLOR", "TEXTUAL", "TEXTUAL_DEBUG"):
        env.pop(name, None)
    return env


def trainer_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "trainer", *args]


def startup_once(argv: list[str], wanted: bytes) -> tuple[float, float]:
    """Wall seconds from spawning to ``wanted`` written, and the CPU seconds the process used by then."""
    terminal = Terminal(argv, environment())
    try:
        wall = terminal.wait_for(wanted) - terminal.started
        return wall, terminal.cpu_seconds()
    finally:
        terminal.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def startup(runs: int, data: Path) -> dict[str, list[tuple[float, float]]]:
    """(wall, cpu) seconds of each run, for the yardstick and the trainer."""
    compileall.compile_dir(ROOT / "trainer", quiet=1)  # __pycache__, as pip leaves it (see the docstring)
    argv = {
        "minimal": ([sys.executable, "-c", MINIMAL], b"Hello"),
        "library": (trainer_argv("--data-dir", str(data)), b"Press Enter to play"),
        "first": (trainer_argv("--data-dir", str(data)), b"Press Enter to play"),
    }
    index = data / "cache" / "library-index.json"  # written by each start's full load, in a worker
    for command, wanted in argv.values():  # warm the file cache and bytecode for all
        startup_once(command, wanted)
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in argv}
    for _ in range(runs):  # interleaved, so a busy moment hurts all alike
        for name, (command, wanted) in argv.items():
            if name == "first":
                index.unlink(missing_ok=True)
            figures[name].append(startup_once(command, wanted))
    return figures


def choice_latency(samples: int, data: Path, reading: float) -> tuple[list[float], list[float]]:
    """Seconds from each key "1" to its feedback written, playing forward as a player does: choose,
    read the feedback, continue, read the scene, and at the debrief play again, until ``samples``
    choices are timed; and the CPU seconds the app used in each of those intervals. The player
    reads each feedback and each scene for ``reading`` seconds (0: keys as fast as the app answers)."""
    terminal = Terminal(trainer_argv("play", "phone-call", "--no-record", "--data-dir", str(data)), environment())
    try:
        terminal.wait_for(b"1-9")  # the play screen's footer: choices are offered
        terminal.drain(0.3)
        timings: list[float] = []
        cpu: list[float] = []
        while len(timings) < samples:
            used = terminal.cpu_seconds()
            sent = terminal.press(b"1")
            try:
                arrived = terminal.wait_for(POINTS, timeout=10)
            except TimeoutError:  # the key came while a screen was changing: press again, count nothing
                print("  (a key '1' got no feedback within 10 s; pressed again, not counted)")
                continue
            timings.append(arrived - sent)
            cpu.append(terminal.cpu_seconds() - used)
            terminal.drain(max(reading, 0.05))
            if continued(terminal) == b"Play again":
                terminal.drain()
                terminal.press(b"p")
                terminal.wait_for(b"1-9")
            terminal.drain(max(reading, 0.05))
        return timings, cpu
    finally:
        terminal.close()


def continued(terminal: Terminal) -> bytes:
    """Enter after a feedback: the next scene's choices ("1-9") or the debrief ("Play again")."""
    for _ in range(3):
        terminal.press(b"\r")
        try:
            return terminal.wait_for_any(b"1-9", b"Play again", timeout=10)
        except TimeoutError:  # the key came while the screen was changing: press again
            print("  (an Enter got no answer within 10 s; pressed again)")
    raise TimeoutError("three Enters got no answer")


def take_back_memory(cycles: int, data: Path) -> tuple[float, float, float]:
    """Resident MiB after 20 warm-up choice/take-back cycles, after ``cycles`` more, and seconds per cycle."""
    terminal = Terminal(trainer_argv("play", "phone-call", "--no-record", "--data-dir", str(data)), environment())
    try:
        terminal.wait_for(b"1-9")
        terminal.drain(0.3)

        def cycle() -> None:
            terminal.press(b"1")
            terminal.wait_for(POINTS)
            terminal.press(b"u")
            terminal.wait_for_any(b"Taken back", b"1-9")  # the notice, or the choices' footer back

        for _ in range(20):
            cycle()
        before = terminal.rss_mib()
        began = time.perf_counter()
        for _ in range(cycles):
            cycle()
        spent = (time.perf_counter() - began) / max(cycles, 1)
        terminal.drain(3.5)  # the take-back notices time out
        return before, terminal.rss_mib(), spent
    finally:
        terminal.close()


def key_latency(samples: int) -> tuple[list[float], list[float]]:
    """The yardstick: the one-label app updating its label for a key (wall and CPU seconds)."""
    terminal = Terminal([sys.executable, "-c", MINIMAL], environment())
    try:
        terminal.wait_for(b"Hello")
        terminal.drain(0.3)
        timings: list[float] = []
        cpu: list[float] = []
        for n in range(samples):
            used = terminal.cpu_seconds()
            sent = terminal.press(b"x")
            timings.append(terminal.wait_for(f"Pressed x {n}".encode()) - sent)
            cpu.append(terminal.cpu_seconds() - used)
            terminal.drain(0.02)
        return timings, cpu
    finally:
        terminal.close()


def record_runs(data: Path, count: int) -> None:
    """``count`` finished runs of a bundled scenario, written by the recorder as the app writes them."""
    sys.path.insert(0, str(ROOT))
    from trainer.core.library import find_scenario
    from trainer.core.replays.recorder import start_recorded_run
    from trainer.core.scenario.loader import load_scenario

    loaded = load_scenario(find_scenario("phone-call", data))
    for _ in range(count):
        run = start_recorded_run(loaded, data, "bench")
        while not run.ended:
            run.choose(run.offered()[0].id)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="start-up runs of each app (default 15)")
    parser.add_argument("--samples", type=int, default=40, help="choices timed (default 40, at least 30)")
    parser.add_argument("--replays", type=int, default=0, help="recorded runs in the data folder (default 0)")
    parser.add_argument(
        "--reading", type=float, default=1.5, help="seconds the player reads each feedback and scene (default 1.5)"
    )
    parser.add_argument("--cycles", type=int, default=100, help="choice/take-back cycles for memory (default 100)")
    parser.add_argument(
        "--only",
        choices=("startup", "choice", "memory"),
        action="append",
        help="run only this part (repeatable; default: all three)",
    )
    args = parser.parse_args()
    parts = set(args.only or ("startup", "choice", "memory"))
    data = Path(tempfile.mkdtemp(prefix="trainer-tui-bench-"))
    try:
        if args.replays:
            record_runs(data, args.replays)
        load = os.getloadavg()[0]
        print(f"pty {COLUMNS}x{LINES}; load average at start {load:.1f} on {os.cpu_count()} cores (shared machine)")
        if "startup" in parts:
            figures = startup(args.runs, data)
            print(
                f"start-up ({args.runs} whole processes each, interleaved; {args.replays} recorded runs; "
                "our sources compiled to bytecode first, as installed)"
            )
            rows = (
                ("one-label Textual app, 'Hello' written", "minimal"),
                ("trainer, library listed, taking keys", "library"),
                ("the same, first start (no index)", "first"),
            )
            for label, name in rows:
                wall = [w for w, _ in figures[name]]
                cpu = [c for _, c in figures[name]]
                line = f"  {label:<38} wall median {ms(statistics.median(wall))} p95 {ms(percentile(wall, 0.95))}"
                line += f"   cpu median {ms(statistics.median(cpu))}"
                if name != "minimal":
                    walls = [statistics.median([f[i] for f in figures[n]]) for n in ("minimal", name) for i in (0, 1)]
                    line += f"   ratio wall {walls[2] / walls[0]:.2f}x, cpu {walls[3] / walls[1]:.2f}x"
                    line += " (target <= 1.5x)" if name == "library" else ""
                print(line)
        if "choice" in parts:
            samples = max(30, args.samples)
            timings, cpu = choice_latency(samples, data, args.reading)
            yardstick, yardstick_cpu = key_latency(min(samples, 100))
            print(
                f"choice key to feedback written ({samples} choices, playing forward, reading each feedback and scene "
                f"for {args.reading:g} s; the yardstick in the same run)"
            )
            for label, wall, used in (
                ("one-label app, key to label written", yardstick, yardstick_cpu),
                ("trainer, '1' to feedback written", timings, cpu),
            ):
                print(
                    f"  {label:<38} wall median {ms(statistics.median(wall))} p95 {ms(percentile(wall, 0.95))} "
                    f"max {ms(max(wall))}   cpu median {ms(statistics.median(used))} p95 {ms(percentile(used, 0.95))}"
                )
            print("  target: p95 under 50 ms")
        if args.cycles and "memory" in parts:
            before, after, spent = take_back_memory(args.cycles, data)
            print(
                f"memory over {args.cycles} choice/take-back cycles (after 20 to warm up; {spent * 1000:.0f} ms a cycle): "
                f"{before:.1f} MiB before, {after:.1f} MiB after, {after - before:+.1f} MiB (target: within 10 MiB)"
            )
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
