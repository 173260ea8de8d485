"""The engine plays a scenario as a transitions machine: gotos, conditions, effects, take-back."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.play.engine import Session, machine_for
from trainer.core.scenario.compiled import StepError
from trainer.core.scenario.loader import Scenario, load_scenario

TINY = Path(__file__).parents[1] / "scenarios" / "tiny.yaml"


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(TINY)


def test_a_run_starts_at_the_start_scene_with_start_meters(tiny: Scenario) -> None:
    session = Session(tiny)
    assert session.scene_id == "opening"
    assert session.meters == {"calm": 0}
    assert [c.id for c in session.offered()] == ["beg", "accept"]
    assert not session.ended


def test_choose_returns_the_feedback_of_the_category(tiny: Scenario) -> None:
    feedback = Session(tiny).choose("beg")
    assert (feedback.category, feedback.label, feedback.kind, feedback.points) == (
        "weakness",
        "Weakness",
        "mistake",
        -3,
    )
    assert feedback.text == "Begging hands her the power."


def test_effects_are_clamped_to_the_meter_range(tiny: Scenario) -> None:
    session = Session(tiny)
    session.choose("beg")  # calm -5, clamped at min -2
    assert session.meters == {"calm": -2}


def test_if_hides_a_choice_until_its_condition_holds(tiny: Scenario) -> None:
    low = Session(tiny)
    low.choose("beg")
    assert [c.id for c in low.offered()] == ["argue"]
    high = Session(tiny)
    high.choose("accept")
    assert [c.id for c in high.offered()] == ["argue", "goodbye"]


def test_choosing_a_choice_not_offered_is_refused_and_changes_nothing(tiny: Scenario) -> None:
    session = Session(tiny)
    session.choose("beg")
    with pytest.raises(StepError, match="not offered"):
        session.choose("goodbye")
    with pytest.raises(StepError, match="no choice 'nope'"):
        session.choose("nope")
    assert session.scene_id == "second" and len(session.history) == 1


def test_goto_list_takes_first_true_branch(tiny: Scenario) -> None:
    calm = Session(tiny)
    calm.choose("accept")
    calm.choose("argue")
    assert calm.scene_id == "good_end"
    upset = Session(tiny)
    upset.choose("beg")
    upset.choose("argue")
    assert upset.scene_id == "bad_end"
    assert upset.ended and upset.ending is not None and upset.ending.outcome == "bad"


def test_take_back_restores_scene_and_meters(tiny: Scenario) -> None:
    session = Session(tiny)
    session.choose("beg")
    step = session.take_back()
    assert step.choice.id == "beg"
    assert (session.scene_id, session.meters, session.history) == ("opening", {"calm": 0}, [])
    session.choose("accept")
    assert session.meters == {"calm": 1}
    assert [c.id for c in session.offered()] == ["argue", "goodbye"]


def test_take_back_from_an_ending_reopens_the_last_choice(tiny: Scenario) -> None:
    session = Session(tiny)
    session.choose("accept")
    session.choose("goodbye")
    assert session.ended
    session.take_back()
    assert not session.ended and session.scene_id == "second"


def test_take_back_with_nothing_to_undo_is_refused(tiny: Scenario) -> None:
    with pytest.raises(StepError):
        Session(tiny).take_back()


def test_runs_share_one_machine_but_not_their_state(tiny: Scenario) -> None:
    first, second = Session(tiny), Session(tiny)
    first.choose("beg")
    assert second.scene_id == "opening" and second.meters == {"calm": 0}
    assert machine_for(tiny) is machine_for(tiny)
    first.close()
    second.close()


def test_score_sums_the_points_of_the_choices(tiny: Scenario) -> None:
    session = Session(tiny)
    session.choose("accept")
    session.choose("goodbye")
    assert session.score == 6 == session.par


def test_scenario_strings_never_reach_transitions_as_callback_names(write_yaml) -> None:
    # If `transitions` resolved scenario strings as callbacks, "os.system" would be imported.
    text = TINY.read_text().replace("id: beg", "id: os.system").replace("opening", "on_enter_os")
    with pytest.raises(Exception):  # noqa: B017 - the id is not a valid Key: refused at load
        load_scenario(write_yaml(text))
    text = TINY.read_text().replace("id: beg", "id: system").replace("second", "os")
    loaded = load_scenario(write_yaml(text))
    session = Session(loaded)
    session.choose("system")
    assert session.scene_id == "os"
    machine = machine_for(loaded).machine
    for event in machine.events.values():
        for transitions in event.transitions.values():
            for transition in transitions:
                assert all(callable(c.func) for c in transition.conditions)
                assert all(callable(cb) for cb in transition.before)


def test_the_machine_has_no_auto_transitions(tiny: Scenario) -> None:
    machine = machine_for(tiny).machine
    assert not any(name.startswith("to_") for name in machine.events)
    assert set(machine.events) == {"beg", "accept", "argue", "goodbye"}
