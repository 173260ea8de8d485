"""The replay viewer shows the file's name through the sanitiser: an OSC in it never retitles the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.core.replays.reader import read_replay
from trainer.core.replays.resolver import ScenarioResolver
from trainer.tui.app import make_app

OSC = "\x1b]0;owned\x07"


@pytest.mark.asyncio
async def test_the_replay_viewer_subtitle_shows_the_file_name_escaped(
    replay_library: Path, isolated_data_dir: Path, write_replay
) -> None:
    path = write_replay(replay_library / "tiny.yaml", ["accept"])
    hostile = path.with_name(f"run{OSC}.jsonl")
    path.rename(hostile)
    app = make_app(isolated_data_dir, replay=read_replay(hostile, ScenarioResolver(isolated_data_dir), keep_moves=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "\x1b" not in app.screen.sub_title
        assert app.screen.sub_title == "Replay run\\x1b]0;owned\\x07.jsonl"
