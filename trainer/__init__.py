"""Breakup practice trainer: rehearse the hard moments, get coached on each choice.

The Python API, for scripts, notebooks, tests and servers (everything under ``trainer.core`` is
internal and may change):

    scenario = trainer.load("my-scenario.yaml")      # raises trainer.ScenarioError with file:line:col
    run = scenario.new_run(seed=1)
    while not run.ended:
        choice = run.offered()[0]
        feedback = run.choose(choice.id)             # feedback.label, .points, .text
    run.ending.title, run.score
    replay = trainer.read_replay("run.jsonl")        # raises trainer.InvalidReplay

Importing this package costs nothing: each name is imported on first use, so the command line
(which imports it) starts fast and `trainer validate` never loads what only play needs.
"""

from __future__ import annotations

import os

__version__ = "0.1.0"

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: the CLI imports this package first
if TYPE_CHECKING:
    from trainer.core.errors import ScenarioError
    from trainer.core.play.engine import Feedback, Run
    from trainer.core.replays.format import InvalidReplay
    from trainer.core.replays.reader import VerifiedReplay
    from trainer.core.scenario.loader import Scenario

__all__ = [
    "Feedback",
    "InvalidReplay",
    "Run",
    "Scenario",
    "ScenarioError",
    "VerifiedReplay",
    "__version__",
    "load",
    "read_replay",
]


def load(path: str | os.PathLike[str]) -> Scenario:
    """Load and check a scenario file; raise ScenarioError listing every problem with its line and column."""
    from pathlib import Path

    from trainer.core.scenario.loader import load_scenario

    return load_scenario(Path(path))


def read_replay(
    path: str | os.PathLike[str],
    *,
    scenario: Scenario | None = None,
    data_dir: str | os.PathLike[str] | None = None,
) -> VerifiedReplay:
    """Read a replay and re-play its choices through its scenario's rules; raise InvalidReplay on the first problem.

    The scenario is ``scenario`` if given and of the replay's id, else the library's: the user
    library of ``data_dir``, then the bundled one. The file at the path the replay recorded is
    never used: a replay folder could bring its own rules for a bundled id.
    """
    from pathlib import Path

    from trainer.core.replays.reader import read_replay as read
    from trainer.core.replays.resolver import ScenarioResolver

    resolver = ScenarioResolver(
        base=None if data_dir is None else Path(data_dir),
        preloaded=() if scenario is None else (scenario,),
    )
    return read(Path(path), resolver, keep_moves=True)


_LAZY = {
    "Feedback": "trainer.core.play.engine",
    "Run": "trainer.core.play.engine",
    "Scenario": "trainer.core.scenario.loader",
    "ScenarioError": "trainer.core.errors",
    "InvalidReplay": "trainer.core.replays.format",
    "VerifiedReplay": "trainer.core.replays.reader",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'trainer' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
