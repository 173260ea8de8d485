"""`trainer` with no command: the TUI on the scenario library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# argparse only for the type: a bare `trainer` reaches here without it (see trainer.cli.main).
if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace

    from trainer.core.scenario.loader import Scenario


def run(args: argparse.Namespace | SimpleNamespace, *, start_scenario: Scenario | Path | None = None) -> int:
    """Build and run the app (Textual is imported only here, never by the headless commands)."""
    from trainer.core.collector import freeze_after_pauses
    from trainer.core.library import data_dir
    from trainer.tui.app import make_app

    freeze_after_pauses(False)  # the app lives on and reloads: it freezes once, itself (collector.py)

    base = data_dir(getattr(args, "data_dir", None))
    resume = lock = None
    if getattr(args, "resume", False) and start_scenario is not None and not isinstance(start_scenario, Path):
        from trainer.cli.plain_runs import last_unfinished_run
        from trainer.core.replays.lock import ReplayLock

        resume = last_unfinished_run(start_scenario, base).path
        # Taken here, so a run open in another trainer is said on stderr before the app opens.
        lock = ReplayLock.acquire(resume)
    app = make_app(
        base,
        start_scenario=start_scenario,
        player=getattr(args, "player", None),
        theme=getattr(args, "theme", None),
        resume=resume,
        watch=getattr(args, "watch", False),
        record=not getattr(args, "no_record", False),
        seed=getattr(args, "seed", None),
    )
    app.run()
    del lock
    return app.return_code or 0
