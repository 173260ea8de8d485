"""Benchmark: YAML load, our load + validation, `trainer validate`, and the machine build, on generated scenarios.

Run by hand: `python benchmarks/load_scenarios.py [SIZES...]` (default 1000 10000 100000 scenes).
Every stage runs in fresh processes, so that earlier stages do not inflate later ones, several times
(5 up to 10,000 scenes, once above), the stages taking turns so that the machine's load falls on all
alike; each figure is the median of the runs. Prints each stage's wall and CPU time as ratios to the
bare C-loader `yaml.load` under the same collector settings, and its peak memory (VmHWM); per YAML
byte, what the process grew by from before its imports, and the load's own growth from after them.
`trainer validate` is timed as a whole process (start, imports, load, lint, exit: the collector's
deferred work lands anywhere in it, exit included) against `trainer validate` as it was when issue 15
was filed (main at ISSUE_START, extracted from this repository's history and run with the same
Python and packages: the goal's "today's time"), and against the same process with `gc.freeze` a
no-op (the collector's own share: pauses that only defer its work, as before issue 15). Each
machine-build process times 5 builds, a full collection before each, and keeps their median.
Targets (issue 2): load + validate within 1.5x of the bare load; machine build within 1.5x of a bare
`transitions` build of the same graph; 100,000 scenes within 12x of 10,000. (Issue 15): peak memory
within 1.3x of the bare load's; `trainer validate` at 10,000 scenes at most 0.6x the time it took when
the issue was filed.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
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
# The time includes leaving the pause (the freeze's deferred-work savings show in `trainer validate`,
# VALIDATE below, where the work after the load pays for what the collector put off).
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
# The machine stages time 5 builds in each process (a full collection before each, untimed) and keep
# the median: one build of 10,000 states is short enough for a scheduler hiccup to double it.
INNER = {"bare_transitions_build": 5, "our_machine_build": 5}
TIMED = """
ready_kb = rss('VmRSS')
walls, cpus = [], []
for _ in range({inner}):
    if {inner} > 1:
        gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    {work}
    walls.append(time.perf_counter() - start); cpus.append(time.process_time() - start_cpu)
hwm = rss('VmHWM')
walls.sort(); cpus.sort()
print(json.dumps({{'seconds': walls[len(walls) // 2], 'cpu': cpus[len(cpus) // 2], 'peak_mb': hwm / 1024,
                  'grown_mb': (hwm - base_kb) / 1024, 'load_grown_mb': (hwm - ready_kb) / 1024}}))
"""

# `trainer validate FILE` as a whole process: as shipped, as when issue 15 was filed, and as shipped with
# gc.freeze() doing nothing.
VALIDATE = {
    "validate_command": "",
    "validate_at_issue_start": "",
    "validate_without_freeze": "import gc; gc.freeze = lambda: None  # pauses only defer the collector's work\n",
}
# main just before issue 15's first change (bfcf9f6, the collector's freeze): the issue's "today".
ISSUE_START = "cc368a3"
ISSUE_START_CHECKOUT: list[Path] = []  # where it was extracted, once per run


def extract_issue_start(folder: Path) -> Path | None:
    """The trainer as at ISSUE_START, from git (None outside a git checkout: that stage is left out)."""
    target = folder / "issue-start"
    target.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ISSUE_START, "trainer", "scenarios", "schema"], capture_output=True
    )
    if archive.returncode != 0:
        return None
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


VALIDATE_CODE = "import sys\n{patch}from trainer.cli.main import main\nsys.exit(main(['validate', sys.argv[1]]))"


def run_stage(stage: str, path: Path) -> dict[str, float]:
    """One fresh process of ``stage``: its figures."""
    if stage in VALIDATE:
        checkout = ISSUE_START_CHECKOUT[0] if stage == "validate_at_issue_start" else None
        return run_validate(VALIDATE[stage], path, checkout)
    setup, work = STAGES[stage]
    code = (
        PROLOGUE + setup + TIMED.format(work=textwrap.indent(work.strip(), "    ").lstrip(), inner=INNER.get(stage, 1))
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path), str(ROOT)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def run_validate(patch: str, path: Path, checkout: Path | None = None) -> dict[str, float]:
    """`trainer validate` in a fresh process (the trainer in ``checkout`` if given): its wall time, and its
    own CPU time and peak from wait4."""
    code = VALIDATE_CODE.format(patch=patch)
    env = {**os.environ, "PYTHONPATH": str(checkout)} if checkout else None
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        cwd=checkout or ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: a warning or error in the file, still a full run
        raise SystemExit(f"trainer validate failed ({process.returncode}) on {path}")
    peak = usage.ru_maxrss / 1024
    return {"seconds": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": peak, "grown_mb": peak}


def measure(stages: list[str], path: Path, repeats: int) -> dict[str, dict[str, float]]:
    """Each stage's median figures over ``repeats`` fresh processes, the stages taking turns."""
    runs: dict[str, list[dict[str, float]]] = {stage: [] for stage in stages}
    for _ in range(repeats):
        for stage in stages:
            runs[stage].append(run_stage(stage, path))
    return {
        stage: {key: statistics.median(run[key] for run in stage_runs) for key in stage_runs[0]}
        for stage, stage_runs in runs.items()
    }


TARGETS = {
    "validate_at_issue_start": " (target <= 0.6x at 10,000 scenes)",
    "bare_transitions_build": " (target <= 1.5x)",
}


def against(what: str, figures: dict[str, dict[str, float]], yardstick: str, ours: str = "validate_command") -> str:
    """A goal's line: our median wall and CPU time, the yardstick's, and the ratios."""
    mine, theirs = figures[ours], figures[yardstick]
    digits = 3
    return (
        f"  => {what}: {mine['seconds']:.{digits}f} / {theirs['seconds']:.{digits}f} s wall = "
        f"{mine['seconds'] / theirs['seconds']:.2f}x, {mine['cpu']:.{digits}f} / {theirs['cpu']:.{digits}f} s CPU = "
        f"{mine['cpu'] / theirs['cpu']:.2f}x{TARGETS.get(yardstick, '')}"
    )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]
    per_size: dict[int, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        checkout = extract_issue_start(Path(folder))
        if checkout is None:
            print(f"(not a git checkout with {ISSUE_START}: `trainer validate` as when issue 15 was filed is left out)")
        else:
            ISSUE_START_CHECKOUT.append(checkout)
        for size in sizes:
            path = Path(folder) / f"bench-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            mb = path.stat().st_size / 1e6
            repeats = 5 if size <= 10000 else 1
            # `trainer validate` runs the lint too (minutes at 100,000 scenes): timed up to 10,000.
            stages = [*STAGES, *VALIDATE] if size <= 10000 else list(STAGES)
            if not ISSUE_START_CHECKOUT:
                stages.remove("validate_at_issue_start")
            figures = measure(stages, path, repeats)
            per_size[size] = figures
            bare = figures["bare_yaml_load"]["seconds"]
            print(f"\n{size:,} scenes ({mb:.1f} MB), median of {repeats} process{'es' if repeats > 1 else ''} each:")
            bare_cpu = figures["bare_yaml_load"]["cpu"]
            for stage, figure in figures.items():
                print(
                    f"  {stage:24s} {figure['seconds']:8.3f} s wall {figure['cpu']:8.3f} s CPU"
                    f"  {figure['seconds'] / bare:5.2f}x / {figure['cpu'] / bare_cpu:5.2f}x bare load"
                    f"  peak {figure['peak_mb']:7.1f} MB"
                )
            ratio = figures["our_load_and_validate"]["seconds"] / bare
            memory = figures["our_load_and_validate"]["peak_mb"] / figures["bare_yaml_load"]["peak_mb"]
            size_bytes = path.stat().st_size
            per_byte = {stage: figures[stage]["grown_mb"] * 2**20 / size_bytes for stage in STAGES}
            own = {stage: figures[stage]["load_grown_mb"] * 2**20 / size_bytes for stage in STAGES}
            print(
                f"  => peak memory: ours / bare load: {figures['our_load_and_validate']['peak_mb']:.1f} / "
                f"{figures['bare_yaml_load']['peak_mb']:.1f} MB = {memory:.2f}x (target <= 1.3x); grown per YAML byte "
                f"(peak less the process before imports): bare {per_byte['bare_yaml_load']:.1f} B, "
                f"ours {per_byte['our_load_and_validate']:.1f} B"
            )
            load_ratio = own["our_load_and_validate"] / own["bare_yaml_load"]
            print(
                f"  => the load's own growth per YAML byte (peak less the process after imports): bare "
                f"{own['bare_yaml_load']:.1f} B, ours {own['our_load_and_validate']:.1f} B: {load_ratio:.2f}x"
            )
            if "validate_at_issue_start" in figures:
                yardstick = f"as when issue 15 was filed ({ISSUE_START})"
                print(against(f"trainer validate (whole process) / {yardstick}", figures, "validate_at_issue_start"))
            if "validate_command" in figures:
                yardstick = "the same without gc.freeze (the freeze's share)"
                print(against(f"trainer validate (whole process) / {yardstick}", figures, "validate_without_freeze"))
            cpu_ratio = figures["our_load_and_validate"]["cpu"] / bare_cpu
            print(f"  => load+validate / bare load: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU (target <= 1.5x)")
            print(
                against(
                    "machine build / bare transitions build", figures, "bare_transitions_build", "our_machine_build"
                )
            )
    if 10000 in per_size and 100000 in per_size:
        for stage in per_size[100000]:
            growth = per_size[100000][stage]["seconds"] / per_size[10000][stage]["seconds"]
            print(f"linearity {stage}: 100,000 / 10,000 scenes = {growth:.1f}x (target <= 12x)")


if __name__ == "__main__":
    main()
