"""The `transitions` machine (engine.Session) and the compiled step function never disagree.

Replays are verified with the step function while players play through the machine, so a
random walk of choices, take-backs and refused moves must give the same state, meters,
offered choices and feedback on both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.library import bundled_scenarios_dir, scenario_files
from trainer.core.play.engine import Session
from trainer.core.scenario.compiled import StepError
from trainer.core.scenario.loader import Scenario, load_scenario

FIXTURES = Path(__file__).parents[1] / "scenarios"
SCENARIO_FILES = [FIXTURES / "tiny.yaml", FIXTURES / "meters_branching.yaml", *scenario_files(bundled_scenarios_dir())]
_loaded: dict[Path, Scenario] = {}


def loaded(path: Path) -> Scenario:
    if path not in _loaded:
        _loaded[path] = load_scenario(path)
    return _loaded[path]


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_random_walks_agree(path: Path, data: st.DataObject) -> None:
    scenario = loaded(path)
    compiled = scenario.compiled
    session = Session(scenario)
    state = compiled.start
    trail = []  # the states before each standing choice, for take-backs
    try:
        for _ in range(60):
            assert session.state == state
            assert session.ended == compiled.is_ending[state[0]]
            offered = [c.id for c in compiled.offered(state)]
            assert [c.id for c in session.offered()] == offered
            move = data.draw(st.sampled_from(["choose", "choose", "choose", "back", "refused"]))
            if move == "back" and trail:
                session.take_back()
                state = trail.pop()
            elif move == "refused":
                every = [c.id for c in compiled.choices[state[0]]] + ["no-such-choice"]
                refused = [choice_id for choice_id in every if choice_id not in offered]
                choice_id = data.draw(st.sampled_from(refused))
                with pytest.raises(StepError):
                    compiled.step(state, choice_id)
                with pytest.raises(StepError):
                    session.choose(choice_id)
            elif offered:
                choice_id = data.draw(st.sampled_from(offered))
                after, choice = compiled.step(state, choice_id)
                feedback = session.choose(choice_id)
                category = scenario.rubric[choice.category]
                assert (feedback.choice_id, feedback.category, feedback.points, feedback.kind, feedback.text) == (
                    choice.id,
                    choice.category,
                    category.points,
                    category.kind,
                    choice.choice.feedback,
                )
                assert feedback.scene_id == compiled.scene_ids[state[0]]
                trail.append(state)
                state = after
                assert session.meters == compiled.meters_dict(after[1])
        assert session.state == state
        assert session.score == sum(step.feedback.points for step in session.history)
    finally:
        session.close()
