"""`trainer score [PATH...]`: re-play every replay and report its score, or a summary per scenario.

Without a path, the player's own replays are scored.

Invalid replays are named one per line on stderr and the rest are still scored; exit 1 if any
was invalid.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from trainer.core.errors import Diagnostic, PathDisplay, TrainerError, display_path
from trainer.core.library import data_dir, replays_dir
from trainer.core.replays.reports import SummaryBuilder, replay_row, verified_replays
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import load_scenario
from trainer.core.text import visible
from trainer.core.wording import counted

# Below this many files a batch is over before a bar would help.
PROGRESS_FROM = 500


def run(args: argparse.Namespace) -> int:
    base = data_dir(args.data_dir)
    if not args.paths:
        # No path: the player's own runs. None yet is not an error, only nothing to score.
        args.paths = [replays_dir(base)]
        if not args.paths[0].is_dir():
            print(f"no replays yet in {display_path(args.paths[0])}: play a scenario first", file=sys.stderr)
            return 0
    missing = [path for path in args.paths if not os.path.lexists(path)]
    if missing:
        raise TrainerError(f"{display_path(missing[0])}: no such file or folder")
    # Only trusted scenarios: the library and the files named here, never a replay's own path.
    resolver = ScenarioResolver(base=base, preloaded=tuple(load_scenario(path) for path in args.scenario))
    invalid = 0
    scored = 0
    # A summary reads folders in the order the file system gives (memory flat in the number of
    # runs), so its problems are kept and said sorted at the end: the same lines on every run.
    held: list[Diagnostic] = []
    with _progress(args.paths) as (advance, report):

        def on_problem(problem: Diagnostic) -> None:
            nonlocal invalid
            invalid += problem.severity == "error"
            if args.summary:
                held.append(problem)
            else:
                report(visible(str(problem)))

        replays = verified_replays(args.paths, resolver, on_problem, ordered=not args.summary, on_file=advance)
        if args.summary:
            builder = SummaryBuilder()
            for replay in replays:
                builder.add(replay)
                scored += 1
            for problem in sorted(held, key=lambda problem: problem.sort_key):
                report(visible(str(problem)))
        else:
            from trainer.cli.score_output import ROW_WRITERS

            writer = ROW_WRITERS[args.format](sys.stdout)
            shown = PathDisplay()  # the working directory and each folder resolved once per batch
            try:
                for replay in replays:
                    writer.row(replay_row(replay, shown))
                    scored += 1
            finally:  # even when interrupted, what was written stays valid JSON or CSV
                writer.close()
    if args.summary:
        from trainer.cli.score_output import write_summaries

        write_summaries(builder.summaries(), args.format, sys.stdout)
    if scored + invalid == 0:
        print(f"no replays (*.jsonl) found in {', '.join(display_path(p) for p in args.paths)}", file=sys.stderr)
    elif invalid:
        print(f"{counted(invalid, 'invalid replay')} not scored; {scored} scored", file=sys.stderr)
    return 1 if invalid else 0


@contextmanager
def _progress(paths) -> Iterator[tuple[Callable[[], None], Callable[[str], None]]]:
    """(advance one file, report a line on stderr); a bar only for long batches on a terminal."""

    def plain_report(line: str) -> None:
        print(line, file=sys.stderr)

    if not sys.stderr.isatty():
        yield (lambda: None), plain_report
        return
    from trainer.core.replays.files import count_replay_files

    total = count_replay_files(paths)
    if total < PROGRESS_FROM:
        yield (lambda: None), plain_report
        return
    # rich only here: it costs an import, worth it only when a long batch is shown on a terminal.
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.text import Text

    console = Console(stderr=True)
    with Progress(
        TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task("scoring", total=total)
        pending = 0

        def advance() -> None:
            nonlocal pending
            pending += 1
            if pending == 200:  # rich's update costs microseconds; batch them
                bar.advance(task, pending)
                pending = 0

        yield advance, lambda line: console.print(Text(line), markup=False, highlight=False)
        bar.advance(task, pending)
