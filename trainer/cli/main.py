"""The `trainer` entry point: parse the command line and hand over to one command module."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from trainer.cli.arguments import build_parser, check_top_level_options
from trainer.core.collector import freeze_after_pauses
from trainer.core.errors import ScenarioError, TrainerError
from trainer.core.text import one_line

# Each command lives in trainer/cli/<module>.py with a `run(args) -> int`; imported only when used.
_MODULES = {
    None: "app",
    "play": "play",
    "validate": "validate",
    "schema": "schema",
    "analyze": "analyze",
    "graph": "graph",
    "new": "new",
    "score": "score",
    "replay": "replay",
    "history": "history",
    "serve": "serve",
}


def main(argv: Sequence[str] | None = None) -> int:
    # A command runs and exits: what it loads may stay out of the collector's way (see collector.py).
    # The app, which lives on and reloads, turns this off again. Called in-process (a script, a
    # test), main puts the setting back, or every later load in that process would freeze.
    previous = freeze_after_pauses(True)
    try:
        return _run_command(argv)
    finally:
        freeze_after_pauses(previous)


def _run_command(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    check_top_level_options(parser, args)
    module = importlib.import_module(f"trainer.cli.{_MODULES[args.command]}")
    try:
        return int(module.run(args))
    except ScenarioError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    except TrainerError as exc:
        print(f"trainer: {one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("trainer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        sys.stderr.close()
        return 1
