"""The shuffled order on screen: --seed reproduces it in the app and in --plain, and the replay viewer shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from trainer.core.replays.reader import read_replay
from trainer.core.replays.recorder import recorder_of, start_recorded_run
from trainer.core.replays.resolver import ScenarioResolver
from trainer.core.scenario.loader import load_scenario
from trainer.tui.app import make_app
from trainer.tui.screens.play import PlayScreen

SHUFFLED = Path(__file__).parents[1] / "scenarios" / "shuffled.yaml"


def shown_order(seed: int) -> list[str]:
    return [choice.id for choice in load_scenario(SHUFFLED).new_run(seed).offered()]


def texts(ids: list[str]) -> list[str]:
    scene = load_scenario(SHUFFLED).file.scenes["opening"]
    by_id = {choice.id: choice.text for choice in scene.choices}
    return [by_id[choice_id] for choice_id in ids]


@pytest.mark.asyncio
async def test_the_app_with_a_seed_shows_that_seeds_order(isolated_data_dir: Path) -> None:
    seed = next(s for s in range(100) if shown_order(s) != ["beg", "argue", "accept", "ask"])
    app = make_app(isolated_data_dir, start_scenario=load_scenario(SHUFFLED), seed=seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        options = screen.query_one("#choices", OptionList)
        assert [options.get_option_at_index(i).id for i in range(options.option_count)] == shown_order(seed)
        assert screen.session is not None and screen.session.seed == seed


@pytest.mark.asyncio
async def test_the_viewer_numbers_the_choices_as_the_player_saw_them(isolated_data_dir: Path, read_screen) -> None:
    scenario = load_scenario(SHUFFLED)
    seed = next(s for s in range(100) if shown_order(s)[0] != "beg")
    run = start_recorded_run(scenario, isolated_data_dir, seed=seed)
    run.choose("beg")
    recorder = recorder_of(run)
    assert recorder is not None
    order = shown_order(seed)
    viewer = make_app(
        isolated_data_dir,
        replay=read_replay(recorder.path, ScenarioResolver(isolated_data_dir, preloaded=(scenario,)), keep_moves=True),
    )
    async with viewer.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = read_screen(viewer)
        assert f"You chose  {order.index('beg') + 1}. Please, no." in text
        listed = [line.strip() for line in text.splitlines() if line.strip()[:2] in ("1.", "2.", "3.", "4.")]
        others = [choice_id for choice_id in order if choice_id != "beg"]
        for line, choice_id, written in zip(listed, others, texts(others), strict=True):
            assert line.startswith(f"{order.index(choice_id) + 1}. ") and written in line


def test_plain_play_with_a_seed_shows_that_seeds_order(run_trainer) -> None:
    seed = next(s for s in range(100) if shown_order(s) != ["beg", "argue", "accept", "ask"])
    done = run_trainer("play", str(SHUFFLED), "--plain", "--seed", str(seed), stdin="q\n")
    assert done.returncode == 0, done.stderr
    printed = [line.strip() for line in done.stdout.splitlines() if line.startswith("  ") and ". " in line]
    assert printed == [f"{n}. {text}" for n, text in enumerate(texts(shown_order(seed)), start=1)]


def test_a_seed_is_refused_with_resume(run_trainer) -> None:
    done = run_trainer("play", str(SHUFFLED), "--plain", "--resume", "--seed", "3")
    assert done.returncode != 0
    assert "a resumed run keeps the seed in its replay" in done.stderr
