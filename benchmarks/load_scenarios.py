"""Benchmark: YAML load, our load + validation, and the state machine build, on generated scenarios.

Run by hand: `python benchmarks/load_scenarios.py [SIZES...]` (default 1000 10000 100000 scenes).
Prints each stage's time as a ratio to the bare C-loader `yaml.load`, and the peak memory of each
stage, measured in a fresh process so that earlier stages do not inflate later ones.
Targets (issue 2): load + validate within 1.5x of the bare load; machine build within 1.5x of a bare
`transitions` build of the same graph; 100,000 scenes within 12x of 10,000.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

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


STAGES = {
    "bare_yaml_load": """
import yaml
start = time.perf_counter(); yaml.load(text, Loader=yaml.CSafeLoader); elapsed = time.perf_counter() - start
""",
    "our_load_and_validate": """
from trainer.core.scenario.loader import load_scenario_bytes
start = time.perf_counter(); load_scenario_bytes(raw, 'bench.yaml'); elapsed = time.perf_counter() - start
""",
    "bare_transitions_build": """
from trainer.core.scenario.loader import load_scenario_bytes
from transitions import Machine
loaded = load_scenario_bytes(raw, 'bench.yaml'); c = loaded.compiled
edges = [{'trigger': ch.id, 'source': c.scene_ids[s], 'dest': c.scene_ids[t]}
         for s, chs in enumerate(c.choices) for ch in chs for _, t in ch.branches]
gc.collect()  # settle the load's garbage-collector debt before timing, in both machine stages
start = time.perf_counter()
m = Machine(model=None, states=list(c.scene_ids), initial=c.scene_ids[0], auto_transitions=False)
m.add_transitions(edges)
elapsed = time.perf_counter() - start
""",
    "our_machine_build": """
from trainer.core.scenario.loader import load_scenario_bytes
from trainer.core.play.engine import ScenarioMachine
loaded = load_scenario_bytes(raw, 'bench.yaml')
gc.collect()
start = time.perf_counter(); ScenarioMachine(loaded.compiled, loaded.rubric); elapsed = time.perf_counter() - start
""",
}

PROLOGUE = """
import gc, json, resource, sys, time
raw = open(sys.argv[1], 'rb').read(); text = raw.decode()
"""
EPILOGUE = """
print(json.dumps({'seconds': elapsed, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(stage: str, path: Path, repeats: int) -> dict[str, float]:
    """The best of ``repeats`` fresh processes (the machine is shared and noisy: the minimum is the signal)."""
    code = PROLOGUE + STAGES[stage] + EPILOGUE
    runs = []
    for _ in range(repeats):
        result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
        runs.append(json.loads(result.stdout))
    return min(runs, key=lambda figure: figure["seconds"])


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
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
            for stage, figure in figures.items():
                print(
                    f"  {stage:24s} {figure['seconds']:8.3f} s  {figure['seconds'] / bare:5.2f}x bare load"
                    f"  peak {figure['peak_mb']:7.1f} MB"
                )
            ratio = figures["our_load_and_validate"]["seconds"] / bare
            build = figures["our_machine_build"]["seconds"] / figures["bare_transitions_build"]["seconds"]
            print(f"  => load+validate / bare load: {ratio:.2f}x (target <= 1.5x)")
            print(f"  => machine build / bare transitions build: {build:.2f}x (target <= 1.5x)")
    if 10000 in per_size and 100000 in per_size:
        for stage in STAGES:
            growth = per_size[100000][stage]["seconds"] / per_size[10000][stage]["seconds"]
            print(f"linearity {stage}: 100,000 / 10,000 scenes = {growth:.1f}x (target <= 12x)")


if __name__ == "__main__":
    main()
