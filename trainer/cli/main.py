"""The `trainer` entry point: parse the command line and hand over to one command module.

A bare `trainer` (at most ``--data-dir DIR`` and ``--theme NAME``) is the library, the start a
player waits for: it skips argparse and the ten commands' parsers (about 10 ms before Textual is
even imported). Anything else, help, errors and every command included, goes through the parser.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace

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

# The options a bare `trainer` takes, each with one value, and the attribute argparse gives it.
_APP_OPTIONS = {"--data-dir": "data_dir", "--theme": "theme"}


def main(argv: Sequence[str] | None = None) -> int:
    # A command runs and exits: what it loads may stay out of the collector's way (see collector.py).
    # The app, which lives on and reloads, turns this off again. Called in-process (a script, a
    # test), main puts the setting back, or every later load in that process would freeze.
    previous = freeze_after_pauses(True)
    try:
        return _run_command(sys.argv[1:] if argv is None else list(argv))
    finally:
        freeze_after_pauses(previous)


def library_arguments(argv: Sequence[str]) -> SimpleNamespace | None:
    """What argparse would make of a bare `trainer` command line, or None for anything else.

    Only the exact spellings ``--data-dir DIR``, ``--data-dir=DIR``, ``--theme NAME`` and
    ``--theme=NAME``, each at most once, with a value not starting with ``-``: an abbreviation,
    a repeat, a help or version flag, a command or a doubtful value is left to the parser.
    """
    values: dict[str, str] = {}
    words = iter(argv)
    for word in words:
        option, equals, value = word.partition("=")
        if option not in _APP_OPTIONS or option in values:
            return None
        if not equals:
            value = next(words, "-")
        if value.startswith("-"):
            return None
        values[option] = value
    data_dir = values.get("--data-dir")
    return SimpleNamespace(
        command=None, data_dir=None if data_dir is None else Path(data_dir), theme=values.get("--theme")
    )


def _run_command(argv: list[str]) -> int:
    library = library_arguments(argv)
    if library is not None:
        from trainer.cli.app import run as run_app

        return _reported(lambda: run_app(library))
    from trainer.cli.arguments import build_parser, check_top_level_options

    parser = build_parser()
    args = parser.parse_args(argv)
    check_top_level_options(parser, args)
    module = importlib.import_module(f"trainer.cli.{_MODULES[args.command]}")
    return _reported(lambda: module.run(args))


def _reported(command: Callable[[], int]) -> int:
    """Run ``command``; its errors become one line on stderr and an exit code, never a traceback."""
    try:
        return int(command())
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
