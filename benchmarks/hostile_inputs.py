"""Benchmark: `trainer validate` on the hostile files of issue 11 item 9, each beside its yardstick.

Run by hand: `python benchmarks/hostile_inputs.py [--checkout PATH]` (PATH: another checkout to
measure instead of this one, e.g. main before a change). Each case runs `trainer validate` in a
fresh process and prints its wall time and peak memory, beside the bare C-loader `yaml.load` of the
same file (what reading it costs at least) and `trainer validate` on a bundled scenario (what any
command costs: start-up and imports). Goals (issue 11): 50,000 unknown keys under 2 s; a state
space over the cap refused in under 1 s. Timings on a shared machine are noisy: compare ratios.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAD = "format: 1\nid: hostile\ntitle: T\nsummary: S\ndifficulty: 1\n"
ENDING = "  e:\n    ending: {title: E, outcome: good, debrief: Done.}\n"


def unknown_keys(count: int) -> str:
    return HEAD + "start: e\nscenes:\n" + ENDING + "".join(f"k{i}: {i}\n" for i in range(count))


def bad_gotos(count: int) -> str:
    choices = "".join(
        f"      - {{id: c{i}, text: T, category: graceful, feedback: Fine here., goto: nowhere{i}}}\n"
        for i in range(count)
    )
    # More choices than a scene may have is an error too, so spread them over scenes of ten.
    scenes = []
    lines = choices.splitlines(keepends=True)
    for start in range(0, len(lines), 10):
        scenes.append(f"  s{start}:\n    choices:\n" + "".join(lines[start : start + 10]))
    return HEAD + "start: s0\nscenes:\n" + "".join(scenes) + ENDING


def wide_meter(top: int) -> str:
    """The issue's 600-byte file: one scene going round, a meter of range 0..990,000 rising by one."""
    return (
        HEAD
        + f"meters:\n  m: {{start: 0, min: 0, max: {top}}}\nstart: a\nscenes:\n  a:\n    choices:\n"
        + f'      - {{id: up, text: Up, category: graceful, feedback: Up again., effects: {{m: 1}}, goto: [{{if: "m < {top}", goto: a}}, {{goto: e}}]}}\n'
        + "      - {id: stop, text: Stop, category: logic, feedback: Stop now., goto: e}\n"
        + ENDING
    )


def many_wide_scenes(scenes: int) -> str:
    """A chain of scenes, each adding 1, 7, 49 or 343 to a meter of range 0..4999: thousands of states each."""
    out = [HEAD, "meters:\n  m: {start: 0, min: 0, max: 4999}\nstart: s0\nscenes:\n"]
    for i in range(scenes):
        target = f"s{i + 1}" if i + 1 < scenes else "e"
        out.append(f"  s{i}:\n    choices:\n")
        for k, step in enumerate((1, 7, 49, 343)):
            out.append(
                f"      - {{id: c{k}, text: T, category: graceful, feedback: Fine here., effects: {{m: {step}}}, goto: {target}}}\n"
            )
    out.append(ENDING)
    return "".join(out)


CASES = {
    "50,000 unknown keys": lambda: unknown_keys(50_000),
    "20,000 bad gotos": lambda: bad_gotos(20_000),
    "one meter 0..990,000 (600 bytes)": lambda: wide_meter(990_000),
    "300 scenes, a meter 0..4999 (120 KB)": lambda: many_wide_scenes(300),
}

MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.executable, "-m", "trainer", "validate", sys.argv[1]], capture_output=True)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""

BARE = """
import sys, time, yaml
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter(); yaml.load(text, Loader=yaml.CSafeLoader); print(time.perf_counter() - start)
"""


def run(code: str, path: Path, env: dict[str, str]) -> list[float]:
    # Run from the file's folder: `python -c` puts the working directory first on sys.path.
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env, check=True, cwd=path.parent
    )
    return [float(value) for value in done.stdout.split()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the checkout whose trainer is measured")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.checkout.resolve())}
    bundled = ROOT / "scenarios" / "phone-call.yaml"
    baseline, _ = run(MEASURE, bundled, env)
    print(f"checkout {args.checkout}: `trainer validate` on a bundled scenario takes {baseline:.2f} s (yardstick)")
    print(
        f"{'case':36} {'bytes':>10} {'validate':>9} {'peak MB':>8} {'bare load':>10} {'x bare':>7} {'x yardstick':>11}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES.items():
            path = Path(folder) / "case.yaml"
            path.write_text(make(), encoding="utf-8")
            seconds, peak = run(MEASURE, path, env)
            [bare] = run(BARE, path, env)
            print(
                f"{name:36} {path.stat().st_size:>10,} {seconds:>8.2f}s {peak:>8.0f} {bare:>9.3f}s "
                f"{seconds / bare:>7.1f} {seconds / baseline:>11.1f}"
            )


if __name__ == "__main__":
    main()
