"""The tally chart's bars: proportional to the largest count, never empty for a non-zero count."""

from __future__ import annotations

import pytest

from trainer.tui.widgets.tally_chart import BAR_CELLS, bar


def test_bars_are_proportional_with_at_least_one_block() -> None:
    assert bar(3, 3) == "█" * BAR_CELLS
    assert bar(1, 3) == "█" * (BAR_CELLS // 3)
    assert bar(1, 1000) == "█"
    assert bar(0, 3) == ""


@pytest.mark.asyncio
async def test_a_long_label_keeps_a_space_before_its_bar() -> None:
    # 'Stretching the contact' (22 characters) filled the fixed 24-cell column with its mark: no gap.
    from textual.app import App, ComposeResult

    from tests.conftest import screen_text
    from trainer.core.scenario.model import Category
    from trainer.tui.widgets.tally_chart import TallyChart

    rubric = {
        "reaching_out": Category(label="Stretching the contact", kind="mistake", points=-2, about="Contact."),
        "graceful": Category(label="Graceful", kind="good", points=3, about="Kind."),
    }

    class Chart(App[None]):
        def compose(self) -> ComposeResult:
            yield TallyChart({"reaching_out": 3, "graceful": 1}, rubric)

    app = Chart()
    async with app.run_test(size=(80, 6)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
    row = next(line for line in lines if "Stretching the contact" in line)
    assert "Stretching the contact █" in row
    graceful = next(line for line in lines if "Graceful" in line)
    assert graceful.index("█") == row.index("█")  # the bars still start in one column


@pytest.mark.asyncio
async def test_self_blame_is_tallied_with_its_own_gentle_mark() -> None:
    # The debrief's tally showed "✗ Self-blame" like any mistake.
    from textual.app import App, ComposeResult

    from tests.conftest import screen_text
    from trainer.core.scenario.rubric import DEFAULT_RUBRIC
    from trainer.tui.widgets.tally_chart import TallyChart

    class Chart(App[None]):
        def compose(self) -> ComposeResult:
            yield TallyChart({"weakness": 1, "self_blame": 2}, DEFAULT_RUBRIC)

    app = Chart()
    async with app.run_test(size=(80, 4)) as pilot:
        await pilot.pause()
        text = screen_text(app)
    assert "◦ Self-blame" in text and "✗ Self-blame" not in text
    assert "✗ Weakness" in text
