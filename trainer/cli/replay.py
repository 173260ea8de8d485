"""`trainer replay FILE`: verify a replay, then open it in the viewer.

The replay is read and verified before Textual is imported, so a broken file is reported on
stderr with its line and step, like `trainer score` does, and the app never opens on it.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys

from trainer.core.errors import TrainerError, display_path
from trainer.core.library import data_dir
from trainer.core.replays.format import InvalidReplay
from trainer.core.replays.reader import read_replay
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import load_scenario
from trainer.core.text import visible


def run(args: argparse.Namespace) -> int:
    if args.file.is_dir():
        raise TrainerError(
            f"{display_path(args.file)} is a folder: trainer replay opens one replay file (.jsonl) in it; "
            f"trainer score {shlex.quote(display_path(args.file))} scores them all"
        )
    if not os.path.lexists(args.file):
        raise TrainerError(f"{display_path(args.file)}: no such replay file")
    base = data_dir(args.data_dir)
    trusted = tuple(load_scenario(path) for path in args.scenario)
    try:
        replay = read_replay(args.file, ScenarioResolver(base=base, preloaded=trusted), keep_moves=True)
    except InvalidReplay as exc:
        print(visible(str(exc.error)), file=sys.stderr)
        return 1
    for warning in replay.warnings:
        print(visible(str(warning)), file=sys.stderr)
    from trainer.tui.app import make_app

    app = make_app(base, replay=replay, theme=getattr(args, "theme", None))
    app.run()
    return app.return_code or 0
