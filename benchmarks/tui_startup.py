"""How fast the TUI starts and answers a choice, against a minimal Textual app.

1. Start-up, as whole processes: `trainer --data-dir TMP` through its real entry point, made
   headless, until the first frame of the library screen is written (the scenarios load just
   after it), and until the first frame that lists them; against a one-label Textual app until
   its first frame. Prints medians and ratios (target: within 1.5x).
2. Choice latency, headless: from posting the key "1" on the play screen to the feedback panel
   being laid out and painted (target: under 50 ms). Each sample is taken back before the next.

Run: python benchmarks/tui_startup.py [--runs N] [--samples N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Every child notes the moment it writes the first frame that shows what it waits for (seconds
# since the parent spawned it, on stderr), then exits.
FIRST_FRAME = """
import sys
import time
from textual.app import App

_display = App._display

def display(self, screen, renderable):
    _display(self, screen, renderable)
    if renderable is not None and not getattr(self, "_bench_done", False) and shown(self, screen):
        self._bench_done = True
        print(f"FRAME {time.time() - float(sys.argv[-1])}", file=sys.stderr)
        self.exit()

App._display = display
"""

MINIMAL = (
    FIRST_FRAME
    + """
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("Hello")

def shown(app, screen):
    return True

Minimal().run(headless=True, size=(80, 24))
"""
)

# `trainer --data-dir DIR` through the real entry point, made headless; argv[1] says what to wait for:
# "frame" (the library screen's first frame) or "rows" (the first frame listing the scenarios).
TRAINER = (
    FIRST_FRAME
    + """
from trainer.cli.main import main

def shown(app, screen):
    if type(screen).__name__ != "LibraryScreen":
        return False
    return sys.argv[1] == "frame" or screen.query_one("#scenarios").row_count > 0

_run = App.run
App.run = lambda self, *args, **kwargs: _run(self, headless=True, size=(80, 24))
sys.exit(main(["--data-dir", sys.argv[2]]))
"""
)


def time_process(code: str, *args: str) -> float:
    """Seconds from spawning a child to its first matching frame (as the child reports it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-c", code, *args, repr(time.time())],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    frames = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("FRAME ")]
    if not frames:
        raise RuntimeError(f"the child painted nothing it was waiting for:\n{done.stderr}")
    return float(frames[0])


def startup(runs: int, data: str) -> tuple[float, float, float]:
    """Median seconds to the minimal app's frame, the library's first frame, the listed library."""
    minimal: list[float] = []
    frame: list[float] = []
    rows: list[float] = []
    time_process(MINIMAL)  # warm the file cache and bytecode for both
    time_process(TRAINER, "rows", data)
    for _ in range(runs):  # interleaved, so a busy moment hurts all alike
        minimal.append(time_process(MINIMAL))
        frame.append(time_process(TRAINER, "frame", data))
        rows.append(time_process(TRAINER, "rows", data))
    return statistics.median(minimal), statistics.median(frame), statistics.median(rows)


async def choice_latency(samples: int, data: str) -> list[float]:
    from textual import events

    from trainer.core.library import bundled_scenarios_dir, find_scenario
    from trainer.core.scenario.loader import load_scenario
    from trainer.tui.app import make_app
    from trainer.tui.widgets.feedback_panel import FeedbackPanel

    loaded = load_scenario(find_scenario("phone-call", Path(data)))
    assert bundled_scenarios_dir().is_dir()
    app = make_app(Path(data), start_scenario=loaded)
    timings: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(FeedbackPanel)
        for _ in range(samples):
            start = time.perf_counter()
            app.post_message(events.Key("1", "1"))
            # The region is set by the compositor's reflow, which paints in the same step.
            while not panel.region.height:
                await asyncio.sleep(0)
            timings.append(time.perf_counter() - start)
            await pilot.pause()
            await pilot.press("u")
            await pilot.pause()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each app (default 7)")
    parser.add_argument("--samples", type=int, default=30, help="choice latency samples (default 30)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        minimal, frame, rows = startup(args.runs, data)
        print(f"start-up to first frame (median of {args.runs} whole processes each, headless, 80x24)")
        print(f"  minimal Textual app (one label)  : {minimal * 1000:7.1f} ms")
        print(f"  trainer: library screen painted  : {frame * 1000:7.1f} ms   ratio {frame / minimal:.2f}x")
        print(f"  trainer: scenarios listed        : {rows * 1000:7.1f} ms   ratio {rows / minimal:.2f}x")
        print("  target: within 1.50x")
        timings = asyncio.run(choice_latency(args.samples, data))
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        print(f"choice key to feedback panel painted ({args.samples} samples, headless, 80x24)")
        print(
            f"  median {statistics.median(timings) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {timings[-1] * 1000:.1f} ms"
        )
        print("  target: under 50 ms")


if __name__ == "__main__":
    main()
