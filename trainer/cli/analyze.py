"""`trainer analyze SCENARIO`: static facts, and optionally N random runs through the engine."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from trainer.core.authoring.analysis import Analysis, RandomReport, analyze, random_runs
from trainer.core.errors import TrainerError, display_path
from trainer.core.library import bundled_twin, data_dir, find_scenario, your_version_note
from trainer.core.scenario.loader import Scenario, load_scenario
from trainer.core.text import one_line
from trainer.core.wording import counted


def run(args: argparse.Namespace) -> int:
    if args.random is not None and args.random < 1:
        raise TrainerError("--random needs a positive number of runs")
    loaded = load_scenario(find_scenario(args.scenario, data_dir(args.data_dir)))
    facts = analyze(loaded)
    report = random_runs(loaded, args.random, args.seed) if args.random else None
    with every_digit():
        if args.format == "json":
            data = {"path": loaded.shown_path, "id": loaded.id, "title": loaded.file.title, **facts.as_dict()}
            twin = bundled_twin(loaded)
            data["replaces_bundled"] = None if twin is None else display_path(twin)
            data["random"] = report.as_dict() if report else None
            print(json.dumps(data, indent=2))
        else:
            sys.stdout.writelines(line + "\n" for line in _text(loaded, facts, report))
    return 0


@contextmanager
def every_digit() -> Iterator[None]:
    """Let exact run counts be written out: Python refuses ints over 4,300 digits by default.

    The limit guards against parsing huge numbers from untrusted text; these are our own counts.
    """
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(limit)


def count_text(count: int) -> str:
    """A count with thousands separators, or its size when it has too many digits to read."""
    digits = str(count)
    if len(digits) <= 45:
        return f"{count:,}"
    return (
        f"about {digits[0]}.{digits[1:4]} x 10^{len(digits) - 1} ({len(digits):,} digits; --format json gives them all)"
    )


def _text(loaded: Scenario, facts: Analysis, report: RandomReport | None) -> Iterator[str]:
    yield f"{one_line(loaded.file.title)} ({loaded.id}), {one_line(loaded.shown_path)}"
    note = your_version_note(loaded)
    if note is not None:
        yield f"  {one_line(note)}"
    rows = [
        ("scenes", f"{facts.scenes} ({facts.reachable_scenes} reachable)"),
        ("choices", str(facts.choices)),
        ("endings", str(facts.endings)),
        ("reachable states", f"{facts.reachable_states:,}"),
        ("complete runs", count_text(facts.runs)),
        ("par (best total)", str(facts.par)),
        ("worst total", str(facts.worst)),
        ("shortest run", _choices(facts.shortest)),
        ("longest run", _choices(facts.longest)),
        ("good ending", f"{chance_text(facts.good_chance)} of random runs"),
        ("par run", ", ".join(facts.par_run) or "(no choices)"),
        ("narrow points", f"{facts.narrow_points} (where only one choice keeps par, on the most forgiving par run)"),
    ]
    yield from (f"  {name:<18}{value}" for name, value in rows)
    yield "endings (percent: 0 = the worst run, 100 = par; chance: every offered choice equally likely)"
    for ending in facts.ending_facts:
        where = f"  {ending.scene_id} ({ending.outcome}): {one_line(ending.title)}"
        if ending.reachable:
            low, high = ending.worst_percent, ending.best_percent
            assert low is not None and high is not None
            # Rounded outwards, so a range never looks inside a line it crosses.
            percents = f"{math.floor(low)}% to {math.ceil(high)}%"
            yield (
                f"{where}: reachable, scores {ending.worst} to {ending.best} ({percents}), "
                f"chance {chance_text(ending.chance)}"
            )
            yield f"      categories: {', '.join(ending.categories) or 'none'}"
        else:
            yield f"{where}: unreachable"
    yield "categories"
    for category in facts.category_facts:
        reach = "" if category.reachable or not category.choices else ", none reachable"
        yield (
            f"  {category.category} ({category.kind}, {category.points:+d}): "
            f"{counted(category.choices, 'choice')}{reach}"
        )
    if report is not None:
        yield f"random runs: {report.runs} (seed {report.seed})"
        yield f"  scenes visited    {report.scenes_visited}/{report.scenes_total} ({report.scene_share:.0%})"
        yield f"  choices made      {report.choices_made}/{report.choices_total} ({report.choice_share:.0%})"
        endings = ", ".join(f"{scene} {count}" for scene, count in sorted(report.endings.items()))
        yield f"  endings           {endings or 'none'}"


def chance_text(chance: float) -> str:
    """A probability as a percent a person reads at a glance; never "0%" for a possible event."""
    if 0 < chance < 0.001:
        return "under 0.1%"
    return f"{100 * chance:.1f}%"


def _choices(count: int) -> str:
    return counted(count, "choice")
