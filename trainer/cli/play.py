"""`trainer play [SCENARIO]`: in the TUI, or line by line with --plain."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.core.errors import ScenarioError, TrainerError
from trainer.core.library import data_dir, find_scenario, your_version_note
from trainer.core.scenario.loader import Scenario, load_scenario
from trainer.core.text import one_line


def run(args: argparse.Namespace) -> int:
    if getattr(args, "seed", None) is not None and args.resume:
        raise TrainerError("--seed starts a new run; a resumed run keeps the seed in its replay")
    if args.plain:
        if not args.scenario:
            raise TrainerError("--plain needs a scenario: trainer play SCENARIO --plain")
        if args.watch:
            raise TrainerError("--watch works in the TUI only, not with --plain")
        if getattr(args, "theme", None):
            raise TrainerError("--theme is for the app, not --plain")
        from trainer.cli.plain_play import play_plain
        from trainer.cli.plain_runs import recorded_session
        from trainer.core.settings import support_line_in

        base = data_dir(args.data_dir)
        loaded = load_scenario(find_scenario(args.scenario, base))
        _say_if_your_version(loaded)
        session = recorded_session(loaded, base, args, sys.stdout, sys.stdin)
        recorded = session.observer is not None
        return play_plain(
            loaded, sys.stdin, sys.stdout, session, support_line_in(base), named_as=args.scenario, recorded=recorded
        )
    if args.watch and not args.scenario:
        raise TrainerError("--watch needs a scenario file: trainer play FILE --watch")
    from trainer.cli.app import run as run_app

    if args.watch:
        path = find_scenario(args.scenario, data_dir(args.data_dir))
        try:
            start: Scenario | Path = load_scenario(path)
        except ScenarioError:
            if args.resume:
                raise
            start = path  # an author is about to fix it: the app shows its errors and waits for a save
        return run_app(args, start_scenario=start)
    # Load before the TUI starts, so a broken file is reported on stderr with its place, not in the app.
    loaded = load_scenario(find_scenario(args.scenario, data_dir(args.data_dir))) if args.scenario else None
    if loaded is not None:
        _say_if_your_version(loaded)
    return run_app(args, start_scenario=loaded)


def _say_if_your_version(loaded: Scenario) -> None:
    """A user's copy of a bundled scenario replaces it: say which one is played, on stderr."""
    note = your_version_note(loaded)
    if note is not None:
        print(f"trainer: playing {one_line(note)}", file=sys.stderr)
