"""The command line's shape and its help: every command, what each argument is, an example, exit codes."""

from __future__ import annotations

import argparse
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from trainer import __version__

DATA_DIR_HELP = (
    "the folder of your own scenarios (DIR/scenarios), replays (DIR/replays) and settings "
    "(DIR/settings.toml); default: $TRAINER_DATA_DIR, else your platform's data folder "
    "(~/.local/share/breakup-trainer on Linux)"
)
SERVE_DATA_DIR_HELP = (
    "the folder that keeps every visitor's runs and settings, one folder each under DIR/visitors; "
    "default: $TRAINER_DATA_DIR, else your platform's data folder"
)
THEME_HELP = "the app's colour theme for this session, e.g. textual-light (default: the last one you chose)"

# Help text is wrapped to this width; examples and tables are written out as they should look.
WIDTH = 79

# Usage errors (exit 2) and Ctrl+C (exit 130) are the same for every command.
COMMON_EXITS = ("2  the command line is wrong (an unknown option, a missing argument)", "130  interrupted (Ctrl+C)")

ENVIRONMENT = (
    "environment variables:\n"
    "  TRAINER_DATA_DIR  your data folder, unless --data-dir is given\n"
    "  NO_COLOR          any value: no colours in the app\n"
    "\n"
    "settings:\n"
    "  settings.toml in your data folder keeps the theme you last chose, your\n"
    "  player_name for replays and the support_line shown with self-blame feedback."
)


@dataclass(frozen=True, slots=True)
class CommandHelp:
    """What `trainer COMMAND --help` says beyond the arguments."""

    summary: str
    description: str
    examples: tuple[str, ...]
    exits: tuple[str, ...]
    uses_data_dir: bool = True
    opens_app: bool = False
    notes: tuple[str, ...] = field(default=())
    data_dir_help: str = DATA_DIR_HELP

    def epilog(self) -> str:
        parts = ["examples:", *(f"  {example}" for example in self.examples), "", exit_status(self.exits)]
        if self.notes:
            parts += ["", "\n\n".join(textwrap.fill(note, WIDTH) for note in self.notes)]
        return "\n".join(parts)


def exit_status(exits: tuple[str, ...]) -> str:
    """The exit codes of a command and the common ones, in numeric order, in aligned columns."""
    rows = sorted((line.split(maxsplit=1) for line in (*exits, *COMMON_EXITS)), key=lambda row: int(row[0]))
    return "exit status:\n" + "\n".join(f"  {code:<4} {meaning}" for code, meaning in rows)


COMMANDS: dict[str, CommandHelp] = {
    "play": CommandHelp(
        "play one scenario, by id or by file",
        "Play one scenario in the app, or line by line with --plain. Every run is recorded as a "
        "replay as it happens; --resume continues the newest unfinished one.",
        (
            "trainer play phone-call",
            "trainer play phone-call --plain",
            "trainer play my-scenario.yaml --watch",
        ),
        (
            "0  the run ended, or you stopped it (q, Esc, Ctrl+Q)",
            "1  the scenario was not found or does not load",
            "3  --plain only: input ended before the run did (continue with --resume)",
        ),
        opens_app=True,
    ),
    "validate": CommandHelp(
        "check scenario files or folders",
        "Check scenario files (or every .yaml file in the folders given). Each problem is one line: "
        "file:line:col: error CODE message (or warning); docs/diagnostics.md explains every code.",
        ("trainer validate my-scenario.yaml", "trainer validate scenarios/ --strict --format json"),
        ("0  no errors (warnings are allowed unless --strict)", "1  at least one error, or a path that does not exist"),
        uses_data_dir=False,
    ),
    "schema": CommandHelp(
        "print the JSON Schema of the scenario format",
        "Print the JSON Schema of the scenario format, for editors that complete and check YAML.",
        ("trainer schema > scenario.schema.json",),
        ("0  printed",),
        uses_data_dir=False,
    ),
    "analyze": CommandHelp(
        "static facts about a scenario: runs, par, endings",
        "Static facts about one scenario: scenes, endings, reachable states, the number of complete "
        "runs, par (the best total) and worst, the shortest and longest run, each ending's scores and "
        "each category's choices. --random also plays runs and reports what they covered.",
        ("trainer analyze phone-call", "trainer analyze my-scenario.yaml --random 200 --seed 1"),
        ("0  analysed", "1  the scenario was not found or does not load, or --random was not a positive number"),
    ),
    "graph": CommandHelp(
        "print the story graph (Mermaid or Graphviz)",
        "Print the story graph: scenes and endings as nodes, one edge per way on, labelled with the "
        "choice and coloured by category.",
        ("trainer graph phone-call > story.mmd", "trainer graph my-scenario.yaml --format dot | dot -Tsvg > story.svg"),
        ("0  printed", "1  the scenario was not found or does not load"),
    ),
    "new": CommandHelp(
        "write a small starter scenario",
        "Write a small starter scenario that passes `trainer validate --strict`; never over an existing file.",
        ("trainer new my-scenario", "trainer new my-scenario --output ~/stories/my-scenario.yaml"),
        ("0  written", "1  the file exists already, or its folder does not"),
        uses_data_dir=False,
    ),
    "score": CommandHelp(
        "score replays (yours by default)",
        "Re-play each replay through its scenario and print its score: a table, JSON or CSV, or with "
        "--summary one report per scenario. A score is never read from a file.",
        ("trainer score --summary", "trainer score runs/ --format csv > scores.csv"),
        ("0  every replay scored", "1  a replay was invalid (named on stderr; the others are still scored)"),
    ),
    "replay": CommandHelp(
        "open a saved replay in the viewer",
        "Open one saved replay (a .jsonl file) in the viewer; the arrow keys step through it.",
        ("trainer replay ~/.local/share/breakup-trainer/replays/phone-call/20260301T200000000Z-ab12cd.jsonl",),
        ("0  viewed", "1  the file is not a valid replay"),
        opens_app=True,
        notes=("`trainer history` lists your runs; `trainer score FOLDER` scores a folder of replays.",),
    ),
    "history": CommandHelp(
        "your past runs and their trend",
        "Your past runs per scenario: status, percent and a trend line of the finished ones.",
        ("trainer history",),
        ("0  printed (also when there are no runs yet)",),
    ),
    "serve": CommandHelp(
        "serve the app to browsers, each visitor's runs kept apart",
        "Serve the trainer's app to web browsers, for a group: whoever opens the link lands in the "
        "library, with no sign-in. Each browser gets an unguessable identity in a cookie and its own "
        "folder, DIR/visitors/ID, for its replays and settings (a visitor sets a display name in the "
        "app: Ctrl+P, 'Your name'); no visitor can see another's runs. Each open tab runs its own app "
        "process, which quits when the tab closes or sits idle (the run stays resumable).",
        (
            "trainer serve",
            "trainer serve --data-dir ~/group --max-sessions 10",
            "trainer serve --host 0.0.0.0 --public-url https://trainer.example.org",
            "trainer score ~/group/visitors --summary",
        ),
        (
            "0  stopped by SIGTERM (as a service manager stops it)",
            "1  the address cannot be used (the port is taken, the host is not this machine's)",
        ),
        notes=(
            "What it exposes: on the default host, 127.0.0.1, only people on this machine can "
            "open it. Another --host (0.0.0.0 for every network interface) lets anyone who can "
            "reach this machine on that port open the trainer, each visitor starting an app "
            "process on this machine, up to --max-sessions at once. The page gives access to the "
            "trainer's app and nothing else: no shell, no files but the visitor's own runs. "
            "Traffic is plain HTTP: for anything beyond a trusted network, put it behind a "
            "reverse proxy that serves HTTPS, and give that address as --public-url.",
            "The coach reads everyone's runs with `trainer score DIR/visitors --summary` (the "
            "player column shows each visitor's display name).",
        ),
        data_dir_help=SERVE_DATA_DIR_HELP,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description=textwrap.fill(
            "Rehearse the hard moments of a breakup and get coached on every choice. "
            "Without a command, opens the scenario library.",
            WIDTH,
        ),
        epilog="examples:\n  trainer\n  trainer play phone-call\n  trainer play --help\n\n"
        + exit_status(("0  success", "1  an error: the message says which, with file and line where there are some"))
        + "\n\n"
        + ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help=DATA_DIR_HELP)
    parser.add_argument("--theme", metavar="NAME", help=THEME_HELP)
    parser.set_defaults(command=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str) -> argparse.ArgumentParser:
        about = COMMANDS[name]
        sub = commands.add_parser(
            name,
            help=about.summary,
            description=textwrap.fill(about.description, WIDTH),
            epilog=about.epilog(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if about.uses_data_dir:
            sub.add_argument(
                "--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS, help=about.data_dir_help
            )
        if about.opens_app:
            sub.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS, help=THEME_HELP)
        sub.set_defaults(command=name)
        return sub

    play = command("play")
    play.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help="a scenario id (as the library lists it) or a .yaml file; without it, the library opens",
    )
    play.add_argument("--plain", action="store_true", help="play line by line on stdin/stdout, without the app")
    play.add_argument("--watch", action="store_true", help="reload the scenario file whenever it is saved (authors)")
    play.add_argument("--resume", action="store_true", help="continue the newest unfinished run of this scenario")
    play.add_argument("--player", metavar="NAME", help="your name, recorded in the replay (default: from settings)")
    play.add_argument("--no-record", action="store_true", help="play without saving the run as a replay")
    play.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help="the run's seed, which orders each scene's choices: the same seed shows the same order "
        "(default: a new one per run, kept in its replay)",
    )

    validate = command("validate")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="scenario files or folders to check")
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="text lines (default) or one JSON document"
    )
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1 on any)")

    command("schema")

    analyze = command("analyze")
    analyze.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml file")
    analyze.add_argument("--random", type=int, metavar="N", help="also play N random runs and report their coverage")
    analyze.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the random runs (default: 0)")
    analyze.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or JSON with every count in full"
    )

    graph = command("graph")
    graph.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml file")
    graph.add_argument(
        "--format",
        choices=("mermaid", "dot"),
        default="mermaid",
        help="Mermaid flowchart text (default) or Graphviz DOT",
    )

    new = command("new")
    new.add_argument(
        "id",
        metavar="ID",
        help="the new scenario's id: lowercase letters, digits, - and _, starting with a letter or digit",
    )
    new.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="the file to write, or an existing folder to write ID.yaml in (default: ./ID.yaml)",
    )

    score = command("score")
    score.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="replay files or folders, searched recursively (default: your own replays)",
    )
    score.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="a table (default), JSON or CSV"
    )
    score.add_argument("--summary", action="store_true", help="one report per scenario instead of a row per replay")
    score.add_argument(
        "--scenario",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="a scenario file to score against besides your library (repeatable); a replay's own path is never used",
    )

    replay = command("replay")
    replay.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="a replay file (.jsonl): one of yours under DIR/replays, or one sent to you",
    )
    replay.add_argument(
        "--scenario",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="the scenario file it was played on, when that is not in your library",
    )

    command("history")

    serve = command("serve")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="HOST",
        help="the address to listen on (default: 127.0.0.1, this machine only; see below for what another exposes)",
    )
    serve.add_argument(
        "--port",
        type=port_number,
        default=8000,
        metavar="PORT",
        help="the port to listen on (default: 8000; 0: any free one)",
    )
    serve.add_argument(
        "--public-url",
        type=public_url,
        metavar="URL",
        help="the address visitors open when it is not this server's own, e.g. behind a reverse proxy: "
        "https://trainer.example.org (https also marks the cookie Secure); default: the address the browser asked for",
    )
    serve.add_argument(
        "--max-sessions",
        type=positive_int,
        default=20,
        metavar="N",
        help="open tabs at once, one app process each (default: 20); one more gets a 'try again soon' page",
    )
    serve.add_argument(
        "--idle-timeout",
        type=positive_float,
        default=30,
        metavar="MINUTES",
        help="close a tab with no key or click for this long, ending its app; the run can be resumed (default: 30)",
    )
    return parser


def port_number(text: str) -> int:
    value = int_argument(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {text}")
    return value


def positive_int(text: str) -> int:
    value = int_argument(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def int_argument(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text}") from None


def public_url(text: str) -> str:
    """An http or https address with a host, without query or fragment; the trainer is served at its path."""
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(f"not an http:// or https:// address: {text}")
    return text.rstrip("/")


def check_top_level_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """`trainer --data-dir DIR schema` would silently ignore DIR: say so instead."""
    if args.command is None:
        return
    about = COMMANDS[args.command]
    for option, used in (("data_dir", about.uses_data_dir), ("theme", about.opens_app)):
        if not used and getattr(args, option, None) is not None:
            flag = "--" + option.replace("_", "-")
            parser.error(f"{flag} is not used by 'trainer {args.command}'")
