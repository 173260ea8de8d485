"""Past runs per scenario: runs, best, a trend line of percent over time, and each run to replay or resume.

Every figure comes from `trainer.core.replays.history`, which re-plays the replays; this screen only lays it out.
The replays are re-verified in a worker thread each time the screen shows, and arrive as a ``Loaded`` message.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from trainer.core.replays.format import InvalidReplay
from trainer.core.replays.history import PastRun, ScenarioHistory, scenario_histories, trend_line
from trainer.core.replays.reader import read_replay
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import Scenario
from trainer.core.wording import counted
from trainer.tui.held_keys import HoldsKeysUntilReady
from trainer.tui.navigation import PlayScenario, ViewReplay
from trainer.tui.untrusted import as_content, as_rich_text
from trainer.tui.widgets.footer import TrainerFooter
from trainer.tui.widgets.table_fill import fill_table

SCENARIO_COLUMNS = (("Scenario", "title"), ("Runs", "runs"), ("Finished", "finished"), ("Best", "best"))
RUN_COLUMNS = (
    ("Started", "started"),
    ("Status", "status"),
    ("%", "percent"),
    ("Score", "score"),
    ("Ending", "ending"),
    ("Player", "player"),
)


def percent_text(value: float | None) -> Text:
    return Text("-" if value is None else f"{value:.0f}%", justify="right")


class HistoryScreen(HoldsKeysUntilReady):
    """Every scenario played, and the runs of the selected one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "view",
            "View replay",
            id="history.view",
            key_display="⏎",
            tooltip="the runs of the highlighted scenario; on a run, step through its replay",
        ),
        Binding("c", "resume", "Resume", id="history.resume", tooltip="continue the highlighted unfinished run"),
        Binding("escape,q", "back", "Back", id="history.back", key_display="esc", tooltip="back to the library"),
    ]

    class Loaded(Message):
        """The past runs, grouped by scenario."""

        def __init__(self, histories: list[ScenarioHistory]) -> None:
            super().__init__()
            self.histories = histories

    def __init__(self, data_dir: Path, scenarios: tuple[Scenario, ...]) -> None:
        """``scenarios`` are the library's, already loaded: replays of them are verified without loading them again."""
        super().__init__()
        self.data_dir = data_dir
        self.scenarios = scenarios
        self.histories: list[ScenarioHistory] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="history-scenarios", cursor_type="row")
        yield Static(id="trend-label")
        yield Static(id="trend")
        yield DataTable(id="history-runs", cursor_type="row", zebra_stripes=True)
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.sub_title = "History"
        scenarios = self.query_one("#history-scenarios", DataTable)
        fill_table(scenarios, SCENARIO_COLUMNS, [])
        fill_table(self.query_one("#history-runs", DataTable), RUN_COLUMNS, [])
        scenarios.focus()

    def on_screen_resume(self) -> None:
        """Each time the screen shows, re-read the replays: a run may have been resumed or finished since."""
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        worker = get_current_worker()
        histories = list(scenario_histories(self.data_dir, self.scenarios).values())
        if not worker.is_cancelled:
            self.post_message(self.Loaded(histories))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.histories = message.histories
        rows = [
            (
                as_rich_text(history.title),
                Text(str(len(history.runs)), justify="right"),
                Text(str(len(history.finished)), justify="right"),
                percent_text(history.best_percent),
            )
            for history in self.histories
        ]
        fill_table(self.query_one("#history-scenarios", DataTable), SCENARIO_COLUMNS, rows)
        self.show_runs()
        self.release_keys()

    def selected_history(self) -> ScenarioHistory | None:
        row = self.query_one("#history-scenarios", DataTable).cursor_row
        return self.histories[row] if 0 <= row < len(self.histories) else None

    def show_runs(self) -> None:
        history = self.selected_history()
        label = self.query_one("#trend-label", Static)
        trend = self.query_one("#trend", Static)
        runs = self.query_one("#history-runs", DataTable)
        if history is None:
            fill_table(runs, RUN_COLUMNS, [])
            label.update("No runs yet. Play a scenario from the library and it shows here.")
            trend.update("")
            return
        finished = history.trend
        bounds = history.runs[0]
        scale = f"Par {bounds.par}, worst possible {bounds.worst}: 0% is the worst possible run, 100% is par."
        label.update(
            as_content(
                f"{history.title}: percent of each finished run, oldest to newest "
                f"({counted(len(finished), 'run')}). {scale}"
            )
            if finished
            else as_content(f"{history.title}: no finished run yet. {scale}")
        )
        # Our own bars on the 0-100 scale the label states (Textual's Sparkline rescales to the runs shown).
        trend.update(" ".join(bar * 2 for bar in trend_line(finished)))
        newest_first = reversed(history.runs)
        fill_table(runs, RUN_COLUMNS, [self.run_cells(past) for past in newest_first], keep_cursor=False)

    @staticmethod
    def run_cells(past: PastRun) -> tuple[Text, ...]:
        status = "finished" if past.finished else f"{past.status} after {counted(past.steps, 'choice')}"
        return (
            Text(past.started.astimezone().strftime("%Y-%m-%d %H:%M")),
            Text(status),
            percent_text(past.percent),
            Text(str(past.score), justify="right"),
            as_rich_text(past.ending or "-"),
            as_rich_text(past.player or "-"),
        )

    def selected_run(self) -> PastRun | None:
        history = self.selected_history()
        if history is None:
            return None
        row = self.query_one("#history-runs", DataTable).cursor_row
        newest_first = list(reversed(history.runs))
        return newest_first[row] if 0 <= row < len(newest_first) else None

    @on(DataTable.RowHighlighted, "#history-scenarios")
    def _scenario_highlighted(self) -> None:
        self.show_runs()

    @on(DataTable.RowSelected, "#history-scenarios")
    def _scenario_selected(self) -> None:
        self.query_one("#history-runs", DataTable).focus()

    @on(DataTable.RowSelected, "#history-runs")
    def _run_selected(self) -> None:
        self.action_view()

    def action_view(self) -> None:
        """Open the selected run in the replay viewer (the runs table is focused by Enter on a scenario)."""
        if self.focused is self.query_one("#history-scenarios", DataTable):
            self._scenario_selected()
            return
        past = self.selected_run()
        if past is None:
            return
        try:
            replay = read_replay(past.path, ScenarioResolver(self.data_dir, self.scenarios), keep_moves=True)
        except InvalidReplay as exc:  # changed on disk since the list was made
            self.notify(str(exc.error), title="This replay cannot be shown", severity="error", markup=False)
            return
        self.post_message(ViewReplay(replay))

    def action_resume(self) -> None:
        past = self.selected_run()
        if past is None or past.finished or past.abandoned:
            self.notify("Select an unfinished run to resume it.", timeout=3)
            return
        for scenario in self.scenarios:
            if scenario.id == past.scenario_id:
                self.post_message(PlayScenario(scenario, past.path))
                return
        self.notify("Its scenario is no longer in the library.", severity="error", timeout=3)

    def action_back(self) -> None:
        self.dismiss()
