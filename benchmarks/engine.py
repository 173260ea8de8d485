"""Benchmark: starting a run, choosing, and memory over many loads, on the `transitions` engine.

Run by hand: `python benchmarks/engine.py [--scenes N] [--loads N]`. Each figure is printed with
its yardstick from the same run (timings on a shared machine are noisy; the ratios are the signal):

1. Run start on a generated scenario of 10,000 scenes (target: under 2 ms), against the way runs
   used to start, adding a model to a bare `transitions` machine of the same scenes (which binds an
   is_<scene> per scene onto it).
2. `choose` on the same scenario, median over many choices (target: under 20 us), against the
   compiled step function (the pure form of the same rules) and a bare `transitions` trigger with
   no guards or callbacks (the library's own floor).
3. Memory over N loads and complete runs of one scenario in one process (target: flat), as the
   traced heap after every 50 loads, with garbage collected: a cache that grows shows as a slope.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from load_scenarios import generate  # noqa: E402
from transitions import Machine  # noqa: E402

from trainer.core.scenario.loader import load_scenario  # noqa: E402


def per_call(action, repeats: int = 7, number: int = 200) -> list[float]:
    """Seconds per call of ``action``, one figure per batch of ``number`` calls."""
    figures = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            action()
        figures.append((time.perf_counter() - start) / number)
    return figures


def run_start(path: Path) -> None:
    loaded = load_scenario(path)
    loaded.new_run()  # the machine is built once per scenario, on its first run: not a run start
    ours = per_call(loaded.new_run)
    compiled = loaded.compiled
    bare = Machine(model=None, states=list(compiled.scene_ids), initial=compiled.scene_ids[0], auto_transitions=False)

    class Model:
        pass

    def add_model() -> None:
        model = Model()
        bare.add_model(model)
        bare.remove_model(model)

    old_way = per_call(add_model, number=5)
    print(f"run start, {len(compiled.scene_ids):,} scenes:")
    print(f"  new_run()                          median {statistics.median(ours) * 1e6:9.1f} us  (target < 2,000 us)")
    print(f"  yardstick: add_model on bare machine median {statistics.median(old_way) * 1e6:9.1f} us")
    print(f"  => {statistics.median(old_way) / statistics.median(ours):.0f}x faster than binding a model")


def choose(path: Path, samples: int) -> None:
    loaded = load_scenario(path)
    compiled = loaded.compiled
    run = loaded.new_run()
    timings: list[float] = []
    clock = time.perf_counter
    # Walk forward taking the first offered choice; take it back and retake it to stay long enough.
    while len(timings) < samples:
        if run.ended:
            run = loaded.new_run()
        choice_id = run.offered()[0].id
        start = clock()
        run.choose(choice_id)
        timings.append(clock() - start)

    state = compiled.start
    steps: list[float] = []
    while len(steps) < samples:
        if compiled.is_ending[state[0]]:
            state = compiled.start
        choice_id = compiled.offered(state)[0].id
        start = clock()
        state, _ = compiled.step(state, choice_id)
        steps.append(clock() - start)

    bare = Machine(model=None, states=["a", "b"], initial="a", auto_transitions=False)
    bare.add_transition("go", "a", "b")
    bare.add_transition("go", "b", "a")

    class Model:
        state = "a"

    model, event = Model(), bare.events["go"]
    floor: list[float] = []
    while len(floor) < samples:
        start = clock()
        event.trigger(model)
        floor.append(clock() - start)

    ours, step, bare_trigger = (statistics.median(t) * 1e6 for t in (timings, steps, floor))
    print(f"choose, {len(compiled.scene_ids):,} scenes, median of {samples:,}:")
    print(f"  run.choose()                       {ours:9.2f} us  (target < 20 us)")
    print(f"  yardstick: compiled step function  {step:9.2f} us  => machine / step {ours / step:.1f}x")
    print(f"  yardstick: bare transitions trigger {bare_trigger:8.2f} us  => machine / bare {ours / bare_trigger:.1f}x")


def memory(path: Path, loads: int) -> None:
    tracemalloc.start()
    gc.collect()
    empty = tracemalloc.get_traced_memory()[0]
    held = load_scenario(path)
    held.new_run()
    gc.collect()
    one = tracemalloc.get_traced_memory()[0] - empty  # what each load would add if something kept it
    del held
    heap: list[float] = []
    for number in range(1, loads + 1):
        loaded = load_scenario(path)
        run = loaded.new_run()
        while not run.ended:
            run.choose(run.offered()[-1].id)
        del loaded, run
        if number % 50 == 0:
            gc.collect()
            heap.append((tracemalloc.get_traced_memory()[0] - empty) / 1e3)
    tracemalloc.stop()
    print(f"memory over {loads} loads and complete runs of {path.name} (traced heap after every 50, kB):")
    print("  " + " ".join(f"{figure:.0f}" for figure in heap))
    growth = heap[-1] - heap[0]
    print(f"  => growth from the first 50 to the last: {growth:.0f} kB over {loads - 50} loads (target: flat)")
    print(f"  yardstick: one loaded scenario with its machine holds {one / 1e3:.0f} kB, so a cache keeping")
    print(f"  every load would have grown by {one * (loads - 50) / 1e6:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=10_000)
    parser.add_argument("--loads", type=int, default=500)
    parser.add_argument("--samples", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.yaml"
        big.write_text(generate(args.scenes), encoding="utf-8")
        run_start(big)
        choose(big, args.samples)
        memory(ROOT / "scenarios" / "phone-call.yaml", args.loads)


if __name__ == "__main__":
    main()
