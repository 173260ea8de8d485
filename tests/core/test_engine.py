"""The engine plays a scenario as a transitions machine: gotos, conditions, effects, take-back."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from tests.paths import TINY
from trainer.core.errors import ScenarioError
from trainer.core.play.engine import TRIGGER_PREFIX, Run
from trainer.core.scenario.compiled import StepError
from trainer.core.scenario.loader import Scenario, load_scenario

FIXTURES = Path(__file__).parents[1] / "scenarios"
RESERVED = FIXTURES / "reserved_names.yaml"


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return load_scenario(TINY)


def test_a_run_starts_at_the_start_scene_with_start_meters(tiny: Scenario) -> None:
    run = tiny.new_run()
    assert run.scene_id == "opening"
    assert run.meters == {"calm": 0}
    assert [c.id for c in run.offered()] == ["beg", "accept"]
    assert not run.ended and run.ending is None and run.score == 0


def test_choose_returns_the_feedback_of_the_category(tiny: Scenario) -> None:
    feedback = tiny.new_run().choose("beg")
    assert (feedback.category, feedback.label, feedback.kind, feedback.points) == (
        "weakness",
        "Weakness",
        "mistake",
        -3,
    )
    assert (feedback.scene_id, feedback.choice_id, feedback.text) == ("opening", "beg", "Begging hands her the power.")


def test_effects_are_clamped_to_the_meter_range(tiny: Scenario) -> None:
    run = tiny.new_run()
    run.choose("beg")  # calm -5, clamped at min -2
    assert run.meters == {"calm": -2}


def test_if_hides_a_choice_until_its_condition_holds(tiny: Scenario) -> None:
    low = tiny.new_run()
    low.choose("beg")
    assert [c.id for c in low.offered()] == ["argue"]
    high = tiny.new_run()
    high.choose("accept")
    assert [c.id for c in high.offered()] == ["argue", "goodbye"]


def test_choosing_a_choice_not_offered_is_refused_and_changes_nothing(tiny: Scenario) -> None:
    run = tiny.new_run()
    run.choose("beg")
    with pytest.raises(StepError, match="not offered"):
        run.choose("goodbye")
    with pytest.raises(StepError, match="no choice 'nope'"):
        run.choose("nope")
    assert (run.scene_id, run.meters, len(run.history)) == ("second", {"calm": -2}, 1)


def test_goto_list_takes_first_true_branch(tiny: Scenario) -> None:
    calm = tiny.new_run()
    calm.choose("accept")
    calm.choose("argue")
    assert calm.scene_id == "good_end"
    upset = tiny.new_run()
    upset.choose("beg")
    upset.choose("argue")
    assert upset.scene_id == "bad_end"
    assert upset.ended and upset.ending is not None and upset.ending.outcome == "bad"


def test_take_back_restores_scene_and_meters(tiny: Scenario) -> None:
    run = tiny.new_run()
    run.choose("beg")
    step = run.take_back()
    assert step.choice.id == "beg"
    assert (run.scene_id, run.meters, run.history) == ("opening", {"calm": 0}, [])
    run.choose("accept")
    assert run.meters == {"calm": 1}
    assert [c.id for c in run.offered()] == ["argue", "goodbye"]


def test_take_back_from_an_ending_reopens_the_last_choice(tiny: Scenario) -> None:
    run = tiny.new_run()
    run.choose("accept")
    run.choose("goodbye")
    assert run.ended
    run.take_back()
    assert not run.ended and run.scene_id == "second"


def test_take_back_with_nothing_to_undo_is_refused(tiny: Scenario) -> None:
    with pytest.raises(StepError, match="no choice to take back"):
        tiny.new_run().take_back()


def test_runs_share_one_machine_but_not_their_state(tiny: Scenario) -> None:
    first, second = tiny.new_run(), tiny.new_run()
    first.choose("beg")
    assert second.scene_id == "opening" and second.meters == {"calm": 0}
    assert tiny.machine is tiny.machine


def test_score_sums_the_points_of_the_choices(tiny: Scenario) -> None:
    run = tiny.new_run()
    run.choose("accept")
    run.choose("goodbye")
    assert run.score == 6 == run.par


def test_the_seed_is_kept_on_the_run(tiny: Scenario) -> None:
    assert tiny.new_run(seed=42).seed == 42
    assert isinstance(tiny.new_run().seed, int)


class Told:
    """An observer that writes down what the machine tells it, in order."""

    def __init__(self) -> None:
        self.heard: list[tuple[str, ...]] = []

    def on_choice(self, run: Run, step) -> None:
        self.heard.append(("choice", step.feedback.scene_id, step.choice.id, str(len(run.history))))

    def on_ending(self, run: Run) -> None:
        self.heard.append(("ending", run.scene_id))

    def on_take_back(self, run: Run, step) -> None:
        self.heard.append(("take_back", step.choice.id))


def test_the_machine_reports_each_move_and_the_ending_once_in_order(tiny: Scenario) -> None:
    told = Told()
    run = Run(tiny, observer=told)
    run.choose("accept")
    with pytest.raises(StepError):
        run.choose("nope")
    run.choose("goodbye")
    run.take_back()
    run.choose("argue")
    assert told.heard == [
        ("choice", "opening", "accept", "1"),
        ("choice", "second", "goodbye", "2"),
        ("ending", "good_end"),
        ("take_back", "goodbye"),
        ("choice", "second", "argue", "2"),
        ("ending", "good_end"),
    ]


def test_effects_are_computed_once_per_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_scenario(TINY)  # its own copy: the machine's callbacks hold the choices
    calls: list[str] = []
    for choice in loaded.compiled.all_choices:
        effect = choice.effect

        def counted(meters, effect=effect, choice_id=choice.id):
            calls.append(choice_id)
            return effect(meters)

        object.__setattr__(choice, "effect", counted)
    run = loaded.new_run()
    run.choose("beg")
    run.choose("argue")  # two goto branches: effects still computed once
    assert calls == ["beg", "argue"]


def test_starting_a_run_binds_nothing_per_scene_or_choice(tiny: Scenario) -> None:
    run = tiny.new_run()
    position = run._position
    assert not hasattr(position, "__dict__")  # slots only: nothing can be bound onto it
    assert tiny.machine.machine.models == []
    names = set(dir(run)) | set(dir(position))
    assert not {name for name in names if name.startswith(("is_", "may_", "to_"))}
    assert not names & {"trigger", "beg", "accept", "opening", "second"}


def test_a_machine_lives_as_long_as_its_scenario() -> None:
    loaded = load_scenario(TINY)
    run = loaded.new_run()
    run.choose("beg")
    machine = weakref.ref(loaded.machine)
    assert load_scenario(TINY).machine is not machine()  # no cache shared between loads
    del loaded, run
    gc.collect()
    assert machine() is None


def test_ids_that_are_the_machine_libraries_own_names_play() -> None:
    loaded = load_scenario(RESERVED)
    run = loaded.new_run()
    assert [c.id for c in run.offered()] == ["state", "trigger"]
    run.choose("state")
    assert (run.scene_id, run.meters) == ("state", {"state": 1, "trigger": 1})
    assert [c.id for c in run.offered()] == ["to_end", "is_done"]
    run.choose("to_end")
    assert run.scene_id == "to_end"
    run.choose("after")
    assert run.ended and run.ending is not None and run.ending.title == "Done"
    run.take_back()
    run.take_back()
    assert [c.id for c in run.offered()] == ["to_end", "is_done"]

    other = loaded.new_run()
    for choice_id in ["trigger", "may_go", "may_trigger", "on_enter_state", "run"]:
        assert choice_id in [c.id for c in other.offered()]
        other.choose(choice_id)
    assert other.scene_id == "done" and other.meters == {"state": -1, "trigger": 1}
    assert [step.choice.id for step in other.history] == ["trigger", "may_go", "may_trigger", "on_enter_state", "run"]
    for trigger in loaded.machine.machine.events:
        assert trigger.startswith(TRIGGER_PREFIX)


def test_scenario_strings_never_reach_transitions_as_callback_names(write_yaml) -> None:
    # If `transitions` resolved scenario strings as callbacks, "os.system" would be imported.
    text = TINY.read_text().replace("id: beg", "id: os.system")
    with pytest.raises(ScenarioError) as refused:
        load_scenario(write_yaml(text))
    assert [(d.code, d.line) for d in refused.value.diagnostics] == [("E203", 16)]
    assert "expected an id" in refused.value.diagnostics[0].message
    text = TINY.read_text().replace("id: beg", "id: system").replace("second", "os")
    loaded = load_scenario(write_yaml(text))
    run = loaded.new_run()
    run.choose("system")
    assert run.scene_id == "os"
    machine = loaded.machine.machine
    for event in machine.events.values():
        for transitions in event.transitions.values():
            for transition in transitions:
                assert all(callable(c.func) for c in transition.conditions)
                assert all(callable(cb) for cb in (*transition.prepare, *transition.before, *transition.after))
    callbacks = (*machine.prepare_event, *machine.before_state_change, *machine.after_state_change, *machine.on_final)
    assert callbacks and all(callable(cb) for cb in callbacks)


def test_the_machine_has_no_auto_transitions(tiny: Scenario) -> None:
    machine = tiny.machine.machine
    assert set(machine.events) == {TRIGGER_PREFIX + name for name in ("beg", "accept", "argue", "goodbye")}
    assert set(machine.states) == {"opening", "second", "good_end", "bad_end"}
    assert [name for name, state in machine.states.items() if state.final] == ["good_end", "bad_end"]


def test_reserved_ids_play_in_plain_mode_and_random_analysis(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from trainer.cli.main import main

    assert main(["analyze", str(RESERVED), "--random", "40", "--seed", "2"]) == 0
    assert "scenes visited    7/7 (100%)" in capsys.readouterr().out
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("2\n2\n1\n1\n3\n")
    )  # trigger, may_go, may_trigger, on_enter_state, run
    assert main(["play", str(RESERVED), "--plain"]) == 0
    assert "== Ending: Done (good) ==" in capsys.readouterr().out


def test_building_makes_only_what_transitions_needs_the_rest_on_first_use() -> None:
    """Feedback and each scene's trigger index are made when a run first needs them, then reused."""
    loaded = load_scenario(TINY)
    machine = loaded.machine
    assert machine._feedback == {} and dict(machine.triggers) == {}
    # No callback per transition: one machine-wide prepare for every trigger (a prepare on each choice's
    # first transition was a quarter of building 10,000 scenes' machine).
    assert len(machine.machine.prepare_event) == 1
    for event in machine.machine.events.values():
        for transitions in event.transitions.values():
            assert all(not t.prepare and not t.before and not t.after for t in transitions)
    run = loaded.new_run()
    first = run.choose("accept")
    assert set(machine.triggers) == {"opening"}
    assert {feedback.choice_id for feedback in machine._feedback.values()} == {"beg", "accept"}  # the scene's
    run.take_back()
    assert run.choose("accept") is first  # the same feedback, not made again
    run.offered()
    assert set(machine.triggers) == {"opening", "second"}
