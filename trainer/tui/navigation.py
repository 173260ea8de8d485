"""What a screen asks the app for. The app owns navigation: screens post these and never import each other.

Each message bubbles from the screen that posts it to the app, whose handler decides which screen
comes next and builds it with everything it needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from trainer.core.play.engine import Run
    from trainer.core.replays.reader import VerifiedReplay
    from trainer.core.scenario.loader import Scenario


class PlayScenario(Message):
    """Open a run of ``scenario``: a new one, or the unfinished run recorded in ``replay``."""

    def __init__(self, scenario: Scenario, replay: Path | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.replay = replay


class RunEnded(Message):
    """A run reached its ending and the player moved on: time for its debrief."""

    def __init__(self, session: Run) -> None:
        super().__init__()
        self.session = session


class OpenHistory(Message):
    """Show past runs per scenario."""

    def __init__(self, scenarios: tuple[Scenario, ...]) -> None:
        super().__init__()
        self.scenarios = scenarios


class ViewReplay(Message):
    """Step through one recorded run."""

    def __init__(self, replay: VerifiedReplay) -> None:
        super().__init__()
        self.replay = replay
