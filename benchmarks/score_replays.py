"""Benchmark: `trainer score --summary` over many replays against bare `json.loads` of the same lines.

Writes N replays (default 100,000) of 20 choices each, made by random walks through a generated
scenario, into a temporary data folder, then prints in one run:
  - the time of the whole `trainer score --summary` command (a fresh process: startup, reading,
    decoding, verifying every step through the step function, aggregating);
  - the time of reading the same files, and of reading them and `json.loads`-ing every line,
    so the cost of json.loads alone is their difference;
  - the ratios (target: scoring in at most half the time of the json.loads pass);
  - peak memory (max RSS) of `trainer score --summary` at 10,000 and at N replays (flat = streamed);
  - the table, JSON and CSV outputs against `--summary` on the first 10,000 replays: the median
    of --rounds fresh processes each, interleaved, CPU beside wall (target: within 1.3x).
Our sources are compiled to bytecode first, as an installed package's are: with
PYTHONDONTWRITEBYTECODE set (as in our sessions) every `trainer score` would compile its modules
from source, the same for each output, a cost that only dilutes the ratios.

Run:  python benchmarks/score_replays.py [--replays 100000] [--choices 20] [--rounds 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trainer import __version__  # noqa: E402
from trainer.core.replays.format import ChoiceMade, EndingReached, encode, new_header  # noqa: E402
from trainer.core.scenario.loader import load_scenario  # noqa: E402

PER_FOLDER = 10_000


def scenario_yaml(depth: int) -> str:
    """A chain of ``depth`` scenes with three choices each, a meter, a condition and a branching end."""
    lines = [
        "format: 1",
        "id: bench",
        "title: Benchmark",
        "summary: A long generated scenario for the scoring benchmark.",
        "difficulty: 3",
        "characters:",
        "  sam: {name: Sam}",
        "meters:",
        "  trust: {start: 0, min: -3, max: 3}",
        "start: s0",
        "scenes:",
    ]
    for i in range(depth):
        nxt = f"s{i + 1}" if i + 1 < depth else None
        goto = nxt or '[{if: "trust >= 1", goto: good}, {goto: bad}]'
        lines += [
            f"  s{i}:",
            f"    say: {{who: sam, line: Line {i}.}}",
            "    choices:",
            f"      - {{id: calm, text: Calm {i}., category: graceful, feedback: Calm helps here., "
            f"effects: {{trust: 1}}, goto: {goto}}}",
            f"      - {{id: argue, text: Argue {i}., category: logic, feedback: Arguing does not help., goto: {goto}}}",
            f"      - {{id: plead, text: Plead {i}., category: weakness, feedback: Pleading hurts., "
            f'if: "trust >= 0", effects: {{trust: -1}}, goto: {goto}}}',
        ]
    lines += [
        "  good:",
        "    ending: {title: Good, outcome: good, debrief: Well done.}",
        "  bad:",
        "    ending: {title: Bad, outcome: bad, debrief: Not this time.}",
    ]
    return "\n".join(lines) + "\n"


def write_replays(data: Path, scenario_path: Path, count: int, depth: int) -> int:
    """Random valid runs, written in the recorder's exact line layout; returns the number of lines."""
    loaded = load_scenario(scenario_path)
    compiled = loaded.compiled
    rng = random.Random(1)
    folder = data / "replays" / loaded.id
    start = datetime(2026, 1, 1, tzinfo=UTC)
    lines = 0
    for n in range(count):
        batch = folder / f"batch-{n // PER_FOLDER:02d}"
        if n % PER_FOLDER == 0:
            batch.mkdir(parents=True)
        when = start + timedelta(minutes=n)
        header = new_header(loaded.id, loaded.sha256, str(scenario_path), __version__, when, f"player{n % 50}")
        out = [encode(header)]
        state = compiled.start
        for step in range(1, depth + 1):
            choice = rng.choice(compiled.offered(state))
            out.append(encode(ChoiceMade(step, compiled.scene_ids[state[0]], choice.id)))
            state, _ = compiled.step(state, choice.id)
        out.append(encode(EndingReached(depth, compiled.scene_ids[state[0]])))
        (batch / f"{when:%Y%m%dT%H%M%S}000Z-{n:06x}.jsonl").write_bytes(b"".join(out))
        lines += len(out)
    return lines


def read_only(folder: Path) -> float:
    began = time.perf_counter()
    for path in sorted(folder.rglob("*.jsonl")):
        for _line in path.read_bytes().splitlines():
            pass
    return time.perf_counter() - began


def read_and_json_loads(folder: Path) -> float:
    loads = json.loads
    began = time.perf_counter()
    for path in sorted(folder.rglob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            loads(line)
    return time.perf_counter() - began


# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
PROBE = (
    "import sys; from trainer.cli.main import main; code = main(sys.argv[1:]);"
    "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')];"
    "print('MAXRSS_KB', hwm[0], file=sys.stderr); raise SystemExit(code)"
)


def score_summary(data: Path, folder: Path, *options: str) -> tuple[float, int, str]:
    """Wall time, peak RSS (KiB) and output of `trainer score --summary` (or ``options``) in a fresh process."""
    env = {**os.environ, "TRAINER_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    began = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "score", *(options or ("--summary",)), str(folder)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"score failed ({result.returncode}):\n{result.stderr[-2000:]}")
    rss = next(int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("MAXRSS_KB"))
    return elapsed, rss, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replays", type=int, default=100_000)
    parser.add_argument("--choices", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="write the data here and keep it (default: a temp dir)")
    parser.add_argument("--rounds", type=int, default=7, help="fresh processes per output format (median)")
    args = parser.parse_args()

    data = args.keep or Path(tempfile.mkdtemp(prefix="trainer-bench-"))
    try:
        data.mkdir(parents=True, exist_ok=True)
        # In the user's library of the data folder: replays are scored only against trusted scenarios.
        scenario = data / "scenarios" / "bench.yaml"
        scenario.parent.mkdir(exist_ok=True)
        marker = data / f"written-{args.replays}x{args.choices}"
        if marker.exists():  # --keep DIR from an earlier run with the same sizes: reuse it
            lines = int(marker.read_text())
            print(f"reusing {args.replays:,} replays, {lines:,} lines, in {data}")
        else:
            scenario.write_text(scenario_yaml(args.choices), encoding="utf-8")
            began = time.perf_counter()
            lines = write_replays(data, scenario, args.replays, args.choices)
            marker.write_text(str(lines))
            print(f"wrote {args.replays:,} replays, {lines:,} lines, in {time.perf_counter() - began:.1f} s ({data})")
        everything = data / "replays"
        first = everything / "bench" / "batch-00"

        compileall.compile_dir(ROOT / "trainer", quiet=1)  # __pycache__, as pip leaves it (see the docstring)
        # Warm the page cache for every pass alike, then measure.
        read_only(everything)
        t_read = read_only(everything)
        t_json = read_and_json_loads(everything)
        t_decode = t_json - t_read
        t_score, rss_all, out = score_summary(data, everything)
        _, rss_first, _ = score_summary(data, first)
        runs = next(line for line in out.splitlines() if "runs " in line).strip()

        print(f"summary says: {runs}")
        print(f"read the files only            {t_read:7.2f} s  ({t_read / lines * 1e6:.2f} us/line)")
        print(f"read + json.loads every line   {t_json:7.2f} s  ({t_json / lines * 1e6:.2f} us/line)")
        print(f"json.loads alone (difference)  {t_decode:7.2f} s  ({t_decode / lines * 1e6:.2f} us/line)")
        print(f"trainer score --summary        {t_score:7.2f} s  ({t_score / lines * 1e6:.2f} us/line, whole command)")
        print(f"ratio score / json.loads alone        {t_score / t_decode:.2f}  (target <= 0.50)")
        print(f"ratio score / (read + json.loads)     {t_score / t_json:.2f}")
        # The per-run outputs against --summary, on the first folder: rounds of one fresh process each,
        # interleaved, so a busy moment of a shared machine falls on all of them alike; the median of
        # each, CPU time (user + system, from the children's rusage) beside wall time, which waits.
        outputs = {
            "--summary": ("--summary",),
            "table": ("--format", "table"),
            "json": ("--format", "json"),
            "csv": ("--format", "csv"),
        }
        wall: dict[str, list[float]] = {name: [] for name in outputs}
        cpu: dict[str, list[float]] = {name: [] for name in outputs}
        for _ in range(args.rounds):
            for name, options in outputs.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                wall[name].append(score_summary(data, first, *options)[0])
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        print(
            f"per-run outputs on {min(PER_FOLDER, args.replays):,} replays "
            f"(median of {args.rounds} fresh processes each, interleaved, sources compiled first; "
            f"load {os.getloadavg()[0]:.1f}):"
        )
        base_wall, base_cpu = median(wall["--summary"]), median(cpu["--summary"])
        for name in outputs:
            target = "" if name == "--summary" else "  (target <= 1.3x)"
            w, c = median(wall[name]), median(cpu[name])
            print(
                f"  score {name:<10} wall {w:6.2f} s {w / base_wall:5.2f}x   "
                f"cpu {c:6.2f} s {c / base_cpu:5.2f}x --summary{target}"
            )
        small = min(PER_FOLDER, args.replays)
        print(
            f"peak memory (max RSS) of score --summary: {rss_first / 1024:.1f} MiB at {small:,} replays, "
            f"{rss_all / 1024:.1f} MiB at {args.replays:,} replays"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
