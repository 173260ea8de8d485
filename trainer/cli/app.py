"""`trainer` with no command: the TUI. Until the TUI lands, say so plainly."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    print("trainer: the TUI is not built yet; use `trainer play SCENARIO --plain`", file=sys.stderr)
    return 2
