"""Any run recorded while playing re-plays to the same choices, ending and score the engine gave."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.play.engine import Run
from trainer.core.replays.format import encode, new_header
from trainer.core.replays.reader import read_replay
from trainer.core.replays.recorder import ReplayRecorder
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import load_scenario

FIXTURES = Path(__file__).parents[1] / "scenarios"
SCENARIOS = [load_scenario(FIXTURES / name) for name in ("tiny.yaml", "meters_branching.yaml")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_recorded_random_runs_rescore_to_what_was_played(data: st.DataObject, tmp_path: Path) -> None:
    loaded = data.draw(st.sampled_from(SCENARIOS))
    header = new_header(loaded.id, loaded.sha256, str(loaded.path), "0", datetime.now(UTC))
    recorder = ReplayRecorder(tmp_path / f"{data.draw(st.uuids()).hex}.jsonl", encode(header))
    session = Run(loaded, observer=recorder)
    for _ in range(data.draw(st.integers(1, 12))):
        offered = session.offered()
        if session.history and (not offered or data.draw(st.booleans())):
            session.take_back()
        elif offered:
            session.choose(data.draw(st.sampled_from(offered)).id)
    if not recorder.path.exists():
        return
    replay = read_replay(recorder.path, ScenarioResolver(preloaded=(loaded,)))
    assert [c.id for c in replay.run] == [step.choice.id for step in session.history]
    assert replay.score == session.score
    assert replay.finished == session.ended
    assert replay.final_state == session.state
