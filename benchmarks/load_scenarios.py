"""Benchmark: YAML load, our load + validation, and the state machine build, on generated scenarios.

Run by hand: `python benchmarks/load_scenarios.py [SIZES...]` (default 1000 10000 100000 scenes).
Prints each stage's wall and CPU time as ratios to the bare C-loader `yaml.load` run under the same
collector settings, and the peak memory (VmHWM) of each stage, each measured in a fresh process so
that earlier stages do not inflate later ones; per YAML byte, what the process grew by from before
its imports, and the load's own growth from after them (at 1,000 scenes our imports, pydantic's
models above all, weigh more than the load).
Targets (issue 2): load + validate within 1.5x of the bare load; machine build within 1.5x of a bare
`transitions` build of the same graph; 100,000 scenes within 12x of 10,000. (Issue 15): peak memory
within 1.3x of the bare load's; with frozen pauses, at most 0.6x the time of the unfrozen load.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "They pause, and the silence on the line says more than the words did. "


def generate(scenes: int) -> str:
    """A scenario of ``scenes`` scenes, three choices each, moving forward one to three scenes."""
    out = [
        "format: 1\nid: bench\ntitle: Bench\nsummary: Generated.\ndifficulty: 3\n",
        "characters:\n  ex: {name: Robin}\nstart: s0\nscenes:\n",
    ]
    last = scenes - 1
    for i in range(last):
        out.append(
            f"  s{i}:\n    text: {SENTENCE * 2}\n    say: {{who: ex, line: 'Scene {i}: {SENTENCE}'}}\n    choices:\n"
        )
        for k, category in enumerate(("graceful", "logic", "weakness"), start=1):
            target = min(i + k, last)
            out.append(
                f"      - id: c{k}\n        text: Option {k} of scene {i}, said gently.\n"
                f"        category: {category}\n        feedback: {SENTENCE}\n        goto: s{target}\n"
            )
    out.append(f"  s{last}:\n    ending: {{title: End, outcome: good, debrief: '{SENTENCE}'}}\n")
    return "".join(out)


# Every load stage runs under the same collector settings as `trainer validate`: the collector paused
# for the load, and the pause ending with gc.freeze() (freeze_after_pauses(True), as the CLI sets it).
# The time includes leaving the pause. "our_load_unfrozen" is our load as it was before pauses froze
# (the collector's deferred work paid when the pause ends): the yardstick for the freeze.
# Each stage is (set-up, the timed work): wall and CPU time are taken around the timed work only, and
# the resident memory after the set-up (imports and all) is the base its own growth is measured from.
STAGES: dict[str, tuple[str, str]] = {
    "bare_yaml_load": (
        """
import yaml
from trainer.core.collector import freeze_after_pauses, gc_paused
freeze_after_pauses(True)
""",
        """
with gc_paused():
    yaml.load(text, Loader=yaml.CSafeLoader)
""",
    ),
    "our_load_and_validate": (
        """
from trainer.core.collector import freeze_after_pauses
from trainer.core.scenario.loader import load_scenario_bytes
freeze_after_pauses(True)
""",
        "load_scenario_bytes(raw, 'bench.yaml')",
    ),
    "our_load_unfrozen": (
        """
from trainer.core.collector import freeze_after_pauses
from trainer.core.scenario.loader import load_scenario_bytes
freeze_after_pauses(False)
""",
        "load_scenario_bytes(raw, 'bench.yaml')",
    ),
    # The machine stages build the same graph (states named by scene, one transition per goto branch)
    # with the collector paused, as ScenarioMachine pauses it (not frozen: a machine is full of cycles).
    "bare_transitions_build": (
        """
from trainer.core.collector import gc_paused
from trainer.core.scenario.loader import load_scenario_bytes
from transitions import Machine
loaded = load_scenario_bytes(raw, 'bench.yaml'); c = loaded.compiled
edges = [{'trigger': ch.id, 'source': c.scene_ids[s], 'dest': c.scene_ids[t]}
         for s, chs in enumerate(c.choices) for ch in chs for _, t in ch.branches]
gc.collect()  # settle the load's garbage-collector debt before timing, in both machine stages
""",
        """
with gc_paused(freeze=False):  # the collector setting our build runs under
    m = Machine(model=None, states=list(c.scene_ids), initial=c.scene_ids[0], auto_transitions=False)
    m.add_transitions(edges)
""",
    ),
    "our_machine_build": (
        """
from trainer.core.scenario.loader import load_scenario_bytes
from trainer.core.play.engine import ScenarioMachine
loaded = load_scenario_bytes(raw, 'bench.yaml')
gc.collect()
""",
        "ScenarioMachine(loaded.compiled, loaded.rubric)",
    ),
}

PROLOGUE = """
import gc, json, sys, time
sys.path.insert(0, sys.argv[2])
raw = open(sys.argv[1], 'rb').read(); text = raw.decode()
def rss(field):
    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith(field))
base_kb = rss('VmRSS')
"""
# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
TIMED = """
ready_kb = rss('VmRSS')
start, start_cpu = time.perf_counter(), time.process_time()
{work}
elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
hwm = rss('VmHWM')
print(json.dumps({{'seconds': elapsed, 'cpu': cpu, 'peak_mb': hwm / 1024, 'grown_mb': (hwm - base_kb) / 1024,
                  'load_grown_mb': (hwm - ready_kb) / 1024}}))
"""


def measure(stage: str, path: Path, repeats: int) -> dict[str, float]:
    """The best of ``repeats`` fresh processes (the machine is shared and noisy: the minimum is the signal)."""
    setup, work = STAGES[stage]
    code = PROLOGUE + setup + TIMED.format(work=work.strip())
    runs = []
    for _ in range(repeats):
        result = subprocess.run(
            [sys.executable, "-c", code, str(path), str(ROOT)], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(result.stdout))
    return min(runs, key=lambda figure: figure["seconds"])


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]
    per_size: dict[int, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"bench-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            mb = path.stat().st_size / 1e6
            repeats = 3 if size <= 10000 else 1
            figures = {stage: measure(stage, path, repeats) for stage in STAGES}
            per_size[size] = figures
            bare = figures["bare_yaml_load"]["seconds"]
            print(f"\n{size:,} scenes ({mb:.1f} MB):")
            bare_cpu = figures["bare_yaml_load"]["cpu"]
            for stage, figure in figures.items():
                print(
                    f"  {stage:24s} {figure['seconds']:8.3f} s wall {figure['cpu']:8.3f} s CPU"
                    f"  {figure['seconds'] / bare:5.2f}x / {figure['cpu'] / bare_cpu:5.2f}x bare load"
                    f"  peak {figure['peak_mb']:7.1f} MB"
                )
            ratio = figures["our_load_and_validate"]["seconds"] / bare
            unfrozen = figures["our_load_and_validate"]["seconds"] / figures["our_load_unfrozen"]["seconds"]
            memory = figures["our_load_and_validate"]["peak_mb"] / figures["bare_yaml_load"]["peak_mb"]
            size_bytes = path.stat().st_size
            per_byte = {stage: figures[stage]["grown_mb"] * 2**20 / size_bytes for stage in figures}
            own = {stage: figures[stage]["load_grown_mb"] * 2**20 / size_bytes for stage in figures}
            print(
                f"  => peak memory: ours / bare load {memory:.2f}x (target <= 1.3x); grown per YAML byte "
                f"(peak less the process before imports): bare {per_byte['bare_yaml_load']:.1f} B, "
                f"ours {per_byte['our_load_and_validate']:.1f} B"
            )
            load_ratio = own["our_load_and_validate"] / own["bare_yaml_load"]
            print(
                f"  => the load's own growth per YAML byte (peak less the process after imports): bare "
                f"{own['bare_yaml_load']:.1f} B, ours {own['our_load_and_validate']:.1f} B: {load_ratio:.2f}x"
            )
            print(f"  => load+validate frozen / as before the freeze: {unfrozen:.2f}x (target <= 0.6x)")
            cpu_ratio = figures["our_load_and_validate"]["cpu"] / bare_cpu
            ours_build, bare_build = figures["our_machine_build"], figures["bare_transitions_build"]
            build = ours_build["seconds"] / bare_build["seconds"]
            build_cpu = ours_build["cpu"] / bare_build["cpu"]
            print(f"  => load+validate / bare load: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU (target <= 1.5x)")
            print(
                f"  => machine build / bare transitions build: {build:.2f}x wall, {build_cpu:.2f}x CPU (target <= 1.5x)"
            )
    if 10000 in per_size and 100000 in per_size:
        for stage in STAGES:
            growth = per_size[100000][stage]["seconds"] / per_size[10000][stage]["seconds"]
            print(f"linearity {stage}: 100,000 / 10,000 scenes = {growth:.1f}x (target <= 12x)")


if __name__ == "__main__":
    main()
