"""The library lists a user's copy of a bundled scenario once, marked as theirs; its play screen says so too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from trainer.tui.app import TrainerApp
from trainer.tui.screens.play import PlayScreen

pytestmark = pytest.mark.asyncio


async def test_your_version_is_listed_once_and_marked(
    new_app: Callable[..., TrainerApp], isolated_data_dir: Path, fixture_library: Path, settle
) -> None:
    folder = isolated_data_dir / "scenarios"
    folder.mkdir()
    text = (fixture_library / "day-three.yaml").read_text()
    (folder / "zz-copy.yaml").write_text(text.replace("title: Day Three", "title: Day Three, mine"))
    app = new_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)  # the library loads in a worker
        table = app.screen.query_one("#scenarios", DataTable)
        titles = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert titles == ["Day Three, mine · yours", "The Kitchen Table"]
        preview = str(app.screen.query_one("#preview-text", Static).render())
        assert "Your version of a bundled scenario (it replaces the bundled one)" in preview
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.sub_title == "Day Three, mine · your version"
