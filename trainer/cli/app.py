"""`trainer` with no command: the TUI on the scenario library."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.core.loader import LoadedScenario


def run(args: argparse.Namespace, *, start_scenario: LoadedScenario | None = None) -> int:
    """Build and run the app (Textual is imported only here, never by the headless commands)."""
    from trainer.core.library import data_dir
    from trainer.tui.app import make_app

    app = make_app(data_dir(getattr(args, "data_dir", None)), start_scenario=start_scenario)
    app.run()
    return app.return_code or 0
