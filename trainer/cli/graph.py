"""`trainer graph SCENARIO`: the story graph as Mermaid (default) or Graphviz DOT text."""

from __future__ import annotations

import argparse
import sys

from trainer.core.authoring.graph_export import to_dot, to_mermaid
from trainer.core.library import data_dir, find_scenario
from trainer.core.scenario.loader import load_scenario


def run(args: argparse.Namespace) -> int:
    loaded = load_scenario(find_scenario(args.scenario, data_dir(args.data_dir)))
    sys.stdout.write(to_dot(loaded) if args.format == "dot" else to_mermaid(loaded))
    return 0
