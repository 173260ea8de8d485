"""How fast the TUI starts and answers a choice, against a minimal Textual app.

1. Start-up, as whole processes: a fresh Python process that builds the trainer app (as `trainer`
   does) and runs it headless until the library is painted with its scenarios, against a process
   running a one-label Textual app until it is painted. Prints medians and the ratio (target: 1.5x).
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

MINIMAL = """
from textual.app import App
from textual.widgets import Label

class Minimal(App):
    def compose(self):
        yield Label("Hello")

async def painted(pilot):
    await pilot.pause()
    pilot.app.exit()

Minimal().run(headless=True, size=(80, 24), auto_pilot=painted)
"""

TRAINER = """
import sys
from trainer.core.library import data_dir
from trainer.tui.app import make_app

async def painted(pilot):
    await pilot.pause()
    table = pilot.app.screen.query_one("#scenarios")
    assert table.row_count > 0, "the library is empty"
    pilot.app.exit()

make_app(data_dir(sys.argv[1])).run(headless=True, size=(80, 24), auto_pilot=painted)
"""


def time_process(code: str, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def startup(runs: int, data: str) -> tuple[float, float]:
    minimal: list[float] = []
    trainer: list[float] = []
    time_process(MINIMAL)  # warm the file cache and bytecode for both
    time_process(TRAINER, data)
    for _ in range(runs):  # interleaved, so a busy moment hurts both alike
        minimal.append(time_process(MINIMAL))
        trainer.append(time_process(TRAINER, data))
    return statistics.median(minimal), statistics.median(trainer)


async def choice_latency(samples: int, data: str) -> list[float]:
    from textual import events

    from trainer.core.library import bundled_scenarios_dir, find_scenario
    from trainer.core.loader import load_scenario
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
        minimal, trainer = startup(args.runs, data)
        print(f"start-up to first painted screen (median of {args.runs} processes, headless, 80x24)")
        print(f"  minimal Textual app : {minimal * 1000:7.1f} ms")
        print(f"  trainer library     : {trainer * 1000:7.1f} ms")
        print(f"  ratio               : {trainer / minimal:7.2f}x   (target <= 1.50x)")
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
