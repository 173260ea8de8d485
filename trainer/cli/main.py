"""The `trainer` entry point: parse the command line and hand over to one command module."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from trainer import __version__
from trainer.core.errors import ScenarioError, TrainerError
from trainer.core.text import one_line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description="Rehearse the hard moments of a breakup and get coached on every choice. "
        "Without a command, opens the scenario library.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, help="folder for your own scenarios and replays")
    parser.set_defaults(command=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help="folder for your own data")
        sub.set_defaults(command=name)
        return sub

    play = command("play", "play one scenario, by id or by path")
    play.add_argument("scenario", nargs="?", help="a scenario id (see the library) or a .yaml file")
    play.add_argument("--plain", action="store_true", help="play line by line on stdin/stdout, without the TUI")
    play.add_argument("--watch", action="store_true", help="reload the scenario when its file changes")
    play.add_argument("--resume", action="store_true", help="continue the last unfinished run of this scenario")
    play.add_argument("--player", help="your name, recorded in the replay")
    play.add_argument("--no-record", action="store_true", help="play without saving the run as a replay")

    validate = command("validate", "check scenario files or folders")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")

    command("schema", "print the JSON Schema of the scenario format")

    analyze = command("analyze", "static facts about a scenario")
    analyze.add_argument("scenario")
    analyze.add_argument("--random", type=int, metavar="N", help="also play N random runs")
    analyze.add_argument("--seed", type=int, default=0, metavar="S", help="seed for --random")
    analyze.add_argument("--format", choices=("text", "json"), default="text")

    graph = command("graph", "print the story graph")
    graph.add_argument("scenario")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")

    new = command("new", "write a small valid starter scenario")
    new.add_argument("id")
    new.add_argument("--output", type=Path, help="where to write it (default: ID.yaml here)")

    score = command("score", "score replay files or folders")
    score.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    score.add_argument("--format", choices=("table", "json", "csv"), default="table")
    score.add_argument("--summary", action="store_true", help="aggregate per scenario")

    replay = command("replay", "open a saved replay in the viewer")
    replay.add_argument("file", type=Path)

    command("history", "past runs and their scores")
    return parser


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
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        module = importlib.import_module(f"trainer.cli.{_MODULES[args.command]}")
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("trainer.cli."):
            raise
        print(f"trainer: '{args.command or 'trainer'}' is not built yet", file=sys.stderr)
        return 2
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
